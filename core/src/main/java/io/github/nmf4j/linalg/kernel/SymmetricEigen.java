package io.github.nmf4j.linalg.kernel;

import java.util.Arrays;

/**
 * All eigenvalues and eigenvectors of a small dense symmetric matrix by the cyclic Jacobi method
 * (Jacobi 1846; Golub and Van Loan, "Matrix Computations", 4th ed., section 8.5): plane
 * rotations annihilate the off-diagonal elements one at a time, sweep after sweep, until every
 * off-diagonal element is negligible next to the diagonal elements of its row and column. The
 * eigenvalues come out with high relative accuracy; the eigenvectors are orthonormal to working
 * precision. {@code O(m^3)} per sweep, a handful of sweeps: meant for the Rayleigh-Ritz problems
 * of {@link Lobpcg} and other matrices of at most a few hundred rows.
 */
public final class SymmetricEigen {

  /** Sweeps allowed; quadratic convergence needs far fewer (about 6 to 10). */
  static final int MAX_SWEEPS = 100;

  private static final double EPS = Math.ulp(1.0);
  private static final double TINY = 1e-300;

  private SymmetricEigen() {}

  /**
   * Decomposes the symmetric {@code m x m} row-major {@code a} (only its upper triangle is read;
   * not modified) as {@code a = V diag(values) V^T}.
   *
   * @param values out: the {@code m} eigenvalues in ascending order
   * @param vectors out: {@code m x m} row-major, column {@code j} is the eigenvector of {@code
   *     values[j]}
   */
  public static void decompose(double[] a, int m, double[] values, double[] vectors) {
    double[] w = new double[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) {
        w[i * m + j] = a[i * m + j];
        w[j * m + i] = a[i * m + j];
      }
    }
    double[] v = new double[m * m];
    for (int i = 0; i < m; i++) {
      v[i * m + i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < m - 1; p++) {
        for (int q = p + 1; q < m; q++) {
          double apq = w[p * m + q];
          double app = w[p * m + p];
          double aqq = w[q * m + q];
          // Negligible next to both diagonal elements (Demmel and Veselic's criterion for
          // relative accuracy): leave it.
          if (Math.abs(apq) <= TINY || Math.abs(apq) <= EPS * Math.sqrt(Math.abs(app * aqq))) {
            w[p * m + q] = 0;
            w[q * m + p] = 0;
            continue;
          }
          rotated = true;
          // The rotation that zeroes a_pq (Golub and Van Loan, algorithm 8.5.1, stable form).
          double theta = (aqq - app) / (2 * apq);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int r = 0; r < m; r++) {
            double wrp = w[r * m + p];
            double wrq = w[r * m + q];
            w[r * m + p] = c * wrp - s * wrq;
            w[r * m + q] = s * wrp + c * wrq;
          }
          for (int r = 0; r < m; r++) {
            double wpr = w[p * m + r];
            double wqr = w[q * m + r];
            w[p * m + r] = c * wpr - s * wqr;
            w[q * m + r] = s * wpr + c * wqr;
          }
          w[p * m + q] = 0;
          w[q * m + p] = 0;
          for (int r = 0; r < m; r++) {
            double vrp = v[r * m + p];
            double vrq = v[r * m + q];
            v[r * m + p] = c * vrp - s * vrq;
            v[r * m + q] = s * vrp + c * vrq;
          }
        }
      }
      if (!rotated) {
        break;
      }
    }
    // Ascending; ties keep their order.
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(w[x * m + x], w[y * m + y]));
    for (int j = 0; j < m; j++) {
      int from = order[j];
      values[j] = w[from * m + from];
      for (int r = 0; r < m; r++) {
        vectors[r * m + j] = v[r * m + from];
      }
    }
  }
}
