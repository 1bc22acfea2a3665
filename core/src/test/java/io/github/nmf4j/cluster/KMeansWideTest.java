package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.testing.Blobs;
import io.github.nmf4j.testing.Fixture;
import io.github.nmf4j.testing.HashedBlobs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * k-means on wide data ({@link KMeans#productForm}), where the assignment step ranks the
 * centroids in product form from matrix products ({@link ProductAssignment}).
 */
class KMeansWideTest {

  /**
   * Labels come from the product form, which may rank two centroids whose squared distances
   * differ by less than {@code 2 delta = 4 (d + 8) u (|x'| + |c'|)^2} ({@code u = 2^-53}) in
   * either order; such a point raises the inertia by at most that much. The inertia of an
   * iteration is the expanded formula summed per cluster over centred points, whose rounding is
   * of the same order, {@code (d + 8) u sum_i (|x'_i| + |c'|)^2}: with {@code |x'|^2} about 1.2
   * times a point's share of the inertia here, about 1e-13 relative. 1e-10 is far above both.
   */
  private static final double MONOTONE_SLACK = 1e-10;

  /**
   * scikit-learn computes |x|^2 - 2 x.c + |c|^2 with OpenBLAS and its inertia from direct
   * distances; centroids are means of the same points summed in another order.
   */
  private static final double RELATIVE_INERTIA_TOLERANCE = 1e-9;
  private static final double CENTROID_TOLERANCE = 1e-12;

  @Test
  void matchesScikitLearnFromTheSameInitialCentroids() {
    Fixture f = Fixture.load("cluster/kmeans_wide.txt");
    double[] shape = f.doubles("shape");
    int n = (int) shape[0];
    int d = (int) shape[1];
    Matrix points = HashedBlobs.points(n, d, (int) shape[2], (long) shape[3]);
    long sum = 0;
    long squares = 0;
    for (double v : points.toRowMajorArray()) {
      long t = Math.round(v * 1000);
      sum += t;
      squares += t * t;
    }
    assertThat(new double[] {sum, squares}).as("the rebuilt points").isEqualTo(f.doubles("checksum"));
    int[] rows = f.ints("init_rows");
    double[][] init = new double[rows.length][];
    for (int j = 0; j < rows.length; j++) {
      init[j] = points.row(rows[j]);
    }
    KMeansModel model = KMeans.builder().initialCentroids(Matrix.of(init)).tolerance(1e-4)
        .threads(2).fit(points);
    assertThat(model.labels()).isEqualTo(f.ints("labels"));
    assertThat(model.iterations()).isEqualTo((int) f.scalar("iterations"));
    double[] want = f.matrix("centers").toRowMajorArray();
    double[] actual = model.centroids().toRowMajorArray();
    for (int i = 0; i < want.length; i++) {
      assertThat(actual[i]).isCloseTo(want[i], within(CENTROID_TOLERANCE));
    }
    double inertia = f.scalar("inertia");
    assertThat(model.inertia()).isCloseTo(inertia, within(inertia * RELATIVE_INERTIA_TOLERANCE));
  }

  @Test
  void wellSeparatedBlobsInManyDimensionsAreRecoveredExactly() {
    for (int d : new int[] {120, 300}) {
      Blobs blobs = Blobs.generate(d, 2_000, d, 7, 10, 1.0);
      for (KMeansInit init : KMeansInit.values()) {
        KMeansModel model = KMeans.builder().k(7).initialization(init).seed(1).fit(blobs.points());
        assertThat(ClusteringMetrics.adjustedRandIndex(blobs.labels(), model.labels()))
            .as("d=%d %s", d, init).isEqualTo(1.0);
        assertThat(model.predict(blobs.points())).isEqualTo(model.labels());
      }
    }
  }

  @Test
  void inertiaNeverIncreasesAcrossLloydIterations() {
    // Overlapping blobs: many iterations and many points near the boundary of two cells.
    Matrix points = Blobs.generate(2, 4_000, 100, 12, 1, 1.5).points();
    for (KMeansInit init : KMeansInit.values()) {
      List<Double> inertias = new ArrayList<>();
      KMeansModel model = KMeans.builder().k(12).initialization(init).restarts(1).tolerance(0)
          .seed(5).listener(p -> inertias.add(p.loss().getAsDouble())).fit(points);
      assertThat(inertias).hasSize(model.iterations()).hasSizeGreaterThan(5);
      for (int i = 1; i < inertias.size(); i++) {
        assertThat(inertias.get(i)).as("%s iteration %d", init, i + 1)
            .isLessThanOrEqualTo(inertias.get(i - 1) * (1 + MONOTONE_SLACK));
      }
      assertThat(model.inertia())
          .isLessThanOrEqualTo(inertias.get(inertias.size() - 1) * (1 + MONOTONE_SLACK));
    }
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    Matrix points = Blobs.generate(4, 20_000, 48, 10, 2, 1.5).points();
    for (KMeansInit init : KMeansInit.values()) {
      KMeansModel one = fitThreads(points, init, 1);
      for (int threads : new int[] {2, 3, 8}) {
        KMeansModel other = fitThreads(points, init, threads);
        assertThat(other.centroids()).as("%s threads=%d", init, threads)
            .isEqualTo(one.centroids());
        assertThat(other.labels()).isEqualTo(one.labels());
        assertThat(other.inertia()).isEqualTo(one.inertia());
        assertThat(other.iterations()).isEqualTo(one.iterations());
        assertThat(other.predict(points)).isEqualTo(one.labels());
      }
    }
  }

  @Test
  void manyClustersTakeTheProductFormFromEightFeatures() {
    assertThat(KMeans.productForm(16, 2)).isTrue();
    assertThat(KMeans.productForm(15, 31)).isFalse();
    assertThat(KMeans.productForm(8, 32)).isTrue();
    assertThat(KMeans.productForm(7, 64)).isFalse();
    // 8 features, 40 clusters: the product path; from the same start it must give the labels
    // and centroids of the direct path (well-separated blobs, no near ties).
    Blobs blobs = Blobs.generate(11, 6_000, 8, 40, 20, 0.5);
    double[] x = blobs.points().toRowMajorArray();
    double[] init = new double[40 * 8];
    for (int j = 0; j < 40; j++) {
      System.arraycopy(x, (150 * j + 75) * 8, init, j * 8, 8);
    }
    KMeansModel model = KMeans.builder().initialCentroids(Matrix.wrap(40, 8, init)).tolerance(0)
        .threads(2).fit(blobs.points());
    Lloyd.Result direct = new Lloyd(new HamerlyAssignment(x, 6_000, 8, 40, Parallel.of(2)), 40,
        8).run(init, 300, 0, (i, inertia, shift) -> { });
    assertThat(model.labels()).isEqualTo(direct.labels);
    assertThat(model.iterations()).isEqualTo(direct.iterations);
    assertThat(model.centroids().toRowMajorArray())
        .containsExactly(direct.centers, within(1e-12));
    assertThat(model.predict(blobs.points())).isEqualTo(model.labels());
  }

  private static KMeansModel fitThreads(Matrix points, KMeansInit init, int threads) {
    return KMeans.builder().k(10).initialization(init).restarts(2).maxIterations(30).seed(9)
        .threads(threads).fit(points);
  }

  @Test
  void predictAndTransformAgreeWithTheFit() {
    Blobs blobs = Blobs.generate(7, 600, 64, 5, 1, 1.0);
    KMeansModel model = KMeans.builder().k(5).seed(1).fit(blobs.points());
    int[] labels = model.labels();
    assertThat(model.predict(blobs.points())).isEqualTo(labels);
    Matrix distances = model.transform(blobs.points());
    assertThat(distances.shape()).isEqualTo("600x5");
    double inertia = 0;
    for (int i = 0; i < 600; i++) {
      double t = distances.get(i, labels[i]);
      inertia += t * t;
    }
    assertThat(inertia).isCloseTo(model.inertia(), within(model.inertia() * 1e-12));
    // A subset of the points, in other blocks, keeps its labels.
    double[][] some = new double[77][];
    for (int i = 0; i < some.length; i++) {
      some[i] = blobs.points().row(7 * i + 3);
    }
    int[] predicted = model.predict(Matrix.of(some));
    for (int i = 0; i < some.length; i++) {
      assertThat(predicted[i]).isEqualTo(labels[7 * i + 3]);
    }
  }

  @Test
  void anOffsetFarFromTheOriginChangesNothing() {
    // Centring keeps the product form accurate: the same blobs moved by 1e6 cluster the same.
    Blobs blobs = Blobs.generate(8, 1_500, 40, 6, 10, 1.0);
    double[] shifted = blobs.points().toRowMajorArray();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] += 1e6;
    }
    KMeansModel near = KMeans.builder().k(6).seed(2).fit(blobs.points());
    KMeansModel far = KMeans.builder().k(6).seed(2).fit(Matrix.wrap(1_500, 40, shifted));
    assertThat(ClusteringMetrics.adjustedRandIndex(blobs.labels(), near.labels())).isEqualTo(1.0);
    assertThat(far.labels()).isEqualTo(near.labels());
    assertThat(far.inertia()).isCloseTo(near.inertia(), within(near.inertia() * 1e-6));
  }
}
