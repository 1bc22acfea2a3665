package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/** A dense V, row-major, read in place (copied only if entirely subnormal: {@link ScaledData}). */
final class DenseData extends ScaledData {

  /** Elements per block of the validation and statistics passes. */
  private static final int BLOCK_ELEMENTS = 1 << 16;

  /**
   * Up to this many elements (8 MB of doubles) {@link #timesTranspose} keeps a transposed copy
   * of V for the fit.
   */
  static final long TRANSPOSED_LIMIT = 1L << 20;

  /**
   * V row-major, read in place; for V entirely subnormal the copy {@code V_s} ({@link
   * ScaledData#heldHalfExponent}).
   */
  final double[] v;
  /** V', made by the first {@link #timesTranspose} of a small V. */
  private double[] vt;
  /** The transposed operand of {@link #timesTranspose}. */
  private double[] opT;

  /**
   * Whether the products may keep V' ({@link #TRANSPOSED_LIMIT}): for the V of a fit, not for
   * the one-shot blocks of a distributed step, which would transpose their block on every step.
   */
  private final boolean transposable;

  private DenseData(double[] v, int n, int p, int halfExponent, double sum,
      double squaredNorm, boolean fit) {
    super(n, p, halfExponent, sum, squaredNorm);
    this.v = v;
    this.transposable = fit && (long) n * p <= TRANSPOSED_LIMIT;
  }

  /**
   * A V already checked and scaled (the zero-filled V of a masked fit, {@link
   * MaskedDenseFrobeniusMu}), multiplied as a fit's V: V' kept when small ({@link
   * #timesTranspose}).
   */
  static DenseData forFit(double[] v, int n, int p, int halfExponent, double squaredNorm) {
    return new DenseData(v, n, p, halfExponent, Double.NaN, squaredNorm, true);
  }

  /** See {@link ScaledData#block}; {@code v} is copied only if entirely subnormal. */
  static DenseData block(double[] v, int rows, int p, int halfExponent, double sum,
      double squaredNorm) {
    return new DenseData(storedCopy(v, halfExponent), rows, p, halfExponent, sum,
        squaredNorm, false);
  }

  static DenseData of(Matrix matrix, String name, Parallel par) {
    NmfChecks.nonEmpty(matrix, name);
    int n = matrix.rows();
    int p = matrix.cols();
    double[] v = MatrixAccess.data(matrix);
    int blocks = ceilDiv(v.length, BLOCK_ELEMENTS);
    int[] firstBad = new int[blocks];
    double[] blockMax = new double[blocks];
    par.forEach(blocks, b -> {
      int from = b * BLOCK_ELEMENTS;
      int to = Math.min(v.length, from + BLOCK_ELEMENTS);
      firstBad[b] = -1;
      double max = 0;
      for (int i = from; i < to; i++) {
        double x = v[i];
        // Written so that NaN fails the test too.
        if (!(x >= 0 && x <= Double.MAX_VALUE)) {
          firstBad[b] = i;
          break;
        }
        max = Math.max(max, x);
      }
      blockMax[b] = max;
    });
    double max = 0;
    for (int b = 0; b < blocks; b++) {
      if (firstBad[b] >= 0) {
        throw new IllegalArgumentException(describeBad(name, v[firstBad[b]], firstBad[b], p));
      }
      max = Math.max(max, blockMax[b]);
    }
    int halfExponent = halfExponentOf(max);
    double[] held = storedCopy(v, halfExponent);
    double invScale = Math.scalb(1.0, -2 * heldHalfExponentOf(halfExponent));
    double[] sums = new double[blocks];
    double[] squares = new double[blocks];
    par.forEach(blocks, b -> {
      int from = b * BLOCK_ELEMENTS;
      int to = Math.min(held.length, from + BLOCK_ELEMENTS);
      double s = 0;
      double q = 0;
      for (int i = from; i < to; i++) {
        double x = held[i] * invScale;
        s += x;
        q += x * x;
      }
      sums[b] = s;
      squares[b] = q;
    });
    double sum = 0;
    double squaredNorm = 0;
    for (int b = 0; b < blocks; b++) {
      sum += sums[b];
      squaredNorm += squares[b];
    }
    return new DenseData(held, n, p, halfExponent, sum, squaredNorm, true);
  }

  /**
   * {@code out = V op'}. For the V of a fit of at most {@value #TRANSPOSED_LIMIT} elements the
   * product is formed as {@code (V')' (op')'} from a transposed copy of V made once: the
   * engine packs its panels from the rows of V' with row copies, where from V itself it must
   * gather a column of V for every panel row, which took 0.055 of the 0.18 ms of {@code VH'} on
   * the 200 x 625 faces at rank 16. Same sums in the same order, so the same bits. Called by
   * one thread at a time (the rule's).
   */
  @Override
  void timesTranspose(double[] op, int k, double[] out, Parallel par) {
    if (!transposable) {
      Gemm.multiplyTranspose(n, p, k, v, op, out, par);
      return;
    }
    if (opT == null || opT.length < k * p) {
      opT = new double[k * p];
    }
    transpose(op, k, p, opT);
    Gemm.transposeMultiply(p, n, k, transposedV(), opT, out, par);
  }

  /** V', made on the first call; only for a V of at most {@link #TRANSPOSED_LIMIT} elements. */
  private double[] transposedV() {
    if (vt == null) {
      vt = new double[n * p];
      transpose(v, n, p, vt);
    }
    return vt;
  }

  /** {@code out (cols x rows) = a' } for {@code a} row-major {@code rows x cols}. */
  private static void transpose(double[] a, int rows, int cols, double[] out) {
    for (int i = 0; i < rows; i++) {
      int base = i * cols;
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = a[base + j];
      }
    }
  }

  @Override
  void transposeTimes(double[] op, int k, double[] out, Parallel par) {
    Gemm.transposeMultiply(n, k, p, op, v, out, par);
  }

  @Override
  RowBlocks rowBlocks(int k, Parallel par) {
    return new RowBlocks(n, p, k, par);
  }

  @Override
  BetaProducts betaProducts(RowBlocks blocks, int k, double beta, double eps) {
    return new BetaProducts.Dense(this, blocks, k, beta, eps);
  }

  @Override
  long firstZero() {
    for (int i = 0; i < v.length; i++) {
      if (v[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  @Override
  RowProducts rowProducts(RowBlocks blocks, int k, boolean ratios) {
    return new Products(blocks, k);
  }

  @Override
  Residuals residuals(double[] w, double[] h, int k, double eps, boolean withDivergence,
      Parallel par) {
    RowBlocks blocks = new RowBlocks(n, p, k, par);
    double[] squares = new double[blocks.chunks];
    double[] divergences = new double[blocks.chunks];
    blocks.forEachBlock((c, row0, rows, ws) -> {
      blocks.productBlock(v, w, h, row0, rows, ws);
      squares[c] += KlKernels.squaredDistance(ws.v, invScale, ws.wh, rows * p);
      if (withDivergence) {
        divergences[c] += KlKernels.divergence(ws.v, invScale, ws.wh, rows * p, eps);
      }
    });
    double divergence = withDivergence
        ? Math.max(0, MuKernels.sumInOrder(divergences, blocks.chunks)) : Double.NaN;
    return new Residuals(MuKernels.sumInOrder(squares, blocks.chunks), divergence);
  }

  @Override
  Initializer.ScaledSvd svd(int k, long seed, int threads) {
    Svd svd = Svd.truncated(Matrix.wrap(n, p, v), k, seed, threads);
    if (Double.isFinite(svd.singularValues()[0])) {
      // the SVD of the held values, V / 4^(m - heldHalfExponent): of V itself when in place
      return new Initializer.ScaledSvd(svd, halfExponent - heldHalfExponent);
    }
    double[] scaled = new double[v.length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = v[i] * invScale;
    }
    return new Initializer.ScaledSvd(
        Svd.truncated(Matrix.wrap(n, p, scaled), k, seed, threads), halfExponent);
  }

  /** Block products with Gemm on a copied block of V; sums per chunk, added in chunk order. */
  private final class Products extends RowProducts {
    private final RowBlocks blocks;
    private final int k;
    private double[] h;
    /**
     * H' of the pass ({@code p x k}), the right operand of the blocks' products with H': packed
     * from it, each block's panel is copied row by row, where packed from a transposed view of H
     * it was gathered column by column for every block (a tenth of an iteration at rank 225).
     */
    private double[] ht;
    private double[][] sums;

    Products(RowBlocks blocks, int k) {
      this.blocks = blocks;
      this.k = k;
    }

    @Override
    void useH(double[] h) {
      this.h = h;
      if (ht == null) {
        ht = new double[k * p];
      }
      transpose(h, k, p, ht);
    }

    @Override
    void clearSums() {
      if (sums != null) {
        for (double[] s : sums) {
          Arrays.fill(s, 0);
        }
      }
    }

    /** Chunk {@code c}'s slot; the slots are made on first use (blocks run in parallel). */
    private synchronized double[] sum(int c) {
      if (sums == null) {
        sums = new double[blocks.chunks][k * p];
      }
      return sums[c];
    }

    @Override
    void timesTranspose(int row0, int rows, RowBlocks.Workspace ws, double[] out) {
      // The copy pays: reading V's block in place (through offsets into V) measured 5-10%
      // slower per iteration (docs/benchmarks.md, NMF multiplicative updates).
      blocks.loadV(v, row0, rows, ws);
      Gemm.multiply(rows, p, k, ws.v, ht, out, Parallel.serial());
    }

    @Override
    void addTransposeTimes(int c, int row0, int rows, double[] wOperand,
        RowBlocks.Workspace ws) {
      blocks.loadV(v, row0, rows, ws);
      Gemm.transposeMultiply(rows, k, p, wOperand, ws.v, ws.kByP, Parallel.serial());
      MuKernels.add(sum(c), ws.kByP, k * p);
    }

    @Override
    void transposeTimesSum(double[] w, double[] out) {
      sumChunks(out);
    }

    private void sumChunks(double[] out) {
      Arrays.fill(out, 0);
      for (int c = 0; c < blocks.chunks; c++) {
        MuKernels.add(out, sum(c), k * p);
      }
    }

    @Override
    void ratioTimesTranspose(int row0, int rows, RowBlocks.Workspace ws, double eps,
        double[] out) {
      blocks.loadV(v, row0, rows, ws);
      Gemm.multiply(rows, k, p, ws.w, h, ws.wh, Parallel.serial());
      KlKernels.ratio(ws.v, invScale, ws.wh, rows * p, eps);
      Gemm.multiply(rows, p, k, ws.wh, ht, out, Parallel.serial());
    }

    @Override
    double ratioTerms(int c, int row0, int rows, RowBlocks.Workspace ws, double eps,
        boolean withLoss, boolean nextH) {
      blocks.loadV(v, row0, rows, ws);
      Gemm.multiply(rows, k, p, ws.w, h, ws.wh, Parallel.serial());
      double divergence = 0;
      if (withLoss) {
        divergence = KlKernels.divergence(ws.v, invScale, ws.wh, rows * p, eps);
      }
      if (nextH) {
        KlKernels.ratio(ws.v, invScale, ws.wh, rows * p, eps);
        Gemm.transposeMultiply(rows, k, p, ws.w, ws.wh, ws.kByP, Parallel.serial());
        MuKernels.add(sum(c), ws.kByP, k * p);
      }
      return divergence;
    }

    @Override
    void ratioSum(double[] w, double eps, double[] out) {
      sumChunks(out);
    }
  }
}
