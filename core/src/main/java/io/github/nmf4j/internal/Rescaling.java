package io.github.nmf4j.internal;

/**
 * Exact scaling by a power of two for points too large or too small for squared distances: a
 * sum of {@code count} squared differences of values near {@code 1e154} or beyond overflows to
 * infinity, of values all below about {@code 1e-154} underflows towards 0, and every distance
 * then ties with every other. k-means is equivariant under scaling (labels
 * unchanged, centroids scaled, squared distances and inertia scaled by the square), and a power
 * of two scales every value exactly, so such points are clustered, and measured, as the same
 * points scaled by {@code 2^-shift}, with the results scaled back. The same bound keeps the
 * product form {@code |x|^2 - 2 x.c + |c|^2} of sparse points finite. Ordinary data is never
 * touched: the shift is 0 unless the largest value reaches the limit. Used by k-means, mini-batch
 * k-means and agglomerative clustering ({@code cluster}) and by the silhouette ({@code metrics}).
 */
public final class Rescaling {

  /**
   * Below {@code 2^-TINY_EXPONENT} the largest value of points too small for squared distances:
   * their squares underflow towards 0 and subnormals ({@code 2^-1022}), and distances tie.
   */
  private static final int TINY_EXPONENT = 256;

  private Rescaling() {}

  /**
   * The shift {@code s >= 0} that brings the largest magnitude {@code largest} below {@code
   * 2^limit}, where {@code 4 count 2^(2 limit) < Double.MAX_VALUE}: a sum of {@code count}
   * squared differences of values scaled by {@code 2^-s} is finite. 0 when {@code largest} is
   * already below it.
   */
  public static int shift(double largest, long count) {
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, count));
    int limit = (1021 - bits) / 2;
    int e = Math.getExponent(largest);
    return e >= limit ? e - limit + 1 : 0;
  }

  /**
   * The shift {@code s >= 0} that keeps {@code count} times the largest magnitude {@code
   * largest}, scaled by {@code 2^-s}, below {@code 2^1022}: a sum of up to {@code count} such
   * values (not squares, as for {@link #shift}) is then finite. 0 unless {@code largest} is
   * within a factor of about {@code 2 count} of {@code Double.MAX_VALUE}. Average linkage's
   * weighted sums of distances use it.
   */
  public static int sumShift(double largest, long count) {
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, count));
    return Math.max(0, Math.getExponent(largest) + bits - 1021);
  }

  /**
   * As {@link #shift}, and also for points too small: for a largest magnitude below {@code
   * 2^-256} (about {@code 1e-77}) the negative shift that brings it into {@code [1, 2)}, so that
   * {@code 2^-shift} scales the points up (exactly: no value underflows). For what does not
   * change when every point is scaled alike but for the scale of its results (the silhouette,
   * k-means, agglomerative clustering); 0 for ordinary data and for all zeros.
   */
  public static int shiftIntoRange(double largest, long count) {
    int down = shift(largest, count);
    if (down > 0 || largest == 0 || Math.getExponent(largest) >= -TINY_EXPONENT) {
      return down;
    }
    // a subnormal's exponent reads as -1023: scaled by 2^1023 it is a normal below 1, exactly
    return Math.getExponent(largest);
  }

  /** The largest magnitude in {@code x} (0 for none; {@code x} holds no NaN). */
  public static double largest(double[] x) {
    double m = 0;
    for (double v : x) {
      double a = Math.abs(v);
      if (a > m) {
        m = a;
      }
    }
    return m;
  }

  /** A copy of {@code x} times {@code 2^scale}, exactly (but for values that underflow). */
  public static double[] scaled(double[] x, int scale) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.scalb(x[i], scale);
    }
    return out;
  }
}
