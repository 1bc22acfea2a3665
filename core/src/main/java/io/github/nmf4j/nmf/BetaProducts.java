package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The products of V's row blocks with the factors that a pass of the beta-divergence
 * multiplicative update ({@link BetaMu}) needs, behind the data seam: with {@code Y = WH + eps},
 * the numerator terms {@code A = V_s .* Y^(beta-2)} and the denominator terms {@code B =
 * Y^(beta-1)}, multiplied by {@code H'} for the W update of a block and by {@code W_b'} for the
 * sums of the next H update (added per chunk, chunks in order, so the sums do not depend on the
 * thread count), and the divergence.
 *
 * <p>B is dense whatever V is (its entries are powers of WH, not of V), so each block forms its
 * block of WH, never WH whole: {@code rows x p} in a scratch buffer per thread for a sparse V, a
 * column panel at a time ({@link BlockProducts}) for a dense one. A is formed
 * from V's block for a dense V ({@link Dense}) and at the stored entries only for a sparse V
 * ({@link Sparse}), as scikit-learn computes it; so is the part of the divergence that involves
 * V. Four {@code 2 rows p k} products per block and pass for the W update ({@code W_b H}, {@code
 * A_b H'}, {@code B_b H'}) and three for the sums ({@code W_b H}, {@code W_b' A_b}, {@code W_b'
 * B_b}); a sparse V replaces the A products by {@code O(nnz k)} loops.
 */
abstract class BetaProducts {

  final ScaledData data;
  final int n;
  final int p;
  final int k;
  final double beta;
  final double eps;
  final BetaKernels.Power power;
  private final int chunks;
  /** H of the pass, {@code k x p}, stored units. */
  double[] h;
  /** Per chunk: {@code W_b' A_b} and {@code W_b' B_b} added over the chunk's blocks. */
  private double[][] numeratorSums;
  private double[][] denominatorSums;
  private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
  /** {@code sum(V_s^beta)}, the part of the divergence that is constant; NaN until needed. */
  private double powerSum = Double.NaN;

  BetaProducts(ScaledData data, RowBlocks blocks, int k, double beta, double eps) {
    this.data = data;
    this.n = data.n;
    this.p = data.p;
    this.k = k;
    this.beta = beta;
    this.eps = eps;
    this.power = BetaKernels.Power.of(beta);
    this.chunks = blocks.chunks;
  }

  /**
   * One thread's buffers: a block of WH (then of A), of B, of the products, and a dense V's
   * {@link BlockProducts} (made at its first use).
   */
  static final class Scratch {
    final double[] wh;
    final double[] b;
    final double[] kByP;
    private final int p;
    private final int k;
    private BlockProducts products;

    Scratch(int rows, int p, int k) {
      wh = new double[rows * p];
      b = new double[rows * p];
      kByP = new double[k * p];
      this.p = p;
      this.k = k;
    }

    BlockProducts products() {
      return products != null ? products : (products = new BlockProducts(p, k));
    }
  }

  /** Sets the H of the pass's products ({@code k x p}, stored units). */
  void useH(double[] h) {
    this.h = h;
  }

  /** Zeroes the sums of the pass. */
  final void clearSums() {
    if (numeratorSums != null) {
      for (int c = 0; c < chunks; c++) {
        Arrays.fill(numeratorSums[c], 0);
        Arrays.fill(denominatorSums[c], 0);
      }
    }
  }

  /**
   * For the block's rows of W in {@code ws.w}: {@code numerator = A_b H'} and {@code denominator
   * = B_b H'} ({@code rows x k} each), the W update's.
   */
  abstract void wTerms(int row0, int rows, RowBlocks.Workspace ws, double[] numerator,
      double[] denominator);

  /**
   * For the block's (updated) rows of W in {@code ws.w}: returns the block's part of the
   * divergence's sum when {@code withLoss} (see {@link #divergence}), and when {@code nextH}
   * adds {@code W_b' A_b} and {@code W_b' B_b} to chunk {@code c}'s sums.
   */
  abstract double hTerms(int c, int row0, int rows, RowBlocks.Workspace ws, boolean withLoss,
      boolean nextH);

  /** {@code sum(V_s^beta)} over V's entries (its stored entries for a sparse V). */
  abstract double computePowerSum();

  /** {@code W'A} and {@code W'B} over the pass: the chunks' sums in chunk order. */
  final void sums(double[] numerator, double[] denominator) {
    Arrays.fill(numerator, 0);
    Arrays.fill(denominator, 0);
    for (int c = 0; c < chunks; c++) {
      MuKernels.add(numerator, numeratorSums(c), k * p);
      MuKernels.add(denominator, denominatorSums[c], k * p);
    }
  }

  /**
   * {@code D_beta(V_s || WH)} from the blocks' parts (added in chunk order by the caller): the
   * sum itself for Itakura-Saito, else {@code (sum(V_s^beta) + parts) / (beta (beta - 1))}.
   */
  final double divergence(double parts) {
    if (beta == 0) {
      return Math.max(0, parts);
    }
    if (Double.isNaN(powerSum)) {
      powerSum = computePowerSum();
    }
    return Math.max(0, (powerSum + parts) / (beta * (beta - 1)));
  }

  /** Chunk {@code c}'s numerator slot; the slots are made on first use (blocks run in parallel). */
  final synchronized double[] numeratorSums(int c) {
    if (numeratorSums == null) {
      numeratorSums = new double[chunks][k * p];
      denominatorSums = new double[chunks][k * p];
    }
    return numeratorSums[c];
  }

  /** Chunk {@code c}'s denominator slot. */
  final double[] denominatorSums(int c) {
    numeratorSums(c);
    return denominatorSums[c];
  }

  final Scratch borrow() {
    Scratch s = scratch.poll();
    return s != null ? s : new Scratch(scratchRows(), p, k);
  }

  /** The rows of a {@link Scratch}'s blocks of WH and B: a block's, unless none are formed. */
  int scratchRows() {
    return Math.min(n, RowBlocks.BLOCK_ROWS);
  }

  final void giveBack(Scratch s) {
    scratch.add(s);
  }

  /** {@code ws.w (rows x k) H} into {@code s.wh}. */
  final void productBlock(int rows, RowBlocks.Workspace ws, Scratch s) {
    Gemm.multiply(rows, k, p, ws.w, h, s.wh, Parallel.serial());
  }

  /**
   * A dense V: A from the block of V, all products by {@link BlockProducts} from V in place (the
   * W update's with V's block packed transposed once, the sums' in column panels).
   */
  static final class Dense extends BetaProducts {
    private final DenseData dense;
    private final RowBlocks blocks;

    Dense(DenseData data, RowBlocks blocks, int k, double beta, double eps) {
      super(data, blocks, k, beta, eps);
      this.dense = data;
      this.blocks = blocks;
    }

    @Override
    void wTerms(int row0, int rows, RowBlocks.Workspace ws, double[] numerator,
        double[] denominator) {
      Scratch s = borrow();
      s.products().betaWTerms(power, beta, eps, dense.v, row0 * p, dense.invScale, ws.w, rows,
          h, numerator, denominator);
      giveBack(s);
    }

    /** Both passes run on {@link BlockProducts}, which forms WH a panel at a time. */
    @Override
    int scratchRows() {
      return 0;
    }

    @Override
    double hTerms(int c, int row0, int rows, RowBlocks.Workspace ws, boolean withLoss,
        boolean nextH) {
      Scratch s = borrow();
      double part = s.products().betaHTerms(power, beta, eps, dense.v, row0 * p, dense.invScale,
          ws.w, rows, h, withLoss, nextH, nextH ? numeratorSums(c) : null,
          nextH ? denominatorSums(c) : null);
      giveBack(s);
      return part;
    }

    @Override
    double computePowerSum() {
      double[] v = dense.v;
      int blocks = ScaledData.ceilDiv(v.length, 1 << 16);
      double[] partial = new double[blocks];
      this.blocks.par.forEach(blocks, t -> partial[t] = BetaKernels.powerSum(beta, v,
          t << 16, Math.min(v.length, (t + 1) << 16), dense.invScale));
      return MuKernels.sumInOrder(partial, blocks);
    }
  }

  /**
   * A sparse V: B and its products dense (from the block of WH), A at the stored entries only:
   * {@code A_b H'} row by row from {@code H'}, {@code W_b' A_b} by scattering each stored term
   * into the chunk's sum.
   */
  static final class Sparse extends BetaProducts {
    private final SparseData sparse;
    private final Parallel par;
    /** H' of the pass, {@code p x k}. */
    private final double[] ht;

    Sparse(SparseData data, RowBlocks blocks, int k, double beta, double eps) {
      super(data, blocks, k, beta, eps);
      this.sparse = data;
      this.par = blocks.par;
      this.ht = new double[p * k];
    }

    @Override
    void useH(double[] h) {
      super.useH(h);
      for (int l = 0; l < k; l++) {
        for (int j = 0; j < p; j++) {
          ht[j * k + l] = h[l * p + j];
        }
      }
    }

    @Override
    void wTerms(int row0, int rows, RowBlocks.Workspace ws, double[] numerator,
        double[] denominator) {
      Scratch s = borrow();
      productBlock(rows, ws, s);
      BetaKernels.denominatorTerms(power, beta, s.wh, s.b, rows * p, eps);
      Gemm.multiplyTranspose(rows, p, k, s.b, h, denominator, Parallel.serial());
      Arrays.fill(numerator, 0, rows * k, 0);
      int[] pointers = sparse.pointers;
      int[] columns = sparse.columns;
      for (int i = 0; i < rows; i++) {
        int off = i * k;
        for (int q = pointers[row0 + i]; q < pointers[row0 + i + 1]; q++) {
          double a = ratio(q, i, s);
          int hRow = columns[q] * k;
          for (int l = 0; l < k; l++) {
            numerator[off + l] += a * ht[hRow + l];
          }
        }
      }
      giveBack(s);
    }

    /**
     * The numerator term {@code v_s y^(beta-2)} of stored entry {@code q} in the block's row
     * {@code i}, from the block's {@code s.wh} ({@code y - eps}) and {@code s.b} ({@code
     * y^(beta-1)}).
     */
    private double ratio(int q, int i, Scratch s) {
      int e = i * p + sparse.columns[q];
      return sparse.values[q] * sparse.invScale * s.b[e] / (s.wh[e] + eps);
    }

    @Override
    double hTerms(int c, int row0, int rows, RowBlocks.Workspace ws, boolean withLoss,
        boolean nextH) {
      Scratch s = borrow();
      productBlock(rows, ws, s);
      int len = rows * p;
      BetaKernels.denominatorTerms(power, beta, s.wh, s.b, len, eps);
      int[] pointers = sparse.pointers;
      int[] columns = sparse.columns;
      double[] values = sparse.values;
      double scale = sparse.invScale;
      double part = 0;
      if (withLoss) {
        if (beta == 0) {
          // every entry is stored (a zero, stored or not, was rejected)
          for (int i = 0; i < rows; i++) {
            for (int q = pointers[row0 + i]; q < pointers[row0 + i + 1]; q++) {
              double r = values[q] * scale * s.b[i * p + columns[q]];
              part += r - Math.log(r) - 1;
            }
          }
        } else {
          double bm1 = beta - 1;
          for (int e = 0; e < len; e++) {
            part += bm1 * (beta > 0 ? BetaKernels.modelPower(power, beta, s.wh[e])
                : (s.wh[e] + eps) * s.b[e]);
          }
          // v_s first, as the dense kernel: beta v overflows for v near Double.MAX_VALUE
          for (int i = 0; i < rows; i++) {
            for (int q = pointers[row0 + i]; q < pointers[row0 + i + 1]; q++) {
              part -= beta * (values[q] * scale) * s.b[i * p + columns[q]];
            }
          }
        }
      }
      if (nextH) {
        Gemm.transposeMultiply(rows, k, p, ws.w, s.b, s.kByP, Parallel.serial());
        MuKernels.add(denominatorSums(c), s.kByP, k * p);
        double[] sum = numeratorSums(c);
        for (int i = 0; i < rows; i++) {
          int off = i * k;
          for (int q = pointers[row0 + i]; q < pointers[row0 + i + 1]; q++) {
            double a = ratio(q, i, s);
            int j = columns[q];
            for (int l = 0; l < k; l++) {
              sum[l * p + j] += ws.w[off + l] * a;
            }
          }
        }
      }
      giveBack(s);
      return part;
    }

    @Override
    double computePowerSum() {
      double[] values = sparse.values;
      int blocks = Math.max(1, ScaledData.ceilDiv(values.length, 1 << 16));
      double[] partial = new double[blocks];
      par.forEach(blocks, t -> partial[t] = BetaKernels.powerSum(beta, values, t << 16,
          Math.min(values.length, (t + 1) << 16), sparse.invScale));
      return MuKernels.sumInOrder(partial, blocks);
    }
  }
}
