package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.access.MatrixAccess;

/**
 * The score of a rank in {@link RankSelection}: how well a fitted {@code WH} predicts the
 * held-out entries, as the mean squared error or, for the Kullback-Leibler loss, the mean
 * divergence, kept finite and non-negative at every scale of V.
 *
 * <p>For V beyond {@code 2^±}{@value #IN_PLACE_LIMIT} (its largest value above about {@code
 * 1e120} or below {@code 1e-120}) the errors are computed in V's scaled units, as the fits
 * compute ({@link ScaledData}): of the held-out values divided by {@code 4^m} and the
 * predictions of W and H each divided by {@code 2^m}, for the m of {@link
 * ScaledData#halfExponentOf} of V's largest value, which then lies in {@code [1, 4)}. Dividing
 * by a power of two is exact, so these are the errors in V's units divided by {@code 16^m}
 * (squared errors) or {@code 4^m} (divergences) where those are representable, and the errors
 * of the data at an ordinary scale where they are not: below about {@code 1e-160} every squared
 * error underflows in V's units, and the predictions of an entirely subnormal V keep few bits.
 * Within that range (m taken as 0, {@link #halfExponent}) they are computed in V's units, as
 * they always were: there nothing is lost, and the floor of a prediction in {@link #klTerm}, an
 * absolute {@code Double.MIN_NORMAL}, stays where it was.
 */
final class HeldOutErrors {

  /** Below this ({@code 2^-500}) {@link #klTerm} scales its arguments by {@code 2^TINY_SHIFT}. */
  private static final double TINY = 0x1p-500;

  /** The power of two by which {@link #klTerm} scales arguments below {@link #TINY}. */
  private static final int TINY_SHIFT = 600;

  /** The power of two by which {@link #mean} scales terms whose sum overflowed. */
  private static final int OVERFLOW_SHIFT = 600;

  /**
   * Up to {@code 4^m = 2^±IN_PLACE_LIMIT} the errors are computed in V's units: squared errors
   * of such data, at most about {@code 2^±800} times the squared relative error, neither
   * overflow nor leave the normal range.
   */
  static final int IN_PLACE_LIMIT = 400;

  private HeldOutErrors() {}

  /**
   * The half exponent m of the units of {@link #mean} for a V whose largest (observed) value is
   * {@code largest}: that of {@link ScaledData#halfExponentOf}, or 0 when {@code 4^m} lies
   * within {@code 2^±}{@value #IN_PLACE_LIMIT} (the errors are then computed in V's units).
   */
  static int halfExponent(double largest) {
    int m = ScaledData.halfExponentOf(largest);
    return Math.abs(2 * m) <= IN_PLACE_LIMIT ? 0 : m;
  }

  /**
   * The binary exponent by which an error of {@link #mean} is multiplied into V's units: {@code
   * 4m} for squared errors, {@code 2m} for divergences (of degree 1).
   */
  static int exponent(int halfExponent, boolean kl) {
    return kl ? 2 * halfExponent : 4 * halfExponent;
  }

  /**
   * The mean squared error (or KL divergence) of WH at the hidden entries, row {@code rows[t]},
   * column {@code cols[t]}, value {@code values[t]}, in V's scaled units: of the values divided
   * by {@code 4^m} and of the product of W and H each divided by {@code 2^m}, {@code m =
   * halfExponent} ({@link #halfExponent}, see the class comment); times {@code 2^}{@link
   * #exponent} it is the error in V's units. A sum that overflows (predictions far beyond V's
   * range) is taken again of the terms of {@code 2^-OVERFLOW_SHIFT} times those values and
   * predictions, the latter formed of W and H each scaled by {@code 2^-OVERFLOW_SHIFT/2} (exact
   * scaling, the squared error homogeneous of degree 2, the divergence of degree 1), and scaled
   * back, so a representable mean is not lost to its sum nor a term to its own overflow.
   */
  static double mean(NmfModel model, int[] rows, int[] cols, double[] values, boolean kl,
      int halfExponent) {
    int shift = -2 * halfExponent;
    double sum = sum(model, rows, cols, values, kl, shift);
    int count = values.length;
    if (sum == Double.POSITIVE_INFINITY) {
      double scaled = sum(model, rows, cols, values, kl, shift - OVERFLOW_SHIFT);
      return Math.scalb(scaled / count, kl ? OVERFLOW_SHIFT : 2 * OVERFLOW_SHIFT);
    }
    return sum / count;
  }

  /**
   * The sum of the held-out terms, V and WH multiplied by {@code 2^shift} ({@code shift} even):
   * WH as the product of W and H each multiplied by {@code 2^(shift / 2)}, exactly the scaled
   * prediction unless it overflowed unscaled (or a product underflows scaled).
   */
  private static double sum(NmfModel model, int[] rows, int[] cols, double[] values,
      boolean kl, int shift) {
    double[] w = MuKernels.scaled(MatrixAccess.data(model.w()), shift / 2);
    double[] h = MuKernels.scaled(MatrixAccess.data(model.h()), shift / 2);
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

  /**
   * {@code x log(x / y) - x + y} (0 log 0 = 0), {@code y} at least {@code Double.MIN_NORMAL} in
   * the logarithm: the KL error of a prediction {@code y} of a held-out {@code x}, both in the
   * units of {@link #mean}: V's within {@code 2^±}{@value #IN_PLACE_LIMIT}, else scaled, where
   * the floor lies about {@code 2^-1022} below V's largest value. When {@code x /
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
