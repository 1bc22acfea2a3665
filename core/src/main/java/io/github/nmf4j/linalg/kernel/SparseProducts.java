package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;

/**
 * Products of a sparse matrix in compressed sparse row (CSR) form with a dense row-major
 * right-hand side, on raw arrays with a caller-supplied output.
 *
 * <p>A CSR matrix {@code S} ({@code n x p}) is three arrays: row {@code i} holds the values
 * {@code values[q]} in columns {@code columns[q]} for {@code q} in {@code [pointers[i],
 * pointers[i + 1])}, columns increasing within a row.
 *
 * <p>{@link #multiply} computes {@code C = S B} row by row: row {@code i} of {@code C} is
 * {@code sum_q values[q] * B[columns[q], :]}, summed in storage order four entries at a time
 * ({@code (t0 + t1) + (t2 + t3)} added to the running row). The work is split into
 * blocks of consecutive rows with about the same number of stored entries; every row of {@code
 * C} is computed by one task in a fixed order, so the result does not depend on the split or on
 * the thread count. The other two products reduce to this one: {@code S^T B} is {@code T B}
 * for the CSR form {@code T} of {@code S^T} ({@link #transpose}, a counting sort, so no
 * reduction across threads is ever needed) and {@code S B^T} is {@code S} times the dense
 * transpose of {@code B}. Cost: {@code nnz(S) * m} multiply-adds for an {@code m}-column
 * {@code B}, plus {@code O(nnz + p)} for a transpose.
 */
public final class SparseProducts {

  /**
   * Multiply-adds per task: large enough that handing a task to another thread costs little
   * beside it, small enough that a 10,000-row TF-IDF product splits into dozens of tasks.
   */
  private static final long TASK_WORK = 1L << 16;

  /** At most this many tasks, whatever the size. */
  private static final int MAX_TASKS = 1024;

  /** Output rows per task of the parallel {@link #transposedRows}. */
  private static final int TRANSPOSE_ROWS = 2048;

  private SparseProducts() {}

  /**
   * {@code c (n x m) = S (n x p) * b (p x m)}, {@code S} in CSR form; {@code c} is overwritten
   * and must not alias {@code b}. {@code b} is copied into its rows ({@link #rows}) first; a
   * caller that multiplies by the same shape again keeps such rows and calls {@link
   * #multiply(int, int, int[], int[], double[], double[][], double[], Parallel)}.
   */
  public static void multiply(int n, int m, int[] pointers, int[] columns, double[] values,
      double[] b, double[] c, Parallel par) {
    if (n == 0 || m == 0) {
      return;
    }
    multiply(n, m, pointers, columns, values, rows(b, b.length / m, m, null), c, par);
  }

  /**
   * {@code c (n x m) = S (n x p) * B (p x m)}, {@code S} in CSR form and {@code B} given by its
   * rows ({@code b[j]} holds row {@code j}, at least {@code m} values); {@code c} is
   * overwritten.
   */
  public static void multiply(int n, int m, int[] pointers, int[] columns, double[] values,
      double[][] b, double[] c, Parallel par) {
    if (n == 0 || m == 0) {
      return;
    }
    int[] bounds = rowBlocks(n, m, pointers);
    int tasks = bounds.length - 1;
    par.forEach(tasks, t -> multiplyRows(bounds[t], bounds[t + 1], m, pointers, columns,
        values, b, c, 0));
  }

  /**
   * {@code c (m x n) = (S B)'}: as {@link #multiply(int, int, int[], int[], double[], double[][],
   * double[], Parallel)}, each output row written as a column of {@code c}, so that a caller who
   * wants {@code B' S'} needs no transpose of its own (nor its buffer). The same sums, so the
   * same values.
   */
  public static void multiplyIntoTranspose(int n, int m, int[] pointers, int[] columns,
      double[] values, double[][] b, double[] c, Parallel par) {
    multiplyIntoTranspose(n, m, pointers, columns, values, b, c, 0, par);
  }

  /**
   * As {@link #multiplyIntoTranspose(int, int, int[], int[], double[], double[][], double[],
   * Parallel)} into the rows {@code [c0, c0 + m)} of an {@code c} of rows of length {@code n}:
   * {@code (S B)'} for a few of a block's vectors at a time, each output value the same sum.
   */
  public static void multiplyIntoTranspose(int n, int m, int[] pointers, int[] columns,
      double[] values, double[][] b, double[] c, int c0, Parallel par) {
    if (n == 0 || m == 0) {
      return;
    }
    int[] bounds = rowBlocks(n, m, pointers);
    int tasks = bounds.length - 1;
    int offset = c0 * n;
    par.forEach(tasks, t -> {
      double[] acc = new double[m];
      for (int i = bounds[t]; i < bounds[t + 1]; i++) {
        sumRow(i, m, pointers, columns, values, b, acc);
        for (int l = 0; l < m; l++) {
          c[offset + l * n + i] = acc[l];
        }
      }
    });
  }

  /**
   * Rows {@code [r0, r1)} of {@code S B} ({@code B} is {@code p x m}, given by its rows as in
   * {@link #multiply(int, int, int[], int[], double[], double[][], double[], Parallel)}), row
   * {@code i} written to {@code c} at {@code (i - cRow0) * m}; on the calling thread.
   *
   * <p>Each output row is summed in a small array of its own and every loop indexes its arrays
   * by the bare loop variable, the shape HotSpot's C2 vectorizes: on a row of {@code B} of 20
   * values, 1.45x faster than the same sums along offsets into one flat {@code B}, which C2
   * leaves scalar.
   */
  public static void multiplyRows(int r0, int r1, int m, int[] pointers, int[] columns,
      double[] values, double[][] b, double[] c, int cRow0) {
    double[] acc = new double[m];
    for (int i = r0; i < r1; i++) {
      sumRow(i, m, pointers, columns, values, b, acc);
      System.arraycopy(acc, 0, c, (i - cRow0) * m, m);
    }
  }

  /** {@code acc (m) =} row {@code i} of {@code S B}. */
  private static void sumRow(int i, int m, int[] pointers, int[] columns, double[] values,
      double[][] b, double[] acc) {
    Arrays.fill(acc, 0);
    int q = pointers[i];
    int end = pointers[i + 1];
    // four stored entries per sweep over the output row: a quarter of its loads and stores,
    // and four independent rows of b in flight
    for (; q + 3 < end; q += 4) {
      axpy4(acc, b[columns[q]], b[columns[q + 1]], b[columns[q + 2]], b[columns[q + 3]],
          values[q], values[q + 1], values[q + 2], values[q + 3], m);
    }
    for (; q < end; q++) {
      axpy1(acc, b[columns[q]], values[q], m);
    }
  }

  /** {@code c += (v0 y0 + v1 y1) + (v2 y2 + v3 y3)} over the first {@code m} values. */
  private static void axpy4(double[] c, double[] y0, double[] y1, double[] y2, double[] y3,
      double v0, double v1, double v2, double v3, int m) {
    for (int l = 0; l < m; l++) {
      c[l] += (v0 * y0[l] + v1 * y1[l]) + (v2 * y2[l] + v3 * y3[l]);
    }
  }

  /** {@code c += v0 y0} over the first {@code m} values. */
  private static void axpy1(double[] c, double[] y0, double v0, int m) {
    for (int l = 0; l < m; l++) {
      c[l] += v0 * y0[l];
    }
  }

  /**
   * The rows of the row-major {@code rows x m} matrix {@code a}, copied into the first rows of
   * {@code into} when it has at least {@code rows} rows of {@code m} values (so that a caller
   * reuses them), else into new arrays; returns the rows.
   */
  public static double[][] rows(double[] a, int rows, int m, double[][] into) {
    double[][] out = fits(into, rows, m) ? into : new double[rows][m];
    for (int j = 0; j < rows; j++) {
      System.arraycopy(a, j * m, out[j], 0, m);
    }
    return out;
  }

  /**
   * The rows of {@code a'} for the row-major {@code rows x cols} {@code a}: {@code cols} rows of
   * {@code rows} values, into the first rows of {@code into} when it has at least {@code cols}
   * rows of {@code rows} values, else into new arrays.
   */
  public static double[][] transposedRows(double[] a, int rows, int cols, double[][] into) {
    return transposedRows(a, 0, rows, cols, into);
  }

  /**
   * As {@link #transposedRows(double[], int, int, double[][])} for the rows {@code [r0, r0 +
   * rows)} of {@code a}: {@code cols} rows of {@code rows} values.
   */
  public static double[][] transposedRows(double[] a, int r0, int rows, int cols,
      double[][] into) {
    double[][] out = fits(into, cols, rows) ? into : new double[cols][rows];
    copyTransposed(a, r0 * cols, rows, cols, 0, cols, out);
    return out;
  }

  /**
   * {@code out[j][i] = a[base + i * cols + j]} for the output rows {@code j} in {@code [j0,
   * j1)}: one output row at a time, its values from {@code rows} streams of a, each read in order.
   */
  private static void copyTransposed(double[] a, int base, int rows, int cols, int j0, int j1,
      double[][] out) {
    for (int j = j0; j < j1; j++) {
      double[] row = out[j];
      for (int i = 0; i < rows; i++) {
        row[i] = a[base + i * cols + j];
      }
    }
  }

  /**
   * As {@link #transposedRows(double[], int, int, double[][])}, the output rows split into
   * blocks of {@value #TRANSPOSE_ROWS} that run in parallel (a copy: the same values for any
   * thread count).
   */
  public static double[][] transposedRows(double[] a, int rows, int cols, double[][] into,
      Parallel par) {
    if (par.threads() == 1) {
      // not through Parallel.forEach: C2 profiles its call site across all callers, and one
      // more task type there seemed to slow the sparse products of one-thread fits
      return transposedRows(a, 0, rows, cols, into);
    }
    double[][] out = fits(into, cols, rows) ? into : new double[cols][rows];
    int tasks = (cols + TRANSPOSE_ROWS - 1) / TRANSPOSE_ROWS;
    par.forEach(tasks, t -> copyTransposed(a, 0, rows, cols, t * TRANSPOSE_ROWS,
        Math.min(cols, (t + 1) * TRANSPOSE_ROWS), out));
    return out;
  }

  /** Whether {@code into} has at least {@code rows} rows, all of {@code m} values. */
  private static boolean fits(double[][] into, int rows, int m) {
    return into != null && into.length >= rows && (into.length == 0 || into[0].length == m);
  }

  /**
   * Row boundaries {@code 0 = r_0 < r_1 < ... < r_T = n} of blocks with about {@link #TASK_WORK}
   * multiply-adds each, counting every row as at least one stored entry (its output row is
   * written even when empty). Depends only on the matrix and {@code m}.
   */
  static int[] rowBlocks(int n, int m, int[] pointers) {
    long entries = (long) pointers[n] + n;
    long work = entries * m;
    int tasks = (int) Math.max(1, Math.min(Math.min(MAX_TASKS, n), work / TASK_WORK));
    int[] bounds = new int[tasks + 1];
    int row = 0;
    for (int t = 1; t < tasks; t++) {
      long target = entries * t / tasks;
      // the first row r whose cumulative count pointers[r] + r reaches the target
      int lo = row;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if ((long) pointers[mid] + mid < target) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      row = Math.max(lo, row + 1);
      bounds[t] = Math.min(row, n - (tasks - t));
      row = bounds[t];
    }
    bounds[tasks] = n;
    return bounds;
  }

  /**
   * The CSR form of {@code S^T} ({@code p x n}) for an {@code n x p} CSR matrix {@code S}:
   * returns its row pointers ({@code p + 1}) and fills {@code tColumns} and {@code tValues}
   * (each of length {@code nnz}). Columns come out increasing within each row. A stable
   * counting sort by column, {@code O(nnz + p)}.
   */
  public static int[] transpose(int n, int p, int[] pointers, int[] columns, double[] values,
      int[] tColumns, double[] tValues) {
    int nnz = pointers[n];
    int[] tPointers = new int[p + 1];
    for (int q = 0; q < nnz; q++) {
      tPointers[columns[q] + 1]++;
    }
    for (int j = 0; j < p; j++) {
      tPointers[j + 1] += tPointers[j];
    }
    int[] next = new int[p];
    System.arraycopy(tPointers, 0, next, 0, p);
    for (int i = 0; i < n; i++) {
      for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
        int at = next[columns[q]]++;
        tColumns[at] = i;
        tValues[at] = values[q];
      }
    }
    return tPointers;
  }
}
