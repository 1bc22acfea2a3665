package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.cluster.SpectralModel;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.decomposition.PcaSolver;
import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The shape every estimator shares: {@code toBuilder()} gives back the same settings, executor
 * and listener; the model records the settings (data only); one {@link Progress} type reports
 * every fit and can cancel it.
 */
class EstimatorShapeTest {

  private static final Executor SAME_THREAD = Runnable::run;

  private final Matrix points = Blobs.generate(5, 60, 3, 3, 4, 0.5).points();

  @Test
  void nmfToBuilderKeepsEverySettingAndTheModelRecordsThem() {
    ProgressListener listener = p -> { };
    Nmf nmf = Nmf.builder().rank(2).loss(Loss.KULLBACK_LEIBLER)
        .initialization(Initialization.RANDOM).maxIterations(17).tolerance(1e-3).checkEvery(4)
        .epsilon(1e-9).seed(8).restarts(3).threads(2).executor(SAME_THREAD).listener(listener)
        .build();
    Nmf copy = nmf.toBuilder().build();
    assertThat(copy.settings()).isEqualTo(nmf.settings());
    assertThat(copy.executor()).containsSame(SAME_THREAD);
    assertThat(copy.listener()).isSameAs(listener);
    assertThat(nmf.toBuilder().seed(9).build().settings().seed()).isEqualTo(9);
    assertThat(nmf.settings().seed()).isEqualTo(8);

    NmfModel model = nmf.fit(Matrix.of(new double[][] {{1, 2, 0}, {2, 4, 1}, {0, 1, 3}}));
    assertThat(model.settings()).isEqualTo(nmf.settings());
  }

  @Test
  void kMeansToBuilderKeepsEverySetting() {
    KMeans kMeans = KMeans.builder().k(3).initialization(KMeansInit.RANDOM).maxIterations(50)
        .tolerance(0).seed(4).threads(3).executor(SAME_THREAD).build();
    KMeans copy = kMeans.toBuilder().build();
    assertThat(copy.settings()).isEqualTo(kMeans.settings());
    assertThat(copy.settings().restarts()).isEqualTo(10);
    assertThat(copy.executor()).containsSame(SAME_THREAD);
    assertThat(copy.fit(points).labels()).isEqualTo(kMeans.fit(points).labels());
  }

  @Test
  void agglomerativeToBuilderKeepsEverySetting() {
    Agglomerative agglomerative = Agglomerative.builder().linkage(Linkage.AVERAGE).clusters(3)
        .threads(2).build();
    Agglomerative copy = agglomerative.toBuilder().build();
    assertThat(copy.settings()).isEqualTo(agglomerative.settings());
    AgglomerativeModel model = copy.fit(points);
    assertThat(model.settings()).isEqualTo(agglomerative.settings());
    assertThat(model.labels()).isEqualTo(agglomerative.fit(points).labels());
  }

  @Test
  void spectralToBuilderKeepsEverySetting() {
    ProgressListener listener = p -> { };
    SpectralClustering spectral = SpectralClustering.builder().clusters(3)
        .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(8).seed(6).threads(2)
        .executor(SAME_THREAD).listener(listener).build();
    SpectralClustering copy = spectral.toBuilder().build();
    assertThat(copy.settings()).isEqualTo(spectral.settings());
    assertThat(copy.executor()).containsSame(SAME_THREAD);
    assertThat(copy.listener()).isSameAs(listener);
    SpectralModel model = copy.fit(points);
    assertThat(model.settings()).isEqualTo(spectral.settings());
    assertThat(model.labels()).isEqualTo(spectral.fit(points).labels());
  }

  @Test
  void spectralReportsItsStepsAndCanBeCancelled() {
    List<Progress> seen = new ArrayList<>();
    SpectralModel model = SpectralClustering.builder().clusters(3).listener(seen::add)
        .fit(points);
    assertThat(seen).extracting(Progress::iteration).startsWith(1)
        .endsWith(model.eigenIterations() + 2);
    List<Progress> cancelled = new ArrayList<>();
    assertThatThrownBy(() -> SpectralClustering.builder().clusters(3)
        .listener(cancelAt(2, cancelled)).fit(points))
        .isInstanceOf(CancellationException.class);
    assertThat(cancelled).hasSize(2);
  }

  @Test
  void pcaToBuilderKeepsEverySettingAndNotSetStaysEmpty() {
    Pca all = Pca.builder().solver(PcaSolver.EXACT).seed(2).threads(1).build();
    assertThat(all.settings().components()).isEmpty();
    assertThat(all.toBuilder().build().settings()).isEqualTo(all.settings());
    Pca two = all.toBuilder().components(2).build();
    assertThat(two.settings().components()).isEqualTo(OptionalInt.of(2));
    PcaModel model = two.fit(points);
    assertThat(model.settings()).isEqualTo(two.settings());
    assertThat(model.componentCount()).isEqualTo(2);
    assertThat(all.fit(points).componentCount()).isEqualTo(3);
  }

  @Test
  void everyBuilderRejectsANullListenerAndTooFewThreads() {
    List<Runnable> nulls = List.of(() -> Nmf.builder().listener(null),
        () -> KMeans.builder().listener(null), () -> Agglomerative.builder().listener(null),
        () -> Pca.builder().listener(null), () -> SpectralClustering.builder().listener(null),
        () -> MiniBatchKMeans.builder().listener(null), () -> MiniBatchNmf.builder().listener(null),
        () -> RankSelection.builder().listener(null), () -> Consensus.builder().listener(null),
        () -> Segmentation.builder().listener(null));
    for (Runnable r : nulls) {
      assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("listener must not be null");
    }
    List<Runnable> zeros = List.of(() -> Nmf.builder().threads(0),
        () -> KMeans.builder().threads(0), () -> Agglomerative.builder().threads(0),
        () -> Pca.builder().threads(0), () -> SpectralClustering.builder().threads(0),
        () -> MiniBatchKMeans.builder().threads(0), () -> MiniBatchNmf.builder().threads(0),
        () -> RankSelection.builder().threads(0), () -> Consensus.builder().threads(0),
        () -> Segmentation.builder().threads(0));
    for (Runnable r : zeros) {
      assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("threads must be >= 1, was 0");
    }
  }

  @Test
  void nmfReportsTheLossEveryCheckAndStopsWhenCancelled() {
    List<Progress> seen = new ArrayList<>();
    Nmf nmf = Nmf.builder().rank(2).checkEvery(3).tolerance(0).maxIterations(50)
        .listener(cancelAt(7, seen)).build();
    Matrix v = Matrix.of(new double[][] {{1, 2, 0}, {2, 4, 1}, {0, 1, 3}});
    assertThatThrownBy(() -> nmf.fit(v)).isInstanceOf(CancellationException.class)
        .hasMessageContaining("cancelled by its listener");
    assertThat(seen).extracting(Progress::iteration).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(seen).allSatisfy(p -> assertThat(p.loss().isPresent())
        .isEqualTo(p.iteration() % 3 == 0));
    assertThat(seen).allSatisfy(p -> assertThat(p.change()).isEmpty());
    assertThat(seen.get(6).isCancelled()).isTrue();
  }

  @Test
  void kMeansReportsInertiaAndCentroidShift() {
    List<Progress> seen = new ArrayList<>();
    KMeans.builder().k(3).seed(1).restarts(2).listener(seen::add).fit(points);
    assertThat(seen).isNotEmpty();
    assertThat(seen).allSatisfy(p -> {
      assertThat(p.loss()).isPresent();
      assertThat(p.change()).isPresent();
      assertThat(p.restarts()).isEqualTo(2);
      assertThat(p.maxIterations()).isEqualTo(300);
    });
    assertThat(seen).extracting(Progress::restart).contains(0, 1);
  }

  @Test
  void agglomerativeReportsEveryMergeAndCanBeCancelled() {
    List<Progress> seen = new ArrayList<>();
    for (Linkage linkage : Linkage.values()) {
      seen.clear();
      Agglomerative.builder().linkage(linkage).listener(seen::add).fit(points);
      assertThat(seen).extracting(Progress::iteration)
          .as("%s reports merges 1..n-1", linkage).hasSize(59).startsWith(1).endsWith(59);
      assertThat(seen).allSatisfy(p -> assertThat(p.maxIterations()).isEqualTo(59));
      List<Progress> cancelled = new ArrayList<>();
      assertThatThrownBy(() -> Agglomerative.builder().linkage(linkage)
          .listener(cancelAt(10, cancelled)).fit(points))
          .isInstanceOf(CancellationException.class);
      assertThat(cancelled).hasSize(10);
    }
  }

  @Test
  void pcaReportsItsTwoStepsAndCanBeCancelledBeforeTheSvd() {
    List<Progress> seen = new ArrayList<>();
    Pca.builder().components(2).listener(seen::add).fit(points);
    assertThat(seen).extracting(Progress::iteration).containsExactly(1, 2);
    List<Progress> cancelled = new ArrayList<>();
    assertThatThrownBy(() -> Pca.builder().listener(cancelAt(1, cancelled)).fit(points))
        .isInstanceOf(CancellationException.class);
    assertThat(cancelled).hasSize(1);
  }

  /** Records every progress and cancels at step {@code step}. */
  private static ProgressListener cancelAt(int step, List<Progress> seen) {
    return p -> {
      seen.add(p);
      if (p.iteration() == step) {
        p.cancel();
      }
    };
  }
}
