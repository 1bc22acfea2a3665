package io.github.nmf4j.metrics;

/**
 * How the normalized and adjusted mutual information ({@link
 * ClusteringMetrics#normalizedMutualInfo(int[], int[], Averaging)}, {@link
 * ClusteringMetrics#adjustedMutualInfo(int[], int[], Averaging)}) average the two entropies
 * {@code U = H(truth)} and {@code V = H(predicted)} into the normalizer; scikit-learn's {@code
 * average_method}. Vinh, Epps and Bailey (JMLR 11, 2010) compare them; {@link #ARITHMETIC} is
 * scikit-learn's default and gives the V-measure as the normalized mutual information.
 */
public enum Averaging {
  /** {@code min(U, V)}. */
  MIN,
  /** {@code sqrt(U V)}. */
  GEOMETRIC,
  /** {@code (U + V) / 2}, the default. */
  ARITHMETIC,
  /** {@code max(U, V)}. */
  MAX;

  /** The mean of {@code u} and {@code v} this constant names. */
  double of(double u, double v) {
    switch (this) {
      case MIN:
        return Math.min(u, v);
      case GEOMETRIC:
        return Math.sqrt(u * v);
      case ARITHMETIC:
        return (u + v) / 2;
      default:
        return Math.max(u, v);
    }
  }
}
