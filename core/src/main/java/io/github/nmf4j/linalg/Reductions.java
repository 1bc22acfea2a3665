package io.github.nmf4j.linalg;

import java.util.function.DoubleBinaryOperator;

/**
 * The whole-array reductions behind {@link Matrix#sum()}, {@link Matrix#min()}, {@link
 * Matrix#max()} and {@link Matrix#frobeniusNorm()} (and {@link SparseMatrix#sum()} and {@link
 * SparseMatrix#frobeniusNorm()}, over the stored values): each keeps one running value and
 * reads the elements in storage order (unlike the four-chain loops of {@link Vectors}), so
 * these results stay what they have always been, bit for bit.
 */
final class Reductions {

  private Reductions() {}

  /** {@code sum_i x_i}, one running sum in storage order (0 for an empty array). */
  static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }

  /** {@code op} folded over {@code x} in storage order, from {@code identity}. */
  static double fold(double[] x, double identity, DoubleBinaryOperator op) {
    double m = identity;
    for (double v : x) {
      m = op.applyAsDouble(m, v);
    }
    return m;
  }

  /**
   * {@code sqrt(sum_i x_i^2)} computed with scaling by the largest magnitude, so that it neither
   * overflows nor underflows for finite elements (as LAPACK's {@code dnrm2}); that magnitude
   * itself when it is 0, infinite or NaN.
   */
  static double scaledNorm(double[] x) {
    double scale = 0;
    for (double v : x) {
      scale = Math.max(scale, Math.abs(v));
    }
    if (scale == 0 || Double.isInfinite(scale) || Double.isNaN(scale)) {
      return scale;
    }
    double sum = 0;
    for (double v : x) {
      double s = v / scale;
      sum += s * s;
    }
    return scale * Math.sqrt(sum);
  }
}
