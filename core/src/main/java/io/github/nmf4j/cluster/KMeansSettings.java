package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;

/**
 * The settings of a {@link KMeans}, as validated by its builder: every value that determines a
 * fit's result, and nothing about how it runs besides {@code threads} (no executor, no listener).
 * {@link KMeansModel#settings()} keeps the record of the fit it came from. See {@link
 * KMeans.Builder} for what each value means and its default.
 *
 * @param k the number of clusters
 * @param initialization how each restart seeds its centroids, unless initial centroids are given
 * @param initialCentroids the initial centroids, one per row, if given
 * @param restarts the number of restarts (the defaults resolved); the lowest inertia is kept
 * @param maxIterations the most Lloyd iterations per restart
 * @param tolerance the convergence tolerance, relative to the mean per-feature variance
 * @param seed the seed every random stream of a fit derives from
 * @param threads the most threads a fit uses (results do not depend on it)
 * @param distance the dissimilarity minimized: Euclidean (Lloyd) or cosine (spherical k-means)
 * @param parallelRounds the sampling rounds of {@link KMeansInit#K_MEANS_PARALLEL}
 * @param oversampling the points k-means|| samples per round, as a multiple of {@code k}
 */
public record KMeansSettings(int k, KMeansInit initialization, Optional<Matrix> initialCentroids,
    int restarts, int maxIterations, double tolerance, long seed, int threads,
    Distance distance, int parallelRounds, double oversampling) {

  /** The settings of a Euclidean fit ({@link Distance#EUCLIDEAN}). */
  public KMeansSettings(int k, KMeansInit initialization, Optional<Matrix> initialCentroids,
      int restarts, int maxIterations, double tolerance, long seed, int threads) {
    this(k, initialization, initialCentroids, restarts, maxIterations, tolerance, seed, threads,
        Distance.EUCLIDEAN, 5, 2.0);
  }

  @Override
  public String toString() {
    return "KMeans[k=" + k + ", initialization="
        + (initialCentroids.isPresent() ? "given" : initialization) + ", restarts=" + restarts
        + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", seed=" + seed
        + ", threads=" + threads
        + (distance == Distance.EUCLIDEAN ? "" : ", distance=" + distance)
        + (initialization == KMeansInit.K_MEANS_PARALLEL && initialCentroids.isEmpty()
            ? ", parallelRounds=" + parallelRounds + ", oversampling=" + oversampling : "")
        + "]";
  }
}
