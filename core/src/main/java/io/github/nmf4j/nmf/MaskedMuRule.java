package io.github.nmf4j.nmf;

/**
 * What the multiplicative rules over the list of observed entries share ({@link
 * MaskedFrobeniusMu}, {@link MaskedKullbackLeiblerMu}: the rules of a sparse V, observed =
 * stored): {@code WH} and {@code H'} kept for the current factors, and the two halves of an
 * iteration, which differ only in the values the mask weights,
 * <pre>
 *   H <- H .* (W'(M .* top)) ./ (W'(M .* bottom) + l2H H + guardH)
 *   W <- W .* ((M .* top)H') ./ ((M .* bottom)H' + l2W W + guardW)
 * </pre>
 * (Frobenius: {@code top = V}, {@code bottom = WH}; Kullback-Leibler: {@code top = V ./ (WH +
 * eps)}, {@code bottom = 1}), every sum over the entries ({@link Entries}, so each product costs
 * {@code k} multiply-adds per observed entry). The guards are eps plus the L1 weights ({@link
 * Penalties#muGuards}).
 */
abstract class MaskedMuRule extends MaskedRule {

  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  final Penalties.MuGuards guards;
  /** {@code WH} at the observed entries for the current factors. */
  final double[] atEntries;
  /** {@code H'} ({@code p x k}) for the current H. */
  final double[] ht;
  /** Per block of rows of the entries, for {@link Entries#sum}. */
  final double[] partial;
  /** The numerator and denominator of a half ({@code k x p}, then {@code n x k}). */
  private final double[] num;
  private final double[] den;
  /** {@code p x k}: a product over the entries before its transpose into {@link #num}. */
  private final double[] byColumn;

  MaskedMuRule(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, data.observed, updateH);
    guards = penalties.muGuards(eps);
    int n = data.n;
    int p = data.p;
    atEntries = new double[entries.size()];
    ht = new double[p * k];
    partial = new double[Entries.blocks(n)];
    num = new double[Math.max(n, p) * k];
    den = new double[Math.max(n, p) * k];
    byColumn = new double[p * k];
    Entries.transpose(h, k, p, ht);
    entries.productAt(w, ht, k, atEntries, par);
  }

  /**
   * The H half, {@code H <- H .* (W'(M .* top)) ./ (W'(M .* bottom) + ...)} ({@code bottom}
   * null: {@code W'M}), {@code top} and {@code bottom} given at the entries (CSR order); then
   * {@link #ht} and {@link #atEntries} for the new H.
   */
  final void stepH(double[] top, double[] bottom) {
    int p = data.p;
    entries.transposeTimes(top, w, k, byColumn, par);
    Entries.transpose(byColumn, p, k, num);
    entries.transposeTimes(bottom, w, k, byColumn, par);
    Entries.transpose(byColumn, p, k, den);
    step(h, num, den, k * p, guards.h(), guards.l2H());
    Entries.transpose(h, k, p, ht);
    entries.productAt(w, ht, k, atEntries, par);
  }

  /**
   * The W half, {@code W <- W .* ((M .* top)H') ./ ((M .* bottom)H' + ...)} ({@code bottom}
   * null: {@code MH'}); then {@link #atEntries} for the new W.
   */
  final void stepW(double[] top, double[] bottom) {
    entries.timesTranspose(top, ht, k, num, par);
    entries.timesTranspose(bottom, ht, k, den, par);
    step(w, num, den, data.n * k, guards.w(), guards.l2W());
    entries.productAt(w, ht, k, atEntries, par);
  }
}
