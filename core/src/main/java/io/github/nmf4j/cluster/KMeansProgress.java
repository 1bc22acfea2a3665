package io.github.nmf4j.cluster;

/**
 * One Lloyd iteration as reported to a {@link KMeansListener}.
 *
 * <p>{@link #inertia()} is the sum of squared distances from every point to its nearest
 * centroid at the start of the iteration (the assignment step), so it never increases from one
 * iteration to the next within a restart, up to rounding. On wide data (the product path of
 * {@link KMeans}) it is computed per cluster from the expanded formula; see {@link KMeans}.
 * {@link #centerShift()} is the sum over centroids of the squared distance each centroid moved
 * in the update step; the restart stops when it is at most the fit's tolerance (scaled by the
 * mean per-feature variance) or when no label changed.
 */
public final class KMeansProgress {

  private final int restart;
  private final int restarts;
  private final int iteration;
  private final double inertia;
  private final double centerShift;
  private boolean cancelled;

  KMeansProgress(int restart, int restarts, int iteration, double inertia, double centerShift) {
    this.restart = restart;
    this.restarts = restarts;
    this.iteration = iteration;
    this.inertia = inertia;
    this.centerShift = centerShift;
  }

  /** The restart this iteration belongs to, from 0. */
  public int restart() {
    return restart;
  }

  /** The number of restarts the fit runs. */
  public int restarts() {
    return restarts;
  }

  /** The iteration within its restart, from 1. */
  public int iteration() {
    return iteration;
  }

  /** The sum of squared distances from the points to their nearest centroid. */
  public double inertia() {
    return inertia;
  }

  /** The sum over centroids of the squared distance each moved in this iteration. */
  public double centerShift() {
    return centerShift;
  }

  /**
   * Asks the fit to stop: once the listener returns, {@link KMeans#fit} throws {@link
   * java.util.concurrent.CancellationException} and returns no model.
   */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public String toString() {
    return "KMeansProgress[restart=" + restart + "/" + restarts + ", iteration=" + iteration
        + ", inertia=" + inertia + ", centerShift=" + centerShift + "]";
  }
}
