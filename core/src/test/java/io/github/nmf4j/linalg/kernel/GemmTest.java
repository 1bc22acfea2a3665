package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {

  /** Relative tolerance against the naive loop: both sum k terms, in different orders. */
  private static final double REL_TOL = 1e-12;

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(1, 1, 1),
        Arguments.of(1, 0, 1),
        Arguments.of(3, 0, 5),
        Arguments.of(0, 4, 3),
        Arguments.of(4, 3, 0),
        Arguments.of(2, 3, 4),
        Arguments.of(5, 7, 3),
        Arguments.of(17, 1, 33),
        Arguments.of(64, 64, 64),
        Arguments.of(65, 257, 63),
        Arguments.of(257, 131, 67),
        Arguments.of(67, 131, 257),
        Arguments.of(300, 513, 9),
        Arguments.of(9, 513, 300),
        Arguments.of(1, 1000, 1),
        Arguments.of(1, 700, 1500),
        Arguments.of(1500, 700, 1),
        Arguments.of(3, 9000, 5),
        Arguments.of(20, 8200, 300),
        Arguments.of(70000, 20, 3),
        Arguments.of(3, 20, 70000));
  }

  @ParameterizedTest(name = "{0}x{1} * {1}x{2}")
  @MethodSource("shapes")
  void allThreeProductsMatchTheNaiveLoop(int m, int k, int n) {
    SplittableRandom random = new SplittableRandom(31L * m + 17L * k + n);
    double[] a = random.doubles((long) m * k, -1, 1).toArray();
    double[] b = random.doubles((long) k * n, -1, 1).toArray();
    double[] expected = new double[m * n];
    NaiveGemm.multiply(m, k, n, a, b, expected);
    double[] abs = absoluteProductBound(m, k, n, a, b);

    double[] c = new double[m * n];
    Gemm.multiply(m, k, n, a, b, c, Parallel.of(2));
    assertClose(c, expected, abs);

    double[] at = transpose(m, k, a);
    Gemm.transposeMultiply(k, m, n, at, b, fill(c), Parallel.of(2));
    assertClose(c, expected, abs);

    double[] bt = transpose(k, n, b);
    Gemm.multiplyTranspose(m, k, n, a, bt, fill(c), Parallel.of(2));
    assertClose(c, expected, abs);
  }

  @ParameterizedTest(name = "{0}x{1} * {1}x{2}")
  @MethodSource("shapes")
  void resultsAreBitIdenticalForAnyThreadCount(int m, int k, int n) {
    SplittableRandom random = new SplittableRandom(7L * m + k + 13L * n);
    double[] a = random.doubles((long) m * k).toArray();
    double[] b = random.doubles((long) k * n).toArray();
    double[] at = transpose(m, k, a);
    double[] bt = transpose(k, n, b);
    double[][] reference = products(m, k, n, a, b, at, bt, Parallel.serial());
    for (int threads : new int[] {2, 3, 8}) {
      double[][] again = products(m, k, n, a, b, at, bt, Parallel.of(threads));
      for (int product = 0; product < 3; product++) {
        assertThat(again[product]).as("product %d with %d threads", product, threads)
            .isEqualTo(reference[product]);
      }
    }
    // And the same call twice gives the same bits.
    assertThat(products(m, k, n, a, b, at, bt, Parallel.of(2))[0]).isEqualTo(reference[0]);
  }

  @Test
  void tallSkinnyNmfShapesMatchTheNaiveLoop() {
    int n = 70000;
    int p = 784;
    int k = 20;
    SplittableRandom random = new SplittableRandom(1);
    double[] w = random.doubles((long) n * k).toArray();
    double[] v = random.doubles((long) n * p).toArray();
    double[] wt = transpose(n, k, w);
    double[] expected = new double[k * p];
    NaiveGemm.multiply(k, n, p, wt, v, expected);
    double[] c = new double[k * p];
    Gemm.transposeMultiply(n, k, p, w, v, c, Parallel.of(2));
    assertClose(c, expected, absoluteProductBound(k, n, p, wt, v));
    double[] c1 = new double[k * p];
    Gemm.transposeMultiply(n, k, p, w, v, c1, Parallel.serial());
    assertThat(c1).isEqualTo(c);
  }

  @ParameterizedTest(name = "{0}x{1} * {1}x{2}")
  @MethodSource("shapes")
  void offsetsReadAndWriteOnlyTheirBlock(int m, int k, int n) {
    if ((long) m * k * n > 50_000_000L) {
      return; // the tall shapes add nothing here but time
    }
    SplittableRandom random = new SplittableRandom(5L * m + 3L * k + n);
    double[] a = random.doubles((long) m * k).toArray();
    double[] b = random.doubles((long) k * n).toArray();
    double[] at = transpose(m, k, a);
    double[] bt = transpose(k, n, b);
    double[][] expected = products(m, k, n, a, b, at, bt, Parallel.of(2));
    int aOff = 3;
    int bOff = 7;
    int cOff = 11;
    double[] a2 = embed(a, aOff, random);
    double[] b2 = embed(b, bOff, random);
    double[] at2 = embed(at, aOff, random);
    double[] bt2 = embed(bt, bOff, random);
    double[] c2 = embed(new double[m * n], cOff, random);
    double[] guard = c2.clone();

    // The engine's three layouts, as Gemm's products call it, at non-zero offsets.
    GemmEngine.product(m, k, n, a2, aOff, k, 1, b2, bOff, n, 1, c2, cOff, Parallel.of(2));
    assertBlock(c2, cOff, expected[0], guard);
    GemmEngine.product(m, k, n, at2, aOff, 1, m, b2, bOff, n, 1, c2, cOff, Parallel.of(2));
    assertBlock(c2, cOff, expected[1], guard);
    GemmEngine.product(m, k, n, a2, aOff, k, 1, bt2, bOff, 1, k, c2, cOff, Parallel.of(2));
    assertBlock(c2, cOff, expected[2], guard);
  }

  /** A copy of {@code values} at {@code offset} inside a longer array of random junk. */
  private static double[] embed(double[] values, int offset, SplittableRandom random) {
    double[] out = random.doubles(values.length + offset + 5).toArray();
    System.arraycopy(values, 0, out, offset, values.length);
    return out;
  }

  /** The block equals {@code expected} bit for bit and everything around it is untouched. */
  private static void assertBlock(double[] c, int off, double[] expected, double[] guard) {
    assertThat(java.util.Arrays.copyOfRange(c, off, off + expected.length)).isEqualTo(expected);
    assertThat(java.util.Arrays.copyOfRange(c, 0, off))
        .isEqualTo(java.util.Arrays.copyOfRange(guard, 0, off));
    assertThat(java.util.Arrays.copyOfRange(c, off + expected.length, c.length))
        .isEqualTo(java.util.Arrays.copyOfRange(guard, off + expected.length, guard.length));
  }

  /**
   * A Gram matrix computed from its upper row blocks and mirrored has the bits of the full
   * product, for any thread count: one row block (m <= 64), several, a partial last one, and an
   * inner dimension long enough to be split into chunks (the summed-partials path).
   */
  @ParameterizedTest(name = "{1}x{0}' {1}x{0}")
  @MethodSource("gramShapes")
  void gramHasTheBitsOfTheFullProduct(int m, int k) {
    SplittableRandom random = new SplittableRandom(31L * m + k);
    double[] a = new double[k * m];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble() - 0.25;
    }
    double[] full = new double[m * m];
    Gemm.transposeMultiply(k, m, m, a, a, full, Parallel.serial());
    for (int threads : new int[] {1, 2, 3, 8}) {
      double[] gram = fill(new double[m * m]);
      Gemm.gram(k, m, a, gram, Parallel.of(threads));
      assertThat(gram).as("threads %d", threads).isEqualTo(full);
    }
  }

  static Stream<Arguments> gramShapes() {
    return Stream.of(
        Arguments.of(1, 1), Arguments.of(3, 0), Arguments.of(0, 5), Arguments.of(16, 200),
        Arguments.of(64, 128), Arguments.of(65, 128), Arguments.of(129, 7),
        Arguments.of(225, 128), Arguments.of(225, 9000), Arguments.of(300, 513));
  }

  @Test
  void overwritesTheOutputInsteadOfAccumulating() {
    double[] c = {5, 5, 5, 5};
    Gemm.multiply(2, 1, 2, new double[] {1, 2}, new double[] {3, 4}, c, Parallel.serial());
    assertThat(c).containsExactly(3, 4, 6, 8);
    Gemm.multiply(2, 0, 2, new double[0], new double[0], c, Parallel.serial());
    assertThat(c).containsExactly(0, 0, 0, 0);
  }

  private static double[][] products(
      int m, int k, int n, double[] a, double[] b, double[] at, double[] bt, Parallel par) {
    double[] ab = new double[m * n];
    double[] atb = new double[m * n];
    double[] abt = new double[m * n];
    Gemm.multiply(m, k, n, a, b, ab, par);
    Gemm.transposeMultiply(k, m, n, at, b, atb, par);
    Gemm.multiplyTranspose(m, k, n, a, bt, abt, par);
    return new double[][] {ab, atb, abt};
  }

  /** sum_p |a_ip| |b_pj|: the scale that the rounding error of c_ij is relative to. */
  private static double[] absoluteProductBound(int m, int k, int n, double[] a, double[] b) {
    double[] absA = a.clone();
    double[] absB = b.clone();
    for (int i = 0; i < absA.length; i++) {
      absA[i] = Math.abs(absA[i]);
    }
    for (int i = 0; i < absB.length; i++) {
      absB[i] = Math.abs(absB[i]);
    }
    double[] out = new double[m * n];
    NaiveGemm.multiply(m, k, n, absA, absB, out);
    return out;
  }

  private static void assertClose(double[] actual, double[] expected, double[] scale) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      double tol = REL_TOL * Math.max(scale[i], Double.MIN_NORMAL);
      if (Math.abs(actual[i] - expected[i]) > tol) {
        throw new AssertionError("element " + i + ": " + actual[i] + " vs " + expected[i]
            + " (tolerance " + tol + ")");
      }
    }
  }

  private static double[] transpose(int rows, int cols, double[] a) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }

  private static double[] fill(double[] c) {
    java.util.Arrays.fill(c, Double.NaN);
    return c;
  }
}
