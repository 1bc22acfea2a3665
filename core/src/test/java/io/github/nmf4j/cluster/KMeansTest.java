package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class KMeansTest {

  /** Relative slack for sums that are equal in exact arithmetic but rounded differently. */
  private static final double ROUNDING = 1e-12;

  @Test
  void wellSeparatedBlobsAreRecoveredExactly() {
    Blobs blobs = Blobs.generate(1, 600, 5, 6, 20, 0.5);
    for (KMeansInit init : KMeansInit.values()) {
      KMeansModel model = KMeans.builder().k(6).initialization(init).seed(3).fit(blobs.points());
      assertThat(ClusteringMetrics.adjustedRandIndex(blobs.labels(), model.labels()))
          .as("%s", init)
          .isEqualTo(1.0);
      assertThat(model.converged()).isTrue();
    }
  }

  @Test
  void inertiaNeverIncreasesAcrossLloydIterations() {
    Matrix points = Blobs.generate(2, 3000, 3, 12, 2, 1.0).points();
    for (KMeansInit init : KMeansInit.values()) {
      List<Double> inertias = new ArrayList<>();
      KMeansModel model = KMeans.builder().k(12).initialization(init).restarts(1).tolerance(0)
          .seed(5).listener(p -> inertias.add(p.loss().getAsDouble())).fit(points);
      assertThat(inertias).hasSize(model.iterations()).hasSizeGreaterThan(5);
      for (int i = 1; i < inertias.size(); i++) {
        assertThat(inertias.get(i)).as("%s iteration %d", init, i + 1)
            .isLessThanOrEqualTo(inertias.get(i - 1) * (1 + ROUNDING));
      }
      assertThat(model.inertia())
          .isLessThanOrEqualTo(inertias.get(inertias.size() - 1) * (1 + ROUNDING));
    }
  }

  @Test
  void kMeansPlusPlusBeatsRandomSeedingOnAverage() {
    // 25 tight blobs on a grid: random seeding often puts two centroids in one
    // blob and none in another, a local minimum Lloyd cannot leave.
    SplittableRandom random = new SplittableRandom(11);
    int side = 5;
    double[] centres = new double[side * side * 2];
    for (int c = 0; c < side * side; c++) {
      centres[2 * c] = 10 * (c % side);
      centres[2 * c + 1] = 10 * (c / side);
    }
    Matrix points = Blobs.around(random, 2000, 2, centres, 0.7).points();
    double plusPlus = 0;
    double uniform = 0;
    int seeds = 20;
    for (long seed = 0; seed < seeds; seed++) {
      plusPlus += fit(points, KMeansInit.K_MEANS_PLUS_PLUS, seed).inertia() / seeds;
      uniform += fit(points, KMeansInit.RANDOM, seed).inertia() / seeds;
    }
    assertThat(plusPlus).isLessThan(0.8 * uniform);
  }

  private static KMeansModel fit(Matrix points, KMeansInit init, long seed) {
    return KMeans.builder().k(25).initialization(init).restarts(1).seed(seed).fit(points);
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    // Many chunks; d = 3 takes the pixel kernel, d = 5 the general one; RANDOM re-seeds empties.
    for (int d : new int[] {3, 5}) {
      Matrix points = Blobs.generate(4, 50_000, d, 10, 3, 1.0).points();
      for (KMeansInit init : KMeansInit.values()) {
        KMeansModel one = fitThreads(points, init, 1);
        for (int threads : new int[] {2, 3, 8}) {
          KMeansModel other = fitThreads(points, init, threads);
          assertThat(other.centroids()).as("d=%d %s threads=%d", d, init, threads)
              .isEqualTo(one.centroids());
          assertThat(other.labels()).isEqualTo(one.labels());
          assertThat(other.inertia()).isEqualTo(one.inertia());
          assertThat(other.iterations()).isEqualTo(one.iterations());
        }
      }
    }
  }

  private static KMeansModel fitThreads(Matrix points, KMeansInit init, int threads) {
    return KMeans.builder().k(10).initialization(init).restarts(2).maxIterations(20).seed(9)
        .threads(threads).fit(points);
  }

  @Test
  void moreRestartsNeverGiveHigherInertia() {
    Matrix points = Blobs.generate(6, 1000, 2, 15, 3, 1.0).points();
    KMeansModel one = KMeans.builder().k(15).restarts(1).seed(8).fit(points);
    KMeansModel ten = KMeans.builder().k(15).restarts(10).seed(8).fit(points);
    assertThat(ten.inertia()).isLessThanOrEqualTo(one.inertia());
  }

  @Test
  void emptyClustersAreReseededAtTheFarthestPoint() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}});
    // The third centroid attracts no point, and the second duplicates the first (tie -> first).
    Matrix init = Matrix.of(new double[][] {{5, 5}, {5, 5}, {100, 100}});
    KMeansModel model = KMeans.builder().initialCentroids(init).fit(points);
    assertThat(model.labels()).containsOnly(0, 1, 2);
    assertThat(java.util.Arrays.stream(model.centroids().toRowMajorArray())).allMatch(Double::isFinite);
    assertThat(model.inertia()).isFinite();
  }

  @Test
  void kEqualToNumberOfPointsGivesZeroInertia() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {1, 2}, {5, 5}, {-1, 3}});
    KMeansModel model = KMeans.builder().k(4).fit(points);
    assertThat(model.inertia()).isZero();
    assertThat(model.labels()).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void oneClusterIsTheMean() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {1, 2}, {5, 4}});
    KMeansModel model = KMeans.builder().k(1).fit(points);
    assertThat(model.centroids().row(0)).containsExactly(2, 2);
    assertThat(model.inertia()).isCloseTo(4 + 4 + 1 + 0 + 9 + 4, within(1e-12));
  }

  @Test
  void predictAndTransformAgreeWithTheFit() {
    Blobs blobs = Blobs.generate(7, 500, 4, 5, 10, 1.0);
    KMeansModel model = KMeans.builder().k(5).seed(1).fit(blobs.points());
    assertThat(model.predict(blobs.points())).isEqualTo(model.labels());
    Matrix distances = model.transform(blobs.points());
    assertThat(distances.shape()).isEqualTo("500x5");
    double inertia = 0;
    int[] labels = model.labels();
    for (int i = 0; i < 500; i++) {
      double d = distances.get(i, labels[i]);
      inertia += d * d;
      for (int j = 0; j < 5; j++) {
        assertThat(distances.get(i, j)).isGreaterThanOrEqualTo(distances.get(i, labels[i]));
      }
    }
    assertThat(inertia).isCloseTo(model.inertia(), within(model.inertia() * 1e-12));
    assertThat(model.predict(Matrix.zeros(0, 4))).isEmpty();
  }

  @Test
  void modelReturnsCopiesAndRecordsItsSettings() {
    Matrix points = Blobs.generate(8, 100, 2, 3, 10, 1.0).points();
    KMeans kMeans = KMeans.builder().k(3).seed(77).build();
    KMeansModel model = kMeans.fit(points);
    int[] labels = model.labels();
    labels[0] = 99;
    assertThat(model.labels()[0]).isNotEqualTo(99);
    assertThat(model.settings()).isSameAs(kMeans.settings());
    assertThat(model.settings().seed()).isEqualTo(77);
    assertThat(model.k()).isEqualTo(3);
    assertThat(model.features()).isEqualTo(2);
    assertThat(kMeans.settings().restarts()).isEqualTo(1);
    assertThat(KMeans.builder().initialization(KMeansInit.RANDOM).build().settings().restarts())
        .isEqualTo(10);
  }

  @Test
  void sameSeedSameResultAndFitDoesNotModifyInput() {
    Matrix points = Blobs.generate(9, 800, 3, 6, 3, 1.0).points();
    double[] before = points.toRowMajorArray();
    KMeans kMeans = KMeans.builder().k(6).seed(5).build();
    KMeansModel a = kMeans.fit(points);
    KMeansModel b = kMeans.fit(points);
    assertThat(a.centroids()).isEqualTo(b.centroids());
    assertThat(a.labels()).isEqualTo(b.labels());
    assertThat(points.toRowMajorArray()).isEqualTo(before);
  }

  @Test
  void maxIterationsBoundsTheIterations() {
    Matrix points = Blobs.generate(10, 2000, 2, 20, 2, 1.0).points();
    KMeansModel model = KMeans.builder().k(20).maxIterations(1).fit(points);
    assertThat(model.iterations()).isEqualTo(1);
    assertThat(model.converged()).isFalse();
    assertThat(model.predict(points)).isEqualTo(model.labels());
  }

  @Test
  void listenerCanCancel() {
    Matrix points = Blobs.generate(11, 2000, 2, 20, 2, 1.0).points();
    List<Integer> seen = new ArrayList<>();
    KMeans kMeans = KMeans.builder().k(20).tolerance(0).listener(p -> {
      seen.add(p.iteration());
      if (p.iteration() == 2) {
        p.cancel();
      }
    }).build();
    assertThatThrownBy(() -> kMeans.fit(points)).isInstanceOf(CancellationException.class);
    assertThat(seen).containsExactly(1, 2);
  }

  @Test
  void interruptCancels() {
    Matrix points = Blobs.generate(12, 2000, 2, 10, 2, 1.0).points();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> KMeans.builder().k(10).threads(2).fit(points))
          .isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
