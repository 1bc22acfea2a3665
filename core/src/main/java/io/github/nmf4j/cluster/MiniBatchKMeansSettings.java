package io.github.nmf4j.cluster;

/**
 * The settings of a {@link MiniBatchKMeans}, as validated by its builder: every value that
 * determines a fit's result, and nothing about how it runs besides {@code threads} (no executor,
 * no listener). See {@link MiniBatchKMeans.Builder} for what each value means and its default.
 *
 * @param k the number of clusters
 * @param batchSize the points drawn (with replacement) for each step
 * @param maxIterations the most passes over the data, in steps of {@code batchSize} points
 * @param maxNoImprovement the steps without a new minimum of the smoothed batch inertia after
 *     which the fit stops; 0 never stops on that ground
 * @param reassignmentRatio centroids whose count falls below this fraction of the largest count
 *     are moved to random batch points
 * @param restarts the k-means++ seedings tried on a sample, the best on a validation sample kept
 * @param tolerance the bound on the summed squared centroid shift of a step, relative to the mean
 *     per-feature variance; 0 never stops on that ground
 * @param seed the seed every random stream of a fit derives from
 * @param threads the most threads a fit uses (results do not depend on it)
 */
public record MiniBatchKMeansSettings(int k, int batchSize, int maxIterations,
    int maxNoImprovement, double reassignmentRatio, int restarts, double tolerance, long seed,
    int threads) {

  @Override
  public String toString() {
    return "MiniBatchKMeans[k=" + k + ", batchSize=" + batchSize + ", maxIterations="
        + maxIterations + ", maxNoImprovement=" + maxNoImprovement + ", reassignmentRatio="
        + reassignmentRatio + ", restarts=" + restarts + ", tolerance=" + tolerance + ", seed="
        + seed + ", threads=" + threads + "]";
  }
}
