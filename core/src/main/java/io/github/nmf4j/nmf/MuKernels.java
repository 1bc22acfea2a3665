package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.ElementKernels;
import io.github.nmf4j.linalg.kernel.KernelChoice;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * Element-wise steps shared by the solvers, on row-major {@code double[]}: the multiplicative
 * step, dot products, sums, power-of-two scaling. The parallel ones split the work into blocks of
 * {@link #ROWS} rows and add partial sums in block order, so results do not depend on the thread
 * count.
 */
final class MuKernels {

  /** Rows of W per parallel task. */
  static final int ROWS = 512;

  /** The element-wise loops of this JVM (scalar or Vector API, {@link KernelChoice}). */
  static final ElementKernels ELEMENTS = KernelChoice.elements();

  private MuKernels() {}

  /**
   * {@code h <- h .* (num * scale) ./ (den + eps)}, element-wise over all of {@code h}.
   */
  static void multiplicativeStep(double[] h, double[] num, double scale, double[] den, double eps) {
    multiplicativeStep(h, num, scale, den, eps, h.length);
  }

  /**
   * {@code h <- h .* (num * scale) ./ (den + eps)} over the first {@code len} values ({@link
   * ElementKernels#multiplicativeStep}: the same bits with or without the Vector API).
   */
  static void multiplicativeStep(double[] h, double[] num, double scale, double[] den, double eps,
      int len) {
    ELEMENTS.multiplicativeStep(h, num, scale, den, eps, len);
  }

  /** {@code <a, b> * scale} over {@code n x k} matrices, in fixed blocks of rows. */
  static double dot(double[] a, double[] b, int n, int k, double scale, double[] partial,
      Parallel par) {
    int blocks = blocks(n);
    par.forEach(blocks, t -> {
      double s = 0;
      for (int i = t * ROWS * k, end = Math.min(n, (t + 1) * ROWS) * k; i < end; i++) {
        s += a[i] * b[i];
      }
      partial[t] = s * scale;
    });
    return sumInOrder(partial, blocks);
  }

  /** {@code acc[j] += x[j]} for {@code j < len}. */
  static void add(double[] acc, double[] x, int len) {
    for (int j = 0; j < len; j++) {
      acc[j] += x[j];
    }
  }

  /**
   * {@code ||V - WH||_F^2} by the trace identity, {@code ||V||^2 - 2 <W, V H'> + <W'W, HH'>},
   * from {@code squaredNorm = ||V||^2}, {@code cross = <W, V H'>} and the two {@code k x k} Gram
   * matrices; not clamped, so a caller may subtract terms first (rounding may leave it below 0).
   */
  static double traceSquares(double squaredNorm, double cross, double[] gramW, double[] gramH,
      int k) {
    return squaredNorm - 2 * cross + dot(gramW, gramH, k * k);
  }

  /** The Frobenius loss {@code ||V - WH||_F}: {@link #traceSquares} clamped at 0, its root. */
  static double traceLoss(double squaredNorm, double cross, double[] gramW, double[] gramH,
      int k) {
    return Math.sqrt(Math.max(0, traceSquares(squaredNorm, cross, gramW, gramH, k)));
  }

  /** {@code sum_i a[i] * b[i]} over {@code len} values (small arrays, on the caller). */
  static double dot(double[] a, double[] b, int len) {
    double s = 0;
    for (int i = 0; i < len; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** {@code out[i] = 2^exponent a[i]} (exact unless it leaves the normal range). */
  static void scaleInto(double[] a, int exponent, double[] out) {
    scaleInto(a, exponent, out, a.length);
  }

  /**
   * {@code a} times {@code 2^exponent} (exact unless it leaves the normal range): {@code a}
   * itself for 0, else a new array.
   */
  static double[] scaled(double[] a, int exponent) {
    if (exponent == 0) {
      return a;
    }
    double[] out = new double[a.length];
    scaleInto(a, exponent, out);
    return out;
  }

  /** {@code out[i] = 2^exponent a[i]} for {@code i < len}; a plain copy when exponent is 0. */
  static void scaleInto(double[] a, int exponent, double[] out, int len) {
    if (exponent == 0) {
      System.arraycopy(a, 0, out, 0, len);
      return;
    }
    for (int i = 0; i < len; i++) {
      out[i] = Math.scalb(a[i], exponent);
    }
  }

  static int blocks(int n) {
    return (n + ROWS - 1) / ROWS;
  }

  /** The partial sums of the first {@code count} blocks, added in block order. */
  static double sumInOrder(double[] partial, int count) {
    return Rows.sumInOrder(partial, count);
  }
}
