package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.SparseAccess;

/**
 * Exact scaling by a power of two for points too large for squared distances: a sum of {@code
 * count} squared differences of values near {@code 1e154} or beyond overflows to infinity, and
 * every distance then ties with every other. k-means is equivariant under scaling (labels
 * unchanged, centroids scaled, squared distances and inertia scaled by the square), and a power
 * of two scales every value exactly, so such points are clustered, and measured, as the same
 * points scaled by {@code 2^-shift}, with the results scaled back. The same bound keeps the
 * product form {@code |x|^2 - 2 x.c + |c|^2} of sparse points finite. Ordinary data is never
 * touched: the shift is 0 unless the largest value reaches the limit.
 */
final class Rescaling {

  private Rescaling() {}

  /**
   * The shift {@code s >= 0} that brings the largest magnitude {@code largest} below {@code
   * 2^limit}, where {@code 4 count 2^(2 limit) < Double.MAX_VALUE}: a sum of {@code count}
   * squared differences of values scaled by {@code 2^-s} is finite. 0 when {@code largest} is
   * already below it.
   */
  static int shift(double largest, long count) {
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, count));
    int limit = (1021 - bits) / 2;
    int e = Math.getExponent(largest);
    return e >= limit ? e - limit + 1 : 0;
  }

  /** The largest magnitude in {@code x} (0 for none; {@code x} holds no NaN). */
  static double largest(double[] x) {
    double m = 0;
    for (double v : x) {
      double a = Math.abs(v);
      if (a > m) {
        m = a;
      }
    }
    return m;
  }

  /** The largest magnitude stored in {@code m} (read in place; 0 for none). */
  static double largest(SparseMatrix m) {
    return largest(SparseAccess.values(m));
  }

  /** A copy of {@code m} times {@code 2^scale}, exactly (but for values that underflow). */
  static SparseMatrix scaled(SparseMatrix m, int scale) {
    return SparseMatrix.fromCsr(m.rows(), m.cols(), SparseAccess.rowPointers(m),
        SparseAccess.columnIndices(m), scaled(SparseAccess.values(m), scale));
  }

  /** A copy of {@code x} times {@code 2^scale}, exactly (but for values that underflow). */
  static double[] scaled(double[] x, int scale) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.scalb(x[i], scale);
    }
    return out;
  }
}
