package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/**
 * Lee and Seung's multiplicative updates for the generalized Kullback-Leibler divergence, H
 * first: {@code H <- H .* (W' (V ./ (WH + eps))) ./ (W'1 + eps)}, then
 * {@code W <- W .* ((V ./ (WH + eps)) H') ./ (1 H' + eps)}.
 *
 * <p>One pass over V in blocks of rows ({@link RowBlocks}) per iteration, so WH is never held
 * whole. For each block, with the new H: form {@code W_b H}, turn it into {@code R_b = V_b ./
 * (W_b H + eps)} in place, and update the block's rows of W with {@code R_b H'} (the W update is
 * row-local); then, with the new {@code W_b}, form {@code W_b H} again and add {@code W_b' R_b}
 * and the column sums of {@code W_b} to the chunk's sums: the numerator and denominator of the
 * next H update, which opens the next iteration. The second {@code W_b H} is the end state of the
 * iteration, so a requested loss costs only its logarithms. Four {@code 2npk} products per
 * iteration, as with two passes, but V is read once.
 */
final class KullbackLeiblerMu implements UpdateRule {

  /** Fit: H and W, sums carried between iterations; transform: W alone. */
  static final UpdateRule.Factory FACTORY = new UpdateRule.Factory() {
    @Override
    public UpdateRule fit(Problem problem, Factors start) {
      return new KullbackLeiblerMu(problem, start, true, false);
    }

    @Override
    public UpdateRule transform(Problem problem, Factors start) {
      return new KullbackLeiblerMu(problem, start, false, false);
    }
  };

  private final ScaledData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  private final double eps;
  private final boolean updateH;
  /** Whether W may change between iterations (a wrapper normalizes it): no sums carried over. */
  private final boolean wChangesOutside;
  private final RowBlocks blocks;

  /** Per chunk: {@code W_c' R_c} ({@code k x p}) and the column sums of W ({@code k}). */
  private final double[][] numerators;
  private final double[][] columnSums;
  /** {@code W'(V ./ (WH + eps))} and {@code W'1} for the current factors (the next H update). */
  private final double[] numerator;
  private final double[] wColumnSums;
  private final double[] hRowSums;
  private final double[] divergences;
  private boolean lossRequested;
  /** The loss of the current factors, or NaN when the last pass did not compute it. */
  private double loss;

  /**
   * A fit rule whose W the caller may change between iterations (as {@link ColumnNormalizedW}
   * does): each iteration then computes the H update's sums from the current W in a pass of its
   * own, and the loss is always computed afresh (two passes per iteration).
   */
  static KullbackLeiblerMu withOutsideChangesOfW(Problem problem, Factors start) {
    return new KullbackLeiblerMu(problem, start, true, true);
  }

  private KullbackLeiblerMu(Problem problem, Factors start, boolean updateH,
      boolean wChangesOutside) {
    this.data = problem.data();
    this.wChangesOutside = wChangesOutside;
    this.w = start.w;
    this.h = start.h;
    this.k = start.rank;
    this.eps = problem.epsilon();
    this.updateH = updateH;
    this.blocks = new RowBlocks(data.n, data.p, k, problem.par());
    int chunks = blocks.chunks;
    numerators = new double[chunks][updateH ? k * data.p : 0];
    columnSums = new double[chunks][k];
    numerator = new double[updateH ? k * data.p : 0];
    wColumnSums = new double[k];
    hRowSums = new double[k];
    divergences = new double[chunks];
    loss = Double.NaN;
    if (!wChangesOutside) {
      pass(false, updateH, true);
    }
  }

  @Override
  public void requestLoss() {
    lossRequested = true;
  }

  @Override
  public void iterate() {
    if (updateH) {
      if (wChangesOutside) {
        pass(false, true, false);
      }
      KlKernels.stepRowDenominator(h, numerator, wColumnSums, k, data.p, eps);
    }
    pass(true, updateH && !wChangesOutside, lossRequested && !wChangesOutside);
    lossRequested = false;
  }

  @Override
  public double loss() {
    if (Double.isNaN(loss)) {
      pass(false, false, true);
    }
    return loss;
  }

  /**
   * One pass over V: with {@code updateW}, the W update of every block; then, for the (new) W,
   * with {@code nextH} the sums of the next H update, and with {@code withLoss} the loss.
   */
  private void pass(boolean updateW, boolean nextH, boolean withLoss) {
    int p = data.p;
    if (updateW) {
      KlKernels.rowSums(h, k, p, hRowSums);
    }
    for (int c = 0; c < blocks.chunks; c++) {
      Arrays.fill(numerators[c], 0);
      Arrays.fill(columnSums[c], 0);
      divergences[c] = 0;
    }
    double scale = data.invScale;
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(data.v, w, h, row0, rows, ws);
      if (updateW) {
        KlKernels.ratio(ws.v, scale, ws.wh, rows * p, eps);
        Gemm.multiplyTranspose(rows, p, k, ws.wh, h, ws.rowsByK, Parallel.serial());
        KlKernels.stepColumnDenominator(ws.w, ws.rowsByK, hRowSums, rows, k, eps, w, row0 * k);
        if (!nextH && !withLoss) {
          return;
        }
        System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
        Gemm.multiply(rows, k, p, ws.w, h, ws.wh, Parallel.serial());
      }
      if (withLoss) {
        divergences[c] += KlKernels.divergence(ws.v, scale, ws.wh, rows * p, eps);
      }
      if (nextH) {
        KlKernels.ratio(ws.v, scale, ws.wh, rows * p, eps);
        Gemm.transposeMultiply(rows, k, p, ws.w, ws.wh, ws.kByP, Parallel.serial());
        MuKernels.add(numerators[c], ws.kByP, k * p);
        KlKernels.addColumnSums(ws.w, rows, k, columnSums[c]);
      }
    });
    if (nextH) {
      Arrays.fill(numerator, 0);
      Arrays.fill(wColumnSums, 0);
      for (int c = 0; c < blocks.chunks; c++) {
        MuKernels.add(numerator, numerators[c], k * p);
        MuKernels.add(wColumnSums, columnSums[c], k);
      }
    }
    loss = withLoss ? Math.max(0, MuKernels.sumInOrder(divergences, blocks.chunks)) : Double.NaN;
  }
}
