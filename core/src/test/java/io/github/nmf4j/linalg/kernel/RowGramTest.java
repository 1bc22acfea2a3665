package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RowGramTest {

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(0, 3), Arguments.of(1, 1), Arguments.of(2, 2), Arguments.of(3, 3),
        Arguments.of(7, 4), Arguments.of(9, 5), Arguments.of(128, 20), Arguments.of(129, 7),
        Arguments.of(4097, 33), Arguments.of(8191, 20), Arguments.of(8192, 20),
        Arguments.of(8193, 6), Arguments.of(20080, 20), Arguments.of(9000, 65),
        Arguments.of(300, 130));
  }

  /** Rows with exact zeros, negative values and a wide range of magnitudes. */
  private static double[][] rows(int n, int k, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] rows = new double[n + 3][k + 2];
    for (double[] row : rows) {
      for (int a = 0; a < row.length; a++) {
        double u = random.nextDouble();
        double magnitude = Math.scalb(1.0, random.nextInt(-30, 30));
        row[a] = u < 0.1 ? 0 : (random.nextDouble() - 0.3) * magnitude;
      }
    }
    return rows;
  }

  @ParameterizedTest(name = "{0} rows of {1}")
  @MethodSource("shapes")
  void hasTheBitsOfTheEnginesGramAndProduct(int n, int k) {
    double[][] rows = rows(n, k, 7L * n + k);
    int from = 2;
    // t = X' (k x n) and x = X (n x k), row-major, for X = rows[from .. from + n)
    double[] t = new double[k * n];
    double[] x = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        t[a * n + i] = rows[from + i][a];
        x[i * k + a] = rows[from + i][a];
      }
    }
    double[] product = new double[k * k];
    Gemm.multiplyTranspose(k, n, k, t, t, product, Parallel.of(2));
    double[] gram = new double[k * k];
    Gemm.gram(n, k, x, gram, Parallel.of(3));
    assertThat(gram).isEqualTo(product);

    for (int threads : new int[] {1, 2, 3, 8}) {
      double[] c = new double[k * k];
      Arrays.fill(c, Double.NaN);
      RowGram.of(rows, from, from + n, k, c, Parallel.of(threads));
      assertThat(c).as("%d threads", threads).isEqualTo(product);
    }
  }
}
