package io.github.nmf4j.nmf;

/** The algorithm that updates the factors W and H from one iteration to the next. */
public enum Solver {
  /**
   * The multiplicative updates of Lee and Seung, "Algorithms for non-negative matrix
   * factorization", NIPS 2001, for either {@link Loss}; H is updated first, then W. See {@link
   * Nmf} for the formulas.
   */
  MULTIPLICATIVE_UPDATE
}
