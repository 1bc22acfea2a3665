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
 *
 * <p>Penalties ({@link Penalties}, scikit-learn's) join the denominators: {@code W'1 + l1H +
 * l2H H + eps} and {@code 1H' + l1W + l2W W + eps}.
 *
 * <p>V is reached through {@link RowProducts}: for a sparse V ({@link SparseData}) the ratios
 * {@code V ./ (WH + eps)} are formed at the stored entries only (zero elsewhere), the numerator
 * of the H update at the end of the pass from V's transpose, and the divergence as its stored
 * terms plus {@code sum(WH) = (1'W)(H 1)}; no block of WH exists.
 */
final class KullbackLeiblerMu extends PassRule {

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
  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  private final Penalties.MuGuards guards;
  private final boolean updateH;
  /** Whether W may change between iterations (a wrapper normalizes it): no sums carried over. */
  private final boolean wChangesOutside;
  private final RowBlocks blocks;
  /** The KL terms of V's row blocks and the sum {@code W'R}: the data seam. */
  private final RowProducts products;

  /** Per chunk: the column sums of W ({@code k}). */
  private final double[][] columnSums;
  /** {@code W'(V ./ (WH + eps))} and {@code W'1} for the current factors (the next H update). */
  private final double[] numerator;
  private final double[] wColumnSums;
  private final double[] hRowSums;
  private final double[] divergences;

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
    guards = Penalties.of(problem).muGuards(eps);
    this.updateH = updateH;
    this.blocks = data.rowBlocks(k, problem.par());
    this.products = data.rowProducts(blocks, k, true);
    int chunks = blocks.chunks;
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
  public void iterate() {
    if (updateH) {
      if (wChangesOutside) {
        pass(false, true, false);
      }
      if (guards.l2H() > 0) {
        KlKernels.stepRowDenominator(h, numerator, wColumnSums, k, data.p, guards.h(),
            guards.l2H());
      } else {
        KlKernels.stepRowDenominator(h, numerator, wColumnSums, k, data.p, guards.h());
      }
    }
    pass(true, updateH && !wChangesOutside, lossRequested && !wChangesOutside);
    lossRequested = false;
  }

  @Override
  void pass(boolean updateW, boolean nextH, boolean withLoss) {
    int p = data.p;
    if (updateW) {
      KlKernels.rowSums(h, k, p, hRowSums);
    }
    for (int c = 0; c < blocks.chunks; c++) {
      Arrays.fill(columnSums[c], 0);
      divergences[c] = 0;
    }
    products.startPass(h);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      if (updateW) {
        products.ratioTimesTranspose(row0, rows, ws, eps, ws.rowsByK);
        if (guards.l2W() > 0) {
          KlKernels.stepColumnDenominator(ws.w, ws.rowsByK, hRowSums, rows, k, guards.w(),
              guards.l2W(), w, row0 * k);
        } else {
          KlKernels.stepColumnDenominator(ws.w, ws.rowsByK, hRowSums, rows, k, guards.w(), w,
              row0 * k);
        }
        if (!nextH && !withLoss) {
          return;
        }
        System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      }
      divergences[c] += products.ratioTerms(c, row0, rows, ws, eps, withLoss, nextH);
      if (nextH) {
        KlKernels.addColumnSums(ws.w, rows, k, columnSums[c]);
      }
    });
    if (nextH) {
      products.ratioSum(w, eps, numerator);
      Arrays.fill(wColumnSums, 0);
      for (int c = 0; c < blocks.chunks; c++) {
        MuKernels.add(wColumnSums, columnSums[c], k);
      }
    }
    loss = withLoss ? Math.max(0, MuKernels.sumInOrder(divergences, blocks.chunks)) : Double.NaN;
  }
}
