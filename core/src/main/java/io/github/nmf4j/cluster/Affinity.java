package io.github.nmf4j.cluster;

/** The graph {@link SpectralClustering} partitions: which points are similar, and how much. */
public enum Affinity {

  /**
   * The Gaussian (RBF) kernel {@code a_ij = exp(-gamma |x_i - x_j|^2)} between every pair of
   * points, as scikit-learn's {@code affinity="rbf"} (its default). Dense: {@code 8 n^2} bytes
   * (800 MB for 10,000 points); {@link SpectralClustering} refuses more than {@value
   * SpectralClustering#MAX_DENSE_POINTS} points with it.
   */
  RBF,

  /**
   * The graph of the {@code neighbors} nearest neighbours of every point (the point itself
   * counted among them), symmetrized: {@code a_ij = (c_ij + c_ji) / 2} where {@code c_ij = 1} if
   * {@code j} is among the nearest neighbours of {@code i}, as scikit-learn's {@code
   * affinity="nearest_neighbors"}. Sparse: about {@code 2 n neighbors} entries.
   */
  NEAREST_NEIGHBORS
}
