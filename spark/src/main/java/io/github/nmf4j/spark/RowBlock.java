package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.BlockStatistics;
import io.github.nmf4j.nmf.BlockStep;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * The rows of V one partition holds and the index in V of its first row: in CSR form (row
 * pointers, columns, values) when at most {@link #SPARSE_DENSITY} of its entries are non-zero,
 * so that a sparse partition costs memory and work per non-zero (nmf4j-core's {@link
 * SparseMatrix} kernels), else as one dense row-major block. Which form is chosen depends on the
 * values only, not on whether the vectors were dense or sparse. Serializable (nmf4j's matrices
 * are not), so that Spark can spill it to disk.
 */
final class RowBlock implements Serializable {

  private static final long serialVersionUID = 2L;

  /**
   * The largest fraction of non-zero entries a block is held sparse at: CSR (12 bytes per
   * non-zero) then takes at most 3/8 of the dense block's memory (8 bytes per entry). A fixed
   * choice, not a tuned one.
   */
  static final double SPARSE_DENSITY = 0.25;

  final long firstRow;
  final int rows;
  final int cols;
  /** The dense block ({@code rows x cols}), or null when the block is sparse. */
  private final double[] dense;
  /** CSR form, or null when the block is dense. */
  private final int[] pointers;
  private final int[] columns;
  private final double[] values;

  private RowBlock(long firstRow, int rows, int cols, double[] dense, int[] pointers,
      int[] columns, double[] values) {
    this.firstRow = firstRow;
    this.rows = rows;
    this.cols = cols;
    this.dense = dense;
    this.pointers = pointers;
    this.columns = columns;
    this.values = values;
  }

  /**
   * The block of the {@code rows} vectors of {@code it}, the first being row {@code firstRow} of
   * V; explicit zeros of sparse vectors are dropped.
   *
   * @param column the name of the vectors' column, for messages
   * @throws IllegalArgumentException if a vector is null, has no values, has another length
   *     than the block's first, or holds a negative, NaN or infinite value (the message names
   *     the column, the rows, from 0, and the index in the vector)
   */
  static RowBlock of(long firstRow, int rows, Iterator<Vector> it, String column) {
    int[] pointers = new int[rows + 1];
    int[] columns = new int[16];
    double[] values = new double[16];
    double[] block = null;
    int nnz = 0;
    int cols = -1;
    long sparseLimit = 0;
    for (int i = 0; i < rows; i++) {
      long row = firstRow + i;
      // Spark SQL's iterators need hasNext() before each next().
      if (!it.hasNext()) {
        throw new IllegalStateException("the partition of row " + firstRow + " had " + rows
            + " rows when counted and " + i + " when read: the Dataset must give the same rows "
            + "each time it is read (cache it)");
      }
      Vector v = it.next();
      if (v == null) {
        throw new IllegalArgumentException(column + " at row " + row + " is null");
      }
      if (cols < 0) {
        cols = v.size();
        if (cols == 0) {
          throw new IllegalArgumentException(column + " at row " + row + " has no values");
        }
        sparseLimit = (long) (SPARSE_DENSITY * rows * cols);
      } else if (v.size() != cols) {
        throw new IllegalArgumentException(column + " at row " + row + " has "
            + valueCount(v.size()) + ", row " + firstRow + " has " + cols + " (all rows of V must "
            + "have the same length)");
      }
      int[] index = v instanceof SparseVector ? ((SparseVector) v).indices() : null;
      double[] x = index == null ? ((DenseVector) v).values() : ((SparseVector) v).values();
      for (int q = 0; q < x.length; q++) {
        check(x[q], row, index == null ? q : index[q], column);
      }
      if (block != null) {
        write(x, index, block, i * cols);
        continue;
      }
      if (nnz + x.length > columns.length) {
        // At most sparseLimit + cols: past sparseLimit the block turns dense.
        long grown = Math.min(sparseLimit + cols, Math.max((long) nnz + x.length,
            2L * columns.length));
        if (grown > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("a partition of " + rows + " rows holds more "
              + "non-zeros than one array can; repartition V into more partitions");
        }
        columns = Arrays.copyOf(columns, (int) grown);
        values = Arrays.copyOf(values, (int) grown);
      }
      for (int q = 0; q < x.length; q++) {
        if (x[q] != 0) {
          columns[nnz] = index == null ? q : index[q];
          values[nnz++] = x[q];
        }
      }
      pointers[i + 1] = nnz;
      if (nnz > sparseLimit) {
        // Too dense for CSR to pay: from here on, one dense block.
        block = denseOf(rows, cols, pointers, columns, values, i + 1);
        columns = null;
        values = null;
      }
    }
    if (block != null) {
      return new RowBlock(firstRow, rows, cols, block, null, null, null);
    }
    return new RowBlock(firstRow, rows, cols, null, pointers, Arrays.copyOf(columns, nnz),
        Arrays.copyOf(values, nnz));
  }

  /**
   * For a value at {@code index} of the vector of row {@code row} in the column {@code name}.
   *
   * @throws IllegalArgumentException unless {@code x} is finite and non-negative
   */
  private static void check(double x, long row, int index, String name) {
    // Written so that NaN fails the test too; the message is built only then.
    if (!(x >= 0 && x <= Double.MAX_VALUE)) {
      throw bad(x, index, name, "row " + row + ", ");
    }
  }

  /**
   * For a value at {@code column} of a vector named {@code name} whose row is unknown.
   *
   * @throws IllegalArgumentException unless {@code x} is finite and non-negative
   */
  static void check(double x, int column, String name) {
    if (!(x >= 0 && x <= Double.MAX_VALUE)) {
      throw bad(x, column, name, "");
    }
  }

  private static IllegalArgumentException bad(double x, int column, String name, String row) {
    return new IllegalArgumentException(describe(x) + " at " + row + "column " + column + " of "
        + name + " (NMF needs finite, non-negative values)");
  }

  /** What is wrong with a value that is not finite and non-negative: "NaN", "negative value x". */
  static String describe(double x) {
    return Double.isNaN(x) ? "NaN" : Double.isInfinite(x) ? "infinite value " + x
        : "negative value " + x;
  }

  /** A dense {@code rows x cols} block holding the first {@code filled} rows of the CSR form. */
  private static double[] denseOf(int rows, int cols, int[] pointers, int[] columns,
      double[] values, int filled) {
    if ((long) rows * cols > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("a partition of " + rows + " rows of " + cols
          + " values is too large for one array; repartition V into more partitions");
    }
    double[] block = new double[rows * cols];
    for (int i = 0; i < filled; i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        block[i * cols + columns[q]] = values[q];
      }
    }
    return block;
  }

  /** Writes a vector's values ({@code index} null for a dense one) at {@code off}. */
  private static void write(double[] x, int[] index, double[] block, int off) {
    if (index == null) {
      System.arraycopy(x, 0, block, off, x.length);
    } else {
      for (int q = 0; q < x.length; q++) {
        block[off + index[q]] = x[q];
      }
    }
  }

  /** Whether the block is held in CSR form. */
  boolean sparse() {
    return dense == null;
  }

  /** The block's statistics for the fit (its values were checked when it was read). */
  BlockStatistics statistics() {
    return sparse() ? BlockStatistics.of(sparseMatrix(), firstRow)
        : BlockStatistics.of(Matrix.wrap(rows, cols, dense), firstRow);
  }

  /** {@code step} on this block, with its rows of W from the previous step. */
  BlockStep.Result apply(BlockStep step, double[] w) {
    return sparse() ? step.apply(sparseMatrix(), firstRow, w)
        : step.apply(Matrix.wrap(rows, cols, dense), firstRow, w);
  }

  private SparseMatrix sparseMatrix() {
    return SparseMatrix.wrapCsr(rows, cols, pointers, columns, values);
  }

  /** {@code "1 value"}, {@code "3 values"}: a row's length in a message. */
  static String valueCount(long n) {
    return n + (n == 1 ? " value" : " values");
  }
}
