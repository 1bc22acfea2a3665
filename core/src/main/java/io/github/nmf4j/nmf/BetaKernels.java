package io.github.nmf4j.nmf;

/**
 * The element-wise steps of the beta-divergence multiplicative updates ({@link BetaMu}) on
 * row-major {@code double[]} that start at index 0 (every access indexed by the bare loop
 * variable, the shape C2 vectorizes).
 *
 * <p>With {@code y = (WH)_ij + eps} and {@code x = v_ij}: the numerator terms {@code a = x
 * y^(beta-2)}, the denominator terms {@code b = y^(beta-1)}, and the divergence. The powers take
 * a fast path for the betas in common use (0: Itakura-Saito, one division; 0.5 and 1.5: one
 * square root; 3: products), {@link Math#pow} otherwise.
 */
final class BetaKernels {

  /** How {@code y^(beta-2)} is formed. */
  enum Power {
    /** beta 0: {@code 1 / y^2}. */
    RECIPROCAL,
    /** beta 0.5: {@code 1 / (y sqrt(y))}. */
    HALF,
    /** beta 1.5: {@code 1 / sqrt(y)}. */
    ONE_AND_HALF,
    /** beta 3: {@code y}. */
    THREE,
    /** any other beta: {@code Math.pow(y, beta - 2)}. */
    GENERAL;

    static Power of(double beta) {
      return beta == 0 ? RECIPROCAL : beta == 0.5 ? HALF : beta == 1.5 ? ONE_AND_HALF
          : beta == 3 ? THREE : GENERAL;
    }
  }

  private BetaKernels() {}

  /**
   * {@code b[j] = y^(beta-1)} and, over the same array as {@code wh}, {@code wh[j] <- x_j
   * y^(beta-2)} with {@code y = wh[j] + eps} and {@code x_j = v[j] * scale}, for {@code j <
   * len}.
   */
  static void terms(Power power, double beta, double[] v, double scale, double[] wh, double[] b,
      int len, double eps) {
    switch (power) {
      case RECIPROCAL:
        for (int j = 0; j < len; j++) {
          double r = 1 / (wh[j] + eps);
          b[j] = r;
          wh[j] = v[j] * scale * r * r;
        }
        break;
      case HALF:
        for (int j = 0; j < len; j++) {
          double y = wh[j] + eps;
          double r = 1 / Math.sqrt(y);
          b[j] = r;
          wh[j] = v[j] * scale * r / y;
        }
        break;
      case ONE_AND_HALF:
        for (int j = 0; j < len; j++) {
          double s = Math.sqrt(wh[j] + eps);
          b[j] = s;
          wh[j] = v[j] * scale / s;
        }
        break;
      case THREE:
        for (int j = 0; j < len; j++) {
          double y = wh[j] + eps;
          b[j] = y * y;
          wh[j] = v[j] * scale * y;
        }
        break;
      default:
        double e = beta - 2;
        for (int j = 0; j < len; j++) {
          double y = wh[j] + eps;
          double t = Math.pow(y, e);
          b[j] = t * y;
          wh[j] = v[j] * scale * t;
        }
    }
  }

  /**
   * {@code b[j] = y^(beta-1)} with {@code y = wh[j] + eps}, for {@code j < len}: the denominator
   * terms alone (a sparse V forms its numerator terms at its stored entries).
   */
  static void denominatorTerms(Power power, double beta, double[] wh, double[] b, int len,
      double eps) {
    switch (power) {
      case RECIPROCAL:
        for (int j = 0; j < len; j++) {
          b[j] = 1 / (wh[j] + eps);
        }
        break;
      case HALF:
        for (int j = 0; j < len; j++) {
          b[j] = 1 / Math.sqrt(wh[j] + eps);
        }
        break;
      case ONE_AND_HALF:
        for (int j = 0; j < len; j++) {
          b[j] = Math.sqrt(wh[j] + eps);
        }
        break;
      case THREE:
        for (int j = 0; j < len; j++) {
          double y = wh[j] + eps;
          b[j] = y * y;
        }
        break;
      default:
        double e = beta - 1;
        for (int j = 0; j < len; j++) {
          b[j] = Math.pow(wh[j] + eps, e);
        }
    }
  }

  /**
   * The part of the divergence of a block that depends on WH, with {@code y_j = wh[j] + eps}
   * (read before {@link #terms} overwrites wh): for beta 0 (Itakura-Saito) the divergence itself,
   * {@code sum_j (r_j - log(r_j) - 1)} with {@code r_j = x_j / y_j} (all {@code x_j > 0}: a fit
   * rejects zeros); for other betas {@code sum_j ((beta - 1) m_j - beta x_j y_j^(beta-1))}, with
   * {@code m_j = wh[j]^beta} for {@code beta > 0} (scikit-learn's unguarded {@code sum(WH^beta)})
   * and {@code y_j^beta} below, to which {@link #powerSum} of V is added before dividing by
   * {@code beta (beta - 1)}. Only on the iterations whose loss is asked for; the update's own
   * terms are not touched.
   */
  static double divergence(Power power, double beta, double[] v, double scale, double[] wh,
      int len, double eps) {
    double s = 0;
    if (power == Power.RECIPROCAL) {
      for (int j = 0; j < len; j++) {
        double r = v[j] * scale / (wh[j] + eps);
        s += r - Math.log(r) - 1;
      }
      return s;
    }
    double bm1 = beta - 1;
    if (beta < 0) {
      for (int j = 0; j < len; j++) {
        double y = wh[j] + eps;
        s += (bm1 * y - beta * (v[j] * scale)) * powerOf(power, beta - 1, y);
      }
      return s;
    }
    // sum(WH^beta) without the guard, as scikit-learn: eps^beta is not small for beta < 1
    for (int j = 0; j < len; j++) {
      double y = wh[j] + eps;
      s += bm1 * modelPower(power, beta, wh[j]) - beta * (v[j] * scale) * powerOf(power, bm1, y);
    }
    return s;
  }

  /** {@code y^beta} for {@code beta > 0} and {@code y >= 0} (0 at 0), as {@link #powerOf}. */
  static double modelPower(Power power, double beta, double y) {
    return y > 0 ? y * powerOf(power, beta - 1, y) : 0;
  }

  /** {@code y^e} with {@code e = beta - 1}, by the fast path of the power where there is one. */
  static double powerOf(Power power, double e, double y) {
    switch (power) {
      case RECIPROCAL:
        return 1 / y;
      case HALF:
        return 1 / Math.sqrt(y);
      case ONE_AND_HALF:
        return Math.sqrt(y);
      case THREE:
        return y * y;
      default:
        return Math.pow(y, e);
    }
  }

  /** {@code sum_j (x_j)^beta} with {@code x_j = v[j] * scale}, {@code j} in {@code [from, to)}. */
  static double powerSum(double beta, double[] v, int from, int to, double scale) {
    double s = 0;
    if (beta == 1.5) {
      for (int j = from; j < to; j++) {
        double x = v[j] * scale;
        s += x * Math.sqrt(x);
      }
    } else if (beta == 0.5) {
      for (int j = from; j < to; j++) {
        s += Math.sqrt(v[j] * scale);
      }
    } else if (beta == 3) {
      for (int j = from; j < to; j++) {
        double x = v[j] * scale;
        s += x * x * x;
      }
    } else {
      for (int j = from; j < to; j++) {
        double x = v[j] * scale;
        // 0^beta is 0 for beta > 0; beta <= 0 never sees a zero (rejected)
        s += x == 0 ? 0 : Math.pow(x, beta);
      }
    }
    return s;
  }

  /**
   * The multiplicative step {@code x <- x .* (num ./ (den + guard + l2 x))^gamma} over the first
   * {@code len} values (guard: eps plus the L1 weight). A ratio that is not finite (only when
   * extreme betas overflow the powers) leaves its entry unchanged.
   */
  static void step(double[] x, double[] num, double[] den, double guard, double l2,
      double gamma, int len) {
    for (int i = 0; i < len; i++) {
      double old = x[i];
      double r = num[i] / (den[i] + guard + l2 * old);
      if (gamma == 0.5) {
        r = Math.sqrt(r);
      } else if (gamma != 1) {
        r = Math.pow(r, gamma);
      }
      x[i] = r >= 0 && r < Double.POSITIVE_INFINITY ? old * r : old;
    }
  }

  /**
   * Févotte and Idier's exponent of the multiplicative update that makes it a
   * majorization-minimization step: {@code 1 / (2 - beta)} for beta {@code < 1}, {@code 1 /
   * (beta - 1)} for beta {@code > 2}, 1 in between (scikit-learn's {@code gamma}).
   */
  static double gamma(double beta) {
    return beta < 1 ? 1 / (2 - beta) : beta > 2 ? 1 / (beta - 1) : 1;
  }
}
