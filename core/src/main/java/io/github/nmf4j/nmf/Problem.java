package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/**
 * What one fit or transform solves: the validated data, the rank, the settings and the threads.
 * Every {@link UpdateRule} is made from a {@code Problem} and a {@link Factors}; whatever a new
 * solver needs from the settings (a penalty, a beta) it reads from {@link #settings}, so adding
 * one never adds a parameter here.
 *
 * @param settings the estimator's settings (loss, solver, epsilon, iteration limits)
 * @param data V, validated and scaled into a safe range; the data strategy (dense today)
 * @param rank the number of components k
 * @param par the threads of the fit
 */
record Problem(NmfSettings settings, ScaledData data, int rank, Parallel par) {

  /** The guard added to the denominators of the multiplicative updates. */
  double epsilon() {
    return settings.epsilon();
  }

  /** The loss minimized. */
  Loss loss() {
    return settings.loss();
  }
}
