package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.access.MatrixAccess;

/**
 * The score of a rank in {@link RankSelection}: how well a fitted {@code WH} predicts the
 * held-out entries, as the mean squared error or, for the Kullback-Leibler loss, the mean
 * divergence, kept finite and non-negative at every scale of V.
 */
final class HeldOutErrors {

  /** Below this ({@code 2^-500}) {@link #klTerm} scales its arguments by {@code 2^TINY_SHIFT}. */
  private static final double TINY = 0x1p-500;

  /** The power of two by which {@link #klTerm} scales arguments below {@link #TINY}. */
  private static final int TINY_SHIFT = 600;

  /** The power of two by which {@link #mean} scales terms whose sum overflowed. */
  private static final int OVERFLOW_SHIFT = 600;

  private HeldOutErrors() {}

  /**
   * The mean squared error (or KL divergence) of WH at the hidden entries, row {@code rows[t]},
   * column {@code cols[t]}, value {@code values[t]}. A sum that overflows is taken again of the
   * terms of {@code 2^-OVERFLOW_SHIFT V} and {@code 2^-OVERFLOW_SHIFT WH} (exact scaling, the
   * squared error homogeneous of degree 2, the divergence of degree 1) and scaled back, so a
   * representable mean is not lost to its sum; the predictions of that pass are formed of W and
   * H each scaled by {@code 2^-OVERFLOW_SHIFT/2}, so that one beyond the double range in V's
   * units (a term that made the sum overflow) is not lost to its own overflow.
   */
  static double mean(NmfModel model, int[] rows, int[] cols, double[] values, boolean kl) {
    double sum = sum(model, rows, cols, values, kl, 0);
    int count = values.length;
    if (sum == Double.POSITIVE_INFINITY) {
      double scaled = sum(model, rows, cols, values, kl, -OVERFLOW_SHIFT);
      return Math.scalb(scaled / count, kl ? OVERFLOW_SHIFT : 2 * OVERFLOW_SHIFT);
    }
    return sum / count;
  }

  /**
   * The sum of the held-out terms, V and WH multiplied by {@code 2^shift}: WH as the product of
   * W and H multiplied by {@code 2^(shift / 2)} and {@code 2^(shift - shift / 2)}, exactly the
   * scaled prediction unless it overflowed unscaled (or a product underflows scaled).
   */
  private static double sum(NmfModel model, int[] rows, int[] cols, double[] values,
      boolean kl, int shift) {
    double[] w = scaled(MatrixAccess.data(model.w()), shift / 2);
    double[] h = scaled(MatrixAccess.data(model.h()), shift - shift / 2);
    int k = model.h().rows();
    int p = model.h().cols();
    double sum = 0;
    for (int t = 0; t < values.length; t++) {
      int i = rows[t];
      int j = cols[t];
      double wh = 0;
      for (int c = 0; c < k; c++) {
        wh += w[i * k + c] * h[c * p + j];
      }
      double x = Math.scalb(values[t], shift);
      if (kl) {
        sum += klTerm(x, wh);
      } else {
        sum += (x - wh) * (x - wh);
      }
    }
    return sum;
  }

  /** {@code a} times {@code 2^e}: {@code a} itself for 0, else a copy. */
  private static double[] scaled(double[] a, int e) {
    if (e == 0) {
      return a;
    }
    double[] out = new double[a.length];
    MuKernels.scaleInto(a, e, out);
    return out;
  }

  /**
   * {@code x log(x / y) - x + y} (0 log 0 = 0), {@code y} at least {@code Double.MIN_NORMAL} in
   * the logarithm: the KL error of a prediction {@code y} of a held-out {@code x}. When {@code x /
   * y} overflows (a prediction of 0 for an {@code x} above 4) or underflows, the logarithm is
   * taken as {@code log x - log y}, so the term stays finite. When x and y are both below
   * {@code 2^-500} the term is computed of {@code 2^600 x} and {@code 2^600 y} and scaled back
   * (it is homogeneous of degree 1): near the floor, or for subnormal x, it came out negative.
   * An infinite {@code y} (a prediction whose sum overflowed) gives an infinite term, not the NaN
   * of {@code -infinity + infinity}.
   */
  static double klTerm(double x, double y) {
    if (!(x > 0)) {
      return -x + y;
    }
    if (y == Double.POSITIVE_INFINITY) {
      return y; // a prediction beyond the double range: x log(x / y) - x + y tends to y
    }
    if (x < TINY && y < TINY) {
      return Math.scalb(klTerm(Math.scalb(x, TINY_SHIFT), Math.scalb(y, TINY_SHIFT)),
          -TINY_SHIFT);
    }
    double floored = Math.max(y, Double.MIN_NORMAL);
    double ratio = x / floored;
    double log = ratio > 0 && ratio < Double.POSITIVE_INFINITY ? Math.log(ratio)
        : Math.log(x) - Math.log(floored);
    return x * log - x + y;
  }
}
