package io.github.nmf4j.linalg.kernel;

/**
 * All eigenvalues and eigenvectors of a small dense symmetric matrix: Householder reduction to
 * tridiagonal form, then the QL algorithm with implicit shifts on the tridiagonal matrix (the
 * EISPACK routines {@code tred2} and {@code tql2}, Bowdler, Martin, Reinsch and Wilkinson 1968,
 * as JAMA ports them; Golub and Van Loan, "Matrix Computations", 4th ed., sections 8.3). About
 * {@code 9 m^3} flops in all, against the several sweeps of {@code 6 m^3} each of the cyclic
 * Jacobi method this replaced, with the same orthonormal eigenvectors to working precision and
 * eigenvalues accurate to a few ulps of the matrix's norm. Meant for the Rayleigh-Ritz problems
 * of {@link Lobpcg} (a few dozen rows, once per iteration) and other matrices of at most a few
 * hundred rows. Serial and deterministic.
 */
public final class SymmetricEigen {

  /** QL iterations allowed per eigenvalue; two or three are typical. */
  static final int MAX_ITERATIONS = 64;

  private static final double EPS = 0x1p-52;

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
    double[][] v = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = i; j < m; j++) {
        v[i][j] = a[i * m + j];
        v[j][i] = a[i * m + j];
      }
    }
    double[] d = new double[m];
    double[] e = new double[m];
    tridiagonalize(v, d, e, m);
    diagonalize(v, d, e, m);
    System.arraycopy(d, 0, values, 0, m);
    for (int r = 0; r < m; r++) {
      System.arraycopy(v[r], 0, vectors, r * m, m);
    }
  }

  /**
   * {@code tred2}: Householder reduction of the symmetric {@code v} to tridiagonal form, the
   * diagonal into {@code d}, the subdiagonal into {@code e[1..m-1]}, the orthogonal transform
   * accumulated in {@code v}.
   */
  private static void tridiagonalize(double[][] v, double[] d, double[] e, int n) {
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
          v[j][i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j][i] = f;
          g = e[j] + v[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k][j] * d[k];
            e[k] += v[k][j] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k][j] -= f * e[k] + g * d[k];
          }
          d[j] = v[i - 1][j];
          v[i][j] = 0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k][i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += v[k][i + 1] * v[k][j];
          }
          for (int k = 0; k <= i; k++) {
            v[k][j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k][i + 1] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0;
    }
    v[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  /**
   * {@code tql2}: the eigenvalues of the tridiagonal matrix ({@code d}, {@code e}) into {@code
   * d}, ascending, by QL with implicit shifts; the rotations applied to the columns of {@code v}.
   */
  private static void diagonalize(double[][] v, double[] d, double[] e, int n) {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double norm = 0;
    for (int l = 0; l < n; l++) {
      norm = Math.max(norm, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && !(Math.abs(e[m]) <= EPS * norm)) {
        m++;
      }
      if (m > l) {
        int iteration = 0;
        do {
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = hypot(p, 1);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            for (int k = 0; k < n; k++) {
              double[] row = v[k];
              h = row[i + 1];
              row[i + 1] = s * row[i] + c * h;
              row[i] = c * row[i] - s * h;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > EPS * norm && ++iteration < MAX_ITERATIONS);
      }
      d[l] += f;
      e[l] = 0;
    }
    // Ascending (selection sort: ties keep their order), the vectors with their values.
    for (int i = 0; i < n - 1; i++) {
      int k = i;
      double p = d[i];
      for (int j = i + 1; j < n; j++) {
        if (d[j] < p) {
          k = j;
          p = d[j];
        }
      }
      if (k != i) {
        d[k] = d[i];
        d[i] = p;
        for (int j = 0; j < n; j++) {
          double t = v[j][i];
          v[j][i] = v[j][k];
          v[j][k] = t;
        }
      }
    }
  }

  /** {@code sqrt(a^2 + b^2)} without overflow or underflow. */
  private static double hypot(double a, double b) {
    double x = Math.abs(a);
    double y = Math.abs(b);
    if (x > y) {
      double t = y / x;
      return x * Math.sqrt(1 + t * t);
    }
    if (y != 0) {
      double t = x / y;
      return y * Math.sqrt(1 + t * t);
    }
    return 0;
  }
}
