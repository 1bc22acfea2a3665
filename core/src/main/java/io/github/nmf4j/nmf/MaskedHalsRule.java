package io.github.nmf4j.nmf;

/**
 * The iteration of the masked HALS rules ({@link MaskedHals} on the observed entries, {@link
 * MaskedDenseHals} on the dense sums plus the missing entries): the H half (unless H is fixed,
 * a transform), the W half, and,
 * when the loss was requested, the kept values of {@code WH} recomputed from the factors (so
 * rounding does not accumulate in them) before the loss ({@link #computeLoss}, the masked loss
 * {@code sqrt(sum over observed (v_s - WH)^2)} from the kept values).
 *
 * <p>Before each half of an unpenalized fit, a component whose largest entries of W and H are
 * more than {@code 2^(2 UNBALANCED)} apart is rescaled by a power of two ({@link
 * ComponentBalance#byLargestEntries}; WH, and so the kept values, do not change). The masked
 * steps are damped by a proximal weight in the data's units ({@link MaskedHals#proximalWeight}),
 * which is small against the other factor's squares only while W and H are of comparable size.
 * On a 3 x 3 V with entries up to 1e12 and two missing, NNDSVDA's start (whose W holds the mean
 * of V where its SVD gives 0) made the first H half shrink H 2^43 below W; the damping then
 * outweighed H's squares 10^13 times, no W step moved, and the fit stopped at W = 0's error
 * (relative error 1.0; now 4e-12, as from the other starts). A component at the floor (dead)
 * is left as it is: rescaling such components brought them back on the digits with 20% hidden,
 * and their held-out predictions blew up (mean squared errors in the thousands on data of
 * 0-16, where the fits without it stay near 14).
 */
abstract class MaskedHalsRule extends MaskedRule {

  /**
   * A component whose largest entries of W and H differ by more than {@code 2^(2 UNBALANCED)}
   * is rebalanced before a half of an unpenalized fit. Fits of the digits, the faces and the
   * Austen counts (5-60% hidden, NNDSVD, NNDSVDA and random starts) never went beyond {@code
   * 2^12} outside dead components, so they run exactly as before; the damping of a step grows
   * with that ratio (about {@code 1e-4} times it), so a fit stuck behind it lies far outside.
   */
  static final int UNBALANCED = 10;

  /** The root mean square of the observed entries of {@code V_s} (0 when none is observed). */
  final double rms;
  /**
   * The floors of H's and W's entries: {@code FrobeniusHals.FLOOR sqrt(rms / k)}, or 0 for a
   * factor with an L1 weight.
   */
  final double floorH;
  final double floorW;
  /** Whether components are rebalanced: in an unpenalized fit (not a transform). */
  private final boolean balance;

  MaskedHalsRule(Problem problem, Factors start, Observed data, Entries entries,
      boolean updateH) {
    super(problem, start, data, entries, updateH);
    long observed = data.observedCount();
    // No observed entry at all (a sparse V with nothing stored): no scale, as all zeros.
    this.rms = observed == 0 ? 0 : Math.sqrt(data.squaredNorm / observed);
    double floor = FrobeniusHals.FLOOR * Math.sqrt(rms / k);
    this.floorH = penalties.l1H > 0 ? 0 : floor;
    this.floorW = penalties.l1W > 0 ? 0 : floor;
    this.balance = updateH && !penalties.any();
  }

  /** Rebalances the components whose W and H have drifted far apart in size. */
  private void balance() {
    if (balance) {
      ComponentBalance.byLargestEntries(w, h, data.n, data.p, k, UNBALANCED, floorW, floorH);
    }
  }

  abstract void updateH();

  abstract void updateW();

  /** Recomputes the kept values of {@code WH} (or of the residual) from the factors. */
  abstract void refresh();

  @Override
  public final void iterate() {
    if (updateH) {
      balance();
      updateH();
    }
    balance();
    updateW();
    if (lossRequested) {
      refresh();
      loss = computeLoss();
    } else {
      loss = Double.NaN;
    }
    lossRequested = false;
  }
}
