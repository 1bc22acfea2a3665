package io.github.nmf4j.nmf;

/**
 * The weighted multiplicative updates for {@code ||M .* (V - WH)||_F^2}, M the 0/1 mask of the
 * observed entries (Zhang, Wang, Ford and Makedon 2006, after Lee and Seung 2001), H first:
 * <pre>
 *   H <- H .* (W'(M .* V)) ./ (W'(M .* WH) + eps)
 *   W <- W .* ((M .* V)H') ./ ((M .* WH)H' + eps)
 * </pre>
 * Neither step increases the masked loss (the auxiliary-function argument of Lee and Seung holds
 * with the weights). Penalties ({@link MaskedRule}) join the denominators as in {@link
 * FrobeniusMu}: {@code W'(M .* WH) + l2H H + l1H + eps} and {@code (M .* WH)H' + l2W W + l1W +
 * eps}, the penalized masked objective then never increasing either.
 *
 * <p><b>Cost.</b> This is the rule of a sparse V (observed = stored): every term runs over the
 * stored entries ({@link MaskedMuRule}), {@code k} multiply-adds per entry and product, and the
 * loss is the sum over the observed entries, computed every iteration. A dense V with a few
 * missing entries takes the same updates as dense products less corrections over the missing
 * entries ({@link MaskedDenseFrobeniusMu}).
 *
 * <p>A row of V with no observed entry gets a zero row of W, a column with none a zero column of
 * H (numerator 0), up to rounding.
 */
final class MaskedFrobeniusMu extends MaskedMuRule {

  MaskedFrobeniusMu(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, updateH);
    loss = computeLoss();
  }

  /** H: {@code W'(M V)} over {@code W'(M WH)}; W: {@code (M V)H'} over {@code (M WH)H'}. */
  @Override
  public void iterate() {
    if (updateH) {
      stepH(data.values, atEntries);
    }
    stepW(data.values, atEntries);
    loss = computeLoss();
    lossRequested = false;
  }

  /** The masked loss {@code sqrt(sum over observed (v_s - WH)^2)} for the current factors. */
  @Override
  double computeLoss() {
    double[] v = data.values;
    double[] s = atEntries;
    double squared = entries.sum(q -> (v[q] - s[q]) * (v[q] - s[q]), partial, par);
    return Math.sqrt(Math.max(0, squared));
  }
}
