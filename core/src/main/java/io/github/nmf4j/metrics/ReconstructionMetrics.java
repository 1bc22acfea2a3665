package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;

/**
 * How well a reconstruction (for instance {@code W H} of an NMF, or a quantized image)
 * approximates the original matrix: mean squared error, relative Frobenius error and peak
 * signal-to-noise ratio.
 *
 * <p>Both matrices must have the same shape, at least one element and finite values. Sums of
 * squares are scaled as in LAPACK's {@code dnrm2}, so no intermediate overflows or underflows.
 */
public final class ReconstructionMetrics {

  private ReconstructionMetrics() {}

  /**
   * The mean squared error {@code sum_ij (a_ij - b_ij)^2 / (rows cols)}.
   *
   * @throws IllegalArgumentException if a matrix is null or empty, their shapes differ, or
   *     they hold NaN or an infinity
   */
  public static double meanSquaredError(Matrix original, Matrix reconstruction) {
    double[] a = check(original, reconstruction);
    double[] b = MatrixAccess.data(reconstruction);
    double[] scaled = scaledSumOfSquares(a, b);
    return scaled[0] * scaled[0] * (scaled[1] / a.length);
  }

  /**
   * The relative error {@code ||A - B||_F / ||A||_F} in the Frobenius norm; 0 when both are 0,
   * and positive infinity when {@code A} is all zeros but {@code B} is not.
   *
   * @throws IllegalArgumentException if a matrix is null or empty, their shapes differ, or
   *     they hold NaN or an infinity
   */
  public static double relativeError(Matrix original, Matrix reconstruction) {
    double[] a = check(original, reconstruction);
    double[] b = MatrixAccess.data(reconstruction);
    double[] diff = scaledSumOfSquares(a, b);
    double[] norm = scaledSumOfSquares(a, null);
    double numerator = diff[0] * Math.sqrt(diff[1]);
    double denominator = norm[0] * Math.sqrt(norm[1]);
    if (numerator == 0) {
      return 0;
    }
    if (denominator == 0) {
      return Double.POSITIVE_INFINITY;
    }
    // Norms of values near Double.MAX_VALUE overflow where their ratio does not.
    return Double.isFinite(numerator) && Double.isFinite(denominator) ? numerator / denominator
        : diff[0] / norm[0] * Math.sqrt(diff[1] / norm[1]);
  }

  /**
   * The peak signal-to-noise ratio in decibels, {@code 10 log10(peak^2 / MSE)}, as scikit-image's
   * {@code peak_signal_noise_ratio} with {@code data_range = peak}: use {@code peak = 255} for
   * 8-bit values and {@code 1} for values scaled to [0, 1]. Positive infinity when the two are
   * equal.
   *
   * @throws IllegalArgumentException if {@code peak} is not positive and finite, a matrix is
   *     null or empty, their shapes differ, or they hold NaN or an infinity
   */
  public static double psnr(Matrix original, Matrix reconstruction, double peak) {
    if (!(peak > 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("peak must be positive and finite, was " + peak);
    }
    double[] a = check(original, reconstruction);
    double[] scaled = scaledSumOfSquares(a, MatrixAccess.data(reconstruction));
    if (scaled[0] == 0) {
      return Double.POSITIVE_INFINITY;
    }
    // peak^2 / MSE = (peak / scale)^2 * n / sumsq, computed in logarithms to avoid overflow
    double ratio = Math.log10(peak / scaled[0]) * 2 + Math.log10(a.length / scaled[1]);
    return 10 * ratio;
  }

  /**
   * {@code {scale, sumsq}} with {@code sum (a - b)^2 = scale^2 sumsq} ({@code b} null means 0),
   * scale being the largest absolute difference, or half of it where that overflows.
   */
  private static double[] scaledSumOfSquares(double[] a, double[] b) {
    // A difference of values near Double.MAX_VALUE with opposite signs overflows: then scale
    // the halves of the differences, and count their squares four times.
    double half = Double.isInfinite(largestDifference(a, b, 1)) ? 0.5 : 1;
    double scale = largestDifference(a, b, half);
    if (scale == 0) {
      return new double[] {0, 0};
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double t = difference(a, b, i, half) / scale;
      s += t * t;
    }
    return new double[] {scale, s / (half * half)};
  }

  private static double largestDifference(double[] a, double[] b, double half) {
    double largest = 0;
    for (int i = 0; i < a.length; i++) {
      largest = Math.max(largest, Math.abs(difference(a, b, i, half)));
    }
    return largest;
  }

  /** {@code half (a_i - b_i)}, computed as {@code half a_i - half b_i} so it cannot overflow. */
  private static double difference(double[] a, double[] b, int i, double half) {
    return b == null ? half * a[i] : half * a[i] - half * b[i];
  }

  private static double[] check(Matrix original, Matrix reconstruction) {
    if (original == null || reconstruction == null) {
      throw new IllegalArgumentException(
          (original == null ? "original" : "reconstruction") + " must not be null");
    }
    if (original.rows() != reconstruction.rows() || original.cols() != reconstruction.cols()) {
      throw new IllegalArgumentException("original is " + original.shape()
          + " but reconstruction is " + reconstruction.shape());
    }
    if (original.size() == 0) {
      throw new IllegalArgumentException("original must not be empty, was " + original.shape());
    }
    double[] a = MatrixAccess.data(original);
    Arguments.requireFinite(a, original.cols(), "original");
    Arguments.requireFinite(MatrixAccess.data(reconstruction), original.cols(), "reconstruction");
    return a;
  }
}
