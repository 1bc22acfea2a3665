package io.github.nmf4j.decomposition;

/**
 * How {@link Pca} computes the SVD of the centered data (scikit-learn's {@code svd_solver}).
 */
public enum PcaSolver {
  /**
   * scikit-learn's rule: {@link #EXACT} when both dimensions are at most 500 or when the
   * components are at least 80% of {@code min(rows, cols)}, otherwise {@link #RANDOMIZED}.
   */
  AUTO,
  /** All singular triplets by {@link io.github.nmf4j.linalg.Svd#exact}, then truncated. */
  EXACT,
  /**
   * The randomized truncated SVD {@link io.github.nmf4j.linalg.Svd#truncated} (Halko, Martinsson
   * and Tropp 2011), which itself falls back to the exact one for small inputs.
   */
  RANDOMIZED
}
