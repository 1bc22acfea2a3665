package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.testing.Blobs;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansParallelTest {

  private static KMeans.Builder parallel() {
    return KMeans.builder().initialization(KMeansInit.K_MEANS_PARALLEL);
  }

  @Test
  void wellSeparatedBlobsAreRecovered() {
    Blobs blobs = Blobs.generate(1, 3000, 5, 8, 30, 0.5);
    KMeansModel model = parallel().k(8).seed(3).fit(blobs.points());
    assertThat(ClusteringMetrics.adjustedRandIndex(blobs.labels(), model.labels()))
        .isEqualTo(1.0);
  }

  @Test
  void seedsAsWellAsKMeansPlusPlusAndBetterThanRandomOnAGridOfBlobs() {
    SplittableRandom random = new SplittableRandom(11);
    double[] centres = new double[25 * 2];
    for (int c = 0; c < 25; c++) {
      centres[2 * c] = 10 * (c % 5);
      centres[2 * c + 1] = 10 * (c / 5);
    }
    Matrix points = Blobs.around(random, 4000, 2, centres, 0.7).points();
    double par = 0;
    double plusPlus = 0;
    double uniform = 0;
    for (long seed = 0; seed < 10; seed++) {
      par += fit(points, KMeansInit.K_MEANS_PARALLEL, seed) / 10;
      plusPlus += fit(points, KMeansInit.K_MEANS_PLUS_PLUS, seed) / 10;
      uniform += fit(points, KMeansInit.RANDOM, seed) / 10;
    }
    assertThat(par).isLessThan(1.1 * plusPlus).isLessThan(0.8 * uniform);
  }

  private static double fit(Matrix points, KMeansInit init, long seed) {
    return KMeans.builder().k(25).initialization(init).restarts(1).seed(seed).fit(points)
        .inertia();
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCountAndDependOnTheSeed() {
    Matrix points = Blobs.generate(4, 50_000, 4, 10, 3, 1.0).points();
    double[] x = points.toRowMajorArray();
    double[] one = ParallelSeeding.seed(x, 50_000, 4, 10, 5, 2, new SplittableRandom(7),
        Parallel.of(1));
    for (int threads : new int[] {2, 3, 8}) {
      double[] other = ParallelSeeding.seed(x, 50_000, 4, 10, 5, 2, new SplittableRandom(7),
          Parallel.of(threads));
      assertThat(other).as("threads=%d", threads).isEqualTo(one);
    }
    double[] otherSeed = ParallelSeeding.seed(x, 50_000, 4, 10, 5, 2, new SplittableRandom(8),
        Parallel.of(1));
    assertThat(otherSeed).isNotEqualTo(one);
    KMeansModel a = parallel().k(10).seed(7).threads(1).fit(points);
    KMeansModel b = parallel().k(10).seed(7).threads(8).fit(points);
    assertThat(b.centroids()).isEqualTo(a.centroids());
    assertThat(b.labels()).isEqualTo(a.labels());
  }

  @Test
  void tooFewCandidatesAreToppedUpWithTheFarthestPoints() {
    // An oversampling so small that no round keeps a point: the farthest points fill up k.
    double[][] rows = {{0, 0}, {0, 0}, {1, 0}, {5, 5}, {5, 5}, {9, 0}, {0, 9}};
    Matrix points = Matrix.of(rows);
    double[] c = ParallelSeeding.seed(points.toRowMajorArray(), 7, 2, 5, 1, 1e-9,
        new SplittableRandom(1), Parallel.of(1));
    assertThat(Checks.distinctRows(c, 5, 2, 5)).isEqualTo(5);
    KMeansModel model = parallel().k(5).oversampling(1e-9).parallelRounds(1).fit(points);
    assertThat(model.labels()).containsOnly(0, 1, 2, 3, 4);
  }

  @Test
  void theCoinsAreUniform() {
    int below = 0;
    for (int i = 0; i < 100_000; i++) {
      double u = ParallelSeeding.uniform(42, i);
      assertThat(u).isBetween(0.0, 1.0).isNotEqualTo(1.0);
      below += u < 0.25 ? 1 : 0;
    }
    assertThat(below).isBetween(24_500, 25_500);
  }

  @Test
  void settingsAndBadInput() {
    KMeans k = parallel().k(3).parallelRounds(2).oversampling(0.5).build();
    assertThat(k.settings().parallelRounds()).isEqualTo(2);
    assertThat(k.settings().oversampling()).isEqualTo(0.5);
    assertThat(k.toBuilder().build().settings()).isEqualTo(k.settings());
    assertThat(k.toString()).contains("parallelRounds=2", "oversampling=0.5");
    assertThat(k.settings().restarts()).isEqualTo(1);
    assertThatThrownBy(() -> KMeans.builder().parallelRounds(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelRounds must be >= 1, was 0");
    assertThatThrownBy(() -> KMeans.builder().oversampling(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("oversampling must be finite and > 0, was 0.0");
    assertThatThrownBy(() -> KMeans.builder().oversampling(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("oversampling must be finite and > 0, was NaN");
    SparseMatrix sparse = SparseMatrix.of(Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}));
    assertThatThrownBy(() -> k.fit(sparse))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("initialization K_MEANS_PARALLEL is not supported for"
            + " SparseMatrix points");
  }
}
