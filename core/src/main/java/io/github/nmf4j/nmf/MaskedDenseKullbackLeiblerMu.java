package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.kernel.SparseProducts;
import java.util.Arrays;

/**
 * {@link MaskedKullbackLeiblerMu}'s updates for a dense V with a few missing entries, as the
 * dense pass of {@link KullbackLeiblerMu} on the zero-filled V ({@link Observed#filled}) plus a
 * correction of the denominators over the missing entries only. H first:
 * <pre>
 *   H <- H .* (W'(V_0 ./ (WH + eps))) ./ (W'M + eps)
 *   W <- W .* ((V_0 ./ (WH + eps))H') ./ (MH' + eps)
 * </pre>
 * {@code V_0} is 0 at the missing entries, so its ratio is 0 there and the numerators are the
 * dense products ({@link RowProducts} of the zero-filled V, by blocks of rows, never a whole WH).
 * The denominators are the dense sums less the missing entries: {@code (W'M)_cj = sum_i W_ic -
 * sum_{i missing in column j} W_ic} and {@code (MH')_ic = sum_j H_cj - sum_{j missing in row i}
 * H_cj}, {@code k} additions per missing entry and half-iteration. The divergence over the
 * observed entries is the dense one of {@code V_0} (whose terms at the missing entries are
 * {@code (WH)_ij}) less {@code sum_i W_i . (Mbar H')_i}, the second denominator's correction
 * for the final H. Same iterates as {@link MaskedKullbackLeiblerMu} up to rounding (the sums run
 * in another order); a denominator is clamped at 0 before the guard, since the difference may
 * round below it where a row or column has no observed entry.
 *
 * <p>Penalties ({@link MaskedRule}) join the denominators as in {@link KullbackLeiblerMu}:
 * {@code W'M + l2H H + l1H + eps} and {@code MH' + l2W W + l1W + eps}.
 *
 * <p>Cost: the four {@code 2npk} products of the full fit and {@code 2k} additions per missing
 * entry per iteration; measured in docs/benchmarks.md, "Missing values".
 */
final class MaskedDenseKullbackLeiblerMu extends MaskedRule {

  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  private final Penalties.MuGuards guards = penalties.muGuards(eps);
  private final RowBlocks blocks;
  private final RowProducts products;
  /** {@code W'(V_0 ./ (WH + eps))} ({@code k x p}) for the current factors. */
  private final double[] numerator = new double[k * data.p];
  /** {@code W'M} ({@code k x p}) for the current factors. */
  private final double[] denominator = new double[k * data.p];
  private final double[] wColumnSums = new double[k];
  private final double[] hRowSums = new double[k];
  /** {@code Mbar H'} ({@code n x k}) and {@code Mbar' W} ({@code p x k}). */
  private final double[] missingByRow = new double[data.n * k];
  private final double[] missingByColumn = new double[data.p * k];
  /** The rows of W and of {@code H'}, for the sums over the missing entries. */
  private final double[][] wRows = new double[data.n][k];
  private final double[][] htRows = new double[data.p][k];
  private final double[] partial = new double[MuKernels.blocks(data.n)];
  private final double[] divergences;

  MaskedDenseKullbackLeiblerMu(Problem problem, Factors start, Observed data,
      boolean updateH) {
    super(problem, start, data, data.missing, updateH);
    ScaledData zeroFilled = data.zeroFilled();
    blocks = zeroFilled.rowBlocks(k, par);
    products = zeroFilled.rowProducts(blocks, k, true);
    divergences = new double[blocks.chunks];
    pass(false, false);
  }

  @Override
  public void iterate() {
    if (updateH) {
      step(h, numerator, denominator, k * data.p, guards.h(), guards.l2H());
    }
    pass(true, lossRequested);
    lossRequested = false;
  }

  /** A pass without the W update, for the loss alone. */
  @Override
  double computeLoss() {
    missingTimesTransposeOfH();
    pass(false, true);
    return loss;
  }

  /** {@link #missingByRow} {@code = Mbar H'} and {@link #hRowSums} for the current H. */
  private void missingTimesTransposeOfH() {
    KlKernels.rowSums(h, k, data.p, hRowSums);
    SparseProducts.transposedRows(h, k, data.p, htRows);
    entries.rowSumsOf(htRows, k, missingByRow, par);
  }

  /**
   * One pass over V by blocks of rows: with {@code updateW}, the W update of every block; then,
   * for the (new) W, the numerator and denominator of the next H update (unless H is fixed),
   * and with {@code withLoss} the loss.
   */
  private void pass(boolean updateW, boolean withLoss) {
    if (updateW) {
      missingTimesTransposeOfH();
    }
    Arrays.fill(divergences, 0);
    products.startPass(h);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      if (updateW) {
        updateRowsOfW(row0, rows, ws);
      }
      System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      divergences[c] += products.ratioTerms(c, row0, rows, ws, eps, withLoss, updateH);
    });
    if (updateH) {
      products.ratioSum(w, eps, numerator);
      int p = data.p;
      Arrays.fill(wColumnSums, 0);
      KlKernels.addColumnSums(w, data.n, k, wColumnSums);
      SparseProducts.rows(w, data.n, k, wRows);
      entries.columnSumsOf(wRows, k, missingByColumn, par);
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < p; j++) {
          denominator[c * p + j] = wColumnSums[c] - missingByColumn[j * k + c];
        }
      }
    }
    if (withLoss) {
      double atMissing = MuKernels.dot(w, missingByRow, data.n, k, 1.0, partial, par);
      loss = Math.max(0, MuKernels.sumInOrder(divergences, blocks.chunks) - atMissing);
    } else {
      loss = Double.NaN;
    }
  }

  /**
   * The W update of rows {@code [row0, row0 + rows)}: {@code (R H') ./ (MH' + l2W W + l1W +
   * eps)}, the penalties 0 when there are none.
   */
  private void updateRowsOfW(int row0, int rows, RowBlocks.Workspace ws) {
    System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
    products.ratioTimesTranspose(row0, rows, ws, eps, ws.rowsByK);
    double guard = guards.w();
    double l2 = guards.l2W();
    if (l2 == 0) {
      for (int i = 0; i < rows; i++) {
        for (int l = 0, t = i * k, at = row0 * k + t; l < k; l++, t++, at++) {
          double d = Math.max(hRowSums[l] - missingByRow[at], 0) + guard;
          w[at] = ws.w[t] * ws.rowsByK[t] / d;
        }
      }
      return;
    }
    for (int i = 0; i < rows; i++) {
      for (int l = 0, t = i * k, at = row0 * k + t; l < k; l++, t++, at++) {
        double x = ws.w[t];
        double d = Math.max(hRowSums[l] - missingByRow[at], 0) + l2 * x + guard;
        w[at] = x * ws.rowsByK[t] / d;
      }
    }
  }
}
