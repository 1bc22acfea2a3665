package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/**
 * What the masked rules ({@link MaskedFrobeniusMu} and {@link MaskedKullbackLeiblerMu} through
 * {@link MaskedMuRule}, {@link MaskedDenseFrobeniusMu}, {@link MaskedDenseKullbackLeiblerMu},
 * {@link MaskedHals}, {@link MaskedDenseHals}) share: the observed data, the list of
 * entries the rule runs over (the missing or the observed ones), the factors updated in place,
 * the penalties, and the loss, computed at the end of an iteration only when it was requested
 * ({@link #requestLoss}), else on demand.
 *
 * <p><b>Penalties.</b> The masked rules minimize the masked data term plus {@link Penalties}'
 * terms, the same as a full fit's: the weights are scaled by V's whole shape ({@code n} rows,
 * {@code p} columns), however many of its entries are observed. They enter each coordinate's
 * numerator and denominator as in the full rules (the multiplicative updates: the L1 weight
 * joins the guard, the L2 weight times the factor the denominator; HALS: the L1 weight comes
 * off the numerator, the L2 weight joins the denominator), never the kept values of {@code WH}
 * or of the residual. {@link #loss()} stays the data term over the observed entries.
 *
 * <p><b>Transform.</b> Made with {@code updateH} false, a rule runs its W half alone with H
 * fixed ({@code NmfModel.transform} of a model fitted with {@link MissingValues#IGNORE}): the
 * same steps, so the masked objective with H fixed never increases either.
 */
abstract class MaskedRule implements UpdateRule {

  final Observed data;
  /**
   * The entries the rule's sums run over: {@link Observed#missing} or {@link Observed#observed}.
   */
  final Entries entries;
  final Parallel par;
  final double[] w;
  final double[] h;
  final int k;
  final double eps;
  /** The penalties of the settings, in the stored units ({@link Penalties#NONE} without). */
  final Penalties penalties;
  /** Whether an iteration updates H (a fit) or W alone with H fixed (a transform). */
  final boolean updateH;
  /** Whether the loss of the next iteration's result was asked for. */
  boolean lossRequested;
  /** The loss of the current factors, or NaN when not computed yet. */
  double loss = Double.NaN;

  /** Below this share of its terms a trace-form sum of squares is recomputed directly. */
  static final double CANCELLATION = 0x1p-32;

  MaskedRule(Problem problem, Factors start, Observed data, Entries entries, boolean updateH) {
    this.data = data;
    this.updateH = updateH;
    this.entries = entries;
    this.par = problem.par();
    this.w = start.w;
    this.h = start.h;
    this.k = start.rank;
    this.eps = problem.epsilon();
    this.penalties = Penalties.of(problem);
  }

  /**
   * {@code x <- x .* max(num, 0) ./ (max(den, 0) + l2 x + guard)}, the step of the masked
   * multiplicative updates: num and den are sums of non-negative terms, which a dense sum less
   * a correction may round below 0; {@code guard} is eps plus the L1 weight ({@link
   * Penalties#muGuards}). Without an L2 weight it is the unpenalized step, to the bit.
   */
  static void step(double[] x, double[] num, double[] den, int len, double guard, double l2) {
    if (l2 == 0) {
      for (int i = 0; i < len; i++) {
        x[i] = x[i] * Math.max(num[i], 0) / (Math.max(den[i], 0) + guard);
      }
      return;
    }
    for (int i = 0; i < len; i++) {
      double old = x[i];
      x[i] = old * Math.max(num[i], 0) / (Math.max(den[i], 0) + l2 * old + guard);
    }
  }

  /**
   * The loss of the current factors, computed afresh: what {@link #loss()} gives when the last
   * iteration did not compute it.
   */
  abstract double computeLoss();

  /**
   * {@code squared}, the masked sum of squares from its trace form ({@code ||V_0||^2 - 2 <W, V_0
   * H'> + <W'W, HH'>} less the missing entries' {@code WH^2}), if it keeps enough digits, else
   * the sum over the observed entries computed directly ({@link Observed#residuals}). The terms
   * are at most {@code magnitude = ||V_0||^2 + ||WH||^2} (the whole {@code WH}, missing entries
   * included) and carry rounding errors of a few ulps of it; where the predictions at the
   * missing entries are huge beside the data (a custom start with entries near 1e7 on data in
   * [0, 1)) they cancel to nothing, and a loss of 0.0 or of rounding noise ended such fits after
   * a few iterations. Below {@code 2^-32 magnitude}, where the value keeps fewer than about 15
   * of its bits, the direct sum replaces it; above, the value is the trace form's, to the bit,
   * as a full fit's trace form is used at any size. An ordinary fit crosses that line only near
   * a relative error of 2e-5. Not sooner, because the direct sum costs about as much as an
   * iteration at low rank (its {@code n p} element-wise terms): at {@code 2^-24}, HALS
   * completing an exact rank-3 product of 1000 x 800 with 20% missing took 4.3-6.3 s instead of
   * 4.0-4.3 for 1500 iterations (relative error 7.7e-5, where the trace form still holds six
   * digits); at {@code 2^-40} the loss of some huge starts kept only four or five digits.
   */
  double checkedSquares(double squared, double magnitude) {
    if (squared >= CANCELLATION * magnitude) {
      return squared;
    }
    return data.residuals(w, h, k, eps, false, par).squaredFrobenius;
  }

  /** The loss of the current factors: the one the last iteration computed, else computed now. */
  @Override
  public final double loss() {
    if (Double.isNaN(loss)) {
      loss = computeLoss();
    }
    return loss;
  }

  @Override
  public void requestLoss() {
    lossRequested = true;
  }
}
