package io.github.nmf4j.cluster;

/**
 * How {@link KMeans} chooses the initial centroids of each restart.
 *
 * <p>To start from centroids of your own, use {@link KMeans.Builder#initialCentroids} instead.
 */
public enum KMeansInit {

  /**
   * k-means++ seeding (Arthur and Vassilvitskii, "k-means++: the advantages of careful
   * seeding", SODA 2007) with greedy local trials, as scikit-learn does it: the first centroid
   * is a point chosen uniformly; each further centroid is chosen among {@code 2 + floor(ln k)}
   * candidates, each sampled with probability proportional to its squared distance to the
   * nearest centroid chosen so far, keeping the candidate that lowers the potential (the sum
   * of those squared distances) the most.
   */
  K_MEANS_PLUS_PLUS,

  /** {@code k} distinct rows of the data chosen uniformly at random (scikit-learn's 'random'). */
  RANDOM
}
