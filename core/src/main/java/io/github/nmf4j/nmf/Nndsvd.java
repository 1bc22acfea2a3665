package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Svd;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.SplittableRandom;

/**
 * Non-negative double SVD (Boutsidis and Gallopoulos, "SVD based initialization: a head start for
 * nonnegative matrix factorization", Pattern Recognition 41, 2008), as scikit-learn's
 * {@code _initialize_nmf}, from a truncated SVD {@code V ~ U diag(s) V^T} of the data.
 *
 * <p>The leading singular pair is non-negative up to sign, so {@code W[:,0] = sqrt(s_0) |u_0|},
 * {@code H[0,:] = sqrt(s_0) |v_0|}. For {@code j >= 1}, split {@code x = u_j}, {@code y = v_j} into
 * positive and negative parts, keep the pair of parts with the larger product of norms
 * {@code sigma}, and set {@code W[:,j] = sqrt(s_j sigma) x_part / ||x_part||} (and H alike). The
 * result does not depend on the signs of the singular vectors. Values below {@code 1e-6} (in
 * the caller's units, as scikit-learn) become 0; NNDSVDA then fills zeros with {@code mean(V)},
 * NNDSVDAR with {@code |mean(V) N(0, 1) / 100|}, as scikit-learn, for data whose largest value
 * lies between about 2e-10 and 4e9 (beyond, the fill is capped relative to the SVD values: see
 * {@link #FILL_LIMIT}).
 */
final class Nndsvd {

  /** scikit-learn's threshold below which an initial value becomes 0. */
  static final double ZERO_BELOW = 1e-6;

  /**
   * Half-exponent beyond which the fill value stops following mean(V): V whose largest value is
   * beyond about 4e9 or below about 2e-10. The fill is then at most {@code 2^16} times the SVD's
   * values (about {@code sqrt(V)}). With 32 (V beyond about 1e19) the fill of V near 1e16 was
   * {@code 2^25} times the SVD's values: a masked HALS fit of such V reached NaN within ten
   * iterations (its sums over the missing entries lost every bit to cancellation) and MU fits
   * ended at twice the error of the same V at 2^30.
   */
  static final int FILL_LIMIT = 16;

  private Nndsvd() {}

  /**
   * The initial factors in stored (scaled) units from the SVD of V; {@code random} is used by
   * NNDSVDAR only.
   */
  static Factors factors(ScaledData data, int k, Svd svd, Initialization variant,
      SplittableRandom random) {
    return factors(data, k, new Initializer.ScaledSvd(svd, 0), variant, random);
  }

  /**
   * As {@link #factors(ScaledData, int, Svd, Initialization, SplittableRandom)} from the SVD of
   * {@code V / 4^svd.halfExponent()} (V itself when 0).
   */
  static Factors factors(ScaledData data, int k, Initializer.ScaledSvd scaledSvd,
      Initialization variant, SplittableRandom random) {
    Svd svd = scaledSvd.svd();
    double unit = Math.scalb(1.0, scaledSvd.halfExponent());
    int n = data.n;
    int p = data.p;
    double[] u = MatrixAccess.data(svd.u());
    double[] vt = MatrixAccess.data(svd.vt());
    int r = svd.rank();
    double[] s = svd.singularValues();
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    double[] x = new double[n];
    double[] y = new double[p];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) {
        x[i] = u[i * r + j];
      }
      System.arraycopy(vt, j * p, y, 0, p);
      if (j == 0) {
        double lambda = Math.sqrt(s[0]) * unit;
        for (int i = 0; i < n; i++) {
          w[i * k] = lambda * Math.abs(x[i]);
        }
        for (int c = 0; c < p; c++) {
          h[c] = lambda * Math.abs(y[c]);
        }
        continue;
      }
      double xPos = partNorm(x, 1);
      double xNeg = partNorm(x, -1);
      double yPos = partNorm(y, 1);
      double yNeg = partNorm(y, -1);
      double mPos = xPos * yPos;
      double mNeg = xNeg * yNeg;
      double sign = mPos > mNeg ? 1 : -1;
      double sigma = mPos > mNeg ? mPos : mNeg;
      if (sigma == 0) {
        continue; // a degenerate pair (zero singular value): leave the component at zero
      }
      double lambda = Math.sqrt(s[j] * sigma) * unit;
      double xNorm = mPos > mNeg ? xPos : xNeg;
      double yNorm = mPos > mNeg ? yPos : yNeg;
      for (int i = 0; i < n; i++) {
        w[i * k + j] = lambda * (Math.max(sign * x[i], 0) / xNorm);
      }
      for (int c = 0; c < p; c++) {
        h[j * p + c] = lambda * (Math.max(sign * y[c], 0) / yNorm);
      }
    }
    zeroSmall(w);
    zeroSmall(h);
    data.scale(w);
    data.scale(h);
    // mean(V) in stored units is mean(V) / 2^m = mean(V_s) 2^m. As a factor entry it is out of
    // scale with the SVD's values (~ sqrt(V)) by 2^m, so beyond 2^±FILL_LIMIT it is capped there:
    // otherwise the updates would overflow for V near 1e±300.
    int m = Math.max(-FILL_LIMIT, Math.min(FILL_LIMIT, data.halfExponent));
    double mean = data.mean() * Math.scalb(1.0, m);
    if (variant == Initialization.NNDSVDA) {
      fillZeros(w, mean, null);
      fillZeros(h, mean, null);
    } else if (variant == Initialization.NNDSVDAR) {
      fillZeros(w, mean / 100, random);
      fillZeros(h, mean / 100, random);
    }
    return new Factors(w, h, k);
  }

  /** The norm of the positive ({@code sign = 1}) or negative ({@code -1}) part of x. */
  private static double partNorm(double[] x, int sign) {
    double s = 0;
    for (double v : x) {
      double part = Math.max(sign * v, 0);
      s += part * part;
    }
    return Math.sqrt(s);
  }

  private static void zeroSmall(double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] < ZERO_BELOW) {
        a[i] = 0;
      }
    }
  }

  /** Replaces zeros by {@code value}, or by {@code |value N(0, 1)|} with a random source. */
  private static void fillZeros(double[] a, double value, SplittableRandom random) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == 0) {
        a[i] = random == null ? value : Math.abs(value * random.nextGaussian());
      }
    }
  }
}
