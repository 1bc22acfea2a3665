package io.github.nmf4j.nmf;

/**
 * The objective an NMF fit minimizes, {@code D(V || WH)}.
 *
 * <p>Both are members of the beta-divergence family (Févotte and Idier 2011); their
 * multiplicative updates are those of Lee and Seung, "Algorithms for non-negative matrix
 * factorization", NIPS 2001.
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
  KULLBACK_LEIBLER;

  /**
   * The value scikit-learn's convergence test compares for a loss {@code value} as {@link
   * UpdateRule#loss()} reports it: the norm itself for Frobenius, {@code sqrt(2 D)} for KL (its
   * {@code _beta_divergence(..., square_root=True)} for every beta).
   */
  double convergenceError(double value) {
    return this == FROBENIUS ? value : Math.sqrt(2 * value);
  }

  /**
   * A loss in the scaled units of {@link ScaledData} ({@code V_s = V / 4^m}) in the caller's
   * units: both losses are homogeneous of degree 1 in V, so times {@code 4^m} (exact).
   */
  double toCallerUnits(double value, ScaledData data) {
    return Math.scalb(value, 2 * data.halfExponent);
  }
}
