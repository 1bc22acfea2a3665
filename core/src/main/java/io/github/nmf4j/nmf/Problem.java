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
 * @param wShift how far W's stored units lie from the data's: W is stored as {@code W / 2^(m +
 *     wShift)} and H as {@code H / 2^(m - wShift)}, {@code 4^m} the data's scale; 0 for a fit,
 *     and for a transform whose fixed H is not of x's scale, the shift that brings it there
 *     ({@link Initializer#transformShift})
 */
record Problem(NmfSettings settings, ScaledData data, int rank, Parallel par, int wShift) {

  /** The problem of a fit, or of a transform whose H is of the data's scale. */
  Problem(NmfSettings settings, ScaledData data, int rank, Parallel par) {
    this(settings, data, rank, par, 0);
  }

  /** The guard added to the denominators of the multiplicative updates. */
  double epsilon() {
    return settings.epsilon();
  }

  /** The loss minimized. */
  Loss loss() {
    return settings.loss();
  }
}
