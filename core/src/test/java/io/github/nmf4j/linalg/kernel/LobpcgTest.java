package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.internal.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LobpcgTest {

  /** A random symmetric n x n matrix, row-major. */
  private static double[] symmetric(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = r.nextDouble(-1, 1);
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    }
    return a;
  }

  @Test
  void symmetricEigenDecomposesASymmetricMatrix() {
    int m = 23;
    double[] a = symmetric(m, 1);
    double[] values = new double[m];
    double[] v = new double[m * m];
    SymmetricEigen.decompose(a, m, values, v);
    for (int j = 1; j < m; j++) {
      assertThat(values[j]).isGreaterThanOrEqualTo(values[j - 1]);
    }
    assertEigenpairs(a, m, values, v, 1e-12, 1e-13);
  }

  /** {@code A V = V Lambda} to {@code residual} and {@code V'V = I} to {@code orthogonality}. */
  private static void assertEigenpairs(double[] a, int m, double[] values, double[] v,
      double residual, double orthogonality) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double av = 0;
        double vv = 0;
        for (int p = 0; p < m; p++) {
          av += a[i * m + p] * v[p * m + j];
          vv += v[p * m + i] * v[p * m + j];
        }
        assertThat(av).isCloseTo(values[j] * v[i * m + j], within(residual));
        assertThat(vv).isCloseTo(i == j ? 1 : 0, within(orthogonality));
      }
    }
  }

  @Test
  void symmetricEigenHandlesZeroDiagonalAndRepeatedEigenvalues() {
    // Zero, a diagonal out of order, and eigenvalue 2 three times beside 0.
    double[][] cases = {
        new double[9],
        {3, 0, 0, 0, 1, 0, 0, 0, 2},
        {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1}};
    double[][] expected = {{0, 0, 0}, {1, 2, 3}, {0, 2, 2, 2}};
    for (int c = 0; c < cases.length; c++) {
      double[] a = cases[c];
      int m = expected[c].length;
      double[] values = new double[m];
      double[] v = new double[m * m];
      SymmetricEigen.decompose(a, m, values, v);
      for (int j = 0; j < m; j++) {
        assertThat(values[j]).isCloseTo(expected[c][j], within(1e-15));
      }
      assertEigenpairs(a, m, values, v, 1e-15, 1e-15);
    }
  }

  @Test
  void smallestEigenpairsMatchTheDenseDecomposition() {
    int n = 300;
    int k = 4;
    // A well-separated bottom of the spectrum: a random symmetric matrix plus a diagonal ramp.
    double[] a = symmetric(n, 2);
    for (int i = 0; i < n; i++) {
      a[i * n + i] += 0.2 * i;
    }
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    SymmetricEigen.decompose(a, n, values, vectors);
    Lobpcg.Operator op = (x, xFrom, y, yFrom, count) -> {
      for (int c = 0; c < count; c++) {
        for (int i = 0; i < n; i++) {
          double s = 0;
          for (int j = 0; j < n; j++) {
            s += a[i * n + j] * x[xFrom + c * n + j];
          }
          y[yFrom + c * n + i] = s;
        }
      }
    };
    SplittableRandom r = new SplittableRandom(3);
    double[] start = new double[8 * n];
    for (int i = 0; i < start.length; i++) {
      start[i] = r.nextDouble(-1, 1);
    }
    int[] calls = new int[1];
    Lobpcg.Result result = Lobpcg.smallest(op, n, k, start, 1e-9, 1000, Parallel.serial(),
        (iteration, residual) -> calls[0] = iteration);
    assertThat(result.converged).isTrue();
    assertThat(calls[0]).isEqualTo(result.iterations);
    for (int j = 0; j < k; j++) {
      assertThat(result.values[j]).isCloseTo(values[j], within(1e-9));
      double dot = 0;
      for (int i = 0; i < n; i++) {
        dot += result.vectors[j * n + i] * vectors[i * n + j];
      }
      assertThat(Math.abs(dot)).isCloseTo(1.0, within(1e-8));
    }
  }

  @Test
  void aRepeatedEigenvalueIsFoundOncePerMultiplicity() {
    // diag(0, 0, 0, 1, 2, ..., n - 4): eigenvalue 0 three times.
    int n = 200;
    Lobpcg.Operator op = (x, xFrom, y, yFrom, count) -> {
      for (int c = 0; c < count; c++) {
        for (int i = 0; i < n; i++) {
          y[yFrom + c * n + i] = Math.max(0, i - 2) * x[xFrom + c * n + i];
        }
      }
    };
    SplittableRandom r = new SplittableRandom(4);
    double[] start = new double[6 * n];
    for (int i = 0; i < start.length; i++) {
      start[i] = r.nextDouble(-1, 1);
    }
    Lobpcg.Result result = Lobpcg.smallest(op, n, 4, start, 1e-10, 500, Parallel.of(2),
        (iteration, residual) -> { });
    assertThat(result.values).containsExactly(new double[] {0, 0, 0, 1}, within(1e-10));
  }
}
