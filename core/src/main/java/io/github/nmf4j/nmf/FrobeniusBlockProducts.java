package io.github.nmf4j.nmf;

import java.util.Arrays;

/**
 * The two products of a Frobenius mini-batch step that read the data, for a dense block read in
 * place from V (rows {@code [row0, row0 + rows)}, {@code rows <= }{@link MiniBatchKernels#BLOCK}):
 * {@code X_b H'} ({@code rows x k}, the numerator of W's update) and {@code W_b' X_b} ({@code k x
 * p}, the block's share of H's). On {@code Gemm} the block was first copied out of V, then packed
 * again by each product (transposed for the first, row panels for the second): three passes over
 * {@code rows x p} values before any arithmetic, about a fifth of the fit (JFR,
 * docs/benchmarks.md). Here the block is not copied: {@code X_b H'} packs it once, transposed, in
 * steps of {@link #KC} columns, {@code W_b' X_b} copies column panels of V's rows; the
 * coefficients (H's columns, W's rows) are read where they lie, not packed. A pass of each over
 * Fashion-MNIST at rank 20 (546 blocks of 128 rows, one thread): 85-89 ms against {@code Gemm}'s
 * 93-96 with the copy, and 69-74 against 78.
 *
 * <p>Both run the loop shape of the library's {@code Gemm} micro-kernel (an output row is a
 * vector of fused multiply-adds along a contiguous panel row, four output rows and two panel rows
 * per pass, every output row in its own array): each output is one chain of fused multiply-adds
 * in the order of the inner index from zero, the chain {@code Gemm} forms (for {@code p} below
 * the 8192 from which it splits a long reduction), so the results are {@code Gemm}'s to the bit;
 * a block is one task, so they do not depend on the thread count.
 */
final class FrobeniusBlockProducts {

  /** Columns of X per transposed panel of {@code X_b H'} (its rows: {@code 256 x 128} doubles). */
  static final int KC = 256;
  /** Widest column panel of {@code W_b' X_b} (as {@code Gemm}'s). */
  static final int NC_MAX = 256;
  /**
   * Doubles per accumulator or panel row: 262, not 256, so that consecutive rows lie 128 bytes
   * apart modulo 4096 and a store to one is not taken for a dependence of a load from another (as
   * {@code Gemm}'s workspace; docs/benchmarks.md, "Robust kernel speed").
   */
  private static final int ROW = Math.max(NC_MAX, MiniBatchKernels.BLOCK) + 6;

  private final int p;
  private final int k;
  /** One thread's accumulator rows ({@code k}) and panel rows ({@link #KC}, either product's). */
  private final double[][] acc;
  private final double[][] panel;
  /** The coefficients of one pass of {@link #twoTerms}: the first terms', then the second's. */
  private final double[] coef = new double[8];

  /** The buffers of one thread (one {@link MiniBatchBlock}) for rank {@code k} and width p. */
  FrobeniusBlockProducts(int p, int k) {
    this.p = p;
    this.k = k;
    acc = rows(k);
    panel = rows(KC);
  }

  private static double[][] rows(int count) {
    double[][] rows = new double[count][];
    for (int i = 0; i < count; i++) {
      rows[i] = new double[ROW];
    }
    return rows;
  }

  /**
   * {@code out (rows x k) = X_b H'}, X_b the {@code rows} rows of the row-major {@code v} (width
   * p) from {@code v[off]}, H {@code k x p}: computed as its transpose {@code H X_b'} ({@code k}
   * output rows of length {@code rows}, the long side), over panels of X_b' packed once.
   */
  void timesHt(double[] v, int off, int rows, double[] h, double[] out) {
    for (int c = 0; c < k; c++) {
      Arrays.fill(acc[c], 0, rows, 0.0);
    }
    for (int j0 = 0; j0 < p; j0 += KC) {
      int kc = Math.min(KC, p - j0);
      packTransposed(v, off, rows, j0, kc);
      for (int c = 0; c < k; c += group(k - c)) {
        int g = group(k - c);
        int j = 0;
        for (; j + 2 <= kc; j += 2) {
          for (int q = 0; q < g; q++) {
            coef[q] = h[(c + q) * p + j0 + j];
            coef[g + q] = h[(c + q) * p + j0 + j + 1];
          }
          twoTerms(g, c, panel[j], panel[j + 1], rows);
        }
        if (j < kc) {
          for (int q = 0; q < g; q++) {
            oneTerm(acc[c + q], panel[j], h[(c + q) * p + j0 + j], rows);
          }
        }
      }
    }
    for (int c = 0; c < k; c++) {
      double[] a = acc[c];
      for (int i = 0; i < rows; i++) {
        out[i * k + c] = a[i];
      }
    }
  }

  /**
   * {@code out (k x p) = W_b' X_b}, W_b {@code rows x k} ({@code w} from 0), X_b as in {@link
   * #timesHt}, in {@code ceil(p / NC_MAX)} column panels of equal width (a multiple of 8), each
   * copied from V's rows once (read in place, V's rows {@code 8 p} bytes apart ran this product
   * at half the speed of the copied panel: the panel's rows spread over as many pages).
   */
  void transposeTimes(double[] w, double[] v, int off, int rows, double[] out) {
    int panels = (p + NC_MAX - 1) / NC_MAX;
    int width = ((p + panels - 1) / panels + 7) / 8 * 8;
    for (int j0 = 0; j0 < p; j0 += width) {
      int nc = Math.min(width, p - j0);
      for (int i = 0; i < rows; i++) {
        System.arraycopy(v, off + i * p + j0, panel[i], 0, nc);
      }
      for (int c = 0; c < k; c += group(k - c)) {
        int g = group(k - c);
        for (int q = 0; q < g; q++) {
          Arrays.fill(acc[c + q], 0, nc, 0.0);
        }
        int i = 0;
        for (; i + 2 <= rows; i += 2) {
          System.arraycopy(w, i * k + c, coef, 0, g);
          System.arraycopy(w, (i + 1) * k + c, coef, g, g);
          twoTerms(g, c, panel[i], panel[i + 1], nc);
        }
        if (i < rows) {
          for (int q = 0; q < g; q++) {
            oneTerm(acc[c + q], panel[i], w[i * k + c + q], nc);
          }
        }
        for (int q = 0; q < g; q++) {
          System.arraycopy(acc[c + q], 0, out, (c + q) * p + j0, nc);
        }
      }
    }
  }

  /**
   * Output rows taken together: four while there are, then one at a time. Eight rows, or four
   * terms per pass (fewer loads of the panel, or fewer stores, per multiply-add), were not
   * vectorized by C2 on Java 17 and ran at half the speed.
   */
  private static int group(int left) {
    return left >= 4 ? 4 : 1;
  }

  /**
   * {@code acc[c + q][t] = fma(coef[g + q], y1[t], fma(coef[q], y0[t], acc[c + q][t]))} for
   * {@code q < g}, {@code t < n}: two terms of each of {@code g} chains, in order.
   */
  private void twoTerms(int g, int c, double[] y0, double[] y1, int n) {
    if (g == 4) {
      fourRows(c, y0, y1, n);
    } else {
      oneTerm(acc[c], y0, coef[0], n);
      oneTerm(acc[c], y1, coef[1], n);
    }
  }

  /**
   * {@code panel[j][i] = X_b[i][j0 + j]} for {@code i < rows}, {@code j < kc}: eight rows of the
   * block at a time, so that each pass over {@code kc} columns writes one cache line of every
   * panel row it touches.
   */
  private void packTransposed(double[] v, int off, int rows, int j0, int kc) {
    int i = 0;
    for (; i + 8 <= rows; i += 8) {
      int r = off + i * p + j0;
      for (int j = 0; j < kc; j++) {
        double[] dst = panel[j];
        int s = r + j;
        dst[i] = v[s];
        dst[i + 1] = v[s + p];
        dst[i + 2] = v[s + 2 * p];
        dst[i + 3] = v[s + 3 * p];
        dst[i + 4] = v[s + 4 * p];
        dst[i + 5] = v[s + 5 * p];
        dst[i + 6] = v[s + 6 * p];
        dst[i + 7] = v[s + 7 * p];
      }
    }
    for (; i < rows; i++) {
      int r = off + i * p + j0;
      for (int j = 0; j < kc; j++) {
        panel[j][i] = v[r + j];
      }
    }
  }

  /** {@link #twoTerms} for four rows. */
  private void fourRows(int c, double[] y0, double[] y1, int n) {
    double[] o0 = acc[c];
    double[] o1 = acc[c + 1];
    double[] o2 = acc[c + 2];
    double[] o3 = acc[c + 3];
    double a0 = coef[0];
    double a1 = coef[1];
    double a2 = coef[2];
    double a3 = coef[3];
    double b0 = coef[4];
    double b1 = coef[5];
    double b2 = coef[6];
    double b3 = coef[7];
    for (int t = 0; t < n; t++) {
      double first = y0[t];
      double second = y1[t];
      o0[t] = Math.fma(b0, second, Math.fma(a0, first, o0[t]));
      o1[t] = Math.fma(b1, second, Math.fma(a1, first, o1[t]));
      o2[t] = Math.fma(b2, second, Math.fma(a2, first, o2[t]));
      o3[t] = Math.fma(b3, second, Math.fma(a3, first, o3[t]));
    }
  }

  /** {@code o[t] = fma(a, y[t], o[t])}, {@code t < n}: one term of a chain. */
  private static void oneTerm(double[] o, double[] y, double a, int n) {
    for (int t = 0; t < n; t++) {
      o[t] = Math.fma(a, y[t], o[t]);
    }
  }
}
