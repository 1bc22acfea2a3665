package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import io.github.nmf4j.linalg.kernel.RowGram;
import io.github.nmf4j.linalg.kernel.SparseProducts;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * {@link FrobeniusMu}'s fit for a sparse V ({@link SparseData}): the same updates, H first,
 * {@code H <- H .* (W'V) ./ ((W'W + l2H I) H + l1H + eps)}, then {@code W <- W .* (VH') ./ (W
 * (HH' + l2W I) + l1W + eps)}, with the same values to the bit, in two parallel passes and one
 * {@code Gemm} call per iteration.
 *
 * <ul>
 *   <li>The H pass runs over blocks of {@value #BLOCK} of V's columns (rows of V'): for a block
 *       it gathers {@code V'W} from the rows of V' and W's rows, forms {@code H_b' (W'W + l2H
 *       I)}, updates the block and writes it to H and to the rows of H' (the operand of the W
 *       pass). Then {@code HH'} in one {@code Gemm} call over H.</li>
 *   <li>The W pass runs over blocks of {@value #BLOCK} of V's rows: {@code V_b H'} from the rows
 *       of H', the W update of the block, W's rows for the next H pass, {@code W_b' W_b} and
 *       {@code <W_b, V_b H'>} (the loss's cross term).</li>
 * </ul>
 *
 * <p>So {@code W'V} ({@code k x p}) is never held whole, and nothing but sums of {@code k x k}
 * matrices runs on one thread: {@link FrobeniusMu}'s block pass is followed by a copy of W into
 * rows and a scaling of {@code W'V} on the calling thread, and its iteration hands work to the
 * threads in about six parallel steps instead of three. Every block is a task of its own, so that
 * a thread held up elsewhere delays a pass by one block.
 *
 * <p>Why the same bits: the sparse sums are {@link SparseProducts}' (one per output value, in
 * storage order); {@code H_b' G} is {@code (G H_b)'} for the symmetric {@code G}, which {@code
 * Gemm} forms with the same chain of products per value as {@link FrobeniusMu}'s {@code G H_b};
 * the element-wise steps are the same; {@code W'W} and the cross term are summed over the blocks
 * in {@link RowBlocks}' chunks, as {@link FrobeniusMu} sums them. Blocks and chunks are fixed by
 * the shape, so the results do not depend on the thread count.
 */
final class SparseFrobeniusMu implements UpdateRule {

  /** Rows of V (the W pass) or columns (the H pass) per block: one parallel task each. */
  static final int BLOCK = RowBlocks.BLOCK_ROWS;

  private final SparseData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  private final int n;
  private final int p;
  private final double guardH;
  private final double guardW;
  private final double l2H;
  private final double l2W;
  /** {@link ScaledData#productScale} and {@link ScaledData#productExponent} of the data. */
  private final double scale;
  private final int exponent;

  private final Parallel par;
  /** Blocks of V's rows and of its columns. */
  private final int rowBlocks;
  private final int columnBlocks;
  /** One task's scratch: three blocks of {@code BLOCK x k} values. */
  private final ArrayBlockingQueue<double[][]> scratch;
  /** W and H' as the operands of the products with V, by rows: {@code n x k} and {@code p x k}. */
  private final double[][] wRows;
  private final double[][] htRows;
  private final double[] wtw;
  private final double[] hht;
  /** {@code W'W + l2H I} and {@code HH' + l2W I}: the Gram matrices themselves without L2. */
  private final double[] wtwPenalized;
  private final double[] hhtPenalized;
  /** Each block's {@code W_b' W_b} and {@code <W_b, V_b H'>}. */
  private final double[][] wtwBlocks;
  private final double[] crossBlocks;
  /** A chunk's sum in {@link #sumByChunks}. */
  private final double[] chunkSum;
  /** {@code <W, V_s H'>} for the current factors. */
  private double cross;

  SparseFrobeniusMu(Problem problem, Factors start) {
    this.data = (SparseData) problem.data();
    this.w = start.w;
    this.h = start.h;
    this.k = start.rank;
    this.n = data.n;
    this.p = data.p;
    double eps = problem.epsilon();
    Penalties penalties = Penalties.of(problem);
    guardH = eps + penalties.l1H;
    guardW = eps + penalties.l1W;
    l2H = penalties.l2H;
    l2W = penalties.l2W;
    scale = data.productScale;
    exponent = data.productExponent;
    par = problem.par();
    // V' first: the largest single allocation of a fit finds room more easily in a heap that
    // holds only V and the factors
    data.transposedPointers();
    rowBlocks = ScaledData.ceilDiv(n, BLOCK);
    columnBlocks = ScaledData.ceilDiv(p, BLOCK);
    int tasks = Math.max(1, Math.min(par.threads(), Math.max(rowBlocks, columnBlocks)));
    scratch = new ArrayBlockingQueue<>(tasks);
    int size = Math.min(Math.max(n, p), BLOCK) * k;
    for (int t = 0; t < tasks; t++) {
      scratch.add(new double[][] {new double[size], new double[size], new double[size]});
    }
    wRows = new double[n][k];
    htRows = new double[p][k];
    wtw = new double[k * k];
    hht = new double[k * k];
    wtwPenalized = l2H > 0 ? new double[k * k] : wtw;
    hhtPenalized = l2W > 0 ? new double[k * k] : hht;
    wtwBlocks = new double[rowBlocks][k * k];
    crossBlocks = new double[rowBlocks];
    chunkSum = new double[k * k];
    SparseProducts.transposedRows(data.productOperand(h), k, p, htRows, par);
    hhtOfNewH();
    passW(false);
  }

  @Override
  public void iterate() {
    passH(Penalties.withDiagonal(wtw, k, l2H, wtwPenalized));
    passW(true);
  }

  @Override
  public double loss() {
    return MuKernels.traceLoss(data.squaredNorm, cross, wtw, hht, k);
  }

  /** The H update with {@code g = W'W + l2H I}, then H' by rows and {@code HH'} of the new H. */
  private void passH(double[] g) {
    int[] tPointers = data.transposedPointers();
    int[] tColumns = data.transposedColumns();
    double[] tValues = data.transposedValues();
    forEach(columnBlocks, (b, s) -> {
      int j0 = b * BLOCK;
      int len = Math.min(BLOCK, p - j0);
      // len x k blocks (rows of H'): H', V'W unscaled, H'(W'W + l2H I)
      double[] htBlock = s[0];
      double[] vtw = s[1];
      double[] hg = s[2];
      if (exponent == 0) {
        for (int j = 0; j < len; j++) {
          System.arraycopy(htRows[j0 + j], 0, htBlock, j * k, k);
        }
      } else {
        for (int a = 0; a < k; a++) {
          for (int j = 0; j < len; j++) {
            htBlock[j * k + a] = h[a * p + j0 + j];
          }
        }
      }
      SparseProducts.multiplyRows(j0, j0 + len, k, tPointers, tColumns, tValues, wRows, vtw,
          j0);
      // g is symmetric: H_b' g is (g H_b)', the same sums
      Gemm.multiply(len, k, k, htBlock, g, hg, Parallel.serial());
      MuKernels.multiplicativeStep(htBlock, vtw, scale, hg, guardH, len * k);
      for (int a = 0; a < k; a++) {
        int o = a * p + j0;
        for (int j = 0; j < len; j++) {
          h[o + j] = htBlock[j * k + a];
        }
      }
      toRows(htBlock, len, htRows, j0);
    });
    hhtOfNewH();
  }

  /**
   * {@code HH'} (and with L2 its penalized form) of the current H, with the bits of {@link
   * FrobeniusMu}'s one {@code Gemm} call over all of H (the blocks' Gram matrices, summed, took
   * 30% longer on FOLDOC and change the sums): from the rows of H' when they hold H itself
   * ({@link RowGram}, no packing: 0.62 ms against 1.15 alone at rank 20 and 20,080 columns).
   */
  private void hhtOfNewH() {
    if (exponent == 0) {
      RowGram.of(htRows, 0, p, k, hht, par);
    } else {
      Gemm.multiplyTranspose(k, p, k, h, h, hht, par);
    }
    Penalties.withDiagonal(hht, k, l2W, hhtPenalized);
  }

  /**
   * One pass over V's rows: with {@code update}, the W update of every block; then, for the
   * (new) W, its rows, {@code W'W} and the cross term {@code <W, V_s H'>}.
   */
  private void passW(boolean update) {
    int[] pointers = data.pointers;
    int[] columns = data.columns;
    double[] values = data.values;
    forEach(rowBlocks, (b, s) -> {
      int row0 = b * BLOCK;
      int rows = Math.min(BLOCK, n - row0);
      double[] wBlock = s[0];
      double[] vht = s[1];
      double[] wg = s[2];
      System.arraycopy(w, row0 * k, wBlock, 0, rows * k);
      SparseProducts.multiplyRows(row0, row0 + rows, k, pointers, columns, values, htRows, vht,
          row0);
      if (update) {
        Gemm.multiply(rows, k, k, wBlock, hhtPenalized, wg, Parallel.serial());
        MuKernels.multiplicativeStep(wBlock, vht, scale, wg, guardW, rows * k);
        System.arraycopy(wBlock, 0, w, row0 * k, rows * k);
      }
      crossBlocks[b] = MuKernels.dot(wBlock, vht, rows * k) * scale;
      toRows(wBlock, rows, wRows, row0);
      if (exponent == 0) {
        RowGram.of(wRows, row0, row0 + rows, k, wtwBlocks[b], Parallel.serial());
      } else {
        Gemm.gram(rows, k, wBlock, wtwBlocks[b], Parallel.serial());
      }
    });
    cross = sumByChunks();
  }

  /** What a pass does with block {@code b}, given a task's scratch. */
  private interface Block {
    void run(int b, double[][] scratch);
  }

  /**
   * Runs {@code body} on blocks {@code [0, blocks)} in parallel, one block per task (small tasks,
   * so that a thread held up elsewhere delays the pass by little), each with scratch of its own.
   */
  private void forEach(int blocks, Block body) {
    par.forEach(blocks, b -> {
      double[][] s = scratch.poll();
      try {
        body.run(b, s);
      } finally {
        scratch.add(s);
      }
    });
  }

  /**
   * Sums the blocks' {@code W_b' W_b} into {@link #wtw} and returns the sum of their cross terms,
   * in the order of {@link RowBlocks}: each chunk of consecutive blocks summed from 0 in block
   * order, then the chunks in order, as {@link FrobeniusMu} sums them.
   */
  private double sumByChunks() {
    int perChunk = ScaledData.ceilDiv(rowBlocks, RowBlocks.MAX_CHUNKS);
    Arrays.fill(wtw, 0);
    double total = 0;
    for (int b0 = 0; b0 < rowBlocks; b0 += perChunk) {
      Arrays.fill(chunkSum, 0);
      double chunkCross = 0;
      for (int b = b0; b < Math.min(rowBlocks, b0 + perChunk); b++) {
        MuKernels.add(chunkSum, wtwBlocks[b], k * k);
        chunkCross += crossBlocks[b];
      }
      MuKernels.add(wtw, chunkSum, k * k);
      total += chunkCross;
    }
    return total;
  }

  /**
   * Rows {@code [0, count)} of the row-major {@code block} ({@code count x k}) into {@code
   * rows[row0 + i]}, as the operand of the products with the raw V ({@link
   * ScaledData#productOperand}: the values themselves, or times {@code 2^productExponent}).
   */
  private void toRows(double[] block, int count, double[][] rows, int row0) {
    for (int i = 0; i < count; i++) {
      double[] row = rows[row0 + i];
      if (exponent == 0) {
        System.arraycopy(block, i * k, row, 0, k);
      } else {
        for (int a = 0; a < k; a++) {
          row[a] = Math.scalb(block[i * k + a], exponent);
        }
      }
    }
  }
}
