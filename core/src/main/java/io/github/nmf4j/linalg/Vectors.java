package io.github.nmf4j.linalg;

/**
 * Loops over whole {@code double[]} vectors for the factorization kernels of this package. Every
 * array access is indexed by the bare loop variable (the shape HotSpot C2 vectorizes), and the
 * reductions use four accumulators in a fixed order, so a result never depends on anything but
 * the operands.
 */
final class Vectors {

  private Vectors() {}

  /** {@code sum_i x[i] y[i]} over {@code [from, to)}. */
  static double dot(double[] x, double[] y, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    for (; i + 3 < to; i += 4) {
      s0 += x[i] * y[i];
      s1 += x[i + 1] * y[i + 1];
      s2 += x[i + 2] * y[i + 2];
      s3 += x[i + 3] * y[i + 3];
    }
    for (; i < to; i++) {
      s0 += x[i] * y[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code y[i] += alpha x[i]} over {@code [from, to)}. */
  static void axpy(double alpha, double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** {@code x[i] *= alpha} over the whole vector. */
  static void scale(double alpha, double[] x) {
    for (int i = 0; i < x.length; i++) {
      x[i] *= alpha;
    }
  }

  /** The largest {@code |x[i]|} over {@code [from, to)}, 0 for an empty range. */
  static double maxAbs(double[] x, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(x[i]));
    }
    return m;
  }

  /**
   * The Euclidean norm of {@code x[from, to)}, scaled by its largest element so that it neither
   * overflows nor underflows.
   */
  static double norm(double[] x, int from, int to) {
    double scale = maxAbs(x, from, to);
    if (scale == 0) {
      return 0;
    }
    if (scale > 1e-150 && scale < 1e150) {
      return Math.sqrt(dot(x, x, from, to));
    }
    // Divide, not multiply by 1 / scale: for a subnormal scale the reciprocal overflows to
    // infinity and 0 * infinity is NaN.
    double s = 0;
    for (int i = from; i < to; i++) {
      double v = x[i] / scale;
      s += v * v;
    }
    return scale * Math.sqrt(s);
  }

  /**
   * A power of two close to {@code 1 / maxAbs}: multiplying by it is exact (barring underflow) and
   * brings the largest magnitude into {@code [1, 2)}. Returns 1 for 0 or a non-finite argument.
   */
  static double scaleFor(double maxAbs) {
    if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) {
      return 1;
    }
    return Math.scalb(1.0, -Math.getExponent(maxAbs));
  }

  /**
   * The transpose of a {@code rows x cols} row-major array, a new {@code cols x rows} one, copied
   * in blocks of 32 x 32 so that both arrays are read and written a cache line at a time.
   */
  static double[] transposed(double[] data, int rows, int cols) {
    double[] out = new double[data.length];
    final int block = 32;
    for (int i0 = 0; i0 < rows; i0 += block) {
      for (int j0 = 0; j0 < cols; j0 += block) {
        int i1 = Math.min(rows, i0 + block);
        int j1 = Math.min(cols, j0 + block);
        for (int i = i0; i < i1; i++) {
          for (int j = j0; j < j1; j++) {
            out[j * rows + i] = data[i * cols + j];
          }
        }
      }
    }
    return out;
  }

  /** The rows of a {@code rows x cols} row-major array as separate arrays. */
  static double[][] split(double[] flat, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, out[i], 0, cols);
    }
    return out;
  }

  /** Separate rows of equal length concatenated into one row-major array. */
  static double[] join(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[rows.length * cols];
    joinInto(rows, out);
    return out;
  }

  /** Separate rows of equal length copied into {@code out} in row-major order. */
  static void joinInto(double[][] rows, double[] out) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, out, i * cols, cols);
    }
  }

  /** A row-major array copied into separate rows. */
  static void splitInto(double[] flat, double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(flat, i * cols, rows[i], 0, cols);
    }
  }
}
