package io.github.nmf4j.nmf;

/**
 * The objective an NMF fit minimizes, {@code D(V || WH)}: a member of the beta-divergence family
 * (Févotte and Idier, "Algorithms for nonnegative matrix factorization with the beta-divergence",
 * Neural Computation 23(9), 2011), as scikit-learn's {@code beta_loss}:
 * <pre>
 *   d_beta(x | y) = (x^beta + (beta - 1) y^beta - beta x y^(beta - 1)) / (beta (beta - 1))
 * </pre>
 * summed over the entries of V and WH, with the limits {@code x log(x / y) - x + y} at beta 1
 * and {@code x / y - log(x / y) - 1} at beta 0. The multiplicative updates of Frobenius and
 * Kullback-Leibler are those of Lee and Seung, "Algorithms for non-negative matrix
 * factorization", NIPS 2001; the others are Févotte and Idier's.
 */
public enum Loss {
  /**
   * The squared Frobenius distance {@code ||V - WH||_F^2 = sum_ij (v_ij - (WH)_ij)^2} (beta = 2).
   * {@link NmfModel#reconstructionError()} reports its square root, {@code ||V - WH||_F}.
   */
  FROBENIUS,

  /**
   * The generalized Kullback-Leibler divergence
   * {@code D(V || WH) = sum_ij (v_ij log(v_ij / (WH)_ij) - v_ij + (WH)_ij)} (beta = 1), the
   * Poisson log-likelihood up to a constant; {@link NmfModel#reconstructionError()} reports
   * {@code D} itself.
   */
  KULLBACK_LEIBLER,

  /**
   * The Itakura-Saito divergence {@code D(V || WH) = sum_ij (v_ij / (WH)_ij - log(v_ij /
   * (WH)_ij) - 1)} (beta = 0): invariant to the scale of the data, so quiet and loud entries
   * count alike, the standard loss for audio power spectrograms. V must be positive: a fit
   * rejects a zero in V. {@link NmfModel#reconstructionError()} reports scikit-learn's {@code
   * sqrt(2 D)}.
   */
  ITAKURA_SAITO,

  /**
   * The beta-divergence for a beta other than 0, 1 and 2, set with {@link
   * Nmf.Builder#betaLoss(double)} (the beta is {@link NmfSettings#beta()}); {@link
   * NmfModel#reconstructionError()} reports scikit-learn's {@code sqrt(2 D)}. Beta between 1 and
   * 2 interpolates between Kullback-Leibler and Frobenius; beta {@code <= 0} needs a positive V.
   */
  BETA_DIVERGENCE;

  /** The beta of this loss: 2, 1 or 0; NaN for {@link #BETA_DIVERGENCE}, whose beta is set. */
  double beta() {
    switch (this) {
      case FROBENIUS:
        return 2;
      case KULLBACK_LEIBLER:
        return 1;
      case ITAKURA_SAITO:
        return 0;
      default:
        return Double.NaN;
    }
  }

  /** The loss named by {@code beta}: one of the named losses, else {@link #BETA_DIVERGENCE}. */
  static Loss ofBeta(double beta) {
    return beta == 2 ? FROBENIUS : beta == 1 ? KULLBACK_LEIBLER : beta == 0 ? ITAKURA_SAITO
        : BETA_DIVERGENCE;
  }

  /**
   * The value scikit-learn's convergence test compares for a loss {@code value} as {@link
   * UpdateRule#loss()} reports it: the norm itself for Frobenius, {@code sqrt(2 D)} for the
   * divergences (its {@code _beta_divergence(..., square_root=True)} for every beta).
   */
  double convergenceError(double value) {
    return this == FROBENIUS ? value : Math.sqrt(2 * Math.max(0, value));
  }

  /**
   * A loss in the scaled units of {@link ScaledData} ({@code V_s = V / 4^m}) in the caller's
   * units, for the divergence {@code beta}: Frobenius and Kullback-Leibler are homogeneous of
   * degree 1 in V, so times {@code 4^m} (exact); the others report {@code sqrt(2 D)}, of degree
   * {@code beta / 2}: times {@code 2^(m beta)} (exact for integer beta).
   */
  double toCallerUnits(double value, ScaledData data, double beta) {
    if (this == FROBENIUS || this == KULLBACK_LEIBLER) {
      return Math.scalb(value, 2 * data.halfExponent);
    }
    return Math.sqrt(2 * Math.max(0, value)) * Math.pow(2, data.halfExponent * beta);
  }
}
