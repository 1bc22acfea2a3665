package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.SparseProducts;
import java.util.Arrays;

/**
 * An immutable sparse matrix of {@code double}s in compressed sparse row (CSR) form.
 *
 * <p>Row {@code i} stores the values {@code values[q]} in columns {@code columnIndices[q]} for
 * {@code q} in {@code [rowPointers[i], rowPointers[i + 1])}, columns strictly increasing within a
 * row; every element not stored is zero. Storage is {@code 12 nonZeros() + 4 (rows() + 1)} bytes,
 * whatever {@code rows() * cols()} is, so a 20,000 x 30,000 TF-IDF matrix with 0.5% of its
 * elements non-zero takes 36 MB where the dense form would take 4.8 GB. Stored values are finite
 * but may be zero (an explicit zero given to {@link #fromCsr}). Rows are samples and columns
 * features, as in {@link Matrix}.
 *
 * <p>The three products with a dense right-hand side, {@link #multiply} ({@code S B}), {@link
 * #transposeMultiply} ({@code S^T B}) and {@link #multiplyTranspose} ({@code S B^T}), cost
 * {@code nonZeros() * b.cols()} (respectively {@code b.rows()}) multiply-adds, run on several
 * threads, and give bit-identical results for every thread count: every row of the result is
 * summed by one task in storage order, so no partial sums are combined across threads. An
 * element not stored contributes nothing, even against an infinite or NaN element of {@code b}
 * (as in SciPy; the dense product of {@link #toDense()} gives NaN there).
 *
 * <p>Every factory copies its input, and every method that returns an array returns a fresh
 * copy; a {@code SparseMatrix} is therefore safe to share between threads. {@link #equals}
 * compares shapes and stored entries (positions and values bit for bit), so an explicit zero
 * makes two matrices differ.
 */
public final class SparseMatrix {

  private final int rows;
  private final int cols;
  private final int[] rowPointers;
  private final int[] columnIndices;
  private final double[] values;

  private SparseMatrix(int rows, int cols, int[] rowPointers, int[] columnIndices,
      double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.rowPointers = rowPointers;
    this.columnIndices = columnIndices;
    this.values = values;
  }

  /**
   * A matrix from its CSR arrays, which are copied.
   *
   * @param rowPointers {@code rows + 1} offsets into the other two arrays: row {@code i} is
   *     {@code [rowPointers[i], rowPointers[i + 1])}; starts at 0, never decreases, ends at the
   *     number of stored entries
   * @param columnIndices the column of each stored entry, in {@code [0, cols)}, strictly
   *     increasing within a row
   * @param values the stored values, finite
   * @throws IllegalArgumentException if a size is negative, an array is null, the lengths
   *     disagree, a row pointer decreases, a column is out of range or not strictly increasing
   *     within its row, or a value is not finite; the message names the array, the index and the
   *     value
   */
  public static SparseMatrix fromCsr(int rows, int cols, int[] rowPointers, int[] columnIndices,
      double[] values) {
    SparseChecks.csr(rows, cols, rowPointers, columnIndices, values);
    return new SparseMatrix(rows, cols, rowPointers.clone(), columnIndices.clone(),
        values.clone());
  }

  /**
   * A matrix backed by the given CSR arrays without a copy, after the checks of {@link
   * #fromCsr}: for arrays just read from a file, which would otherwise be held twice. The caller
   * must not modify the arrays afterwards.
   *
   * @throws IllegalArgumentException as {@link #fromCsr}
   */
  public static SparseMatrix wrapCsr(int rows, int cols, int[] rowPointers, int[] columnIndices,
      double[] values) {
    SparseChecks.csr(rows, cols, rowPointers, columnIndices, values);
    return new SparseMatrix(rows, cols, rowPointers, columnIndices, values);
  }

  /**
   * A matrix from (row, column, value) triplets in any order: values at the same position are
   * summed in the order given, and positions whose value is (or sums to) zero are not stored.
   *
   * @throws IllegalArgumentException if a size is negative, an array is null, the three arrays
   *     have different lengths, an index is out of range, or a value (or a sum of duplicates) is
   *     not finite; the message names the array, the index and the value
   */
  public static SparseMatrix fromTriplets(int rows, int cols, int[] rowIndices,
      int[] columnIndices, double[] values) {
    return fromTriplets(rows, cols, rowIndices, columnIndices, values, false);
  }

  /**
   * As {@link #fromTriplets(int, int, int[], int[], double[])}, but with {@code keepZeros} every
   * position the triplets name is stored, zeros included (an explicit zero, or duplicates that
   * cancel), as SciPy's {@code coo_matrix(...).tocsr()} and its file readers keep them: a stored
   * zero is then an observed value for {@link io.github.nmf4j.nmf.MissingValues#IGNORE}.
   *
   * @throws IllegalArgumentException as {@link #fromTriplets(int, int, int[], int[], double[])}
   */
  public static SparseMatrix fromTriplets(int rows, int cols, int[] rowIndices,
      int[] columnIndices, double[] values, boolean keepZeros) {
    int[] pointers = SparseChecks.triplets(rows, cols, rowIndices, columnIndices, values);
    return TripletSorter.build(rows, cols, pointers, rowIndices, columnIndices, values,
        keepZeros);
  }

  /** Adopts the arrays without a copy or a check; for this package's factories. */
  static SparseMatrix adopt(int rows, int cols, int[] rowPointers, int[] columnIndices,
      double[] values) {
    return new SparseMatrix(rows, cols, rowPointers, columnIndices, values);
  }

  /**
   * The non-zero elements of {@code dense} (an element equal to {@code 0.0} or {@code -0.0} is
   * not stored).
   *
   * @throws IllegalArgumentException if {@code dense} is null, holds a value that is not finite
   *     (the message gives its row and column), or has too many rows for the row pointers
   */
  public static SparseMatrix of(Matrix dense) {
    Arguments.requireNonNull(dense, "dense");
    int r = dense.rows();
    int c = dense.cols();
    SparseChecks.shape(r, c); // a 0-column matrix may have more rows than pointers can index
    double[] a = Matrix.storage(dense);
    int[] pointers = new int[r + 1];
    int nnz = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw Arguments.notFinite("dense", a[i], i / c, i % c);
      }
      if (a[i] != 0) {
        nnz++;
      }
    }
    int[] columns = new int[nnz];
    double[] vals = new double[nnz];
    int q = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        double v = a[i * c + j];
        if (v != 0) {
          columns[q] = j;
          vals[q++] = v;
        }
      }
      pointers[i + 1] = q;
    }
    return new SparseMatrix(r, c, pointers, columns, vals);
  }

  /** The number of rows. */
  public int rows() {
    return rows;
  }

  /** The number of columns. */
  public int cols() {
    return cols;
  }

  /** The number of stored entries (explicit zeros included). */
  public int nonZeros() {
    return values.length;
  }

  /** The shape as {@code "rows x cols"}, e.g. {@code "3x4"}. */
  public String shape() {
    return rows + "x" + cols;
  }

  /**
   * The element in row {@code i}, column {@code j} (both from 0): the stored value, or 0. A
   * binary search within the row.
   *
   * @throws IndexOutOfBoundsException if an index is outside the matrix
   */
  public double get(int i, int j) {
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + i + ", " + j + ") is outside a " + rows + "x" + cols + " matrix");
    }
    int q = Arrays.binarySearch(columnIndices, rowPointers[i], rowPointers[i + 1], j);
    return q >= 0 ? values[q] : 0;
  }

  /**
   * Row {@code i} as a dense array of {@link #cols()} elements (a copy).
   *
   * @throws IndexOutOfBoundsException if {@code i} is not a row index
   * @throws IllegalStateException if {@link #cols()} elements are more than an array can hold
   */
  public double[] row(int i) {
    checkRow(i);
    SparseChecks.denseRow(rows, cols);
    double[] out = new double[cols];
    for (int q = rowPointers[i]; q < rowPointers[i + 1]; q++) {
      out[columnIndices[q]] = values[q];
    }
    return out;
  }

  /**
   * The number of entries stored in row {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not a row index
   */
  public int rowNonZeros(int i) {
    checkRow(i);
    return rowPointers[i + 1] - rowPointers[i];
  }

  private void checkRow(int i) {
    if (i < 0 || i >= rows) {
      throw new IndexOutOfBoundsException(
          "row " + i + " is outside a " + rows + "x" + cols + " matrix");
    }
  }

  /** A copy of the {@code rows() + 1} row pointers. */
  public int[] rowPointers() {
    return rowPointers.clone();
  }

  /** A copy of the column of each stored entry, row by row. */
  public int[] columnIndices() {
    return columnIndices.clone();
  }

  /** A copy of the stored values, row by row. */
  public double[] values() {
    return values.clone();
  }

  /**
   * The dense form.
   *
   * @throws IllegalStateException if {@code rows() * cols()} is more elements than a Java array
   *     (and so a {@link Matrix}) can hold
   */
  public Matrix toDense() {
    if ((long) rows * cols > Matrix.MAX_ELEMENTS) {
      throw new IllegalStateException("toDense: a dense " + shape() + " matrix would have "
          + (long) rows * cols + " elements, more than the " + Matrix.MAX_ELEMENTS
          + " a Java array can hold; keep it sparse");
    }
    double[] out = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int q = rowPointers[i]; q < rowPointers[i + 1]; q++) {
        out[i * cols + columnIndices[q]] = values[q];
      }
    }
    return Matrix.wrap(rows, cols, out);
  }

  /**
   * The transpose, a new {@code cols x rows} sparse matrix ({@code O(nonZeros() + cols())}).
   *
   * @throws IllegalStateException if {@code cols() + 1} row pointers do not fit in an array
   */
  public SparseMatrix transpose() {
    SparseChecks.transposable(rows, cols);
    int[] tColumns = new int[values.length];
    double[] tValues = new double[values.length];
    int[] tPointers = SparseProducts.transpose(rows, cols, rowPointers, columnIndices, values,
        tColumns, tValues);
    return new SparseMatrix(cols, rows, tPointers, tColumns, tValues);
  }

  /** The sum of the stored values, in storage order (0 with nothing stored). */
  public double sum() {
    return Reductions.sum(values);
  }

  /**
   * The Frobenius norm {@code sqrt(sum_ij s_ij^2)}, scaled so that it neither overflows nor
   * underflows, as {@link Matrix#frobeniusNorm()}.
   */
  public double frobeniusNorm() {
    return Reductions.scaledNorm(values); // the stored values are finite
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
   * The product {@code S B} ({@code rows() x b.cols()}) on at most {@code threads} threads, in
   * {@code nonZeros() * b.cols()} multiply-adds. The result is the same for every thread count.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.rows()}, {@code
   *     threads < 1} or the result would not fit in an array
   */
  public Matrix multiply(Matrix b, int threads) {
    Products.checkMultiply(shape(), rows, cols, b);
    return product(b.cols(), Matrix.storage(b), Parallel.of(threads));
  }

  /**
   * The product {@code this^T * b} on all available processors.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code rows() != b.rows()} or the
   *     result would not fit in an array
   */
  public Matrix transposeMultiply(Matrix b) {
    return transposeMultiply(b, Parallel.defaultThreadCount());
  }

  /**
   * The product {@code S^T B} ({@code cols() x b.cols()}) on at most {@code threads} threads.
   * It builds the CSR form of {@code S^T} for the call (as {@link #transpose()}, {@code 12
   * nonZeros()} bytes, freed on return) and multiplies that; a caller that needs several such
   * products of one matrix saves the transposes by calling {@code transpose().multiply(b)}
   * itself. The result is the same for every thread count.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code rows() != b.rows()}, {@code
   *     threads < 1} or the result would not fit in an array
   * @throws IllegalStateException as {@link #transpose()}
   */
  public Matrix transposeMultiply(Matrix b, int threads) {
    Products.checkTransposeMultiply(shape(), rows, cols, b); // before the transpose is built
    Parallel par = Parallel.of(threads);
    return transpose().product(b.cols(), Matrix.storage(b), par);
  }

  /**
   * The product {@code S B^T} ({@code rows() x b.rows()}) on all available processors, as
   * {@link #multiplyTranspose(Matrix, int)}.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.cols()} or the
   *     result would not fit in an array
   */
  public Matrix multiplyTranspose(Matrix b) {
    return multiplyTranspose(b, Parallel.defaultThreadCount());
  }

  /**
   * The product {@code S B^T} ({@code rows() x b.rows()}) on at most {@code threads} threads:
   * {@code S} times the dense transpose of {@code B} (a copy of {@code B}'s size). The result is
   * the same for every thread count.
   *
   * @throws IllegalArgumentException if {@code b} is null, {@code cols() != b.cols()}, {@code
   *     threads < 1} or the result would not fit in an array
   */
  public Matrix multiplyTranspose(Matrix b, int threads) {
    Products.checkMultiplyTranspose(shape(), rows, cols, b);
    Parallel par = Parallel.of(threads); // before b is copied
    return product(b.rows(), Matrix.storage(b.transpose()), par);
  }

  /** {@code S B} for {@code B} with {@code m} columns, its size already checked. */
  private Matrix product(int m, double[] b, Parallel par) {
    double[] out = new double[rows * m];
    SparseProducts.multiply(rows, m, rowPointers, columnIndices, values, b, out, par);
    return Matrix.wrap(rows, m, out);
  }

  /**
   * Rows {@code [t0, t0 + l)} of {@code outT = (S B)'} (rows of length {@code rows()}) for
   * {@code B} given by its {@code cols()} rows of length {@code l}: {@link
   * SparseProducts#multiplyIntoTranspose} on this matrix's arrays, for the classes of this
   * package (which must not import {@code linalg.access}).
   */
  void multiplyIntoTranspose(int l, double[][] b, double[] outT, int t0, Parallel par) {
    SparseProducts.multiplyIntoTranspose(rows, l, rowPointers, columnIndices, values, b, outT,
        t0, par);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SparseMatrix)) {
      return false;
    }
    SparseMatrix s = (SparseMatrix) o;
    return s.rows == rows && s.cols == cols && Arrays.equals(s.rowPointers, rowPointers)
        && Arrays.equals(s.columnIndices, columnIndices) && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * (31 * rows + cols) + Arrays.hashCode(rowPointers))
        + Arrays.hashCode(columnIndices)) + Arrays.hashCode(values);
  }

  /** The shape, the number of stored entries and the first few of them. */
  @Override
  public String toString() {
    return MatrixText.sparse(rows, cols, rowPointers, columnIndices, values);
  }

}
