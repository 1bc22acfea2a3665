package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/**
 * Exact thin SVD of a tall matrix by Householder QR followed by one-sided (Hestenes) Jacobi on
 * the triangular factor: {@code A = Q R}, {@code R V = U_R S}, so {@code A = (Q U_R) S V^T}.
 *
 * <p>One-sided Jacobi (Hestenes 1958; Demmel and Veselić 1992, "Jacobi's method is more accurate
 * than QR") rotates pairs of columns of {@code R} until every pair is orthogonal to within
 * {@code k * eps} relative to the product of their norms; the column norms are then the singular
 * values, to high relative accuracy. Preconditioning by QR (Drmač and Veselić 2008) makes each
 * sweep cost {@code O(k^3)} instead of {@code O(m k^2)}. The input is first scaled by a power of
 * two so that no intermediate overflows or underflows; the singular values are scaled back.
 *
 * <p>Left singular vectors whose singular value is zero (rank-deficient input) are completed to
 * an orthonormal set by Gram-Schmidt against the canonical basis, so {@code U} always has
 * orthonormal columns. Serial except for the final product {@code Q U_R}, which runs on
 * {@link io.github.nmf4j.linalg.kernel.Gemm} and is bit-identical for any thread count. An
 * interrupt of the calling thread stops it within one column of the QR or of a sweep, with
 * {@link java.util.concurrent.CancellationException}.
 */
final class JacobiSvd {

  /** The most sweeps; convergence takes far fewer (typically 6 to 12). */
  static final int MAX_SWEEPS = 80;

  private static final double EPS = Math.ulp(1.0);

  /** Singular values below this (after scaling the largest element to [1, 2)) count as zero. */
  private static final double TINY = 1e-280;

  private JacobiSvd() {}

  /** A thin SVD: {@code A = sum_j s[j] u_j v_j^T}, singular values in descending order. */
  static final class Result {
    /** Left singular vectors as rows: {@code ut[j]} is {@code u_j}, length {@code m}. */
    final double[][] ut;
    /** Singular values, descending. */
    final double[] s;
    /** Right singular vectors as rows: {@code vt[j]} is {@code v_j}, length {@code k}. */
    final double[][] vt;

    Result(double[][] ut, double[] s, double[][] vt) {
      this.ut = ut;
      this.s = s;
      this.vt = vt;
    }
  }

  /**
   * The thin SVD of the {@code m x k} matrix ({@code m >= k >= 1}) whose columns are {@code cols}.
   *
   * @param cols the columns, each of length {@code m}; overwritten (used as work space)
   */
  static Result ofColumns(double[][] cols, Parallel par) {
    int k = cols.length;
    int m = cols[0].length;
    double maxAbs = 0;
    for (double[] c : cols) {
      maxAbs = Math.max(maxAbs, Vectors.maxAbs(c, 0, m));
    }
    double scale = Vectors.scaleFor(maxAbs);
    if (scale != 1) {
      for (double[] c : cols) {
        Vectors.scale(scale, c);
      }
    }
    double[][] r = HouseholderQr.factor(cols);
    // Columns of R as rows, rotated in place; V accumulates the rotations (its columns as rows).
    double[][] a = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = i; j < k; j++) {
        a[j][i] = r[i][j];
      }
    }
    double[][] v = new double[k][k];
    for (int j = 0; j < k; j++) {
      v[j][j] = 1;
    }
    // Columns whose squared norm is below EPS^2 ||A||_F^2 are zero to working precision.
    // Rotating them only shrinks them towards underflow, where the rotation angles become NaN
    // (seen on exactly rank-one input), so they are left alone and reported as exact zeros.
    double total = 0;
    for (double[] col : a) {
      double norm = Vectors.norm(col, 0, k);
      total += norm * norm;
    }
    double negligible = total * EPS * EPS;
    sweep(a, v, negligible);

    double[] s = new double[k];
    for (int j = 0; j < k; j++) {
      s[j] = Vectors.norm(a[j], 0, k);
      if (s[j] * s[j] <= negligible) {
        s[j] = 0;
      }
    }
    Integer[] order = new Integer[k];
    Arrays.setAll(order, j -> j);
    Arrays.sort(order, (x, y) -> Double.compare(s[y], s[x]));
    double[][] urt = new double[k][];
    double[][] vt = new double[k][];
    double[] sorted = new double[k];
    for (int j = 0; j < k; j++) {
      int o = order[j];
      sorted[j] = s[o] / scale;
      vt[j] = v[o];
      urt[j] = a[o];
      if (s[o] > TINY) {
        Vectors.scale(1 / s[o], urt[j]);
      } else {
        urt[j] = completion(urt, j);
      }
    }
    // U^T = U_R^T Q^T: (k x k) times (k x m).
    double[] u = new double[k * m];
    Gemm.multiply(k, k, m, Vectors.join(urt), Vectors.join(cols), u, par);
    return new Result(Vectors.split(u, k, m), sorted, vt);
  }

  /**
   * Cyclic one-sided Jacobi sweeps over the columns {@code a[j]}, rotating {@code v} alike; a
   * pair with a column of squared norm at most {@code negligible} is not rotated.
   */
  private static void sweep(double[][] a, double[][] v, double negligible) {
    int k = a.length;
    double tol = EPS * Math.max(k, 4);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < k - 1; p++) {
        Parallel.checkInterrupt(); // a sweep is serial, O(k^3)
        for (int q = p + 1; q < k; q++) {
          double[] x = a[p];
          double[] y = a[q];
          double alpha = 0;
          double beta = 0;
          double gamma = 0;
          for (int i = 0; i < k; i++) {
            alpha += x[i] * x[i];
            beta += y[i] * y[i];
            gamma += x[i] * y[i];
          }
          if (gamma == 0 || alpha <= negligible || beta <= negligible
              || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) {
            continue;
          }
          rotated = true;
          double zeta = (beta - alpha) / (2 * gamma);
          double t;
          if (Math.abs(zeta) > 1e150) {
            t = 0.5 / zeta;
          } else {
            t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          }
          double c = 1 / Math.sqrt(1 + t * t);
          double sn = c * t;
          rotate(x, y, c, sn);
          rotate(v[p], v[q], c, sn);
        }
      }
      if (!rotated) {
        return;
      }
    }
  }

  /** {@code (x, y) <- (c x - s y, s x + c y)}. */
  private static void rotate(double[] x, double[] y, double c, double s) {
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      double yi = y[i];
      x[i] = c * xi - s * yi;
      y[i] = s * xi + c * yi;
    }
  }

  /**
   * A unit vector orthogonal to {@code basis[0..j)}: the canonical basis vector with the largest
   * residual after two rounds of Gram-Schmidt ("twice is enough", Kahan and Parlett).
   */
  static double[] completion(double[][] basis, int j) {
    int k = basis[j].length;
    double[] best = null;
    double bestNorm = -1;
    for (int t = 0; t < k; t++) {
      double[] e = new double[k];
      e[t] = 1;
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < j; i++) {
          Vectors.axpy(-Vectors.dot(basis[i], e, 0, k), basis[i], e, 0, k);
        }
      }
      double norm = Vectors.norm(e, 0, k);
      if (norm > bestNorm + 1e-12) {
        best = e;
        bestNorm = norm;
      }
    }
    Vectors.scale(1 / bestNorm, best);
    return best;
  }
}
