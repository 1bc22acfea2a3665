package io.github.nmf4j.nmf;

/** The algorithm that updates the factors W and H from one iteration to the next. */
public enum Solver {
  /**
   * The multiplicative updates of Lee and Seung, "Algorithms for non-negative matrix
   * factorization", NIPS 2001, for either {@link Loss}; H is updated first, then W. See {@link
   * Nmf} for the formulas.
   */
  MULTIPLICATIVE_UPDATE,
  /**
   * Hierarchical alternating least squares (Cichocki and Phan 2009), {@link Loss#FROBENIUS}
   * only, with Gillis and Glineur's (2012) repeated inner sweeps: each row of H, then each column
   * of W, is set to its exact non-negative least-squares value with the others fixed,
   * {@code H[c,:] = max(f, H[c,:] + ((W'V)[c,:] - (W'W)[c,:] H) / (W'W)[c,c])} and
   * {@code W[:,c] = max(f, W[:,c] + ((VH')[:,c] - W (HH')[:,c]) / (HH')[c,c])} with a tiny floor
   * {@code f > 0}. It reaches a given error in far fewer iterations than the multiplicative
   * updates, and the loss never increases. With one sweep it is scikit-learn's
   * {@code NMF(solver='cd')}. Choosing it with {@link Loss#KULLBACK_LEIBLER} is an {@link
   * IllegalArgumentException} when the configuration is built.
   */
  HALS
}
