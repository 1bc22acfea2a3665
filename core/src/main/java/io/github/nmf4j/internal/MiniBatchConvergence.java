package io.github.nmf4j.internal;

/**
 * The early stop of scikit-learn 1.2's mini-batch estimators, shared by mini-batch k-means
 * ({@code MiniBatchKMeans._mini_batch_convergence}) and mini-batch NMF ({@code
 * MiniBatchNMF._minibatch_convergence}): after each step but the first (which measures the start,
 * not a step), the batch cost is smoothed, {@code ewa <- ewa (1 - alpha) + cost alpha} (the first
 * value taken as it is); the run stops when the step's change is at most the tolerance (a
 * tolerance of 0 turns this test off), or when the smoothed cost has not reached a new minimum for
 * {@code maxNoImprovement} steps in a row (0 turns this test off). Each estimator gives its own
 * cost, change and weight {@code alpha}. Mutable: one per run.
 */
public final class MiniBatchConvergence {

  private final double tolerance;
  private final int maxNoImprovement;
  private double ewa = Double.NaN;
  private double ewaMin = Double.NaN;
  private int noImprovement;

  /**
   * A stopping rule with the tolerance on a step's change and the steps without improvement
   * that stop a run.
   */
  public MiniBatchConvergence(double tolerance, int maxNoImprovement) {
    this.tolerance = tolerance;
    this.maxNoImprovement = maxNoImprovement;
  }

  /**
   * Whether to stop after step {@code step} (from 1), whose batch cost is {@code cost}, weighted
   * {@code alpha} in the smoothed cost, and whose change is {@code change}.
   */
  public boolean stop(long step, double alpha, double cost, double change) {
    if (step == 1) {
      return false;
    }
    ewa = Double.isNaN(ewa) ? cost : ewa * (1 - alpha) + cost * alpha;
    if (tolerance > 0 && change <= tolerance) {
      return true;
    }
    if (Double.isNaN(ewaMin) || ewa < ewaMin) {
      noImprovement = 0;
      ewaMin = ewa;
    } else {
      noImprovement++;
    }
    return maxNoImprovement > 0 && noImprovement >= maxNoImprovement;
  }

  /** The smoothed batch cost so far; NaN before the second step. */
  public double smoothedCost() {
    return ewa;
  }
}
