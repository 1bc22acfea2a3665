package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;

/**
 * One pass of a solver over a block of rows of V for {@link BlockStep}: the row-local W update of
 * the block given H, then the block's sums for the next H update ({@link BlockSums}). The same
 * kernels and per-row arithmetic as the single-machine rules ({@link FrobeniusMu}, {@link
 * KullbackLeiblerMu}, {@link FrobeniusHals}); what differs is only where the sums over rows are
 * added, hence their rounding. Serial: a distributed fit runs one block per task.
 */
final class BlockPass {

  private BlockPass() {}

  /**
   * Frobenius multiplicative update of the block's W ({@code W <- W .* (V H') ./ (W (HH') +
   * eps)}) when {@code updateW}, then {@code W'V_s}, {@code W'W} and {@code <W, V_s H'>}.
   */
  static BlockSums frobeniusMu(DenseData data, double[] w, double[] h, double[] hht, int k,
      double eps, boolean updateW) {
    int p = data.p;
    double scale = data.productScale;
    double[] hOperand = data.productOperand(h);
    double[] wtv = new double[k * p];
    double[] wtw = new double[k * k];
    double[] cross = new double[1];
    RowBlocks blocks = new RowBlocks(data.n, p, k, Parallel.serial());
    blocks.forEachBlock((c, row0, rows, ws) -> {
      double[] vht = ws.rowsByK;
      blocks.copyBlock(data.v, w, row0, rows, ws);
      Gemm.multiplyTranspose(rows, p, k, ws.v, hOperand, vht, Parallel.serial());
      if (updateW) {
        Gemm.multiply(rows, k, k, ws.w, hht, ws.rowsByK2, Parallel.serial());
        MuKernels.multiplicativeStep(ws.w, vht, scale, ws.rowsByK2, eps, rows * k);
        System.arraycopy(ws.w, 0, w, row0 * k, rows * k);
      }
      cross[0] += MuKernels.dot(ws.w, vht, rows * k) * scale;
      addGramAndProducts(data, ws, rows, k, wtw, wtv);
    });
    scale(wtv, scale);
    return new BlockSums(data.n, wtv, wtw, cross[0], Double.NaN, Double.NaN);
  }

  /**
   * Kullback-Leibler multiplicative update of the block's W ({@code W <- W .* ((V ./ (WH + eps))
   * H') ./ (1 H' + eps)}) when {@code updateW}, then {@code W'(V_s ./ (WH + eps))}, the column
   * sums of W and, with {@code withLoss}, the divergence {@code D(V_s || WH)} of the block.
   */
  static BlockSums kullbackLeibler(DenseData data, double[] w, double[] h, double[] hRowSums,
      int k, double eps, boolean updateW, boolean withLoss) {
    int p = data.p;
    double scale = data.invScale;
    double[] numerator = new double[k * p];
    double[] columnSums = new double[k];
    double[] divergence = new double[1];
    RowBlocks blocks = new RowBlocks(data.n, p, k, Parallel.serial());
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(data.v, w, h, row0, rows, ws);
      if (updateW) {
        KlKernels.ratio(ws.v, scale, ws.wh, rows * p, eps);
        Gemm.multiplyTranspose(rows, p, k, ws.wh, h, ws.rowsByK, Parallel.serial());
        KlKernels.stepColumnDenominator(ws.w, ws.rowsByK, hRowSums, rows, k, eps, w, row0 * k);
        System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
        Gemm.multiply(rows, k, p, ws.w, h, ws.wh, Parallel.serial());
      }
      if (withLoss) {
        divergence[0] += KlKernels.divergence(ws.v, scale, ws.wh, rows * p, eps);
      }
      KlKernels.ratio(ws.v, scale, ws.wh, rows * p, eps);
      Gemm.transposeMultiply(rows, k, p, ws.w, ws.wh, ws.kByP, Parallel.serial());
      MuKernels.add(numerator, ws.kByP, k * p);
      KlKernels.addColumnSums(ws.w, rows, k, columnSums);
    });
    return new BlockSums(data.n, numerator, columnSums, 0,
        withLoss ? divergence[0] : Double.NaN, Double.NaN);
  }

  /**
   * {@link #frobeniusMu} for a sparse block (or any data): the products through the data's
   * {@link RowProducts}, as {@link FrobeniusMu} forms them ({@code V_b H'} from the stored
   * entries row by row, {@code W'V} at the end from V's transpose).
   */
  static BlockSums frobeniusMuRows(ScaledData data, double[] w, double[] h, double[] hht,
      int k, double eps, boolean updateW) {
    double scale = data.productScale;
    double[] hOperand = data.productOperand(h);
    double[] wtw = new double[k * k];
    double[] cross = new double[1];
    RowBlocks blocks = data.rowBlocks(k, Parallel.serial());
    RowProducts products = data.rowProducts(blocks, k, false);
    products.startPass(hOperand);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      double[] vht = ws.rowsByK;
      System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      products.timesTranspose(row0, rows, ws, vht);
      if (updateW) {
        Gemm.multiply(rows, k, k, ws.w, hht, ws.rowsByK2, Parallel.serial());
        MuKernels.multiplicativeStep(ws.w, vht, scale, ws.rowsByK2, eps, rows * k);
        System.arraycopy(ws.w, 0, w, row0 * k, rows * k);
      }
      cross[0] += MuKernels.dot(ws.w, vht, rows * k) * scale;
      Gemm.gram(rows, k, ws.w, ws.kByK, Parallel.serial());
      MuKernels.add(wtw, ws.kByK, k * k);
      products.addTransposeTimes(c, row0, rows,
          data.productOperand(ws.w, ws.rowsByK2, rows * k), ws);
    });
    double[] wtv = new double[k * data.p];
    products.transposeTimesSum(w, wtv);
    scale(wtv, scale);
    return new BlockSums(data.n, wtv, wtw, cross[0], Double.NaN, Double.NaN);
  }

  /**
   * {@link #kullbackLeibler} for a sparse block (or any data): the ratios {@code V ./ (WH +
   * eps)} through the data's {@link RowProducts}, at the stored entries only for a sparse V, as
   * {@link KullbackLeiblerMu} forms them.
   */
  static BlockSums kullbackLeiblerRows(ScaledData data, double[] w, double[] h,
      double[] hRowSums, int k, double eps, boolean updateW, boolean withLoss) {
    double[] columnSums = new double[k];
    double[] divergence = new double[1];
    RowBlocks blocks = data.rowBlocks(k, Parallel.serial());
    RowProducts products = data.rowProducts(blocks, k, true);
    products.startPass(h);
    blocks.forEachBlock((c, row0, rows, ws) -> {
      System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      if (updateW) {
        products.ratioTimesTranspose(row0, rows, ws, eps, ws.rowsByK);
        KlKernels.stepColumnDenominator(ws.w, ws.rowsByK, hRowSums, rows, k, eps, w, row0 * k);
        System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
      }
      divergence[0] += products.ratioTerms(c, row0, rows, ws, eps, withLoss, true);
      KlKernels.addColumnSums(ws.w, rows, k, columnSums);
    });
    double[] numerator = new double[k * data.p];
    products.ratioSum(w, eps, numerator);
    return new BlockSums(data.n, numerator, columnSums, 0,
        withLoss ? divergence[0] : Double.NaN, Double.NaN);
  }

  /**
   * HALS update of the block's W when {@code updateW}: the sweeps of {@link HalsKernel} on the
   * blocks of {@value FrobeniusHals#BLOCK} rows of V that the single-machine solver uses (aligned
   * on multiples of the block size in V, so a block of V that straddles two of these blocks is
   * split, and only there does the sweeps' stopping test see other rows than on one machine);
   * then {@code W'V_s}, {@code W'W} and {@code <W, V_s H'>}.
   */
  static BlockSums hals(ScaledData data, long firstRow, double[] w, double[] h, double[] hht,
      int k, boolean updateW, int maxSweeps, double deltaSquared, double floor) {
    int n = data.n;
    int p = data.p;
    double scale = data.productScale;
    double[] vht = new double[n * k];
    data.timesTranspose(data.productOperand(h), k, vht, Parallel.serial());
    scale(vht, scale);
    double cross = 0;
    if (updateW) {
      int size = FrobeniusHals.BLOCK;
      double[][] x = new double[k][size];
      double[][] t = new double[k][size];
      double[] acc = new double[size];
      double[] change = new double[size];
      int i0 = 0;
      while (i0 < n) {
        // Up to the next multiple of the block size in V.
        int len = (int) Math.min(n - i0, size - (firstRow + i0) % size);
        for (int i = 0; i < len; i++) {
          int row = (i0 + i) * k;
          for (int c = 0; c < k; c++) {
            x[c][i] = w[row + c];
            t[c][i] = vht[row + c];
          }
        }
        HalsKernel.sweeps(hht, k, t, x, len, acc, change, maxSweeps, deltaSquared, floor,
            false);
        for (int i = 0; i < len; i++) {
          int row = (i0 + i) * k;
          for (int c = 0; c < k; c++) {
            w[row + c] = x[c][i];
            cross += x[c][i] * t[c][i];
          }
        }
        i0 += len;
      }
    } else {
      cross = MuKernels.dot(w, vht, n * k);
    }
    double[] wtw = new double[k * k];
    Gemm.gram(n, k, w, wtw, Parallel.serial());
    double[] wtv = new double[k * p];
    data.transposeTimes(data.productOperand(w), k, wtv, Parallel.serial());
    scale(wtv, scale);
    return new BlockSums(n, wtv, wtw, cross, Double.NaN, Double.NaN);
  }

  /**
   * {@code ||V_s - WH||_F^2} and, for the Kullback-Leibler loss of {@code settings}, {@code
   * D(V_s || WH)} of the block.
   */
  static BlockSums residuals(NmfSettings settings, ScaledData data, double[] w, double[] h) {
    int k = settings.rank();
    Residuals r = Residuals.of(new Problem(settings, data, k, Parallel.serial()),
        new Factors(w, h, k));
    return new BlockSums(data.n, null, null, 0, r.divergence, r.squaredFrobenius);
  }

  /** Adds {@code W_b'W_b} and {@code W_b'V_b} (V raw, W scaled as the range needs) of a block. */
  private static void addGramAndProducts(DenseData data, RowBlocks.Workspace ws, int rows,
      int k, double[] wtw, double[] wtv) {
    int p = data.p;
    Gemm.gram(rows, k, ws.w, ws.kByK, Parallel.serial());
    MuKernels.add(wtw, ws.kByK, k * k);
    double[] wOperand = data.productOperand(ws.w, ws.rowsByK2, rows * k);
    Gemm.transposeMultiply(rows, k, p, wOperand, ws.v, ws.kByP, Parallel.serial());
    MuKernels.add(wtv, ws.kByP, k * p);
  }

  private static void scale(double[] x, double factor) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= factor;
    }
  }
}
