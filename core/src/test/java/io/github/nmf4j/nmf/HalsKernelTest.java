package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalsKernelTest {

  /** KKT residual of the converged non-negative least-squares block, relative to ||T||. */
  private static final double KKT_TOL = 1e-9;
  private static final double FLOOR = 1e-16;

  /**
   * Many sweeps solve min_{X >= floor} ||V - A X||^2 for a random A (G = A'A, T = A'V): the
   * Karush-Kuhn-Tucker conditions hold, gradient zero where X > floor and non-negative where
   * X = floor. Each sweep lowers the objective.
   */
  @Test
  void sweepsConvergeToTheNonNegativeLeastSquaresSolution() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 40; trial++) {
      int k = 1 + random.nextInt(9);
      int m = k + random.nextInt(20);
      int len = 1 + random.nextInt(70);
      double[] a = new double[m * k];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextDouble();
      }
      double[][] v = new double[len][m];
      for (double[] col : v) {
        for (int i = 0; i < m; i++) {
          col[i] = random.nextDouble() * 2 - 0.5;
        }
      }
      double[] g = new double[k * k];
      double[][] t = new double[k][len];
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          for (int i = 0; i < m; i++) {
            g[r * k + c] += a[i * k + r] * a[i * k + c];
          }
        }
        for (int j = 0; j < len; j++) {
          for (int i = 0; i < m; i++) {
            t[r][j] += a[i * k + r] * v[j][i];
          }
        }
      }
      double[][] x = new double[k][len];
      for (double[] row : x) {
        for (int j = 0; j < len; j++) {
          row[j] = random.nextDouble();
        }
      }
      double[] acc = new double[len];
      double[] change = new double[len];
      double before = objective(g, t, x, k, len);
      for (int round = 0; round < 200; round++) {
        HalsKernel.sweeps(g, k, t, x, len, acc, change, 1, 0, FLOOR, false);
        double after = objective(g, t, x, k, len);
        assertThat(after).isLessThanOrEqualTo(before + 1e-12 * Math.abs(before));
        before = after;
      }
      HalsKernel.sweeps(g, k, t, x, len, acc, change, 5000, 0, FLOOR, false);
      double scale = 0;
      for (double[] row : t) {
        for (double value : row) {
          scale = Math.max(scale, Math.abs(value));
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < len; j++) {
          double grad = -t[c][j];
          for (int r = 0; r < k; r++) {
            grad += g[c * k + r] * x[r][j];
          }
          assertThat(x[c][j]).isGreaterThanOrEqualTo(FLOOR);
          if (x[c][j] > FLOOR) {
            assertThat(Math.abs(grad)).as("trial %d", trial).isLessThanOrEqualTo(KKT_TOL * scale);
          } else {
            assertThat(grad).isGreaterThanOrEqualTo(-KKT_TOL * scale);
          }
        }
      }
    }
  }

  @Test
  void stopsEarlyByTheRelativeChangeRule() {
    double[] g = {2, 0.5, 0.5, 1};
    double[][] t = {{1, 2, 3}, {0.5, 0.1, 2}};
    double[][] x = {{1, 1, 1}, {1, 1, 1}};
    int sweeps = HalsKernel.sweeps(g, 2, t, x, 3, new double[3], new double[3], 1000, 1e-4,
        FLOOR, false);
    assertThat(sweeps).isBetween(2, 50);
    // A zero diagonal (a dead component) leaves its row alone instead of dividing by zero.
    double[] dead = {0, 0, 0, 1};
    double[][] y = {{0.5, 0.5, 0.5}, {1, 1, 1}};
    HalsKernel.sweeps(dead, 2, t, y, 3, new double[3], new double[3], 10, 0, FLOOR, false);
    assertThat(y[0]).containsExactly(0.5, 0.5, 0.5);
    assertThat(y[1]).containsExactly(0.5, 0.1, 2);
  }

  /**
   * A negligible diagonal (the other factor of a dead component at the floor) is stepped on
   * exactly in a fit, and left alone when asked (a transform, whose other factor is fixed).
   */
  @Test
  void skipsNegligibleDiagonalsOnlyWhenAsked() {
    double[] g = {1e-32, 0, 0, 1};
    double[][] t = {{1e-16, 1e-16, 1e-16}, {0.5, 0.1, 2}};
    double[][] stepped = {{0.5, 0.5, 0.5}, {1, 1, 1}};
    HalsKernel.sweeps(g, 2, t, stepped, 3, new double[3], new double[3], 1, 0, FLOOR, false);
    assertThat(stepped[0][0]).isCloseTo(1e16, org.assertj.core.data.Offset.offset(1e3));
    double[][] skipped = {{0.5, 0.5, 0.5}, {1, 1, 1}};
    HalsKernel.sweeps(g, 2, t, skipped, 3, new double[3], new double[3], 1, 0, FLOOR, true);
    assertThat(skipped[0]).containsExactly(0.5, 0.5, 0.5);
    assertThat(skipped[1][2]).isEqualTo(2.0); // the live row is still stepped
  }

  /** 1/2 tr(X' G X) - tr(T' X), the least-squares objective up to a constant. */
  private static double objective(double[] g, double[][] t, double[][] x, int k, int len) {
    double s = 0;
    for (int j = 0; j < len; j++) {
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          s += 0.5 * x[r][j] * g[r * k + c] * x[c][j];
        }
        s -= t[r][j] * x[r][j];
      }
    }
    return s;
  }
}
