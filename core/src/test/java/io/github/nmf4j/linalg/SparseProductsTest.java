package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three sparse products against the dense products of the densified matrix, over random
 * shapes and densities with empty rows and columns, and their bit-identity across thread counts.
 */
class SparseProductsTest {

  /** Relative to the sum of |s_ij b_jl| over the terms: the two sides sum in different orders. */
  private static final double REL_TOL = 1e-13;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    SplittableRandom shapes = new SplittableRandom(12);
    for (double density : new double[] {0, 1e-4, 0.01, 0.5, 1}) {
      for (int trial = 0; trial < 6; trial++) {
        int n = trial == 0 ? 1 : shapes.nextInt(0, 400);
        int p = trial == 0 ? 1 : shapes.nextInt(0, 300);
        int m = trial == 1 ? 0 : shapes.nextInt(1, 24);
        cases.add(Arguments.of(n, p, m, density, shapes.nextLong()));
      }
    }
    // large enough for the row blocks to be many, and a tall, a wide and a 1-column case
    cases.add(Arguments.of(3000, 400, 20, 0.05, 1L));
    cases.add(Arguments.of(20_000, 50, 3, 0.2, 2L));
    cases.add(Arguments.of(40, 20_000, 20, 0.01, 3L));
    cases.add(Arguments.of(500, 700, 1, 0.3, 4L));
    return cases.build();
  }

  @ParameterizedTest(name = "{0}x{1}, {2} columns, density {3}")
  @MethodSource("cases")
  void productsMatchTheDenseProducts(int n, int p, int m, double density, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SparseMatrix s = randomSparse(n, p, density, random);
    Matrix dense = s.toDense();
    Matrix b = randomDense(p, m, random);
    Matrix bt = randomDense(n, m, random);
    Matrix bT = randomDense(m, p, random);

    assertClose(s.multiply(b, 2), dense.multiply(b, 1), dense, b, false);
    assertClose(s.transposeMultiply(bt, 2), dense.transposeMultiply(bt, 1),
        dense.transpose(), bt, false);
    assertClose(s.multiplyTranspose(bT, 2), dense.multiplyTranspose(bT, 1), dense, bT, true);
  }

  @ParameterizedTest(name = "{0}x{1}, {2} columns, density {3}")
  @MethodSource("cases")
  void productsAreBitIdenticalForAnyThreadCount(int n, int p, int m, double density, long seed) {
    SplittableRandom random = new SplittableRandom(seed + 1);
    SparseMatrix s = randomSparse(n, p, density, random);
    Matrix b = randomDense(p, m, random);
    Matrix bt = randomDense(n, m, random);
    Matrix bT = randomDense(m, p, random);
    Matrix ab = s.multiply(b, 1);
    Matrix atb = s.transposeMultiply(bt, 1);
    Matrix abT = s.multiplyTranspose(bT, 1);
    for (int threads : new int[] {2, 3, 8}) {
      assertThat(s.multiply(b, threads)).as("S B, %d threads", threads).isEqualTo(ab);
      assertThat(s.transposeMultiply(bt, threads)).as("S'B, %d threads", threads)
          .isEqualTo(atb);
      assertThat(s.multiplyTranspose(bT, threads)).as("S B', %d threads", threads)
          .isEqualTo(abT);
    }
  }

  /**
   * A random matrix with the given density of positive and negative entries, whose first row,
   * last column and about a tenth of the other rows and columns are empty.
   */
  static SparseMatrix randomSparse(int n, int p, double density, SplittableRandom random) {
    boolean[] emptyRow = new boolean[n];
    boolean[] emptyCol = new boolean[p];
    for (int i = 0; i < n; i++) {
      emptyRow[i] = i == 0 || random.nextDouble() < 0.1;
    }
    for (int j = 0; j < p; j++) {
      emptyCol[j] = j == p - 1 || random.nextDouble() < 0.1;
    }
    long cells = (long) n * p;
    int count = (int) Math.round(cells * density);
    int[] ri = new int[count];
    int[] ci = new int[count];
    double[] v = new double[count];
    int e = 0;
    if (density == 1) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          ri[e] = i;
          ci[e] = j;
          v[e++] = emptyRow[i] || emptyCol[j] ? 0 : random.nextDouble(-1, 1);
        }
      }
    } else {
      for (; e < count; e++) {
        ri[e] = random.nextInt(n);
        ci[e] = random.nextInt(p);
        v[e] = emptyRow[ri[e]] || emptyCol[ci[e]] ? 0 : random.nextDouble(-1, 1);
      }
    }
    return SparseMatrix.fromTriplets(n, p, ri, ci, v);
  }

  static Matrix randomDense(int rows, int cols, SplittableRandom random) {
    return Matrix.wrap(rows, cols, random.doubles((long) rows * cols, -1, 1).toArray());
  }

  /** Element-wise: |actual - expected| <= REL_TOL * sum_k |a_ik b_kj| (+ a tiny floor). */
  private static void assertClose(Matrix actual, Matrix expected, Matrix a, Matrix b,
      boolean bTransposed) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    Matrix absA = abs(a);
    Matrix absB = abs(b);
    Matrix bound = bTransposed ? absA.multiplyTranspose(absB, 1) : absA.multiply(absB, 1);
    String worst = null;
    for (int i = 0; i < actual.rows() && worst == null; i++) {
      for (int j = 0; j < actual.cols() && worst == null; j++) {
        double tol = REL_TOL * bound.get(i, j) + Double.MIN_NORMAL;
        if (!(Math.abs(actual.get(i, j) - expected.get(i, j)) <= tol)) {
          worst = "(" + i + ", " + j + "): " + actual.get(i, j) + " vs " + expected.get(i, j);
        }
      }
    }
    assertThat(worst).as("first element off by more than the tolerance").isNull();
  }

  private static Matrix abs(Matrix m) {
    double[] a = m.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.abs(a[i]);
    }
    return Matrix.wrap(m.rows(), m.cols(), a);
  }
}
