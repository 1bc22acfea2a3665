package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.kernel.SparseProducts;
import java.util.Arrays;

/**
 * HALS for a dense V with missing entries by imputation (expectation-maximization): the first
 * iteration runs {@link MaskedDenseHals} (coordinate steps on the observed entries alone); before
 * each later one the missing entries of a copy of V are set to {@code WH} of the current
 * factors, and one iteration of the full {@link FrobeniusHals} (its products, Gram matrices and
 * inner sweeps) runs on that completed V. The objective of such an iteration, {@code ||V_f -
 * WH||^2} (plus the penalties), equals the masked loss at the current factors and lies above it
 * everywhere else (it adds the squares at the missing entries), so lowering it lowers the masked
 * loss: the masked loss never increases (a majorization-minimization step), and the fixed points
 * are stationary points of the masked problem, those of {@link MaskedDenseHals}.
 *
 * <p>Why: an iteration costs a full one plus {@code k} multiply-adds per missing entry (the
 * values of {@code WH}), and it keeps the full fit's inner sweeps, which the steps on the
 * observed entries cannot afford. On the faces with 20% of the entries missing (rank 20, one
 * thread) an iteration took 1.1-1.4 times a full one, against 2.5-2.8 times for {@link
 * MaskedDenseHals}, and reached the masked error that one reaches in 50 iterations in 22, in a
 * third of the time (docs/benchmarks.md, "Masked HALS by imputation"). The more entries are
 * missing, the slower imputation converges (with 80% missing it needed 275 iterations for the
 * other's 50), so a fit imputes only while at most {@link #MAX_MISSING_SHARE} of V is missing,
 * and a transform never does. The first iteration is on the observed entries because the start
 * (NNDSVD of V with each missing entry set to its column's mean) guesses the missing entries
 * poorly and imputation would fit those guesses: imputing from the start, the held-out error on
 * a photograph with 20% hidden stayed 1.5-1.7 times that of the other rule over 300 iterations.
 *
 * <p>Rows and columns without an observed entry start at zero, so that their predictions stay at
 * HALS's floor (about 1e-16 times the data's scale), as with the other masked rules. The copy
 * holds V in the caller's units (products, penalties and extreme ranges as for a full fit of V,
 * {@link ScaledData}): {@code 8 n p} bytes beyond the masked form, plus the first iteration's
 * layout of the missing entries until it has run. The loss is the masked one, {@code ||V_0 -
 * WH||^2} by the trace identity less the missing entries' {@code WH^2}, when it was requested,
 * else on demand.
 */
final class ImputedHals extends MaskedRule {

  /** Fits impute while at most this share of the entries is missing. */
  static final double MAX_MISSING_SHARE = 0.5;

  /** Whether a fit of {@code data} imputes: a dense V with at most half its entries missing. */
  static boolean applies(Observed data) {
    return data.filled != null
        && data.missing.size() <= MAX_MISSING_SHARE * ((double) data.n * data.p);
  }

  /** The first iteration's rule, on the observed entries alone; null after it. */
  private MaskedDenseHals first;
  /** V in the caller's units with {@code WH} at the missing entries. */
  private final DenseData completed;
  /** {@code 2m}: the caller's units are {@code 2^(2m)} times the stored ones. */
  private final int exponent;
  private final FrobeniusHals full;
  /** {@code WH} at the missing entries (CSR order) for the current factors, in stored units. */
  private final double[] atMissing;
  private boolean predictionsCurrent;
  /** The rows of W and of {@code H'} for {@link MaskedProducts#valuesAt}. */
  private final double[][] wRows;
  private final double[][] htRows;
  private final double[] vht;
  private final double[] gram;
  private final double[] wtw;
  private final double[] partial;

  ImputedHals(Problem problem, Factors start, Observed data) {
    super(problem, start, data, data.missing, true);
    int n = data.n;
    int p = data.p;
    ScaledData scaled = problem.data();
    exponent = 2 * scaled.halfExponent;
    atMissing = new double[entries.size()];
    wRows = new double[n][k];
    htRows = new double[p][k];
    vht = new double[n * k];
    gram = new double[k * k];
    wtw = new double[k * k];
    partial = new double[Math.max(Entries.blocks(n), MuKernels.blocks(n))];
    startUnobservedLinesAtZero();
    first = new MaskedDenseHals(problem, start, data, true);
    // The floor of FrobeniusHals comes from the mean square of V: that of the observed entries.
    double observed = (double) n * p - entries.size();
    completed = DenseData.forFit(data.denseCopy(), n, p, scaled.halfExponent,
        data.squaredNorm * ((double) n * p / observed));
    impute();
    full = new FrobeniusHals(new Problem(problem.settings(), completed, k, par), start, true,
        FrobeniusHals.Sweeps.budget(n, p, k));
  }

  @Override
  public void iterate() {
    if (first != null) {
      first.iterate();
      first = null;
      predictionsCurrent = false;
      loss = lossRequested ? computeLoss() : Double.NaN;
      lossRequested = false;
      return;
    }
    impute();
    full.iterate();
    predictionsCurrent = false;
    loss = lossRequested ? computeLoss() : Double.NaN;
    lossRequested = false;
  }

  /** Sets the missing entries of the completed V to {@code WH} of the current factors. */
  private void impute() {
    predict();
    int[] rowStart = entries.rowStart;
    int[] column = entries.column;
    int n = data.n;
    int e = exponent;
    par.forEach(Entries.blocks(n), b -> {
      for (int i = b * Entries.BLOCK, end = Math.min(n, i + Entries.BLOCK); i < end; i++) {
        for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
          completed.set(i, column[q], Math.min(Math.scalb(atMissing[q], e), Double.MAX_VALUE));
        }
      }
    });
  }

  /** {@link #atMissing} for the current factors, unless it is up to date. */
  private void predict() {
    if (!predictionsCurrent) {
      SparseProducts.rows(w, data.n, k, wRows);
      SparseProducts.transposedRows(h, k, data.p, htRows);
      MaskedProducts.valuesAt(entries, wRows, htRows, k, atMissing, par);
      predictionsCurrent = true;
    }
  }

  /** Zero rows of W and columns of H whose row (column) of V has no observed entry. */
  private void startUnobservedLinesAtZero() {
    int n = data.n;
    int p = data.p;
    for (int i = 0; i < n; i++) {
      if (entries.rowStart[i + 1] - entries.rowStart[i] == p) {
        Arrays.fill(w, i * k, (i + 1) * k, 0);
      }
    }
    for (int j = 0; j < p; j++) {
      if (entries.columnStart[j + 1] - entries.columnStart[j] == n) {
        for (int c = 0; c < k; c++) {
          h[c * p + j] = 0;
        }
      }
    }
  }

  @Override
  double computeLoss() {
    predict();
    return MaskedDenseHals.complementLoss(data, entries, w, h, k, atMissing, vht, gram, wtw,
        partial, par);
  }
}
