package io.github.nmf4j.nmf;

/**
 * An {@link UpdateRule} whose iteration is one pass over V that computes the loss on the way
 * when it was {@linkplain #requestLoss() requested}, and otherwise in a pass of its own when
 * {@link #loss()} is called: the multiplicative updates for Kullback-Leibler and the other
 * beta-divergences, whose loss needs V's element-wise terms.
 */
abstract class PassRule implements UpdateRule {

  /** Whether the next iteration's pass computes the loss. */
  boolean lossRequested;
  /** The loss of the current factors, or NaN when the last pass did not compute it. */
  double loss;

  @Override
  public void requestLoss() {
    lossRequested = true;
  }

  @Override
  public double loss() {
    if (Double.isNaN(loss)) {
      pass(false, false, true);
    }
    return loss;
  }

  /**
   * One pass over V: with {@code updateW}, the W update of every block; then, for the (new) W,
   * with {@code nextH} the sums of the next H update, and with {@code withLoss} the loss.
   */
  abstract void pass(boolean updateW, boolean nextH, boolean withLoss);
}
