package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Parallel;

/**
 * Thin QR decomposition {@code A = Q R} of a tall {@code m x k} matrix ({@code m >= k}) by
 * Householder reflections (Golub and Van Loan, <i>Matrix Computations</i>, 4th ed., algorithms
 * 5.2.1 and 5.1.5; the reflector convention of LAPACK's {@code dgeqr2}/{@code dorg2r}).
 *
 * <p>The matrix is held column by column: {@code cols[j]} is column {@code j}, a separate array of
 * length {@code m}, so that every inner loop runs along one contiguous array. {@link #factor}
 * overwrites the columns with those of {@code Q} (orthonormal) and returns {@code R} (upper
 * triangular). Columns that are zero, or become zero, get the identity reflector, so {@code Q}
 * stays orthonormal for rank-deficient input. Serial and deterministic; it stops with {@link
 * java.util.concurrent.CancellationException} at the next column once the calling thread is
 * interrupted (a 20,000 x 200 factorization takes about a second on its one thread).
 */
final class HouseholderQr {

  private HouseholderQr() {}

  /**
   * Factors the {@code m x k} matrix whose columns are {@code cols}, replacing them by the columns
   * of {@code Q}.
   *
   * @param cols {@code k >= 1} columns, each of the same length {@code m >= k}; overwritten
   * @return {@code R}, {@code k x k}, upper triangular, as rows
   */
  static double[][] factor(double[][] cols) {
    int k = cols.length;
    int m = cols[0].length;
    double[] tau = new double[k];
    double[][] r = new double[k][k];
    for (int j = 0; j < k; j++) {
      Parallel.checkInterrupt();
      double[] v = cols[j];
      double norm = Vectors.norm(v, j, m);
      // A subnormal residual (rank-deficient input) counts as zero: 1 / (alpha - beta) below
      // would overflow to infinity and turn its zeros into NaN.
      if (norm < Double.MIN_NORMAL) {
        tau[j] = 0;
        v[j] = 1;
      } else {
        double alpha = v[j];
        double beta = alpha >= 0 ? -norm : norm;
        tau[j] = (beta - alpha) / beta;
        double inv = 1 / (alpha - beta);
        for (int i = j + 1; i < m; i++) {
          v[i] *= inv;
        }
        v[j] = 1;
        r[j][j] = beta;
        for (int c = j + 1; c < k; c++) {
          double[] y = cols[c];
          double w = tau[j] * Vectors.dot(v, y, j, m);
          Vectors.axpy(-w, v, y, j, m);
        }
      }
      for (int c = j + 1; c < k; c++) {
        r[j][c] = cols[c][j];
      }
    }
    formQ(cols, tau);
    return r;
  }

  /** Replaces the reflectors stored in {@code cols} by the columns of {@code Q} (dorg2r). */
  private static void formQ(double[][] cols, double[] tau) {
    int k = cols.length;
    int m = cols[0].length;
    for (int j = k - 1; j >= 0; j--) {
      Parallel.checkInterrupt();
      double[] v = cols[j];
      if (tau[j] != 0) {
        for (int c = j + 1; c < k; c++) {
          double[] q = cols[c];
          double w = tau[j] * Vectors.dot(v, q, j, m);
          Vectors.axpy(-w, v, q, j, m);
        }
      }
      for (int i = j + 1; i < m; i++) {
        v[i] = -tau[j] * v[i];
      }
      v[j] = 1 - tau[j];
      for (int i = 0; i < j; i++) {
        v[i] = 0;
      }
    }
  }
}
