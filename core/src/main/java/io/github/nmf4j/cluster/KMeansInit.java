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
  RANDOM,

  /**
   * k-means|| (Bahmani et al., "Scalable k-means++", VLDB 2012), the initialization of Spark's
   * k-means: a first point chosen uniformly, then {@link KMeans.Builder#parallelRounds} rounds
   * (default 5) that each keep every point independently with probability {@code min(1, l
   * d^2(x) / phi)}, {@code l} being {@link KMeans.Builder#oversampling} (default 2) times
   * {@code k} and {@code phi} the sum of the squared distances to the nearest candidate so far;
   * the candidates, weighted by the points nearest to them, are reduced to {@code k} centroids
   * by weighted k-means++ and weighted Lloyd iterations on the candidates. Each round is one
   * pass over the data (k-means++ takes {@code k}); the points' coins are hashes of the seed and
   * their index, so the seeding is the same for any thread count. Dense points only.
   */
  K_MEANS_PARALLEL
}
