package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.testing.Fixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * k-means on a {@link SparseMatrix}: scikit-learn's sparse Lloyd, the dense fit of the same
 * rows, identical results for any thread count, prediction, degenerate and bad input.
 */
class SparseKMeansTest {

  /**
   * {@code n} rows of {@code d} features in {@code groups} groups, each group with its own
   * support of 12 features of which about a third are stored per row (values in [0.5, 2.5]);
   * every 50th row is empty.
   */
  static SparseMatrix blobs(int n, int d, int groups, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] dense = new double[n * d];
    for (int i = 0; i < n; i++) {
      if (i % 50 == 7) {
        continue;
      }
      int g = random.nextInt(groups);
      for (int s = 0; s < 12; s++) {
        if (random.nextDouble() < 0.35) {
          dense[i * d + (g * 11 + s) % d] = 0.5 + 2 * random.nextDouble();
        }
      }
    }
    return SparseMatrix.of(Matrix.wrap(n, d, dense));
  }

  /** The rows of {@code x} at {@code rows}, densely. */
  private static Matrix rows(SparseMatrix x, int... rows) {
    double[] out = new double[rows.length * x.cols()];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(x.row(rows[r]), 0, out, r * x.cols(), x.cols());
    }
    return Matrix.wrap(rows.length, x.cols(), out);
  }

  private static void assertSameClustering(KMeansModel sparse, KMeansModel dense) {
    assertThat(sparse.labels()).isEqualTo(dense.labels());
    assertThat(sparse.iterations()).isEqualTo(dense.iterations());
    double[] a = sparse.centroids().toRowMajorArray();
    double[] b = dense.centroids().toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      assertThat(a[i]).isCloseTo(b[i], within(1e-12));
    }
    assertThat(sparse.inertia()).isCloseTo(dense.inertia(), within(dense.inertia() * 1e-12));
  }

  @Test
  void matchesScikitLearnOnCsrFromTheSameInitialCentroids() {
    Fixture f = Fixture.load("cluster/kmeans_sparse.txt");
    int[] shape = f.ints("shape");
    SparseMatrix x = SparseMatrix.fromTriplets(shape[0], shape[1], f.ints("row"), f.ints("col"),
        f.doubles("val"));
    KMeansModel model = KMeans.builder().initialCentroids(rows(x, f.ints("init_rows")))
        .tolerance(1e-4).fit(x);
    assertThat(model.labels()).isEqualTo(f.ints("labels"));
    assertThat(model.iterations()).isEqualTo((int) f.scalar("iterations"));
    double[] want = f.matrix("centers").toRowMajorArray();
    double[] actual = model.centroids().toRowMajorArray();
    for (int i = 0; i < want.length; i++) {
      assertThat(actual[i]).isCloseTo(want[i], within(1e-12));
    }
    double inertia = f.scalar("inertia");
    assertThat(model.inertia()).isCloseTo(inertia, within(inertia * 1e-12));
  }

  @Test
  void fromTheSameCentroidsTheSparseFitIsTheDenseFit() {
    SparseMatrix x = blobs(1500, 70, 6, 1);
    Matrix init = rows(x, 3, 300, 600, 900, 1200, 1499, 42);
    KMeans kMeans = KMeans.builder().initialCentroids(init).tolerance(0).build();
    assertSameClustering(kMeans.fit(x), kMeans.fit(x.toDense()));
  }

  @ParameterizedTest
  @EnumSource(value = KMeansInit.class, names = {"K_MEANS_PLUS_PLUS", "RANDOM"})
  void seededFitsAreTheDenseFits(KMeansInit init) {
    SparseMatrix x = blobs(1200, 40, 5, 2);
    KMeans kMeans = KMeans.builder().k(5).initialization(init).restarts(2).seed(11).build();
    assertSameClustering(kMeans.fit(x), kMeans.fit(x.toDense()));
  }

  @Test
  void anEmptyClusterIsReseededAsInTheDenseFit() {
    SparseMatrix x = blobs(600, 30, 3, 3);
    double[] init = rows(x, 1, 2, 3).toRowMajorArray();
    double[] far = new double[4 * 30];
    System.arraycopy(init, 0, far, 0, init.length);
    Arrays.fill(far, 90, 120, 1e3); // nearest to no point
    KMeans kMeans = KMeans.builder().initialCentroids(Matrix.wrap(4, 30, far)).build();
    KMeansModel sparse = kMeans.fit(x);
    assertSameClustering(sparse, kMeans.fit(x.toDense()));
    assertThat(sparse.labels()).contains(3);
  }

  @ParameterizedTest
  @EnumSource(value = KMeansInit.class, names = {"K_MEANS_PLUS_PLUS", "RANDOM"})
  void bitIdenticalForAnyThreadCount(KMeansInit init) {
    SparseMatrix x = blobs(10_000, 90, 8, 4); // three chunks of points
    KMeans.Builder builder = KMeans.builder().k(8).initialization(init).restarts(2).seed(5);
    KMeansModel one = builder.threads(1).fit(x);
    for (int threads : new int[] {2, 3, 8}) {
      KMeansModel again = builder.threads(threads).fit(x);
      assertThat(again.labels()).as("%d threads", threads).isEqualTo(one.labels());
      assertThat(again.centroids()).as("%d threads", threads).isEqualTo(one.centroids());
      assertThat(again.inertia()).as("%d threads", threads).isEqualTo(one.inertia());
    }
  }

  @Test
  void predictAndTransformOfSparseRows() {
    SparseMatrix x = blobs(900, 50, 4, 5);
    KMeansModel sparseFit = KMeans.builder().k(4).seed(3).fit(x);
    assertThat(sparseFit.predict(x)).isEqualTo(sparseFit.labels());
    KMeansModel denseFit = KMeans.builder().k(4).seed(3).fit(x.toDense());
    assertThat(denseFit.predict(x)).isEqualTo(denseFit.predict(x.toDense()));
    double[] sparse = denseFit.transform(x).toRowMajorArray();
    double[] dense = denseFit.transform(x.toDense()).toRowMajorArray();
    for (int i = 0; i < dense.length; i++) {
      assertThat(sparse[i]).isCloseTo(dense[i], within(1e-12 * (1 + dense[i])));
    }
    SparseMatrix none = SparseMatrix.fromCsr(0, 50, new int[] {0}, new int[0], new double[0]);
    assertThat(sparseFit.predict(none)).isEmpty();
    assertThat(sparseFit.transform(none).rows()).isZero();
  }

  @Test
  void degenerateMatricesGiveFiniteCentroids() {
    SparseMatrix empty = SparseMatrix.fromCsr(5, 4, new int[6], new int[0], new double[0]);
    KMeansModel model = KMeans.builder().k(1).fit(empty);
    assertThat(model.centroids().toRowMajorArray()).containsOnly(0.0);
    assertThat(model.inertia()).isZero();
    KMeansModel single = KMeans.builder().k(1)
        .fit(SparseMatrix.fromCsr(1, 1, new int[] {0, 1}, new int[] {0}, new double[] {-2.5}));
    assertThat(single.centroids().get(0, 0)).isEqualTo(-2.5);
    assertThat(single.inertia()).isZero();
  }

  @Test
  void anExplicitZeroIsNoDistinctRow() {
    // Row 0 empty, row 1 an explicit zero, row 2 one value: two distinct rows.
    SparseMatrix x = SparseMatrix.fromCsr(3, 2, new int[] {0, 0, 1, 2}, new int[] {1, 0},
        new double[] {0.0, 1.0});
    assertThatThrownBy(() -> KMeans.builder().k(3).fit(x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 2 distinct rows");
    assertThat(KMeans.builder().k(2).fit(x).inertia()).isZero();
  }

  @Test
  void badInputIsRefused() {
    SparseMatrix x = blobs(20, 8, 2, 6);
    assertThatThrownBy(() -> KMeans.builder().k(2).fit((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("points");
    assertThatThrownBy(() -> KMeans.builder().k(21).fit(x))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 21");
    assertThatThrownBy(() -> KMeans.builder().initialCentroids(Matrix.wrap(2, 3, new double[6]))
        .fit(x)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initialCentroids has 3 columns but points has 8");
    KMeansModel model = KMeans.builder().k(2).fit(x);
    SparseMatrix wrong = SparseMatrix.fromCsr(1, 9, new int[] {0, 0}, new int[0], new double[0]);
    assertThatThrownBy(() -> model.predict(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has 9 columns but the model was fitted on 8");
    assertThatThrownBy(() -> model.transform((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
  }

  /**
   * Sparse points may have more columns than k dense centroids can hold: the fit transposed
   * the rows first (8.6 GB of pointers for 2^31 - 10 columns), an OutOfMemoryError, and k d
   * overflowed an int in the sizes of its arrays.
   */
  @ParameterizedTest
  @EnumSource(Distance.class)
  void refusesCentroidsTooLargeForAnArray(Distance distance) {
    int cols = Integer.MAX_VALUE - 9;
    SparseMatrix wide = SparseMatrix.fromTriplets(3, cols, new int[] {0, 1, 2},
        new int[] {0, 5, cols - 1}, new double[] {1, 2, 3});
    assertThatThrownBy(() -> KMeans.builder().k(2).distance(distance).seed(0).fit(wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be <= 1 for 3x2147483638 points (the k x 2147483638 centroids must"
            + " fit in a Java array), was 2");
  }

  @Test
  void listenerCancellationAndExecutorWork() throws Exception {
    SparseMatrix x = blobs(800, 30, 4, 7);
    List<Double> losses = new ArrayList<>();
    KMeans.builder().k(4).seed(1).listener(p -> losses.add(p.loss().getAsDouble())).fit(x);
    assertThat(losses).isNotEmpty();
    assertThatThrownBy(() -> KMeans.builder().k(4).listener(p -> p.cancel()).fit(x))
        .isInstanceOf(CancellationException.class);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      KMeansModel onPool = KMeans.builder().k(4).seed(1).threads(3).executor(pool).fit(x);
      assertThat(onPool.labels()).isEqualTo(KMeans.builder().k(4).seed(1).threads(1).fit(x)
          .labels());
    } finally {
      pool.shutdown();
    }
  }
}
