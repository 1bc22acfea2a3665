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
  KULLBACK_LEIBLER
}
