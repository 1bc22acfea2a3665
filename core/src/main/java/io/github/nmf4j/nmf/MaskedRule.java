package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/**
 * What the masked rules ({@link MaskedFrobeniusMu}, {@link MaskedKullbackLeiblerMu}, {@link
 * MaskedDenseKullbackLeiblerMu}, {@link MaskedHals}, {@link MaskedDenseHals}) share: the
 * observed data, the list of
 * entries the rule runs over (the missing or the observed ones), the factors updated in place,
 * and the loss, computed at the end of an iteration only when it was requested ({@link
 * #requestLoss}), else on demand.
 */
abstract class MaskedRule implements UpdateRule {

  final Observed data;
  /** The entries the rule's sums run over: {@link Observed#missing} or {@link Observed#observed}. */
  final Entries entries;
  final Parallel par;
  final double[] w;
  final double[] h;
  final int k;
  final double eps;
  /** Whether the loss of the next iteration's result was asked for. */
  boolean lossRequested;
  /** The loss of the current factors, or NaN when not computed yet. */
  double loss = Double.NaN;

  MaskedRule(Problem problem, Factors start, Observed data, Entries entries) {
    this.data = data;
    this.entries = entries;
    this.par = problem.par();
    this.w = start.w;
    this.h = start.h;
    this.k = start.rank;
    this.eps = problem.epsilon();
  }

  @Override
  public void requestLoss() {
    lossRequested = true;
  }
}
