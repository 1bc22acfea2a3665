package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.SparseAccess;
import io.github.nmf4j.linalg.Svd;
import io.github.nmf4j.linalg.kernel.Gemm;
import io.github.nmf4j.linalg.kernel.RowGram;
import io.github.nmf4j.linalg.kernel.SparseProducts;
import io.github.nmf4j.linalg.kernel.SparseRatios;

/**
 * A sparse V in CSR form, with the CSR form of V' built once: the products of the update rules
 * read only V's stored entries, and nothing of size {@code n x p} is ever formed.
 *
 * <ul>
 *   <li>{@code V H'} row by row from V, {@code W'V} as {@code (V' W)'} from V' (no partial sums
 *       per chunk, so no {@code k x p} slot per thread);</li>
 *   <li>the KL terms at the stored entries only: {@code (WH)_ij} is a {@code k}-term dot product
 *       formed where {@code v_ij != 0}, because {@code V ./ (WH + eps)} is 0 everywhere else;
 *       the divergence is its stored terms plus {@code sum(WH) = (1'W)(H 1)};</li>
 *   <li>the Frobenius error by the trace identity {@code ||V||^2 - 2 <W, VH'> + <W'W, HH'>}.</li>
 * </ul>
 *
 * <p>Memory: the two CSR forms ({@code 24 nnz} bytes and the row pointers) and, per rule,
 * {@code H'} and one {@code p x k} buffer.
 */
final class SparseData extends ScaledData {

  /** Stored values per block of the statistics pass. */
  private static final int BLOCK_VALUES = 1 << 16;
  /** Rows per task of the passes that are not row-block passes. */
  private static final int ROWS = 256;

  /** V, or for V entirely subnormal {@code V_s}: the CSR arrays below. */
  private final SparseMatrix matrix;
  /**
   * V's CSR arrays (read by {@link BetaProducts.Sparse} too), in place; for V entirely subnormal
   * the values are the copy {@code V_s} ({@link ScaledData#heldHalfExponent}).
   */
  final int[] pointers;
  final int[] columns;
  final double[] values;
  /**
   * V' in CSR form, built at the first product that reads it ({@link #transposeOnce}): after
   * the SVD of an NNDSVD start, which holds a transpose of its own, so that the two are never
   * alive together.
   */
  private int[] tPointers;
  private int[] tColumns;
  private double[] tValues;
  /**
   * An operand's rows for the whole-matrix products ({@code p x k} or {@code n x k}), kept
   * between calls so that a rule calling them every iteration allocates nothing (one fit uses
   * its data from one thread).
   */
  private double[][] pRows;
  private double[][] nRows;
  /** Whether {@link #nRows} hold the W of the last {@link #gramOfW} (unscaled operands). */
  private boolean nRowsHoldGramW;

  private SparseData(SparseMatrix matrix, int[] pointers, int[] columns, double[] values,
      int halfExponent, double sum, double squaredNorm) {
    super(matrix.rows(), matrix.cols(), halfExponent, sum, squaredNorm);
    this.matrix = matrix;
    this.pointers = pointers;
    this.columns = columns;
    this.values = values;
  }

  /** Builds V' ({@link #tPointers}) unless it exists; called from the fitting thread. */
  private void transposeOnce() {
    if (tPointers == null) {
      tColumns = new int[values.length];
      tValues = new double[values.length];
      tPointers = SparseProducts.transpose(n, p, pointers, columns, values, tColumns, tValues);
    }
  }

  /** V' in CSR form ({@code p x n}, built on the first call): its row pointers. */
  int[] transposedPointers() {
    transposeOnce();
    return tPointers;
  }

  /** V' in CSR form: its column indices (rows of V), increasing within each row of V'. */
  int[] transposedColumns() {
    transposeOnce();
    return tColumns;
  }

  /** V' in CSR form: its values (the held values of {@link #values}, unscaled). */
  double[] transposedValues() {
    transposeOnce();
    return tValues;
  }

  /**
   * A block of rows of a larger V, already checked, at the whole V's scale {@code
   * 4^halfExponent} (as {@link ScaledData#block}), with the block's own sums: its residuals
   * come from the trace identity, which needs {@code ||V_s||^2} of the block.
   */
  static SparseData block(SparseMatrix matrix, int halfExponent) {
    double[] values = SparseAccess.values(matrix);
    double[] held = storedCopy(values, halfExponent);
    double[] sums = sumAndSquares(held, heldHalfExponentOf(halfExponent));
    return held(matrix, held, halfExponent, sums[0], sums[1]);
  }

  /**
   * The data of {@code matrix} at the scale {@code 4^halfExponent} with the values {@code held}
   * ({@link #storedCopy}): its own, or for V entirely subnormal their copy {@code V_s}, with the
   * same row pointers and columns.
   */
  private static SparseData held(SparseMatrix matrix, double[] held, int halfExponent,
      double sum, double squaredNorm) {
    int[] pointers = SparseAccess.rowPointers(matrix); // read only, never copied
    int[] columns = SparseAccess.columnIndices(matrix);
    SparseMatrix heldMatrix = held == SparseAccess.values(matrix) ? matrix
        : SparseMatrix.wrapCsr(matrix.rows(), matrix.cols(), pointers, columns, held);
    return new SparseData(heldMatrix, pointers, columns, held, halfExponent, sum, squaredNorm);
  }

  static SparseData of(SparseMatrix matrix, String name, Parallel par) {
    if (matrix == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (matrix.rows() == 0 || matrix.cols() == 0) {
      throw new IllegalArgumentException(name + " must not be empty, was " + matrix.shape());
    }
    int[] pointers = SparseAccess.rowPointers(matrix); // read only, never copied
    int[] columns = SparseAccess.columnIndices(matrix);
    double[] values = SparseAccess.values(matrix);
    double max = 0;
    for (int i = 0; i < matrix.rows(); i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (values[q] < 0) {
          throw new IllegalArgumentException("negative value " + values[q] + " at row " + i
              + ", column " + columns[q] + " of " + name
              + " (NMF needs finite, non-negative values)");
        }
        max = Math.max(max, values[q]);
      }
    }
    int halfExponent = halfExponentOf(max);
    double[] held = storedCopy(values, halfExponent);
    double invScale = Math.scalb(1.0, -2 * heldHalfExponentOf(halfExponent));
    int blocks = Math.max(1, ceilDiv(values.length, BLOCK_VALUES));
    double[] sums = new double[blocks];
    double[] squares = new double[blocks];
    par.forEach(blocks, b -> {
      double s = 0;
      double q = 0;
      for (int i = b * BLOCK_VALUES, end = Math.min(held.length, i + BLOCK_VALUES); i < end;
          i++) {
        double x = held[i] * invScale;
        s += x;
        q += x * x;
      }
      sums[b] = s;
      squares[b] = q;
    });
    return held(matrix, held, halfExponent, MuKernels.sumInOrder(sums, blocks),
        MuKernels.sumInOrder(squares, blocks));
  }

  @Override
  void timesTranspose(double[] op, int k, double[] out, Parallel par) {
    pRows = SparseProducts.transposedRows(op, k, p, pRows, par);
    SparseProducts.multiply(n, k, pointers, columns, values, pRows, out, par);
  }

  /** With unscaled operands, {@code HH'} from the rows of H' just made ({@link RowGram}). */
  @Override
  void timesTransposeAndGram(double[] h, double[] op, int k, double[] out, double[] gram,
      Parallel par) {
    timesTranspose(op, k, out, par);
    if (productExponent == 0) {
      RowGram.of(pRows, 0, p, k, gram, par);
    } else {
      Gemm.multiplyTranspose(k, p, k, h, h, gram, par);
    }
  }

  @Override
  void transposeTimes(double[] op, int k, double[] out, Parallel par) {
    nRows = SparseProducts.rows(op, n, k, nRows);
    transposeTimesRows(k, out, par);
  }

  /** {@code out (k x p) = W'V} from the rows in {@link #nRows}, which it then gives up. */
  private void transposeTimesRows(int k, double[] out, Parallel par) {
    nRowsHoldGramW = false;
    transposeOnce();
    SparseProducts.multiplyIntoTranspose(p, k, tPointers, tColumns, tValues, nRows, out, par);
  }

  /**
   * With unscaled operands, {@code W'W} from rows of W ({@link RowGram}; the engine packed W's
   * columns: 1.0-1.7 ms for the 11,843 x 20 W of the TF-IDF benchmark), the rows kept for
   * {@link #transposeTimesOfGramW}.
   */
  @Override
  void gramOfW(double[] w, int k, double[] gram, Parallel par) {
    if (productExponent != 0) {
      nRowsHoldGramW = false;
      Gemm.gram(n, k, w, gram, par);
      return;
    }
    nRows = SparseProducts.rows(w, n, k, nRows);
    nRowsHoldGramW = true;
    RowGram.of(nRows, 0, n, k, gram, par);
  }

  @Override
  void transposeTimesOfGramW(double[] op, int k, double[] out, Parallel par) {
    if (nRowsHoldGramW) {
      // op is W itself (no product exponent), whose rows gramOfW made
      transposeTimesRows(k, out, par);
    } else {
      transposeTimes(op, k, out, par);
    }
  }

  /** {@code out (cols x rows) = a'} for the row-major {@code rows x cols} {@code a}. */
  private static void transpose(double[] a, int rows, int cols, double[] out) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = a[i * cols + j];
      }
    }
  }

  @Override
  RowBlocks rowBlocks(int k, Parallel par) {
    return new RowBlocks(n, p, k, par, 0);
  }

  @Override
  BetaProducts betaProducts(RowBlocks blocks, int k, double beta, double eps) {
    return new BetaProducts.Sparse(this, blocks, k, beta, eps);
  }

  @Override
  long firstZero() {
    for (int i = 0; i < n; i++) {
      int expected = 0;
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (columns[q] != expected) {
          return (long) i * p + expected;
        }
        if (values[q] == 0) {
          return (long) i * p + columns[q];
        }
        expected++;
      }
      if (expected < p) {
        return (long) i * p + expected;
      }
    }
    return -1;
  }

  @Override
  RowProducts rowProducts(RowBlocks blocks, int k, boolean ratios) {
    // before the rule's buffers: V' is the largest single allocation of a fit (5.4 MB for the
    // TF-IDF benchmark) and finds room more easily in a heap that holds only V and the factors
    transposeOnce();
    return new Products(k, blocks.par, ratios);
  }

  @Override
  Residuals residuals(double[] w, double[] h, int k, double eps, boolean withDivergence,
      Parallel par) {
    double[] vht = new double[n * k];
    timesTranspose(productOperand(h), k, vht, par);
    double cross = MuKernels.dot(w, vht, n, k, productScale, new double[MuKernels.blocks(n)],
        par);
    double[] wtw = new double[k * k];
    double[] hht = new double[k * k];
    Gemm.gram(n, k, w, wtw, par);
    Gemm.multiplyTranspose(k, p, k, h, h, hht, par);
    double squared = Math.max(0, MuKernels.traceSquares(squaredNorm, cross, wtw, hht, k));
    double divergence = Double.NaN;
    if (withDivergence) {
      double[] ht = new double[p * k];
      transpose(h, k, p, ht);
      int tasks = ceilDiv(n, ROWS);
      double[] partial = new double[tasks];
      par.forEach(tasks, t -> partial[t] = SparseRatios.divergenceAtStored(t * ROWS,
          Math.min(n, (t + 1) * ROWS), k, pointers, columns, values, invScale, w, 0, ht, eps));
      divergence = Math.max(0, MuKernels.sumInOrder(partial, tasks) + sumOfProduct(w, n, h, k));
    }
    return new Residuals(squared, divergence);
  }

  /** {@code sum(WH) = (1'W)(H 1)} over {@code rows} rows of W. */
  private double sumOfProduct(double[] w, int rows, double[] h, int k) {
    double[] columnSums = new double[k];
    KlKernels.addColumnSums(w, rows, k, columnSums);
    double[] rowSums = new double[k];
    KlKernels.rowSums(h, k, p, rowSums);
    return MuKernels.dot(columnSums, rowSums, k);
  }

  @Override
  Initializer.ScaledSvd svd(int k, long seed, int threads) {
    Svd svd = Svd.truncated(matrix, k, seed, threads);
    if (Double.isFinite(svd.singularValues()[0])) {
      // the SVD of the held values, V / 4^(m - heldHalfExponent): of V itself when in place
      return new Initializer.ScaledSvd(svd, halfExponent - heldHalfExponent);
    }
    double[] scaled = values.clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= invScale;
    }
    SparseMatrix s = SparseMatrix.wrapCsr(n, p, pointers, columns, scaled);
    return new Initializer.ScaledSvd(Svd.truncated(s, k, seed, threads), halfExponent);
  }

  /**
   * Block products from the stored entries: {@code V_b H'} and the KL terms with {@code H'}
   * ({@code p x k}) transposed once per pass; the sums over W at the end of the pass from V'.
   */
  private final class Products extends RowProducts {
    private final int k;
    private final Parallel par;
    /**
     * H' of the pass, {@code p x k}: flat for the KL terms ({@code ratios}), else as rows for
     * {@code V_b H'}; the other one is null. The rows are {@code max(n, p)}: once the pass's
     * blocks are done, {@link #transposeTimesSum} puts W's rows there (one buffer, not two).
     */
    private final double[] ht;
    private final double[][] htRows;
    /** {@code H 1}, for the KL sum {@code sum(WH)}. */
    private final double[] hRowSums;
    /**
     * {@code p x k} results from V' for the KL sum, transposed into the caller's {@code k x p};
     * made at the first use, so that a Frobenius rule never holds it.
     */
    private double[] byColumn;
    /** W as the operand of the products with V ({@link #productOperand}). */
    private final double[] wBuffer;

    Products(int k, Parallel par, boolean ratios) {
      this.k = k;
      this.par = par;
      ht = ratios ? new double[p * k] : null;
      htRows = ratios ? null : new double[Math.max(n, p)][k];
      hRowSums = new double[k];
      wBuffer = productBuffer(n * k);
    }

    @Override
    void useH(double[] h) {
      if (ht == null) {
        SparseProducts.transposedRows(h, k, p, htRows, par);
        return;
      }
      transpose(h, k, p, ht);
      KlKernels.rowSums(h, k, p, hRowSums);
    }

    @Override
    void clearSums() {}

    @Override
    void timesTranspose(int row0, int rows, RowBlocks.Workspace ws, double[] out) {
      SparseProducts.multiplyRows(row0, row0 + rows, k, pointers, columns, values, htRows, out,
          row0);
    }

    @Override
    void addTransposeTimes(int c, int row0, int rows, double[] wOperandBlock,
        RowBlocks.Workspace ws) {
      // formed from the whole W at the end of the pass (transposeTimesSum)
    }

    @Override
    void transposeTimesSum(double[] w, double[] out) {
      double[] operand = productOperand(w, wBuffer, n * k);
      // after the pass's blocks: H' is no longer read until the next useH
      SparseProducts.rows(operand, n, k, htRows);
      transposeOnce();
      SparseProducts.multiplyIntoTranspose(p, k, tPointers, tColumns, tValues, htRows, out, par);
    }

    @Override
    void ratioTimesTranspose(int row0, int rows, RowBlocks.Workspace ws, double eps,
        double[] out) {
      SparseRatios.ratioProduct(row0, row0 + rows, k, pointers, columns, values, invScale,
          ws.w, row0, ht, eps, out, row0);
    }

    @Override
    double ratioTerms(int c, int row0, int rows, RowBlocks.Workspace ws, double eps,
        boolean withLoss, boolean nextH) {
      if (!withLoss) {
        return 0;
      }
      double[] columnSums = ws.kByK;
      java.util.Arrays.fill(columnSums, 0, k, 0);
      KlKernels.addColumnSums(ws.w, rows, k, columnSums);
      return SparseRatios.divergenceAtStored(row0, row0 + rows, k, pointers, columns, values,
          invScale, ws.w, row0, ht, eps) + MuKernels.dot(columnSums, hRowSums, k);
    }

    @Override
    void ratioSum(double[] w, double eps, double[] out) {
      if (byColumn == null) {
        byColumn = new double[p * k];
      }
      double[] byColumn = this.byColumn;
      transposeOnce();
      int tasks = ceilDiv(p, ROWS);
      par.forEach(tasks, t -> SparseRatios.ratioProduct(t * ROWS, Math.min(p, (t + 1) * ROWS),
          k, tPointers, tColumns, tValues, invScale, ht, 0, w, eps, byColumn, 0));
      transpose(byColumn, p, k, out);
    }
  }
}
