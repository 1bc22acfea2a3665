package io.github.nmf4j.cluster;

/** The dissimilarity {@link KMeans} minimizes between points and centroids. */
public enum Distance {

  /** The squared Euclidean distance {@code |x - c|^2}: Lloyd's k-means (the default). */
  EUCLIDEAN,

  /**
   * The cosine distance {@code 1 - x.c / (|x| |c|)}: spherical k-means (Dhillon and Modha,
   * "Concept decompositions for large sparse text data using clustering", Machine Learning 42,
   * 2001). Rows are scaled to unit length, each point goes to the centroid of largest cosine
   * similarity, and each centroid is the mean of its points scaled to unit length; the
   * inertia is the sum of the points' cosine distances to their centroid. Every row must have
   * a non-zero length.
   */
  COSINE
}
