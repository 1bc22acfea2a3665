package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import java.util.Arrays;

/**
 * A dense, immutable, row-major matrix of {@code double}s.
 *
 * <p>Rows are samples and columns features, as in scikit-learn. A {@code Matrix} never changes
 * after construction, so it is safe to share between threads; every method that returns an array
 * returns a fresh copy. The one exception is {@link #wrap}, which adopts the caller's array
 * without copying it: the caller promises not to modify it afterwards.
 *
 * <p>The products {@link #multiply}, {@link #transposeMultiply} and {@link #multiplyTranspose} run
 * cache-blocked, packed kernels on several threads (by default {@link
 * Runtime#availableProcessors()}), and their results are bit-identical for every thread count.
 * Transposes are never materialized by the product methods.
 *
 * <p>{@link #equals} compares shapes and elements bit for bit, as {@link Arrays#equals(double[],
 * double[])} does: {@code NaN} equals {@code NaN}, {@code 0.0} differs from {@code -0.0}.
 */
public final class Matrix {

  private final int rows;
  private final int cols;
  private final double[] data;

  private Matrix(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * The live row-major storage of {@code m}, for the classes of this package (the other packages
   * of the module use {@code linalg.access.MatrixAccess}). Never write to it.
   */
  static double[] storage(Matrix m) {
    return m.data;
  }

  /**
   * A matrix holding a copy of {@code values}, one array per row.
   *
   * @throws IllegalArgumentException if {@code values} or one of its rows is null, the rows
   *     have different lengths, or there are more than {@code Integer.MAX_VALUE - 8} elements
   */
  public static Matrix of(double[][] values) {
    Arguments.requireNonNull(values, "values");
    int r = values.length;
    int c = r == 0 ? 0 : lengthOfRow(values, 0);
    for (int i = 1; i < r; i++) { // all rows first: a ragged input must not allocate r * c
      int len = lengthOfRow(values, i);
      if (len != c) {
        throw new IllegalArgumentException(
            "ragged rows: row 0 has " + Phrases.count(c, "column") + " but row " + i + " has "
                + len);
      }
    }
    checkSize(r, c);
    double[] data = new double[r * c];
    for (int i = 0; i < r; i++) {
      System.arraycopy(values[i], 0, data, i * c, c);
    }
    return new Matrix(r, c, data);
  }

  private static int lengthOfRow(double[][] values, int i) {
    if (values[i] == null) {
      throw new IllegalArgumentException("row " + i + " is null");
    }
    return values[i].length;
  }

  /**
   * A {@code rows x cols} matrix backed by {@code rowMajor} without a copy: element {@code (i,
   * j)} is {@code rowMajor[i * cols + j]}. The caller must not modify the array afterwards.
   *
   * @throws IllegalArgumentException if a size is negative, {@code rows * cols} is more than
   *     {@code Integer.MAX_VALUE - 8}, the array is null, or its length is not {@code rows * cols}
   */
  public static Matrix wrap(int rows, int cols, double[] rowMajor) {
    checkSize(rows, cols);
    Arguments.requireNonNull(rowMajor, "rowMajor");
    if (rowMajor.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "rowMajor has length " + rowMajor.length + " but a " + rows + "x" + cols
              + " matrix needs " + (long) rows * cols);
    }
    return new Matrix(rows, cols, rowMajor);
  }

  /**
   * A {@code rows x cols} matrix of zeros.
   *
   * @throws IllegalArgumentException if a size is negative or the matrix would have more than
   *     {@code Integer.MAX_VALUE - 8} elements
   */
  public static Matrix zeros(int rows, int cols) {
    checkSize(rows, cols);
    return new Matrix(rows, cols, new double[rows * cols]);
  }

  /**
   * The {@code n x n} identity matrix.
   *
   * @throws IllegalArgumentException if {@code n < 0} or {@code n * n} is more than {@code
   *     Integer.MAX_VALUE - 8}
   */
  public static Matrix identity(int n) {
    checkSize(n, n);
    double[] data = new double[n * n];
    for (int i = 0; i < n; i++) {
      data[i * n + i] = 1;
    }
    return new Matrix(n, n, data);
  }

  /**
   * The most elements a Java array, and so a matrix or a product's result, may hold: HotSpot
   * refuses arrays a few elements short of {@code Integer.MAX_VALUE}.
   */
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  static void checkSize(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "sizes must be >= 0, were " + rows + "x" + cols);
    }
    if ((long) rows * cols > MAX_ELEMENTS) {
      throw new IllegalArgumentException(
          rows + "x" + cols + " has more elements than a Java array can hold");
    }
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of columns. */
  public int cols() {
    return cols;
  }

  /** The number of elements, {@code rows() * cols()}. */
  public int size() {
    return data.length;
  }

  /**
   * The element in row {@code i}, column {@code j} (both from 0).
   *
   * @throws IndexOutOfBoundsException if an index is outside the matrix
   */
  public double get(int i, int j) {
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + i + ", " + j + ") is outside a " + rows + "x" + cols + " matrix");
    }
    return data[i * cols + j];
  }

  /**
   * A copy of row {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not a row index
   */
  public double[] row(int i) {
    if (i < 0 || i >= rows) {
      throw new IndexOutOfBoundsException("row " + i + " is outside a " + rows + "x" + cols
          + " matrix");
    }
    return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
  }

  /**
   * A copy of column {@code j}.
   *
   * @throws IndexOutOfBoundsException if {@code j} is not a column index
   */
  public double[] column(int j) {
    if (j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException("column " + j + " is outside a " + rows + "x" + cols
          + " matrix");
    }
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = data[i * cols + j];
    }
    return out;
  }

  /** A copy of the elements, one array per row. */
  public double[][] toArray() {
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }
    return out;
  }

  /** A copy of the elements in row-major order. */
  public double[] toRowMajorArray() {
    return data.clone();
  }

  /** The transpose, a new {@code cols x rows} matrix. */
  public Matrix transpose() {
    return new Matrix(cols, rows, Vectors.transposed(data, rows, cols));
  }

  /**
   * The Frobenius norm {@code sqrt(sum_ij a_ij^2)}, computed with scaling so that it neither
   * overflows nor underflows for finite elements (as LAPACK's {@code dnrm2}).
   */
  public double frobeniusNorm() {
    return Reductions.scaledNorm(data);
  }

  /** The sum of all elements (0 for an empty matrix). */
  public double sum() {
    return Reductions.sum(data);
  }

  /**
   * The smallest element.
   *
   * @throws IllegalStateException if the matrix is empty
   */
  public double min() {
    requireNonEmpty("min");
    return Reductions.fold(data, Double.POSITIVE_INFINITY, Math::min);
  }

  /**
   * The largest element.
   *
   * @throws IllegalStateException if the matrix is empty
   */
  public double max() {
    requireNonEmpty("max");
    return Reductions.fold(data, Double.NEGATIVE_INFINITY, Math::max);
  }

  private void requireNonEmpty(String what) {
    if (data.length == 0) {
      throw new IllegalStateException(what + " of an empty " + rows + "x" + cols + " matrix");
    }
  }

  /**
   * The element-wise sum {@code this + b}.
   *
   * @throws IllegalArgumentException if the shapes differ or {@code b} is null
   */
  public Matrix add(Matrix b) {
    requireSameShape("add", b);
    double[] out = new double[data.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[i] + b.data[i];
    }
    return new Matrix(rows, cols, out);
  }

  /**
   * The element-wise difference {@code this - b}.
   *
   * @throws IllegalArgumentException if the shapes differ or {@code b} is null
   */
  public Matrix subtract(Matrix b) {
    requireSameShape("subtract", b);
    double[] out = new double[data.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[i] - b.data[i];
    }
    return new Matrix(rows, cols, out);
  }

  /** Every element multiplied by {@code factor}. */
  public Matrix scale(double factor) {
    double[] out = new double[data.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = data[i] * factor;
    }
    return new Matrix(rows, cols, out);
  }

  private void requireSameShape(String op, Matrix b) {
    Products.requireNonNull(op, b);
    if (b.rows != rows || b.cols != cols) {
      throw new IllegalArgumentException(
          op + ": shapes differ, " + shape() + " vs " + b.shape());
    }
  }

  /**
   * The product {@code this * b} on all available processors.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.rows()} or the
   *     result would not fit in an array
   */
  public Matrix multiply(Matrix b) {
    return multiply(b, Parallel.defaultThreadCount());
  }

  /**
   * The product {@code this * b} on at most {@code threads} threads. The result is the same for
   * every thread count.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.rows()}, {@code
   *     threads < 1} or the result would not fit in an array
   */
  public Matrix multiply(Matrix b, int threads) {
    return Products.multiply(this, b, threads);
  }


  /**
   * The product {@code this^T * b} without forming the transpose, on all available processors.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code rows() != b.rows()} or the
   *     result would not fit in an array
   */
  public Matrix transposeMultiply(Matrix b) {
    return transposeMultiply(b, Parallel.defaultThreadCount());
  }

  /**
   * The product {@code this^T * b} without forming the transpose, on at most {@code threads}
   * threads. The result is the same for every thread count.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code rows() != b.rows()}, {@code
   *     threads < 1} or the result would not fit in an array
   */
  public Matrix transposeMultiply(Matrix b, int threads) {
    return Products.transposeMultiply(this, b, threads);
  }


  /**
   * The product {@code this * b^T} without forming the transpose, on all available processors.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.cols()} or the
   *     result would not fit in an array
   */
  public Matrix multiplyTranspose(Matrix b) {
    return multiplyTranspose(b, Parallel.defaultThreadCount());
  }

  /**
   * The product {@code this * b^T} without forming the transpose, on at most {@code threads}
   * threads. The result is the same for every thread count.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.cols()}, {@code
   *     threads < 1} or the result would not fit in an array
   */
  public Matrix multiplyTranspose(Matrix b, int threads) {
    return Products.multiplyTranspose(this, b, threads);
  }



  /** The shape as {@code "rows x cols"}, e.g. {@code "3x4"}. */
  public String shape() {
    return rows + "x" + cols;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix
        && ((Matrix) o).rows == rows
        && ((Matrix) o).cols == cols
        && Arrays.equals(((Matrix) o).data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  /**
   * The shape and the elements; for more than six rows or columns only the first and last few of
   * each, with {@code ...} between them.
   */
  @Override
  public String toString() {
    return MatrixText.dense(rows, cols, data);
  }
}
