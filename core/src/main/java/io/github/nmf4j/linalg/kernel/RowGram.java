package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;

/**
 * The Gram matrix {@code C = X'X} ({@code k x k}) of a matrix {@code X} given by its rows (the
 * rows {@code [from, to)} of a {@code double[][]}, each of at least {@code k} values), with the
 * bits of {@link Gemm#multiplyTranspose Gemm.multiplyTranspose(k, n, k, t, t, c, par)} and of
 * {@link Gemm#gram Gemm.gram(n, k, x, c, par)} for the same matrix ({@code t = X'} row-major,
 * {@code x = X} row-major, {@code n = to - from}).
 *
 * <p>Why: an NMF iteration on a wide matrix forms {@code HH'} from the {@code k x p} factor H
 * (rank 20, p = 20,080 words of a TF-IDF matrix), and the blocked engine, which vectorizes along
 * an output row, has rows of only k values there and must first pack both operands out of H's
 * columns: 1.7-1.9 ms of a 12-14 ms sparse iteration on one thread (1.15 ms alone). The sparse
 * solvers hold H' by rows already (the operand of their sparse products), and along those rows
 * this kernel runs the engine's own micro-kernel loop, with no packing, on the upper triangle
 * only (an element's chain does not change when its two factors swap places, so the lower
 * triangle is a mirror image): 0.62 ms alone. For a few hundred rows it gains less (625 rows:
 * 0.061 against 0.091 ms; 128 rows: about the same as the engine).
 *
 * <p>The same bits: every element is the engine's chain of fused multiply-adds, {@code c =
 * fma(x[i][a], x[i][b], c)} from zero over the rows in order, two rows per step as {@link
 * MicroKernel#axpy4x2} forms them; a long X is cut into the engine's reduction chunks ({@link
 * GemmEngine#reductionChunks}), whose partial matrices are summed in chunk order. The chunks run
 * in parallel; the split depends only on the shape.
 */
public final class RowGram {

  private RowGram() {}

  /**
   * {@code c (k x k) = sum_{i in [from, to)} rows[i]' rows[i]} over the first {@code k} values of
   * each row; {@code c} is overwritten.
   */
  public static void of(double[][] rows, int from, int to, int k, double[] c, Parallel par) {
    int n = to - from;
    if (k == 0) {
      return;
    }
    int chunks = GemmEngine.reductionChunks(k, n, k);
    int length = GemmEngine.ceilDiv(n, chunks);
    double[][][] partial = new double[chunks][k][k];
    par.forEach(chunks, ch -> upper(rows, from + ch * length,
        from + Math.min(n, (ch + 1) * length), k, partial[ch]));
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        double s = partial[0][a][b];
        for (int ch = 1; ch < chunks; ch++) {
          s += partial[ch][a][b];
        }
        partial[0][a][b] = s;
      }
    }
    mirror(partial[0], k, c);
  }

  /**
   * {@code acc[a][b] += sum_i rows[i][a] rows[i][b]} for the upper triangle {@code b >= a} (and
   * the few elements left of the diagonal in bands of four rows), one chain per element in the
   * order of i.
   */
  private static void upper(double[][] rows, int from, int to, int k, double[][] acc) {
    int bands = k - k % 4;
    int i = from;
    for (; i + 2 <= to; i += 2) {
      double[] y0 = rows[i];
      double[] y1 = rows[i + 1];
      for (int a = 0; a < bands; a += 4) {
        MicroKernel.axpy4x2(acc[a], acc[a + 1], acc[a + 2], acc[a + 3], y0, y1,
            y0[a], y0[a + 1], y0[a + 2], y0[a + 3], y1[a], y1[a + 1], y1[a + 2], y1[a + 3],
            a, k);
      }
      for (int a = bands; a < k; a++) {
        MicroKernel.axpy1x2(acc[a], y0, y1, y0[a], y1[a], a, k);
      }
    }
    if (i < to) {
      double[] y0 = rows[i];
      for (int a = 0; a < k; a++) {
        MicroKernel.axpy1x1(acc[a], y0, y0[a], a < bands ? a - a % 4 : a, k);
      }
    }
  }

  /** {@code c} (row-major) from the upper triangle of {@code acc}, mirrored below. */
  private static void mirror(double[][] acc, int k, double[] c) {
    for (int a = 0; a < k; a++) {
      for (int b = a; b < k; b++) {
        c[a * k + b] = acc[a][b];
        c[b * k + a] = acc[a][b];
      }
    }
  }
}
