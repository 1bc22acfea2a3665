package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;

/**
 * The rows of V one partition holds, as one dense row-major block, and the index in V of its
 * first row. Serializable (an nmf4j {@link Matrix} is not), so that Spark can spill it to disk.
 */
final class RowBlock implements Serializable {

  private static final long serialVersionUID = 1L;

  final long firstRow;
  final int rows;
  final int cols;
  private final double[] values;

  private RowBlock(long firstRow, int rows, int cols, double[] values) {
    this.firstRow = firstRow;
    this.rows = rows;
    this.cols = cols;
    this.values = values;
  }

  /**
   * The block of the {@code rows} vectors of {@code it}, the first being row {@code firstRow} of
   * V; sparse vectors are written out densely.
   *
   * @throws IllegalArgumentException if a vector is null, has no values, or has another length
   *     than the block's first (the message names the rows, from 0)
   */
  static RowBlock of(long firstRow, int rows, Iterator<Vector> it) {
    double[] values = null;
    int cols = -1;
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
        throw new IllegalArgumentException("features at row " + row + " is null");
      }
      if (cols < 0) {
        cols = v.size();
        if (cols == 0) {
          throw new IllegalArgumentException("features at row " + row + " has no values");
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("a partition of " + rows + " rows of " + cols
              + " values is too large for one array; repartition V into more partitions");
        }
        values = new double[rows * cols];
      } else if (v.size() != cols) {
        throw new IllegalArgumentException("features at row " + row + " has " + v.size()
            + " values, row " + firstRow + " has " + cols + " (all rows of V must have the same "
            + "length)");
      }
      int off = i * cols;
      if (v instanceof DenseVector) {
        System.arraycopy(((DenseVector) v).values(), 0, values, off, cols);
      } else {
        SparseVector s = (SparseVector) v;
        int[] indices = s.indices();
        double[] x = s.values();
        for (int j = 0; j < indices.length; j++) {
          values[off + indices[j]] = x[j];
        }
      }
    }
    return new RowBlock(firstRow, rows, cols, values);
  }

  /** The rows as a matrix over the block's array (no copy). */
  Matrix matrix() {
    return Matrix.wrap(rows, cols, values);
  }
}
