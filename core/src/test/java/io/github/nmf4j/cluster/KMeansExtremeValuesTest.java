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
   * NullPointerException (mini-batch). Such points are refused with a message, and points just
   * inside the range still cluster as the dense fit does.
   */
  @Test
  void sparsePointsBeyondTheProductFormsRangeAreRefusedClearly() {
    int n = 40;
    int d = 3;
    for (double big : new double[] {1e150, 1e160, 1e308}) {
      double[] x = new double[n * d];
      Arrays.fill(x, big);
      for (int i = 0; i < n; i += 3) {
        x[i * d] = 0;
      }
      SparseMatrix points = SparseMatrix.of(Matrix.wrap(n, d, x));
      if (big * big * d < Double.MAX_VALUE / (4.0 * n)) {
        int[] dense = KMeans.builder().k(2).seed(4).fit(Matrix.wrap(n, d, x)).labels();
        assertThat(KMeans.builder().k(2).seed(4).fit(points).labels()).isEqualTo(dense);
        assertThat(MiniBatchKMeans.builder().k(2).seed(4).fit(points).inertia()).isFinite();
        continue;
      }
      String message = "points row 0 holds 1.0E" + Math.round(Math.log10(big));
      assertThatThrownBy(() -> KMeans.builder().k(2).seed(4).fit(points))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message)
          .hasMessageContaining("scale the values down, or fit dense points");
      assertThatThrownBy(() -> MiniBatchKMeans.builder().k(2).seed(4).fit(points))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
  }

  /**
   * Prediction and distances of sparse points use the product form too: rows of 1e160 and a
   * dense model's centroids of 1e160 gave labels other than the dense prediction's and NaN
   * distances. Both are refused with a message; points just inside the range still get the
   * dense prediction's labels and distances.
   */
  @Test
  void sparsePredictionBeyondTheProductFormsRangeIsRefusedClearly() {
    double[][] rows = {{1, 0, 0}, {1.1, 0, 0}, {0, 1, 0}, {0, 1.1, 0}};
    double[][] queries = {{0.9, 0.2, 0}, {0.1, 0.95, 0}, {0, 0, 3}};
    KMeansModel unit = KMeans.builder().k(2).seed(0).fit(Matrix.of(rows));
    Matrix inside = Matrix.of(queries).scale(1e100);
    KMeansModel model = KMeans.builder().k(2).seed(0).fit(Matrix.of(rows).scale(1e100));
    assertThat(model.predict(SparseMatrix.of(inside))).isEqualTo(model.predict(inside))
        .isEqualTo(unit.predict(Matrix.of(queries)));
    assertThat(model.transform(SparseMatrix.of(inside)).toRowMajorArray())
        .usingComparatorWithPrecision(1e88).containsExactly(model.transform(inside)
            .toRowMajorArray());

    SparseMatrix beyond = SparseMatrix.of(Matrix.of(queries).scale(1e160));
    assertThatThrownBy(() -> model.predict(beyond)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x row 0 holds 9.0E159")
        .hasMessageContaining("scale the values down, or predict dense points");
    assertThatThrownBy(() -> model.transform(beyond))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("x row 0 holds");

    KMeansModel huge = KMeans.builder().k(2).seed(0).fit(Matrix.of(rows).scale(1e160));
    SparseMatrix small = SparseMatrix.of(Matrix.of(queries));
    assertThatThrownBy(() -> huge.predict(small)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("centroid 0 of this model has squared norm")
        .hasMessageContaining("predict dense points (x.toDense())");
    assertThatThrownBy(() -> huge.transform(small))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("centroid 0");
  }
}
