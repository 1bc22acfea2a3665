package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mini-batch k-means on a {@link SparseMatrix}: the dense fit of the same values for the same
 * seed (labels identical, centroids to rounding) for any thread count, and bad input rejected
 * as the dense fit rejects it.
 */
class MiniBatchSparseKMeansTest {

  private static void assertSameClustering(KMeansModel sparse, KMeansModel dense) {
    assertThat(sparse.labels()).isEqualTo(dense.labels());
    assertThat(sparse.iterations()).isEqualTo(dense.iterations());
    assertThat(sparse.converged()).isEqualTo(dense.converged());
    double[] a = sparse.centroids().toRowMajorArray();
    double[] b = dense.centroids().toRowMajorArray();
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isCloseTo(b[i], within(1e-9));
    }
    assertThat(sparse.inertia()).isCloseTo(dense.inertia(), within(dense.inertia() * 1e-9));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void theSparseFitIsTheDenseFitOfTheSameValues(int threads) {
    SparseMatrix x = SparseKMeansTest.blobs(1500, 70, 6, 1);
    Matrix dense = x.toDense();
    // Small batches: many steps, reassignments and early stopping on the smoothed inertia.
    MiniBatchKMeans.Builder builder =
        MiniBatchKMeans.builder().k(6).batchSize(100).seed(7).threads(threads);
    assertSameClustering(builder.fit(x), builder.fit(dense));
    // Every step of every pass, and the tolerance (the data's variance) stopping.
    builder.k(9).maxNoImprovement(0).maxIterations(3).seed(3);
    assertSameClustering(builder.fit(x), builder.fit(dense));
    builder.maxIterations(100).tolerance(1e-3);
    assertSameClustering(builder.fit(x), builder.fit(dense));
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    SparseMatrix x = SparseKMeansTest.blobs(6000, 90, 8, 4);
    MiniBatchKMeans.Builder builder = MiniBatchKMeans.builder().k(8).batchSize(2048).seed(5);
    KMeansModel one = builder.threads(1).fit(x);
    KMeansModel three = builder.threads(3).fit(x);
    assertThat(three.labels()).isEqualTo(one.labels());
    assertThat(three.centroids().toRowMajorArray())
        .isEqualTo(one.centroids().toRowMajorArray());
    assertThat(three.inertia()).isEqualTo(one.inertia());
    assertThat(one.predict(x)).isEqualTo(one.labels());
  }

  @Test
  void rejectsBadDataAsTheDenseFit() {
    double[][] rows = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
    SparseMatrix four = SparseMatrix.of(Matrix.of(rows));
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(5).fit(four))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be <= the number of points (4), was 5");
    double[][] same = {{1, 2}, {1, 2}, {3, 4}, {1, 2}};
    assertThatThrownBy(
        () -> MiniBatchKMeans.builder().k(3).fit(SparseMatrix.of(Matrix.of(same))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has only 2 distinct rows, fewer than k = 3");
    assertThatThrownBy(() -> MiniBatchKMeans.builder().fit((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
    assertThatThrownBy(
        () -> MiniBatchKMeans.builder().k(1).fit(SparseMatrix.of(Matrix.zeros(0, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 0x2");
  }

  /**
   * Sparse points may have more columns than k dense centroids can hold: k d overflowed an int
   * in the sizes of the loop's arrays, here to 2 values (for 2^31 - 10 columns and k = 2, a
   * NegativeArraySizeException).
   */
  @Test
  void refusesCentroidsTooLargeForAnArray() {
    int cols = 1_431_655_766; // 3 cols = 2^32 + 2
    SparseMatrix wide = SparseMatrix.fromTriplets(4, cols, new int[] {0, 1, 2, 3},
        new int[] {0, 5, cols - 1, 7}, new double[] {1, 2, 3, 4});
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(3).seed(0).fit(wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be <= 1 for 4x1431655766 points (the k x 1431655766 centroids must"
            + " fit in a Java array), was 3");
  }
}
