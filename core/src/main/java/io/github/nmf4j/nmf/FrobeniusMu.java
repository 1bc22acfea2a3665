package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Lee and Seung's multiplicative updates for {@code ||V - WH||_F^2}, H first:
 * {@code H <- H .* (W'V) ./ (W'W H + eps)}, then {@code W <- W .* (VH') ./ (W (HH') + eps)}.
 *
 * <p>The two large products, {@code VH'} and {@code W'V} (each {@code 2npk} flops), share one
 * pass over V in blocks of rows ({@link RowBlocks}): for each block, {@code V_b H'} gives the W
 * update of its rows (the W update is row-local), and the new {@code W_b' V_b} and {@code W_b'
 * W_b} are added to the chunk's sums for the next H update while {@code V_b} is still in cache.
 * So an iteration reads V once; the H update itself is small ({@code k x k} and {@code k x p}).
 * The loss uses the trace identity {@code ||V - WH||^2 = ||V||^2 - 2 <W, VH'> + <W'W, HH'>},
 * whose terms the pass has just computed, so WH is never formed.
 *
 * <p>Penalties ({@link Penalties}, scikit-learn's): the L1 weight joins the guard in the
 * denominator and the L2 weight the diagonal of the Gram matrix, {@code H <- H .* (W'V) ./
 * ((W'W + l2H I) H + l1H + eps)} and {@code W <- W .* (VH') ./ (W (HH' + l2W I) + l1W + eps)}:
 * no extra work per iteration.
 *
 * <p>V is reached through {@link RowProducts}: a sparse V forms {@code V_b H'} from its stored
 * entries and {@code W'V} at the end of the pass from its transpose ({@link SparseData}).
 */
final class FrobeniusMu implements UpdateRule {

  /** Columns of H per block of the H update. */
  static final int H_COLUMNS = 512;

  /**
   * Fit: H and W ({@link SparseFrobeniusMu} for a sparse V); transform: W alone, with {@code
   * VH'} for the fixed H computed once.
   */
  static final UpdateRule.Factory FACTORY = UpdateRule.Factory.of(
      (problem, start, fit) -> fit && problem.data() instanceof SparseData
          ? new SparseFrobeniusMu(problem, start) : new FrobeniusMu(problem, start, fit));

  private final ScaledData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  /** The guards of the H and W updates ({@code eps} plus the L1 weight) and the L2 weights. */
  private final Penalties.MuGuards guards;
  private final boolean updateH;
  private final RowBlocks blocks;

  /** The products of V's row blocks with H, and the sum {@code W'V}: the data seam. */
  private final RowProducts products;
  /** {@code W'V_s} and {@code W'W} for the current W (summed from the chunks). */
  private final double[] wtv;
  private final double[] wtw;
  private final double[][] wtwChunks;
  /**
   * Per thread of the H update: a block of columns of H and of {@code (W'W + l2H I) H}
   * ({@code [0]} and {@code [1]}); empty when H is fixed.
   */
  private final ArrayBlockingQueue<double[][]> hBlocks;
  private final Parallel par;
  private final double[] hht;
  /** {@code W'W + l2H I} and {@code HH' + l2W I}: the Gram matrices themselves without L2. */
  private final double[] wtwPenalized;
  private final double[] hhtPenalized;
  private final double[] crossChunks;
  /** H as the operand of the products with the raw V ({@link ScaledData#productOperand}). */
  private double[] hOperand;
  private final double[] hBuffer;
  /** With H fixed (a transform): {@code V H'}, computed once. */
  private final double[] fixedVht;
  /** {@code <W, V_s H'>} for the current factors. */
  private double cross;

  /**
   * The rule for any V; a fit of a sparse V takes {@link SparseFrobeniusMu} (tests compare them).
   */
  FrobeniusMu(Problem problem, Factors start, boolean updateH) {
    this.data = problem.data();
    this.w = start.w;
    this.h = start.h;
    this.k = start.rank;
    double eps = problem.epsilon();
    this.updateH = updateH;
    guards = Penalties.of(problem).muGuards(eps);
    this.blocks = data.rowBlocks(k, problem.par());
    this.products = data.rowProducts(blocks, k, false);
    int p = data.p;
    int chunks = blocks.chunks;
    wtv = new double[k * p];
    wtw = new double[k * k];
    wtwChunks = new double[chunks][k * k];
    int columns = Math.min(p, H_COLUMNS);
    par = problem.par();
    int threads = updateH ? Math.min(par.threads(), ScaledData.ceilDiv(p, H_COLUMNS)) : 0;
    hBlocks = new ArrayBlockingQueue<>(Math.max(1, threads));
    for (int t = 0; t < threads; t++) {
      hBlocks.add(new double[][] {new double[k * columns], new double[k * columns]});
    }
    hht = new double[k * k];
    wtwPenalized = guards.l2H() > 0 ? new double[k * k] : wtw;
    hhtPenalized = guards.l2W() > 0 ? new double[k * k] : hht;
    crossChunks = new double[chunks];
    hBuffer = data.productBuffer(k * p);
    fixedVht = updateH ? null : new double[data.n * k];
    productsOfH();
    if (!updateH) {
      data.timesTranspose(hOperand, k, fixedVht, problem.par());
    }
    pass(false);
  }

  @Override
  public void iterate() {
    if (updateH) {
      updateH(Penalties.withDiagonal(wtw, k, guards.l2H(), wtwPenalized));
      productsOfH();
    }
    pass(true);
  }

  @Override
  public double loss() {
    return MuKernels.traceLoss(data.squaredNorm, cross, wtw, hht, k);
  }

  /**
   * {@code H <- H .* (W'V) ./ (G H + guard)} for {@code G = W'W + l2H I}, {@value #H_COLUMNS}
   * columns at a time: the columns of H are independent, so {@code G H} is never held whole (a
   * {@code k x p} buffer less, 3.2 MB for a 20,080-word vocabulary at rank 20), and the blocks
   * of columns run in parallel, each value computed as on one thread.
   */
  private void updateH(double[] g) {
    int blocks = ScaledData.ceilDiv(data.p, H_COLUMNS);
    if (par.threads() == 1) {
      // not through Parallel.forEach: C2 profiles its call site across all callers, and one
      // more task type there slowed the sparse products of one-thread fits
      for (int b = 0; b < blocks; b++) {
        updateHBlock(g, b);
      }
      return;
    }
    par.forEach(blocks, b -> updateHBlock(g, b));
  }

  /** Columns {@code [b H_COLUMNS, (b + 1) H_COLUMNS)} of the H update. */
  private void updateHBlock(double[] g, int b) {
    int p = data.p;
    double[][] scratch = hBlocks.poll();
    try {
      double[] hBlock = scratch[0];
      double[] wtwhBlock = scratch[1];
      int j0 = b * H_COLUMNS;
      int len = Math.min(H_COLUMNS, p - j0);
      for (int c = 0; c < k; c++) {
        System.arraycopy(h, c * p + j0, hBlock, c * len, len);
      }
      Gemm.multiply(k, k, len, g, hBlock, wtwhBlock, Parallel.serial());
      for (int c = 0; c < k; c++) {
        int o = c * p + j0;
        MuKernels.ELEMENTS.multiplicativeStep(h, o, wtv, o, 1, wtwhBlock, c * len, guards.h(), len);
      }
    } finally {
      hBlocks.add(scratch);
    }
  }

  /** {@code HH'}, and H as the operand of the products with V. */
  private void productsOfH() {
    // Gemm's sums do not depend on the thread count: the fit's threads give the same HH'
    Gemm.multiplyTranspose(k, data.p, k, h, h, hht, par);
    Penalties.withDiagonal(hht, k, guards.l2W(), hhtPenalized);
    hOperand = data.productOperand(h, hBuffer, k * data.p);
  }

  /**
   * One pass over V: with {@code updateW}, the W update of every block; then, for the (new) W,
   * the cross term {@code <W, V_s H'>}, {@code W'W} and, unless H is fixed, {@code W'V_s}.
   */
  private void pass(boolean updateW) {
    double scale = data.productScale;
    for (int c = 0; c < blocks.chunks; c++) {
      Arrays.fill(wtwChunks[c], 0);
      crossChunks[c] = 0;
    }
    products.startPass(hOperand);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      double[] vht = ws.rowsByK;
      System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      if (updateH) {
        products.timesTranspose(row0, rows, ws, vht);
      } else {
        System.arraycopy(fixedVht, row0 * k, vht, 0, rows * k);
      }
      if (updateW) {
        Gemm.multiply(rows, k, k, ws.w, hhtPenalized, ws.rowsByK2, Parallel.serial());
        MuKernels.multiplicativeStep(ws.w, vht, scale, ws.rowsByK2, guards.w(), rows * k);
        System.arraycopy(ws.w, 0, w, row0 * k, rows * k);
      }
      crossChunks[c] += MuKernels.dot(ws.w, vht, rows * k) * scale;
      Gemm.gram(rows, k, ws.w, ws.kByK, Parallel.serial());
      MuKernels.add(wtwChunks[c], ws.kByK, k * k);
      if (updateH) {
        double[] wOperand = data.productOperand(ws.w, ws.rowsByK2, rows * k);
        products.addTransposeTimes(c, row0, rows, wOperand, ws);
      }
    });
    cross = MuKernels.sumInOrder(crossChunks, blocks.chunks);
    Arrays.fill(wtw, 0);
    for (int c = 0; c < blocks.chunks; c++) {
      MuKernels.add(wtw, wtwChunks[c], k * k);
    }
    if (updateH) {
      products.transposeTimesSum(w, wtv);
      for (int i = 0; i < wtv.length; i++) {
        wtv[i] *= scale;
      }
    }
  }
}
