package io.github.nmf4j.cluster;

/** How {@link SpectralClustering} turns the spectral embedding into labels. */
public enum LabelAssignment {

  /**
   * k-means with k-means++ seeding and 10 restarts on the rows of the embedding, as
   * scikit-learn's {@code assign_labels="kmeans"} (its default).
   */
  KMEANS,

  /**
   * The discretization of Yu and Shi ("Multiclass spectral clustering", ICCV 2003), as
   * scikit-learn's {@code assign_labels="discretize"}: the columns of the embedding are scaled to
   * length {@code sqrt(n)}, the rows to unit length, and an orthogonal rotation and a 0/1
   * cluster indicator matrix are found alternately, each the best for the other, until the
   * objective stops changing. Less sensitive to the random start than k-means.
   */
  DISCRETIZE
}
