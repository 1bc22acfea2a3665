package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/**
 * Lee and Seung's multiplicative updates for the generalized Kullback-Leibler divergence, H
 * first: {@code H <- H .* (W' (V ./ (WH + eps))) ./ (W'1 + eps)}, then
 * {@code W <- W .* ((V ./ (WH + eps)) H') ./ (1 H' + eps)}.
 *
 * <p>Both updates run over blocks of rows ({@link RowBlocks}): a block of WH is formed, turned
 * into the block of {@code V ./ (WH + eps)} in place and multiplied out, so WH is never held
 * whole. The H update sums per-chunk partial products {@code W_b' R_b} in chunk order; the W
 * update is local to each block.
 */
final class KullbackLeiblerMu implements UpdateRule {

  private final ScaledData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  private final double eps;
  private final boolean updateH;
  private final RowBlocks blocks;

  /** Per chunk: {@code W_c' R_c} ({@code k x p}) and the column sums of W ({@code k}). */
  private final double[][] numerators;
  private final double[][] columnSums;
  private final double[] numerator;
  private final double[] wColumnSums;
  private final double[] hRowSums;
  private final double[] partial;

  KullbackLeiblerMu(ScaledData data, double[] w, double[] h, int k, double eps, boolean updateH,
      Parallel par) {
    this.data = data;
    this.w = w;
    this.h = h;
    this.k = k;
    this.eps = eps;
    this.updateH = updateH;
    this.blocks = new RowBlocks(data.n, data.p, k, par);
    int chunks = blocks.chunks;
    numerators = updateH ? new double[chunks][k * data.p] : null;
    columnSums = updateH ? new double[chunks][k] : null;
    numerator = updateH ? new double[k * data.p] : null;
    wColumnSums = new double[k];
    hRowSums = new double[k];
    partial = new double[chunks];
  }

  @Override
  public void iterate() {
    if (updateH) {
      updateH();
    }
    updateW();
  }

  private void updateH() {
    int p = data.p;
    for (int c = 0; c < blocks.chunks; c++) {
      Arrays.fill(numerators[c], 0);
      Arrays.fill(columnSums[c], 0);
    }
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(data.v, w, h, row0, rows, ws);
      KlKernels.ratio(ws.v, data.invScale, ws.wh, rows * p, eps);
      Gemm.transposeMultiply(rows, k, p, ws.w, ws.wh, ws.kByP, Parallel.serial());
      MuKernels.add(numerators[c], ws.kByP, k * p);
      KlKernels.addColumnSums(ws.w, rows, k, columnSums[c]);
    });
    Arrays.fill(numerator, 0);
    Arrays.fill(wColumnSums, 0);
    for (int c = 0; c < blocks.chunks; c++) {
      MuKernels.add(numerator, numerators[c], k * p);
      MuKernels.add(wColumnSums, columnSums[c], k);
    }
    KlKernels.stepRowDenominator(h, numerator, wColumnSums, k, p, eps);
  }

  private void updateW() {
    int p = data.p;
    KlKernels.rowSums(h, k, p, hRowSums);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(data.v, w, h, row0, rows, ws);
      KlKernels.ratio(ws.v, data.invScale, ws.wh, rows * p, eps);
      Gemm.multiplyTranspose(rows, p, k, ws.wh, h, ws.rowsByK, Parallel.serial());
      KlKernels.stepColumnDenominator(ws.w, ws.rowsByK, hRowSums, rows, k, eps, w, row0 * k);
    });
  }

  @Override
  public double loss() {
    int p = data.p;
    Arrays.fill(partial, 0);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(data.v, w, h, row0, rows, ws);
      partial[c] += KlKernels.divergence(ws.v, data.invScale, ws.wh, rows * p, eps);
    });
    return Math.max(0, MuKernels.sumInOrder(partial, blocks.chunks));
  }
}
