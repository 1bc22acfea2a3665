package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import io.github.nmf4j.linalg.kernel.RowGram;
import io.github.nmf4j.linalg.kernel.SparseProducts;

/**
 * {@link MaskedFrobeniusMu}'s updates for a dense V with a few missing entries ({@link
 * Observed#filled}: zeros there), in the complement form: the large products stay dense. {@code
 * M .* V} is the zero-filled V, and {@code M .* WH = WH - Mbar .* WH}, so {@code W'(M .* WH) =
 * (W'W)H - W'S} and {@code (M .* WH)H' = W(HH') - SH'} with {@code S = Mbar .* WH} at the missing
 * entries only, never stored: each correction is one pass over the missing entries that forms a
 * value of {@code S} and uses it at once ({@link MaskedProducts}). An iteration costs the two
 * products of the full update plus {@code 2 k} multiply-adds per missing entry and half-update.
 * Penalties join the denominators as in {@link MaskedFrobeniusMu}. The loss is {@code ||V_0 -
 * WH||^2 - ||S||^2} (trace identity), computed when requested, else on demand.
 *
 * <p>A row of V with no observed entry gets a zero row of W, a column with none a zero column of
 * H (numerator 0), up to rounding.
 */
final class MaskedDenseFrobeniusMu extends MaskedRule {

  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  private final Penalties.MuGuards guards;
  /** The rows of W and of {@code H'}, the operands of {@link MaskedProducts}. */
  private final double[][] wRows;
  private final double[][] htRows;
  private final double[] numH;
  private final double[] denH;
  private final double[] numW;
  private final double[] denW;
  private final double[] wtw;
  private final double[] hht;
  /** {@code p x k} and {@code n x k} results of the products over the missing entries. */
  private final double[] byColumn;
  private final double[] byRow;
  private final double[] partial;
  /** The zero-filled V, multiplied as a fit's V (its transpose kept when small). */
  private final DenseData zeroFilled;

  MaskedDenseFrobeniusMu(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, data.missing, updateH);
    this.guards = penalties.muGuards(eps);
    int n = data.n;
    int p = data.p;
    wRows = new double[n][k];
    htRows = new double[p][k];
    numH = new double[k * p];
    denH = new double[k * p];
    numW = new double[n * k];
    denW = new double[n * k];
    wtw = new double[k * k];
    hht = new double[k * k];
    byColumn = new double[p * k];
    byRow = new double[n * k];
    partial = new double[Math.max(Entries.blocks(n), MuKernels.blocks(n))];
    zeroFilled = DenseData.forFit(data.filled, n, p, 0, data.squaredNorm);
    SparseProducts.transposedRows(h, k, p, htRows);
    SparseProducts.rows(w, n, k, wRows);
    productsWithH();
    RowGram.of(wRows, 0, n, k, wtw, par);
    loss = computeLoss();
  }

  /**
   * The dense products less the corrections {@code W'S} and {@code SH'}, each formed in one pass
   * over the missing entries ({@link MaskedProducts}); the loss only when it was requested (else
   * on demand).
   */
  @Override
  public void iterate() {
    int n = data.n;
    int p = data.p;
    if (updateH) {
      // H: W'V_0 over (W'W)H - W'S; wtw, wRows and htRows are those of the current factors.
      Gemm.transposeMultiply(n, k, p, w, data.filled, numH, par);
      Gemm.multiply(k, k, p, wtw, h, denH, Parallel.serial());
      MaskedProducts.columnCorrections(entries, wRows, htRows, k, byColumn, par);
      subtractTransposed(denH, byColumn, p);
      step(h, numH, denH, k * p, guards.h(), guards.l2H());
      SparseProducts.transposedRows(h, k, p, htRows);
      productsWithH();
    }
    // W: V_0 H' over W(HH') - SH', S for the new H (numW and hht from the constructor when H
    // is fixed).
    Gemm.multiply(n, k, k, w, hht, denW, par);
    MaskedProducts.rowCorrections(entries, wRows, htRows, k, byRow, par);
    for (int i = 0; i < denW.length; i++) {
      denW[i] -= byRow[i];
    }
    step(w, numW, denW, n * k, guards.w(), guards.l2W());
    SparseProducts.rows(w, n, k, wRows);
    RowGram.of(wRows, 0, n, k, wtw, par);
    loss = lossRequested ? computeLoss() : Double.NaN;
    lossRequested = false;
  }

  /**
   * {@code numW = V_0 H'} and {@code hht = HH'} for the current H and its rows. The Gram
   * matrices come from the rows of the factors ({@link RowGram}), with the bits of {@code Gemm}
   * on the factors and without packing them.
   */
  private void productsWithH() {
    zeroFilled.timesTranspose(h, k, numW, par);
    RowGram.of(htRows, 0, data.p, k, hht, Parallel.serial());
  }

  /** {@code out (k x p) -= t'} for {@code t} ({@code p x k}). */
  private void subtractTransposed(double[] out, double[] t, int p) {
    for (int j = 0; j < p; j++) {
      for (int c = 0; c < k; c++) {
        out[c * p + j] -= t[j * k + c];
      }
    }
  }

  /**
   * The masked loss {@code sqrt(sum over observed (v_s - WH)^2)} for the current factors: {@code
   * ||V_0 - WH||^2 = ||V_0||^2 - 2 <W, V_0 H'> + <W'W, HH'>}, less the missing entries' {@code
   * WH^2} (directly where those terms cancel, {@link #checkedSquares}); numW, hht, wtw and the
   * rows are those of the current factors.
   */
  @Override
  double computeLoss() {
    double cross = MuKernels.dot(w, numW, data.n, k, 1.0, partial, par);
    double missing = MaskedProducts.squaresAt(entries, wRows, htRows, k, partial, par);
    double squared = MuKernels.traceSquares(data.squaredNorm, cross, wtw, hht, k) - missing;
    double magnitude = data.squaredNorm + MuKernels.dot(wtw, hht, k * k);
    return Math.sqrt(Math.max(0, checkedSquares(squared, magnitude)));
  }
}
