package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import java.util.OptionalDouble;

/**
 * Exact scaling by a power of two for points too large for squared distances: a sum of {@code
 * count} squared differences of values near {@code 1e154} or beyond overflows to infinity, and
 * every distance then ties with every other. k-means is equivariant under scaling (labels
 * unchanged, centroids scaled, squared distances and inertia scaled by the square), and a power
 * of two scales every value exactly, so such points are clustered, and measured, as the same
 * points scaled by {@code 2^-shift}, with the results scaled back. Ordinary data is never touched:
 * the shift is 0 unless the largest value reaches the limit.
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

  /** A copy of {@code x} times {@code 2^scale}, exactly (but for values that underflow). */
  static double[] scaled(double[] x, int scale) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.scalb(x[i], scale);
    }
    return out;
  }

  /**
   * A listener that hands {@code listener} the progress of a fit of scaled points with its loss
   * and change (squared distances) multiplied by {@code 2^scale}, as they are for the points
   * given; everything else, cancellation included, passes through. With {@code scale} 0,
   * {@code listener} itself.
   */
  static ProgressListener listener(ProgressListener listener, int scale) {
    if (scale == 0 || listener == ProgressListener.NONE) {
      return listener;
    }
    return p -> listener.onProgress(new Progress() {
      @Override
      public int iteration() {
        return p.iteration();
      }

      @Override
      public int maxIterations() {
        return p.maxIterations();
      }

      @Override
      public int restart() {
        return p.restart();
      }

      @Override
      public int restarts() {
        return p.restarts();
      }

      @Override
      public OptionalDouble loss() {
        return scaled(p.loss(), scale);
      }

      @Override
      public OptionalDouble change() {
        return scaled(p.change(), scale);
      }

      @Override
      public void cancel() {
        p.cancel();
      }

      @Override
      public boolean isCancelled() {
        return p.isCancelled();
      }

      @Override
      public String toString() {
        return p + " (values scaled by 2^" + scale + ")";
      }
    });
  }

  private static OptionalDouble scaled(OptionalDouble value, int scale) {
    return value.isPresent() ? OptionalDouble.of(Math.scalb(value.getAsDouble(), scale)) : value;
  }
}
