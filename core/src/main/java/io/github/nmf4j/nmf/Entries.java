package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * A set of entries {@code (i, j)} of an {@code n x p} matrix, by rows (CSR) and by columns (CSC,
 * with the CSR position of each entry), and the products of the masked solvers over it: the
 * values of {@code WH} at the entries, and {@code S H'} and {@code W'S} for a matrix S that is
 * zero off the entries (held as one value per entry, in CSR order).
 *
 * <p>Row products run on fixed blocks of {@value #BLOCK} rows, column products on fixed blocks of
 * {@value #BLOCK} columns, and each output element is written by one task in a fixed order, so
 * results do not depend on the thread count.
 */
final class Entries {

  /** Rows (columns) per parallel task. */
  static final int BLOCK = 256;

  final int n;
  final int p;
  /** CSR: the entries of row i are {@code [rowStart[i], rowStart[i + 1])}. */
  final int[] rowStart;
  final int[] column;
  /** CSC: the entries of column j are {@code [columnStart[j], columnStart[j + 1])}. */
  final int[] columnStart;
  final int[] row;
  /** The CSR position of each CSC entry. */
  final int[] position;

  /** From the CSR pointers and columns (sorted within each row); builds the CSC form. */
  Entries(int n, int p, int[] rowStart, int[] column) {
    this.n = n;
    this.p = p;
    this.rowStart = rowStart;
    this.column = column;
    int count = rowStart[n];
    columnStart = new int[p + 1];
    for (int q = 0; q < count; q++) {
      columnStart[column[q] + 1]++;
    }
    for (int j = 0; j < p; j++) {
      columnStart[j + 1] += columnStart[j];
    }
    row = new int[count];
    position = new int[count];
    int[] next = java.util.Arrays.copyOf(columnStart, p);
    for (int i = 0; i < n; i++) {
      for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
        int t = next[column[q]]++;
        row[t] = i;
        position[t] = q;
      }
    }
  }

  /** The number of entries. */
  int size() {
    return rowStart[n];
  }

  /** Whether row i has no entry. */
  boolean rowEmpty(int i) {
    return rowStart[i] == rowStart[i + 1];
  }

  /** Whether column j has no entry. */
  boolean columnEmpty(int j) {
    return columnStart[j] == columnStart[j + 1];
  }

  /**
   * {@code out[q] = (W H)_ij} at every entry, from W ({@code n x k}) and {@code H'}
   * ({@code p x k}).
   */
  void productAt(double[] w, double[] ht, int k, double[] out, Parallel par) {
    par.forEach(blocks(n), b -> {
      for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
        int wi = i * k;
        for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
          out[q] = Rows.dot(w, wi, ht, column[q] * k, k);
        }
      }
    });
  }

  /**
   * {@code out (n x k) = S H'} for S given by its values at the entries ({@code s}, CSR order;
   * null: all ones) and {@code H'} ({@code p x k}).
   */
  void timesTranspose(double[] s, double[] ht, int k, double[] out, Parallel par) {
    par.forEach(blocks(n), b -> {
      for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
        int oi = i * k;
        java.util.Arrays.fill(out, oi, oi + k, 0);
        for (int q = rowStart[i]; q < rowStart[i + 1]; q++) {
          double x = s == null ? 1 : s[q];
          int hj = column[q] * k;
          for (int c = 0; c < k; c++) {
            out[oi + c] += x * ht[hj + c];
          }
        }
      }
    });
  }

  /**
   * {@code out (p x k) = S' W}, the transpose of {@code W'S}, for S given by its values at the
   * entries ({@code s}, CSR order; null: all ones) and W ({@code n x k}). Each task owns a block
   * of {@value #BLOCK} columns and sweeps the rows in order (finding each row's first entry in
   * its block by bisection), so W is read in order and the block of the output stays in cache.
   */
  void transposeTimes(double[] s, double[] w, int k, double[] out, Parallel par) {
    par.forEach(blocks(p), b -> {
      int j0 = b * BLOCK;
      int j1 = Math.min(p, j0 + BLOCK);
      java.util.Arrays.fill(out, j0 * k, j1 * k, 0);
      for (int i = 0; i < n; i++) {
        int end = rowStart[i + 1];
        int q = j0 == 0 ? rowStart[i] : firstAtOrAfter(rowStart[i], end, j0);
        int wi = i * k;
        for (; q < end; q++) {
          int j = column[q];
          if (j >= j1) {
            break;
          }
          double x = s == null ? 1 : s[q];
          int oj = j * k;
          for (int c = 0; c < k; c++) {
            out[oj + c] += x * w[wi + c];
          }
        }
      }
    });
  }

  /**
   * {@code out (n x k) = Mbar H'}, Mbar the 0/1 indicator of the entries, from the rows of
   * {@code H'} ({@code p} rows of {@code k}): {@link #timesTranspose} with S all ones, each
   * output row the sum of the rows of {@code H'} at the row's entries.
   */
  void rowSumsOf(double[][] htRows, int k, double[] out, Parallel par) {
    sumsOf(rowStart, column, n, htRows, k, out, par);
  }

  /**
   * {@code out (p x k) = Mbar' W} ({@link #transposeTimes} with S all ones) from the rows of W
   * ({@code n} rows of {@code k}), as {@link #rowSumsOf} by columns.
   */
  void columnSumsOf(double[][] wRows, int k, double[] out, Parallel par) {
    sumsOf(columnStart, row, p, wRows, k, out, par);
  }

  /**
   * {@code out[l * k + c] = sum x[index[q]][c]} over {@code q} in {@code [start[l], start[l +
   * 1])}, for the {@code lines} rows (columns) of an index, in fixed blocks. Each sum runs on
   * four interleaved accumulators, {@code (s0 + s1) + (s2 + s3)}, the last {@code < 4} terms
   * added to {@code s0}; the accumulators are rows of {@code k}, so that every loop reads its
   * arrays at the bare loop index, the shape C2 vectorizes (a scalar sum per output element
   * along offsets into one flat array took about twice as long).
   */
  private static void sumsOf(int[] start, int[] index, int lines, double[][] x, int k,
      double[] out, Parallel par) {
    par.forEach(blocks(lines), b -> {
      double[] s0 = new double[k];
      double[] s1 = new double[k];
      double[] s2 = new double[k];
      double[] s3 = new double[k];
      for (int l = b * BLOCK, end = Math.min(lines, l + BLOCK); l < end; l++) {
        java.util.Arrays.fill(s0, 0);
        java.util.Arrays.fill(s1, 0);
        java.util.Arrays.fill(s2, 0);
        java.util.Arrays.fill(s3, 0);
        int q = start[l];
        int to = start[l + 1];
        for (; q + 4 <= to; q += 4) {
          double[] x0 = x[index[q]];
          double[] x1 = x[index[q + 1]];
          double[] x2 = x[index[q + 2]];
          double[] x3 = x[index[q + 3]];
          for (int c = 0; c < k; c++) {
            s0[c] += x0[c];
            s1[c] += x1[c];
            s2[c] += x2[c];
            s3[c] += x3[c];
          }
        }
        for (; q < to; q++) {
          double[] x0 = x[index[q]];
          for (int c = 0; c < k; c++) {
            s0[c] += x0[c];
          }
        }
        for (int c = 0, o = l * k; c < k; c++, o++) {
          out[o] = (s0[c] + s1[c]) + (s2[c] + s3[c]);
        }
      }
    });
  }

  /** The first position in {@code [from, to)} whose column is at least {@code j}. */
  private int firstAtOrAfter(int from, int to, int j) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (column[mid] < j) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** {@code sum_q f(q)} over the entries, in fixed blocks of rows added in order. */
  double sum(EntryTerm f, double[] partial, Parallel par) {
    int blocks = blocks(n);
    par.forEach(blocks, b -> {
      double s = 0;
      for (int q = rowStart[b * BLOCK], end = rowStart[Math.min(n, (b + 1) * BLOCK)]; q < end;
          q++) {
        s += f.at(q);
      }
      partial[b] = s;
    });
    return MuKernels.sumInOrder(partial, blocks);
  }

  /** A term per entry, by its CSR position. */
  @FunctionalInterface
  interface EntryTerm {
    double at(int q);
  }

  static int blocks(int size) {
    return (size + BLOCK - 1) / BLOCK;
  }

  /** {@code out (cols x rows) = a'} for the row-major {@code rows x cols} {@code a}. */
  static void transpose(double[] a, int rows, int cols, double[] out) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = a[i * cols + j];
      }
    }
  }
}
