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
 * products with the 0/1 mask. A row of V with no observed entry gets a zero row of W (numerator
 * 0), a column with none a zero column of H. This is the rule of a sparse V (observed = stored);
 * a dense V with NaN entries takes the same updates as dense products plus a correction over the
 * missing entries ({@link MaskedDenseKullbackLeiblerMu}).
 */
final class MaskedKullbackLeiblerMu extends MaskedRule {

  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  private final Penalties.MuGuards guards;
  /** {@code WH} at the observed entries for the current factors. */
  private final double[] atEntries;
  private final double[] ratio;
  private final double[] ht;
  private final double[] num;
  private final double[] den;
  private final double[] byColumn;
  private final double[] partial;

  MaskedKullbackLeiblerMu(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, data.observed, updateH);
    guards = penalties.muGuards(eps);
    int n = data.n;
    int p = data.p;
    atEntries = new double[entries.size()];
    ratio = new double[entries.size()];
    ht = new double[p * k];
    num = new double[Math.max(n, p) * k];
    den = new double[Math.max(n, p) * k];
    byColumn = new double[p * k];
    partial = new double[Entries.blocks(n)];
    Entries.transpose(h, k, p, ht);
    entries.productAt(w, ht, k, atEntries, par);
  }

  @Override
  public void iterate() {
    int n = data.n;
    int p = data.p;
    if (updateH) {
      ratios();
      entries.transposeTimes(ratio, w, k, byColumn, par);
      Entries.transpose(byColumn, p, k, num);
      entries.transposeTimes(null, w, k, byColumn, par);
      Entries.transpose(byColumn, p, k, den);
      step(h, num, den, k * p, guards.h(), guards.l2H());
      Entries.transpose(h, k, p, ht);
      entries.productAt(w, ht, k, atEntries, par);
    }
    ratios();
    entries.timesTranspose(ratio, ht, k, num, par);
    entries.timesTranspose(null, ht, k, den, par);
    step(w, num, den, n * k, guards.w(), guards.l2W());
    entries.productAt(w, ht, k, atEntries, par);
    loss = lossRequested ? divergence() : Double.NaN;
    lossRequested = false;
  }

  @Override
  public double loss() {
    if (Double.isNaN(loss)) {
      loss = divergence();
    }
    return loss;
  }

  /** {@code ratio = v ./ (WH + eps)} at the observed entries. */
  private void ratios() {
    double[] v = data.values;
    for (int q = 0; q < ratio.length; q++) {
      ratio[q] = v[q] / (atEntries[q] + eps);
    }
  }

  private double divergence() {
    double[] v = data.values;
    double[] s = atEntries;
    return Math.max(0, entries.sum(q -> Observed.divergenceTerm(v[q], s[q], eps), partial, par));
  }
}
