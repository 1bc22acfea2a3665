package io.github.nmf4j.linalg.kernel;

/**
 * The innermost loops of {@link GemmEngine}. Each is an AXPY along one row of a packed panel,
 * written so that HotSpot C2 vectorizes it: every array is indexed by the bare loop variable, the
 * body is a handful of fused multiply-adds, and the coefficients are loop-invariant scalars.
 *
 * <p>{@link #axpy4x2} and {@link #axpy1x1} are public for the block products of the mini-batch
 * and beta-divergence updates ({@code nmf.BlockProducts}), which run {@code Gemm}'s loop shape on
 * panels of their own and must form the same chains of fused multiply-adds: one copy of the
 * loop, so that the two cannot drift apart in the last bit. The package is not exported.
 */
public final class MicroKernel {

  private MicroKernel() {}

  /**
   * {@code c_q[j] += sum_p coef[4p + q] * panel[p][j]} for the four rows {@code q = 0..3},
   * {@code p < kc}, {@code j < nc}; two values of p per pass.
   */
  static void rows4(
      double[] c0, double[] c1, double[] c2, double[] c3,
      double[][] panel, double[] coef, int kc, int nc) {
    int p = 0;
    for (; p + 2 <= kc; p += 2) {
      int o = 4 * p;
      axpy4x2(c0, c1, c2, c3, panel[p], panel[p + 1],
          coef[o], coef[o + 1], coef[o + 2], coef[o + 3],
          coef[o + 4], coef[o + 5], coef[o + 6], coef[o + 7], nc);
    }
    if (p < kc) {
      int o = 4 * p;
      axpy4x1(c0, c1, c2, c3, panel[p], coef[o], coef[o + 1], coef[o + 2], coef[o + 3], nc);
    }
  }

  /** {@code c[j] += sum_p coef[p] * panel[p][j]}. */
  static void rows1(double[] c, double[][] panel, double[] coef, int kc, int nc) {
    int p = 0;
    for (; p + 2 <= kc; p += 2) {
      axpy1x2(c, panel[p], panel[p + 1], coef[p], coef[p + 1], nc);
    }
    if (p < kc) {
      axpy1x1(c, panel[p], coef[p], nc);
    }
  }

  /**
   * {@code c_q[j] = fma(a_q1, y1[j], fma(a_q0, y0[j], c_q[j]))} for the four rows {@code q =
   * 0..3}, {@code j < n}: two terms of four chains of fused multiply-adds, in order. Four output
   * rows and two panel rows per pass is the shape C2 vectorizes on Java 17 (eight rows, or four
   * terms per pass, were not vectorized and ran at half the speed: {@code BlockProducts.group}).
   */
  public static void axpy4x2(
      double[] c0, double[] c1, double[] c2, double[] c3, double[] y0, double[] y1,
      double a00, double a10, double a20, double a30,
      double a01, double a11, double a21, double a31, int n) {
    axpy4x2(c0, c1, c2, c3, y0, y1, a00, a10, a20, a30, a01, a11, a21, a31, 0, n);
  }

  /**
   * {@link #axpy4x2(double[], double[], double[], double[], double[], double[], double, double,
   * double, double, double, double, double, double, int)} over {@code j} in {@code [from, n)}
   * ({@link RowGram}'s bands of the upper triangle).
   */
  static void axpy4x2(
      double[] c0, double[] c1, double[] c2, double[] c3, double[] y0, double[] y1,
      double a00, double a10, double a20, double a30,
      double a01, double a11, double a21, double a31, int from, int n) {
    for (int j = from; j < n; j++) {
      double b0 = y0[j];
      double b1 = y1[j];
      c0[j] = Math.fma(a01, b1, Math.fma(a00, b0, c0[j]));
      c1[j] = Math.fma(a11, b1, Math.fma(a10, b0, c1[j]));
      c2[j] = Math.fma(a21, b1, Math.fma(a20, b0, c2[j]));
      c3[j] = Math.fma(a31, b1, Math.fma(a30, b0, c3[j]));
    }
  }

  private static void axpy4x1(
      double[] c0, double[] c1, double[] c2, double[] c3, double[] y0,
      double a0, double a1, double a2, double a3, int n) {
    for (int j = 0; j < n; j++) {
      double b0 = y0[j];
      c0[j] = Math.fma(a0, b0, c0[j]);
      c1[j] = Math.fma(a1, b0, c1[j]);
      c2[j] = Math.fma(a2, b0, c2[j]);
      c3[j] = Math.fma(a3, b0, c3[j]);
    }
  }

  private static void axpy1x2(double[] c, double[] y0, double[] y1, double a0, double a1, int n) {
    axpy1x2(c, y0, y1, a0, a1, 0, n);
  }

  /** {@code c[j] = fma(a1, y1[j], fma(a0, y0[j], c[j]))} for {@code j} in {@code [from, n)}. */
  static void axpy1x2(double[] c, double[] y0, double[] y1, double a0, double a1, int from,
      int n) {
    for (int j = from; j < n; j++) {
      c[j] = Math.fma(a1, y1[j], Math.fma(a0, y0[j], c[j]));
    }
  }

  /** {@code c[j] = fma(a0, y0[j], c[j])} for {@code j < n}: one term of one chain. */
  public static void axpy1x1(double[] c, double[] y0, double a0, int n) {
    axpy1x1(c, y0, a0, 0, n);
  }

  /** {@link #axpy1x1(double[], double[], double, int)} over {@code j} in {@code [from, n)}. */
  static void axpy1x1(double[] c, double[] y0, double a0, int from, int n) {
    for (int j = from; j < n; j++) {
      c[j] = Math.fma(a0, y0[j], c[j]);
    }
  }
}
