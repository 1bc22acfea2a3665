package io.github.nmf4j.nmf;

/**
 * How the factors W and H are chosen before the first iteration (custom factors are given with
 * {@link Nmf.Builder#initialFactors}).
 *
 * <p>When none is chosen, the default follows scikit-learn: {@link #NNDSVDA} when the rank is at
 * most {@code min(n, p)} for an {@code n x p} matrix V, otherwise {@link #RANDOM}.
 */
public enum Initialization {
  /**
   * Independent uniform values on {@code (0, 1]} scaled by {@code sqrt(mean(V) / k)}, so that
   * {@code WH} has the order of magnitude of V; drawn from the builder's seed (a different stream
   * for every restart). Each row of W has a stream of its own, seeded from the restart's stream
   * and the row index, so a row's start does not depend on the other rows (a fit split by rows,
   * as in nmf4j-spark, draws the same start); H has another.
   */
  RANDOM,

  /**
   * Non-negative double singular value decomposition (Boutsidis and Gallopoulos, "SVD based
   * initialization: a head start for nonnegative matrix factorization", Pattern Recognition 41,
   * 2008) on a truncated SVD of V: each singular pair is split into its positive and negative
   * parts and the dominant part is kept. Values below {@code 1e-6} become 0, which suits sparse
   * factors (zeros stay zero under multiplicative updates). Requires {@code k <= min(n, p)}.
   */
  NNDSVD,

  /**
   * {@link #NNDSVD} with its zeros replaced by {@code mean(V)}; requires {@code k <= min(n, p)}.
   */
  NNDSVDA,

  /**
   * {@link #NNDSVD} with its zeros replaced by small random values, {@code |N(0, 1)| mean(V) /
   * 100}, drawn from the builder's seed; requires {@code k <= min(n, p)}.
   */
  NNDSVDAR
}
