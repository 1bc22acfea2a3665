package io.github.nmf4j.nmf;

/**
 * The weighted multiplicative updates for the generalized Kullback-Leibler divergence over the
 * observed entries, {@code sum_{M_ij = 1} (v_ij log(v_ij / (WH)_ij) - v_ij + (WH)_ij)} (Zhang,
 * Wang, Ford and Makedon 2006, after Lee and Seung 2001), H first:
 * <pre>
 *   H <- H .* (W'(M .* V ./ (WH + eps))) ./ (W'M + eps)
 *   W <- W .* ((M .* V ./ (WH + eps))H') ./ (MH' + eps)
 * </pre>
 * Neither step increases the masked divergence. Penalties ({@link MaskedRule}) join the
 * denominators as in {@link KullbackLeiblerMu}: {@code W'M + l2H H + l1H + eps} and {@code MH' +
 * l2W W + l1W + eps}. Everything runs over the list of observed
 * entries ({@link Observed#observed}): {@code WH} is formed there only ({@code k} multiply-adds
 * per entry), and so are the ratios and the products; {@code W'M} and {@code MH'} are the
 * products with the 0/1 mask ({@link MaskedMuRule}). A row of V with no observed entry gets a
 * zero row of W (numerator 0), a column with none a zero column of H. This is the rule of a
 * sparse V (observed = stored); a dense V with NaN entries takes the same updates as dense
 * products plus a correction over the missing entries ({@link MaskedDenseKullbackLeiblerMu}).
 */
final class MaskedKullbackLeiblerMu extends MaskedMuRule {

  private final double[] ratio;

  MaskedKullbackLeiblerMu(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, updateH);
    ratio = new double[entries.size()];
  }

  @Override
  public void iterate() {
    if (updateH) {
      ratios();
      stepH(ratio, null);
    }
    ratios();
    stepW(ratio, null);
    loss = lossRequested ? computeLoss() : Double.NaN;
    lossRequested = false;
  }

  /** {@code ratio = v ./ (WH + eps)} at the observed entries. */
  private void ratios() {
    double[] v = data.values;
    for (int q = 0; q < ratio.length; q++) {
      ratio[q] = v[q] / (atEntries[q] + eps);
    }
  }

  /** The masked divergence over the observed entries for the current factors. */
  @Override
  double computeLoss() {
    double[] v = data.values;
    double[] s = atEntries;
    return Math.max(0, entries.sum(q -> Observed.divergenceTerm(v[q], s[q], eps), partial, par));
  }
}
