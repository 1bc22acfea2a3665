package io.github.nmf4j.cluster;

/**
 * Lloyd's algorithm for one restart: alternate an assignment step (an {@link Assignment}, which
 * also collects the cluster statistics), the re-seeding of empty clusters and the move of every
 * centroid to the mean of its points. The stopping rule is scikit-learn's: stop when no label
 * changed (strict convergence) or when the summed squared centroid shift is at most the
 * tolerance; otherwise a last assignment step makes the labels match the final centroids.
 */
final class Lloyd {

  /**
   * Receives one iteration's numbers; may throw {@link java.util.concurrent.CancellationException}.
   */
  interface Observer {
    void iteration(int iteration, double inertia, double centerShift);
  }

  /** The outcome of one restart. */
  static final class Result {
    final double[] centers;
    final int[] labels;
    final double inertia;
    final int iterations;
    final boolean converged;

    Result(double[] centers, int[] labels, double inertia, int iterations, boolean converged) {
      this.centers = centers;
      this.labels = labels;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
    }
  }

  private final Assignment step;
  private final int d;
  private final CentroidMoves moves;

  /** Lloyd's loop over {@code step}, for {@code k} centroids of {@code d} features. */
  Lloyd(Assignment step, int k, int d) {
    this.step = step;
    this.d = d;
    this.moves = new CentroidMoves(k);
  }

  /**
   * Runs Lloyd's algorithm from {@code initial} (k x d, not modified).
   *
   * @param tolerance the absolute bound on the summed squared centroid shift
   */
  Result run(double[] initial, int maxIterations, double tolerance, Observer observer) {
    double[] centers = initial.clone();
    double[] next = new double[centers.length];
    boolean strict = false;
    boolean converged = false;
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      boolean changed = step.assign(centers, iteration == 1 ? null : moves);
      double inertia = step.inertia();
      changed |= step.fillEmptyClusters(centers);
      step.update(next);
      double shift = moves.measure(centers, next, d);
      double[] swap = centers;
      centers = next;
      next = swap;
      observer.iteration(iteration, inertia, shift);
      if (!changed) {
        strict = true;
        converged = true;
        break;
      }
      if (shift <= tolerance) {
        converged = true;
        break;
      }
    }
    double inertia = step.finish(centers, moves, !strict);
    return new Result(centers, step.labels().clone(), inertia, iteration, converged);
  }
}
