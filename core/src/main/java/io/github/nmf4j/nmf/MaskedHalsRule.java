package io.github.nmf4j.nmf;

/**
 * The iteration of the masked HALS rules ({@link MaskedHals} on the observed entries, {@link
 * MaskedDenseHals} on the dense sums plus the missing entries): the H half (unless H is fixed,
 * a transform), the W half, and,
 * when the loss was requested, the kept values of {@code WH} recomputed from the factors (so
 * rounding does not accumulate in them) before the loss ({@link #computeLoss}, the masked loss
 * {@code sqrt(sum over observed (v_s - WH)^2)} from the kept values).
 */
abstract class MaskedHalsRule extends MaskedRule {

  MaskedHalsRule(Problem problem, Factors start, Observed data, Entries entries,
      boolean updateH) {
    super(problem, start, data, entries, updateH);
  }

  abstract void updateH();

  abstract void updateW();

  /** Recomputes the kept values of {@code WH} (or of the residual) from the factors. */
  abstract void refresh();

  @Override
  public final void iterate() {
    if (updateH) {
      updateH();
    }
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
