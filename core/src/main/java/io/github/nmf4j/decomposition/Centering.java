package io.github.nmf4j.decomposition;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * Column means and centering of a row-major matrix in fixed blocks of rows, in parallel; partial
 * sums are added in block order, so the results do not depend on the thread count.
 */
final class Centering {

  /** Rows per parallel task. */
  static final int ROWS = 1024;

  private Centering() {}

  /**
   * The column means of the {@code n x p} matrix {@code x}.
   *
   * @throws IllegalArgumentException if an element is NaN or infinite (the first in row-major
   *     order is named, as {@code name})
   */
  static double[] means(String name, double[] x, int n, int p, Parallel par) {
    int blocks = blocks(n);
    double[][] partial = new double[blocks][p];
    int[] firstBad = new int[blocks];
    par.forEach(blocks, b -> {
      double[] sum = partial[b];
      firstBad[b] = -1;
      Rows.addRows(x, p, b * ROWS, Math.min(n, (b + 1) * ROWS), sum, 0);
      // A non-finite element makes its column's sum non-finite: find the first one.
      for (int j = 0; j < p; j++) {
        if (!Double.isFinite(sum[j])) {
          firstBad[b] = firstNonFinite(x, b, n, p);
          return;
        }
      }
    });
    double[] mean = new double[p];
    for (int b = 0; b < blocks; b++) {
      if (firstBad[b] >= 0) {
        int i = firstBad[b];
        throw Arguments.notFinite(name, x[i], i / p, i % p);
      }
      if (firstBad[b] == OVERFLOW) {
        throw new IllegalArgumentException("the column sums of " + name + " overflow (values "
            + "near Double.MAX_VALUE, rows " + b * ROWS + " to " + (Math.min(n, (b + 1) * ROWS)
            - 1) + "); scale the data down");
      }
      for (int j = 0; j < p; j++) {
        mean[j] += partial[b][j];
      }
    }
    for (int j = 0; j < p; j++) {
      mean[j] /= n;
    }
    return mean;
  }

  /** The flat index of the first non-finite element of block {@code b}, or {@link #OVERFLOW}. */
  private static int firstNonFinite(double[] x, int b, int n, int p) {
    int from = b * ROWS * p;
    int to = Math.min(n, (b + 1) * ROWS) * p;
    for (int i = from; i < to; i++) {
      if (!Double.isFinite(x[i])) {
        return i;
      }
    }
    return OVERFLOW;
  }

  /** Marks a block whose elements are finite but whose column sums overflow. */
  private static final int OVERFLOW = -2;

  /** {@code out = x - 1 mean^T}; returns {@code ||out||_F^2}. */
  static double center(double[] x, double[] mean, int n, int p, double[] out, Parallel par) {
    int blocks = blocks(n);
    double[] squares = new double[blocks];
    par.forEach(blocks, b -> {
      double s = 0;
      for (int i = b * ROWS, end = Math.min(n, (b + 1) * ROWS); i < end; i++) {
        int row = i * p;
        for (int j = 0; j < p; j++) {
          double c = x[row + j] - mean[j];
          out[row + j] = c;
          s += c * c;
        }
      }
      squares[b] = s;
    });
    return Rows.sumInOrder(squares);
  }

  private static int blocks(int n) {
    return (n + ROWS - 1) / ROWS;
  }
}
