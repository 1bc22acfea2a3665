package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.kernel.ElementKernels;

/**
 * The element-wise steps of the Kullback-Leibler multiplicative updates on one block of rows,
 * on row-major {@code double[]}.
 */
final class KlKernels {

  private KlKernels() {}

  /**
   * {@code wh[j] <- (v[j] * scale) / (wh[j] + eps)} for {@code j < len}: the block of
   * {@code V ./ (WH + eps)}, written over the block of WH ({@link ElementKernels#ratio}: the same
   * bits with or without the Vector API).
   */
  static void ratio(double[] v, double scale, double[] wh, int len, double eps) {
    MuKernels.ELEMENTS.ratio(v, scale, wh, len, eps);
  }

  /**
   * {@code out[l] = sum_j m[l * cols + j]} for the {@code rows x cols} matrix m: row sums, e.g.
   * {@code H 1}.
   */
  static void rowSums(double[] m, int rows, int cols, double[] out) {
    for (int l = 0; l < rows; l++) {
      double s = 0;
      for (int j = l * cols, end = j + cols; j < end; j++) {
        s += m[j];
      }
      out[l] = s;
    }
  }

  /** {@code acc[l] += sum_i m[i * cols + l]} for the {@code rows x cols} matrix m. */
  static void addColumnSums(double[] m, int rows, int cols, double[] acc) {
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      for (int l = 0; l < cols; l++) {
        acc[l] += m[off + l];
      }
    }
  }

  /**
   * {@code m[l * cols + j] <- m[l * cols + j] * num[l * cols + j] / (den[l] + eps)}: a
   * multiplicative step whose denominator is constant along each row (the H update, with
   * {@code den = 1'W}).
   */
  static void stepRowDenominator(double[] m, double[] num, double[] den, int rows, int cols,
      double eps) {
    for (int l = 0; l < rows; l++) {
      double d = den[l] + eps;
      for (int j = l * cols, end = j + cols; j < end; j++) {
        m[j] = m[j] * num[j] / d;
      }
    }
  }

  /**
   * {@code m[l * cols + j] <- m[l * cols + j] * num[l * cols + j] / (den[l] + guard + l2 m[l *
   * cols + j])}: {@link #stepRowDenominator} with an L2 penalty (guard: eps plus the L1 weight).
   */
  static void stepRowDenominator(double[] m, double[] num, double[] den, int rows, int cols,
      double guard, double l2) {
    for (int l = 0; l < rows; l++) {
      double d = den[l] + guard;
      for (int j = l * cols, end = j + cols; j < end; j++) {
        double x = m[j];
        m[j] = x * num[j] / (d + l2 * x);
      }
    }
  }

  /**
   * {@code out[i * cols + l] = m[i * cols + l] * num[i * cols + l] / (den[l] + guard + l2 m[i *
   * cols + l])}: {@link #stepColumnDenominator} with an L2 penalty (guard: eps plus the L1
   * weight).
   */
  static void stepColumnDenominator(double[] m, double[] num, double[] den, int rows, int cols,
      double guard, double l2, double[] out, int outOff) {
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      for (int l = 0; l < cols; l++) {
        double x = m[off + l];
        out[outOff + off + l] = x * num[off + l] / (den[l] + guard + l2 * x);
      }
    }
  }

  /**
   * {@code out[i * cols + l] = m[i * cols + l] * num[i * cols + l] / (den[l] + eps)}: a
   * multiplicative step whose denominator is constant along each column (the W update, with
   * {@code den = H 1}), reading the old values from m and writing to out at offset outOff.
   */
  static void stepColumnDenominator(double[] m, double[] num, double[] den, int rows, int cols,
      double eps, double[] out, int outOff) {
    for (int i = 0; i < rows; i++) {
      int off = i * cols;
      for (int l = 0; l < cols; l++) {
        out[outOff + off + l] = m[off + l] * num[off + l] / (den[l] + eps);
      }
    }
  }

  /**
   * The generalized KL divergence terms of one block, {@code sum_j (y_j - x_j + x_j log(x_j /
   * max(y_j, eps)))} with {@code x = v[j] * scale}, {@code y = wh[j]} and the log term 0 where
   * {@code x = 0} ({@link ElementKernels#divergence}: with the Vector API, vector logarithms and
   * one sum per lane, so the last bits differ from the scalar loop's).
   */
  static double divergence(double[] v, double scale, double[] wh, int len, double eps) {
    return MuKernels.ELEMENTS.divergence(v, scale, wh, len, eps);
  }

  /** {@code sum_j (x_j - y_j)^2} with {@code x = v[j] * scale}, {@code y = wh[j]}. */
  static double squaredDistance(double[] v, double scale, double[] wh, int len) {
    double s = 0;
    for (int j = 0; j < len; j++) {
      double d = v[j] * scale - wh[j];
      s += d * d;
    }
    return s;
  }
}
