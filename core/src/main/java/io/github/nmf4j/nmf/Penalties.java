package io.github.nmf4j.nmf;

/**
 * The elastic-net penalties of a fit in {@link ScaledData}'s stored units, as scikit-learn 1.2
 * defines them ({@code _compute_regularization} in {@code sklearn/decomposition/_nmf.py}): the
 * objective is
 * <pre>
 *   D(V || WH) + l1W sum(W) + l1H sum(H) + l2W / 2 ||W||_F^2 + l2H / 2 ||H||_F^2
 *   l1W = p alphaW l1Ratio,   l2W = p alphaW (1 - l1Ratio)     (p = features, columns of V)
 *   l1H = n alphaH l1Ratio,   l2H = n alphaH (1 - l1Ratio)     (n = samples, rows of V)
 * </pre>
 * where D is half the squared Frobenius distance for the Frobenius loss and the divergence
 * itself otherwise. In a multiplicative update the L1 weight is added to the denominator and
 * the L2 weight times the factor too; in HALS the L1 weight is taken from the targets and the
 * L2 weight added to the Gram matrix's diagonal.
 *
 * <p>Units: the rules work on {@code V_s = V / s} ({@code s = 4^m}) with factors {@code W_s = W /
 * sqrt(s)}, {@code H_s = H / sqrt(s)}. The beta-divergence is homogeneous of degree beta, so the
 * objective divided by {@code s^beta} is the same objective on the stored units with {@code l1 *
 * s^(1/2 - beta)} and {@code l2 * s^(1 - beta)}: exact powers of two for integer beta, so that
 * for these losses the scaling adds no rounding. (Unlike the unpenalized fit, a penalized fit of
 * {@code 4 V} is not twice that of V: the penalties do not scale with the data.)
 */
final class Penalties {

  /** No penalty. */
  static final Penalties NONE = new Penalties(0, 0, 0, 0);

  /** The L1 and L2 weights of W and H, in stored units. */
  final double l1W;
  final double l2W;
  final double l1H;
  final double l2H;

  private Penalties(double l1W, double l2W, double l1H, double l2H) {
    this.l1W = l1W;
    this.l2W = l2W;
    this.l1H = l1H;
    this.l2H = l2H;
  }

  /** The penalties of {@code problem}'s settings for its data's shape and scale. */
  static Penalties of(Problem problem) {
    NmfSettings s = problem.settings();
    ScaledData data = problem.data();
    Penalties p = of(s.alphaW(), s.alphaH(), s.l1Ratio(), data.n, data.p, data.halfExponent,
        s.beta());
    int j = problem.wShift();
    if (j == 0 || p == NONE) {
      return p;
    }
    // W stored as W / 2^(m + j): sum(W) gains 2^j, ||W||^2 gains 4^j (exact powers of two)
    return new Penalties(Math.scalb(p.l1W, j),
        Math.min(Math.scalb(p.l2W, 2 * j), Double.MAX_VALUE), p.l1H, p.l2H);
  }

  /**
   * The penalties for {@code n x p} data scaled by {@code 4^halfExponent} under the
   * beta-divergence {@code beta}.
   */
  static Penalties of(double alphaW, double alphaH, double l1Ratio, int n, int p,
      int halfExponent, double beta) {
    if (alphaW == 0 && alphaH == 0) {
      return NONE;
    }
    // s^(1/2 - beta) = 2^(m (1 - 2 beta)) and s^(1 - beta) = 2^(2 m (1 - beta)); exact for
    // integer beta, as Math.pow is for powers of two with integer exponents.
    double l1Unit = Math.pow(2, halfExponent * (1 - 2 * beta));
    double l2Unit = Math.pow(2, 2 * halfExponent * (1 - beta));
    return new Penalties(
        weight(p * alphaW * l1Ratio, l1Unit), l2Weight(p * alphaW * (1 - l1Ratio), l2Unit),
        weight(n * alphaH * l1Ratio, l1Unit), l2Weight(n * alphaH * (1 - l1Ratio), l2Unit));
  }

  /**
   * {@code weight * unit}, but 0 for a weight of 0: the unit overflows to infinity for a beta
   * far from 1 at an extreme scale (beta 3 and {@code m} below -204), and {@code 0 * Infinity}
   * would make an absent penalty NaN.
   */
  static double weight(double weight, double unit) {
    return weight == 0 ? 0 : weight * unit;
  }

  /**
   * An L2 weight, {@link #weight}{@code (weight, unit)} but at most {@link Double#MAX_VALUE}.
   * Beyond the double range the penalty outweighs any fit of the data and only says that the
   * factor is 0, as the largest double does; an infinite weight made the factors NaN ({@code 0 *
   * Infinity} in {@code W (HH' + l2W I)}, HALS's Gram matrix or {@code l2W W} once an entry was
   * 0): with {@code alphaW = alphaH = 1} the Frobenius fits of V near {@code 2^-1021}, and the
   * mini-batch fits with beta 3 of V below about 1e-154. A finite weight is kept as it is.
   */
  static double l2Weight(double weight, double unit) {
    return Math.min(weight(weight, unit), Double.MAX_VALUE);
  }

  /**
   * What a multiplicative update adds to its denominators for the guard {@code eps}: {@code
   * eps} plus the L1 weight, and the L2 weight (times the factor), for H and for W.
   */
  MuGuards muGuards(double eps) {
    return new MuGuards(eps + l1H, eps + l1W, l2H, l2W);
  }

  /**
   * The denominator terms of the multiplicative updates ({@link #muGuards}): {@code H <- H .*
   * num ./ (den + l2H H + h)}, {@code W <- W .* num ./ (den + l2W W + w)}.
   *
   * @param h the guard of the H update: {@code eps + l1H}
   * @param w the guard of the W update: {@code eps + l1W}
   * @param l2H the L2 weight of H
   * @param l2W the L2 weight of W
   */
  record MuGuards(double h, double w, double l2H, double l2W) {}

  /** Whether any weight is positive. */
  boolean any() {
    return l1W > 0 || l2W > 0 || l1H > 0 || l2H > 0;
  }

  /**
   * {@code out = g + l2 I} for the {@code k x k} Gram matrix {@code g}: the L2 penalty of a
   * multiplicative update ({@code W(HH') + l2 W = W(HH' + l2 I)}) or of HALS. Returns {@code g}
   * itself when {@code l2} is 0, so an unpenalized fit computes exactly as before.
   */
  static double[] withDiagonal(double[] g, int k, double l2, double[] out) {
    if (l2 == 0) {
      return g;
    }
    System.arraycopy(g, 0, out, 0, k * k);
    for (int c = 0; c < k; c++) {
      out[c * k + c] += l2;
    }
    return out;
  }

  @Override
  public String toString() {
    return "Penalties[l1W=" + l1W + ", l2W=" + l2W + ", l1H=" + l1H + ", l2H=" + l2H + "]";
  }
}
