package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.cluster.SpectralModel;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.DistributedNmfModel;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code executor} option of the builders and of the models' {@code transform} and {@code
 * predict}: the helpers run on the user's executor, and the results are those of the default
 * pool, also when the executor never runs what it is given. Models keep no executor.
 */
class ExecutorOptionTest {

  private ExecutorService pool;
  private final AtomicInteger handedOver = new AtomicInteger();
  private Executor counting;
  private final Executor neverRuns = task -> { };

  @BeforeEach
  void startPool() {
    pool = Executors.newFixedThreadPool(2);
    counting = task -> {
      handedOver.incrementAndGet();
      pool.execute(task);
    };
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void nmfFitAndTransform() {
    Matrix v = random(400, 120, 1);
    Nmf nmf = Nmf.builder().rank(6).seed(3).maxIterations(30).threads(3).build();
    NmfModel reference = nmf.fit(v);
    for (Executor executor : new Executor[] {counting, neverRuns}) {
      Nmf configured = nmf.toBuilder().executor(executor).build();
      assertThat(configured.executor()).containsSame(executor);
      NmfModel model = configured.fit(v);
      assertThat(model.w()).isEqualTo(reference.w());
      assertThat(model.h()).isEqualTo(reference.h());
      assertThat(model.transform(v)).isEqualTo(reference.transform(v));
      assertThat(reference.transform(v, executor)).isEqualTo(reference.transform(v));
      Matrix weights = reference.transform(v);
      assertThat(reference.inverseTransform(weights, executor))
          .isEqualTo(reference.inverseTransform(weights));
    }
    assertThat(handedOver.get()).as("helpers handed to the user's executor").isPositive();
  }

  @Test
  void kMeansFitAndPredict() {
    Matrix points = random(40_000, 20, 2);
    KMeans kMeans = KMeans.builder().k(7).seed(1).threads(3).build();
    KMeansModel reference = kMeans.fit(points);
    for (Executor executor : new Executor[] {counting, neverRuns}) {
      KMeansModel model = KMeans.builder().k(7).seed(1).threads(3).executor(executor).build()
          .fit(points);
      assertThat(model.centroids()).isEqualTo(reference.centroids());
      assertThat(model.labels()).isEqualTo(reference.labels());
      assertThat(model.predict(points)).isEqualTo(reference.labels());
      assertThat(reference.predict(points, executor)).isEqualTo(reference.labels());
      assertThat(reference.transform(points, executor)).isEqualTo(reference.transform(points));
    }
    assertThat(handedOver.get()).isPositive();
  }

  @Test
  void agglomerativeFit() {
    Matrix points = random(2000, 40, 3);
    int[] reference = Agglomerative.builder().clusters(4).threads(3).build().fit(points).labels();
    for (Executor executor : new Executor[] {counting, neverRuns}) {
      assertThat(Agglomerative.builder().clusters(4).threads(3).executor(executor).build()
          .fit(points).labels()).isEqualTo(reference);
    }
    assertThat(handedOver.get()).isPositive();
  }

  @Test
  void spectralFit() {
    Matrix points = random(3000, 3, 5);
    SpectralClustering spectral = SpectralClustering.builder().clusters(4)
        .affinity(Affinity.NEAREST_NEIGHBORS).seed(2).threads(3).build();
    SpectralModel reference = spectral.fit(points);
    for (Executor executor : new Executor[] {counting, neverRuns}) {
      SpectralModel model = spectral.toBuilder().executor(executor).build().fit(points);
      assertThat(model.labels()).isEqualTo(reference.labels());
      assertThat(model.embedding()).isEqualTo(reference.embedding());
    }
    assertThat(handedOver.get()).isPositive();
  }

  @Test
  void pcaFitAndTransform() {
    Matrix x = random(2000, 60, 4);
    PcaModel reference = Pca.builder().components(5).threads(3).build().fit(x);
    for (Executor executor : new Executor[] {counting, neverRuns}) {
      PcaModel model = Pca.builder().components(5).threads(3).executor(executor).build().fit(x);
      assertThat(model.components()).isEqualTo(reference.components());
      assertThat(model.transform(x)).isEqualTo(reference.transform(x));
      Matrix scores = reference.transform(x, executor);
      assertThat(scores).isEqualTo(reference.transform(x));
      assertThat(reference.inverseTransform(scores, executor))
          .isEqualTo(reference.inverseTransform(scores));
    }
    assertThat(handedOver.get()).isPositive();
  }

  /**
   * Pins what {@code EstimatorBuilder.executor} says of executors that do not run helpers: a
   * shut-down pool rejects them and the fit runs on fewer threads to the same result; an
   * executor that fails otherwise fails the fit with its own exception; the library shuts no
   * executor down.
   */
  @Test
  void aRejectingExecutorGivesTheSameResultAndAFailingOneFailsTheFit() {
    Matrix v = random(400, 120, 1);
    Nmf nmf = Nmf.builder().rank(6).seed(3).maxIterations(10).threads(3).build();
    NmfModel reference = nmf.fit(v);
    ExecutorService shutDown = Executors.newFixedThreadPool(2);
    shutDown.shutdown();
    assertThat(nmf.toBuilder().executor(shutDown).build().fit(v).w()).isEqualTo(reference.w());
    IllegalStateException broken = new IllegalStateException("broken executor");
    assertThatThrownBy(() -> nmf.toBuilder().executor(task -> {
      throw broken;
    }).build().fit(v)).isSameAs(broken);
    nmf.toBuilder().executor(pool).build().fit(v);
    assertThat(pool.isShutdown()).isFalse();
  }

  @Test
  void nullRestoresTheDefault() {
    Nmf nmf = Nmf.builder().rank(2).executor(counting).executor(null).build();
    assertThat(nmf.executor()).isEmpty();
    assertThat(KMeans.builder().build().executor()).isEmpty();
  }

  @Test
  void modelsKeepNoExecutorNorListener() {
    for (Class<?> model : new Class<?>[] {NmfModel.class, KMeansModel.class, PcaModel.class,
        SpectralModel.class, AgglomerativeModel.class, DistributedNmfModel.class}) {
      assertThat(model.getDeclaredFields()).as(model.getSimpleName())
          .noneMatch(f -> Executor.class.isAssignableFrom(f.getType())
              || ProgressListener.class.isAssignableFrom(f.getType()));
    }
  }

  private static Matrix random(int rows, int cols, long seed) {
    Random random = new Random(seed);
    double[] a = new double[rows * cols];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble();
    }
    return Matrix.wrap(rows, cols, a);
  }
}
