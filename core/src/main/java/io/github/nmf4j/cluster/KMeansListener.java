package io.github.nmf4j.cluster;

/**
 * Receives the progress of a k-means fit after every Lloyd iteration, on the thread that
 * called {@link KMeans#fit}. A listener may stop the fit by calling {@link
 * KMeansProgress#cancel()}; it should return quickly, since the fit waits for it.
 */
@FunctionalInterface
public interface KMeansListener {

  /**
   * Called once per Lloyd iteration of every restart.
   *
   * @param progress the restart, the iteration and its inertia; valid only during the call
   */
  void onIteration(KMeansProgress progress);
}
