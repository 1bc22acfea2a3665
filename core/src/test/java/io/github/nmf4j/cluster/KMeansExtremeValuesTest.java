package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.testing.Blobs;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values near {@code Double.MAX_VALUE}: sums of points overflow although every mean and
 * distance is finite (issue 17, item 7: rows of 1e308 gave inertia Infinity, and on wide rows an
 * exception). Three features take the pixel kernel, eight the direct one, twenty the product
 * form's guard.
 */
class KMeansExtremeValuesTest {

  @ParameterizedTest
  @ValueSource(ints = {3, 8, 20})
  void identicalRowsOf1e308HaveZeroInertia(int d) {
    double[] x = new double[40 * d];
    Arrays.fill(x, 1e308);
    KMeansModel model = KMeans.builder().k(1).threads(2).fit(Matrix.wrap(40, d, x));
    assertThat(model.inertia()).isZero();
    assertThat(model.centroids().toRowMajorArray()).containsOnly(1e308);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 8, 20})
  void twoGroupsOfHugeRowsAreSeparatedWithZeroInertia(int d) {
    int n = 40;
    double[] x = new double[n * d];
    Arrays.fill(x, 1e308);
    int[] truth = new int[n];
    for (int i = 0; i < n; i += 3) {
      x[i * d] = -1e308; // every third row: the other group, 2e308 away
      truth[i] = 1;
    }
    Matrix points = Matrix.wrap(n, d, x);
    KMeansModel model = KMeans.builder().k(2).seed(4).threads(2).fit(points);
    assertThat(model.inertia()).isZero();
    int[] labels = model.labels();
    for (int i = 0; i < n; i++) {
      assertThat(labels[i] == labels[0]).as("row %d", i).isEqualTo(truth[i] == truth[0]);
    }
    assertThat(model.predict(points)).isEqualTo(labels);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 20})
  void scalingByAPowerOfTwoScalesTheFitExactly(int d) {
    // 2^400 makes values ~1e121 and squared distances ~1e243: nothing may overflow early.
    Matrix points = Blobs.generate(d, 600, d, 4, 5, 1.0).points();
    double[] scaled = points.toRowMajorArray();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = Math.scalb(scaled[i], 400);
    }
    KMeansModel plain = KMeans.builder().k(4).seed(1).fit(points);
    KMeansModel large = KMeans.builder().k(4).seed(1).fit(Matrix.wrap(600, d, scaled));
    assertThat(large.labels()).isEqualTo(plain.labels());
    assertThat(large.inertia()).isEqualTo(Math.scalb(plain.inertia(), 800));
  }
  /**
   * Sparse points are clustered in product form only, which overflows beyond about 1e150: the
   * fit failed inside with "no point to re-seed empty cluster 1" (k-means) or a
   * NullPointerException (mini-batch). Such points are now clustered scaled by a power of two,
   * as the dense fit clusters them: the same labels, zero inertia for two groups of identical
   * rows.
   */
  @Test
  void sparsePointsBeyondTheProductFormsRangeAreClusteredAsDensePoints() {
    int n = 40;
    int d = 3;
    for (double big : new double[] {1e150, 1e160, 1e308}) {
      double[] x = new double[n * d];
      Arrays.fill(x, big);
      for (int i = 0; i < n; i += 3) {
        x[i * d] = 0;
      }
      Matrix dense = Matrix.wrap(n, d, x);
      SparseMatrix points = SparseMatrix.of(dense);
      KMeansModel fromDense = KMeans.builder().k(2).seed(4).fit(dense);
      KMeansModel fromSparse = KMeans.builder().k(2).seed(4).fit(points);
      assertThat(fromSparse.labels()).as("%s", big).isEqualTo(fromDense.labels());
      // zero for the dense fit; the sparse one's product-form terms leave a residue far below
      // the rounding of n d big^2 (about 1e291 at 1e160, against 1e322)
      assertThat(Math.log10(fromSparse.inertia())).as("%s", big)
          .isLessThan(2 * Math.log10(big) + Math.log10(n * d) - 20);
      double[] cs = fromSparse.centroids().toRowMajorArray();
      double[] cd = fromDense.centroids().toRowMajorArray();
      for (int i = 0; i < cd.length; i++) {
        // the sparse sums run in another order: equal up to rounding
        assertThat(Math.abs(cs[i] - cd[i])).as("%s centroid value %d", big, i)
            .isLessThanOrEqualTo(1e-12 * Math.abs(cd[i]));
      }
      assertThat(MiniBatchKMeans.builder().k(2).seed(4).fit(points).labels()).as("%s", big)
          .isEqualTo(MiniBatchKMeans.builder().k(2).seed(4).fit(dense).labels());
    }
  }

  /**
   * Prediction and distances of sparse points use the product form too: rows of 1e160 and a
   * dense model's centroids of 1e160 gave labels other than the dense prediction's and NaN
   * distances. They now rank and measure scaled by a power of two, as the dense ones do.
   */
  @Test
  void sparsePredictionBeyondTheProductFormsRangeMatchesTheDensePrediction() {
    double[][] rows = {{1, 0, 0}, {1.1, 0, 0}, {0, 1, 0}, {0, 1.1, 0}};
    double[][] queries = {{0.9, 0.2, 0}, {0.1, 0.95, 0}, {0, 0, 3}};
    // (queries of another scale than the centroids are near-ties both ways: not compared)
    int[] unit = KMeans.builder().k(2).seed(0).fit(Matrix.of(rows)).predict(Matrix.of(queries));
    for (double scale : new double[] {1, 1e100, 1e160}) {
      KMeansModel model = KMeans.builder().k(2).seed(0).fit(Matrix.of(rows).scale(scale));
      Matrix q = Matrix.of(queries).scale(scale);
      String what = String.valueOf(scale);
      assertThat(model.predict(SparseMatrix.of(q))).as(what).isEqualTo(model.predict(q))
          .isEqualTo(unit);
      double[] dense = model.transform(q).toRowMajorArray();
      double[] sparse = model.transform(SparseMatrix.of(q)).toRowMajorArray();
      for (int i = 0; i < dense.length; i++) {
        assertThat(sparse[i]).as(what).isFinite()
            .isCloseTo(dense[i], org.assertj.core.data.Offset.offset(1e-12 * dense[i]));
      }
    }
  }

  /**
   * Points whose squared distances overflow (values of 2^530, about 3.5e159): every distance
   * was Infinity, so all tied and the fit returned a clustering unrelated to the points (for
   * three features, the direct kernel; for twenty, the product form's fall-back), predict sent
   * every query to centroid 0 and transform gave Infinity. The fit, predict and transform now
   * run on the points scaled by a power of two and scale back: the labels, centroids and
   * distances of the unit-scale points, exactly scaled (the inertia is 2^1060 times the unit
   * one, beyond the range of a double: Infinity).
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 20})
  void pointsWhoseSquaredDistancesOverflowAreClusteredAsScaledPoints(int d) {
    Matrix points = Blobs.generate(d, 600, d, 4, 5, 1.0).points();
    Matrix queries = Blobs.generate(d + 1, 50, d, 4, 5, 1.0).points();
    KMeansModel plain = KMeans.builder().k(4).seed(1).fit(points);
    KMeansModel large = KMeans.builder().k(4).seed(1).fit(scalb(points, 530));
    assertThat(large.labels()).isEqualTo(plain.labels());
    assertThat(large.centroids().toRowMajorArray())
        .containsExactly(scalb(plain.centroids(), 530).toRowMajorArray());
    assertThat(large.inertia()).isEqualTo(Math.scalb(plain.inertia(), 1060));
    assertThat(large.predict(scalb(queries, 530))).isEqualTo(plain.predict(queries));
    assertThat(large.transform(scalb(queries, 530)).toRowMajorArray())
        .containsExactly(scalb(plain.transform(queries), 530).toRowMajorArray());
  }

  /**
   * Points whose squared distances underflow (values of 2^-600, about 2.4e-181): every squared
   * distance was 0 or subnormal, so the distances tied and the fit split the points at random.
   * Fits, predictions and transforms now run on the points scaled up by a power of two: the
   * labels, centroids and distances of the unit-scale points, exactly scaled (the inertia,
   * 2^-1200 times the unit one, rounds as that product does).
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 20})
  void pointsWhoseSquaredDistancesUnderflowAreClusteredAsScaledPoints(int d) {
    Matrix points = Blobs.generate(d, 600, d, 4, 5, 1.0).points();
    Matrix queries = Blobs.generate(d + 1, 50, d, 4, 5, 1.0).points();
    Matrix tiny = scalb(points, -600);
    // dense and sparse points each against their own unit-scale fit (the sums differ in order)
    KMeansModel[][] pairs = {
        {KMeans.builder().k(4).seed(1).fit(points), KMeans.builder().k(4).seed(1).fit(tiny)},
        {KMeans.builder().k(4).seed(1).fit(SparseMatrix.of(points)),
            KMeans.builder().k(4).seed(1).fit(SparseMatrix.of(tiny))}};
    for (KMeansModel[] pair : pairs) {
      KMeansModel plain = pair[0];
      KMeansModel small = pair[1];
      assertThat(small.labels()).isEqualTo(plain.labels());
      assertThat(small.centroids().toRowMajorArray())
          .containsExactly(scalb(plain.centroids(), -600).toRowMajorArray());
      assertThat(small.inertia()).isEqualTo(Math.scalb(plain.inertia(), -1200));
      assertThat(small.predict(scalb(queries, -600))).isEqualTo(plain.predict(queries));
      assertThat(small.predict(SparseMatrix.of(scalb(queries, -600))))
          .isEqualTo(plain.predict(queries));
      assertThat(small.transform(scalb(queries, -600)).toRowMajorArray())
          .containsExactly(scalb(plain.transform(queries), -600).toRowMajorArray());
    }
    KMeansModel batch = MiniBatchKMeans.builder().k(4).seed(1).batchSize(64).fit(points);
    KMeansModel tinyBatch = MiniBatchKMeans.builder().k(4).seed(1).batchSize(64).fit(tiny);
    assertThat(tinyBatch.labels()).isEqualTo(batch.labels());
    assertThat(tinyBatch.centroids().toRowMajorArray())
        .containsExactly(scalb(batch.centroids(), -600).toRowMajorArray());
  }

  /** Mini-batch k-means on the same points: it failed with a NullPointerException. */
  @Test
  void miniBatchPointsWhoseSquaredDistancesOverflowAreClusteredAsScaledPoints() {
    Matrix points = Blobs.generate(3, 600, 20, 4, 5, 1.0).points();
    KMeansModel plain = MiniBatchKMeans.builder().k(4).seed(1).batchSize(64).fit(points);
    KMeansModel large =
        MiniBatchKMeans.builder().k(4).seed(1).batchSize(64).fit(scalb(points, 530));
    assertThat(large.labels()).isEqualTo(plain.labels());
    assertThat(large.centroids().toRowMajorArray())
        .containsExactly(scalb(plain.centroids(), 530).toRowMajorArray());
  }

  /** The listener of a scaled fit sees the losses of the points given, not of the scaled ones. */
  @Test
  void aScaledFitReportsTheInertiaOfThePointsGiven() {
    // 2^508 puts the values four binades past the scaling's limit for 100 x 4 points, and
    // leaves the inertia (about 4 times 2^1016) finite
    Matrix points = Blobs.generate(7, 100, 4, 4, 5, 0.1).points();
    java.util.List<Double> plain = new java.util.ArrayList<>();
    java.util.List<Double> large = new java.util.ArrayList<>();
    KMeans.builder().k(4).seed(1).listener(p -> plain.add(p.loss().orElse(Double.NaN)))
        .fit(points);
    KMeansModel model = KMeans.builder().k(4).seed(1)
        .listener(p -> large.add(p.loss().orElse(Double.NaN))).fit(scalb(points, 508));
    assertThat(model.inertia()).isFinite();
    assertThat(large).hasSameSizeAs(plain);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(large.get(i)).as("report %d", i).isEqualTo(Math.scalb(plain.get(i), 1016));
    }
    plain.clear();
    large.clear();
    MiniBatchKMeans.builder().k(4).seed(1).batchSize(32)
        .listener(p -> plain.add(p.loss().orElse(Double.NaN))).fit(points);
    MiniBatchKMeans.builder().k(4).seed(1).batchSize(32)
        .listener(p -> large.add(p.loss().orElse(Double.NaN))).fit(scalb(points, 508));
    assertThat(large).hasSameSizeAs(plain).isNotEmpty();
    for (int i = 0; i < plain.size(); i++) {
      assertThat(large.get(i)).as("mini-batch report %d", i)
          .isEqualTo(Math.scalb(plain.get(i), 1016));
    }
  }

  private static Matrix scalb(Matrix m, int scale) {
    double[] x = m.toRowMajorArray();
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.scalb(x[i], scale);
    }
    return Matrix.wrap(m.rows(), m.cols(), x);
  }
}
