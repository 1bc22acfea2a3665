package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.estimator.IterativeBuilder;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.RankSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings several estimators share ({@code seed}, {@code maxIterations}, {@code
 * tolerance}) are set once, in {@link SeededBuilder} and {@link IterativeBuilder}: the same
 * checks and messages on every builder, each estimator's own defaults, and the values reach the
 * settings record and survive {@code toBuilder()}.
 */
class SharedSettingsTest {

  @Test
  void everyIterativeBuilderChecksTheSameWay() {
    for (IterativeBuilder<?> b : List.<IterativeBuilder<?>>of(Nmf.builder(), MiniBatchNmf.builder(),
        KMeans.builder(), MiniBatchKMeans.builder())) {
      assertThatThrownBy(() -> b.maxIterations(0))
          .hasMessage("maxIterations must be >= 1, was 0");
      assertThatThrownBy(() -> b.tolerance(-1e-3))
          .hasMessage("tolerance must be finite and >= 0, was -0.001");
      assertThatThrownBy(() -> b.tolerance(Double.NaN))
          .hasMessage("tolerance must be finite and >= 0, was NaN");
      assertThatThrownBy(() -> b.tolerance(Double.POSITIVE_INFINITY))
          .hasMessage("tolerance must be finite and >= 0, was Infinity");
    }
  }

  @Test
  void eachEstimatorKeepsItsDefaults() {
    assertThat(Nmf.builder().rank(2).build().settings().maxIterations()).isEqualTo(200);
    assertThat(Nmf.builder().rank(2).build().settings().tolerance()).isEqualTo(1e-4);
    assertThat(MiniBatchNmf.builder().rank(2).build().settings().maxIterations()).isEqualTo(200);
    assertThat(MiniBatchNmf.builder().rank(2).build().settings().tolerance()).isEqualTo(1e-4);
    assertThat(KMeans.builder().build().settings().maxIterations()).isEqualTo(300);
    assertThat(KMeans.builder().build().settings().tolerance()).isEqualTo(1e-4);
    assertThat(MiniBatchKMeans.builder().build().settings().maxIterations()).isEqualTo(100);
    assertThat(MiniBatchKMeans.builder().build().settings().tolerance()).isEqualTo(0);
    assertThat(Pca.builder().build().settings().seed()).isEqualTo(0);
  }

  @Test
  void theSharedValuesReachTheSettingsAndSurviveToBuilder() {
    Nmf nmf = Nmf.builder().rank(2).seed(-3).maxIterations(7).tolerance(0.5).build();
    assertThat(nmf.toBuilder().build().settings()).isEqualTo(nmf.settings());
    assertThat(nmf.settings().seed()).isEqualTo(-3);
    assertThat(nmf.settings().maxIterations()).isEqualTo(7);
    assertThat(nmf.settings().tolerance()).isEqualTo(0.5);
    KMeans kMeans = KMeans.builder().seed(11).maxIterations(9).tolerance(0).build();
    assertThat(kMeans.toBuilder().build().settings()).isEqualTo(kMeans.settings());
    assertThat(kMeans.settings().seed()).isEqualTo(11);
    assertThat(MiniBatchKMeans.builder().seed(4).maxIterations(3).tolerance(2).build()
        .toBuilder().build().settings()).satisfies(s -> {
          assertThat(s.seed()).isEqualTo(4);
          assertThat(s.maxIterations()).isEqualTo(3);
          assertThat(s.tolerance()).isEqualTo(2);
        });
    assertThat(MiniBatchNmf.builder().rank(2).seed(6).maxIterations(4).tolerance(0).build()
        .toBuilder().build().settings()).satisfies(s -> {
          assertThat(s.seed()).isEqualTo(6);
          assertThat(s.maxIterations()).isEqualTo(4);
          assertThat(s.tolerance()).isEqualTo(0);
        });
    assertThat(Pca.builder().seed(8).build().toBuilder().build().settings().seed()).isEqualTo(8);
    assertThat(Segmentation.builder().seed(8).build().toBuilder().build().settings().seed())
        .isEqualTo(8);
    assertThat(SpectralClustering.builder().seed(8).build().toBuilder().build().settings().seed())
        .isEqualTo(8);
    assertThat(RankSelection.builder().rankRange(2, 3).seed(8).build().toBuilder().build()
        .settings().seed()).isEqualTo(8);
    assertThat(Consensus.builder().rank(2).seed(8).build().toBuilder().build().settings().seed())
        .isEqualTo(8);
  }
}
