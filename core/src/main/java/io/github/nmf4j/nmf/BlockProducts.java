package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.kernel.MicroKernel;
import io.github.nmf4j.linalg.kernel.Packing;
import java.util.Arrays;

/**
 * Products of a block of at most 128 rows ({@link MiniBatchKernels#BLOCK}, {@link
 * RowBlocks#BLOCK_ROWS}) of a dense V with the factors, for the passes that
 * read V: a Frobenius mini-batch step's {@code X_b H'} ({@code rows x k}, the numerator of W's
 * update) and {@code W_b' X_b} ({@code k x p}, the block's share of H's), and the beta-divergence
 * W update's {@code A_b H'} and {@code B_b H'} ({@link #betaWTerms}) and the next H update's
 * {@code W_b' A_b} and {@code W_b' B_b} ({@link #betaHTerms}). On {@code Gemm} the block
 * was first copied out of V, then packed again by each product (transposed for {@code X_b H'},
 * row panels for {@code W_b' X_b}): three passes over {@code rows x p} values before any
 * arithmetic, about a fifth of the mini-batch fit (JFR, docs/benchmarks.md). Here the block is
 * not copied: {@code X_b H'} packs it once, transposed, in steps of {@link #KC} columns, {@code
 * W_b' X_b} copies column panels of V's rows; the coefficients (H's columns, W's rows) are read
 * where they lie, not packed. A pass of each over Fashion-MNIST at rank 20 (546 blocks of 128
 * rows, one thread): 85-89 ms against {@code Gemm}'s 93-96 with the copy, and 69-74 against 78.
 *
 * <p>All run the loops of the library's {@code Gemm} micro-kernel ({@link MicroKernel#axpy4x2}
 * and {@link MicroKernel#axpy1x1}: an output row is a vector of fused multiply-adds along a
 * contiguous panel row, four output rows and two panel rows per pass, every output row in its own
 * array) and pack with its transposed gather ({@link Packing#gather8}), the same code, not a copy:
 * each output is one chain of fused multiply-adds in the order of the inner index from zero, the
 * chain {@code Gemm} forms (for {@code p} below the 8192 from which it splits a long reduction),
 * so the results are {@code Gemm}'s to the bit; a block is one task, so they do not depend on the
 * thread count.
 */
final class BlockProducts {

  /** Columns of X per transposed panel of {@code X_b H'} (its rows: {@code 256 x 128} doubles). */
  static final int KC = 256;
  /** Widest column panel of {@code W_b' X_b} (as {@code Gemm}'s). */
  static final int NC_MAX = 256;
  /**
   * Doubles per accumulator or panel row: 262, not 256, so that consecutive rows lie 128 bytes
   * apart modulo 4096 and a store to one is not taken for a dependence of a load from another (as
   * {@code Gemm}'s workspace; docs/benchmarks.md, "Robust kernel speed").
   */
  private static final int ROW =
      Math.max(NC_MAX, Math.max(MiniBatchKernels.BLOCK, RowBlocks.BLOCK_ROWS)) + 6;

  private final int p;
  private final int k;
  /** One thread's accumulator rows ({@code k}) and panel rows ({@link #KC}, any product's). */
  private final double[][] acc;
  private final double[][] panel;
  /** {@link #betaWTerms}'s: a second set of accumulators, B's panel, W_b' ({@code k x rows}). */
  private double[][] acc2;
  private double[][] panel2;
  private double[][] panel3;
  private double[][] wt;
  /** The coefficients of one pass of {@link #twoTerms}: the first terms', then the second's. */
  private final double[] coef = new double[8];

  /** The buffers of one thread for rank {@code k} and width p. */
  BlockProducts(int p, int k) {
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
    zero(acc, rows);
    for (int j0 = 0; j0 < p; j0 += KC) {
      int kc = Math.min(KC, p - j0);
      packTransposed(v, off, rows, j0, kc, panel);
      timesPanel(acc, h, j0, kc, panel, rows);
    }
    writeTransposed(acc, rows, out);
  }

  /**
   * The W update's terms of the beta-divergence ({@link BetaProducts}) for the block's W ({@code
   * w}, {@code rows x k}) and V (as {@link #timesHt}): {@code numerator = A_b H'} and {@code
   * denominator = B_b H'}, with {@code A = X .* Y^(beta-2)}, {@code B = Y^(beta-1)}, {@code Y =
   * W_b H + eps} ({@link BetaKernels#terms}). In steps of {@link #KC} columns, {@code (W_b H)'},
   * then A' and B' in its place, are formed as the panels the products read, so nothing is packed
   * but the block of V (once, transposed): on {@code Gemm} the block was copied, {@code W_b H}
   * formed row-major, A and B written, and each packed again, transposed.
   */
  void betaWTerms(BetaKernels.Power power, double beta, double eps, double[] v, int off,
      double scale, double[] w, int rows, double[] h, double[] numerator,
      double[] denominator) {
    allocateBeta();
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < rows; i++) {
        wt[c][i] = w[i * k + c];
      }
    }
    zero(acc, rows);
    zero(acc2, rows);
    for (int j0 = 0; j0 < p; j0 += KC) {
      int kc = Math.min(KC, p - j0);
      packTransposed(v, off, rows, j0, kc, panel);
      // (W_b H)' for columns [j0, j0 + kc): output row j, the chain over W's columns c
      for (int j = 0; j < kc; j += group(kc - j)) {
        int g = group(kc - j);
        zero(panel2, j, g, rows);
        int c = 0;
        for (; c + 2 <= k; c += 2) {
          for (int q = 0; q < g; q++) {
            coef[q] = h[c * p + j0 + j + q];
            coef[g + q] = h[(c + 1) * p + j0 + j + q];
          }
          twoTerms(panel2, j, g, wt[c], wt[c + 1], rows);
        }
        if (c < k) {
          for (int q = 0; q < g; q++) {
            MicroKernel.axpy1x1(panel2[j + q], wt[c], h[c * p + j0 + j + q], rows);
          }
        }
      }
      for (int j = 0; j < kc; j++) {
        BetaKernels.terms(power, beta, panel[j], scale, panel2[j], panel3[j], rows, eps);
      }
      timesPanel(acc, h, j0, kc, panel2, rows);
      timesPanel(acc2, h, j0, kc, panel3, rows);
    }
    writeTransposed(acc, rows, numerator);
    writeTransposed(acc2, rows, denominator);
  }

  private void allocateBeta() {
    if (acc2 == null) {
      acc2 = rows(k);
      panel2 = rows(KC);
      panel3 = rows(KC);
      wt = rows(k);
    }
  }

  /**
   * {@code out[c][i] += sum_j H[c][j0 + j] y[j][i]} over {@code j < kc}, {@code i < rows}, for
   * all {@code k} rows c of H: the transposed {@code Y' H'} of a panel.
   */
  private void timesPanel(double[][] out, double[] h, int j0, int kc, double[][] y, int rows) {
    for (int c = 0; c < k; c += group(k - c)) {
      int g = group(k - c);
      int j = 0;
      for (; j + 2 <= kc; j += 2) {
        for (int q = 0; q < g; q++) {
          coef[q] = h[(c + q) * p + j0 + j];
          coef[g + q] = h[(c + q) * p + j0 + j + 1];
        }
        twoTerms(out, c, g, y[j], y[j + 1], rows);
      }
      if (j < kc) {
        for (int q = 0; q < g; q++) {
          MicroKernel.axpy1x1(out[c + q], y[j], h[(c + q) * p + j0 + j], rows);
        }
      }
    }
  }

  /** {@code out[i * k + c] = acc[c][i]}. */
  private void writeTransposed(double[][] a, int rows, double[] out) {
    for (int c = 0; c < k; c++) {
      double[] row = a[c];
      for (int i = 0; i < rows; i++) {
        out[i * k + c] = row[i];
      }
    }
  }

  private void zero(double[][] a, int rows) {
    zero(a, 0, a.length, rows);
  }

  private static void zero(double[][] a, int from, int count, int n) {
    for (int r = from; r < from + count; r++) {
      Arrays.fill(a[r], 0, n, 0.0);
    }
  }

  /**
   * {@code out (k x p) = W_b' X_b}, W_b {@code rows x k} ({@code w} from 0), X_b as in {@link
   * #timesHt}, in {@code ceil(p / NC_MAX)} column panels of equal width (a multiple of 8), each
   * copied from V's rows once (read in place, V's rows {@code 8 p} bytes apart ran this product
   * at half the speed of the copied panel: the panel's rows spread over as many pages).
   */
  void transposeTimes(double[] w, double[] v, int off, int rows, double[] out) {
    int width = panelWidth();
    for (int j0 = 0; j0 < p; j0 += width) {
      int nc = Math.min(width, p - j0);
      for (int i = 0; i < rows; i++) {
        System.arraycopy(v, off + i * p + j0, panel[i], 0, nc);
      }
      weightedSums(w, panel, rows, nc);
      for (int c = 0; c < k; c++) {
        System.arraycopy(acc[c], 0, out, c * p + j0, nc);
      }
    }
  }

  /**
   * The beta-divergence sums' terms of the block ({@link BetaProducts}) for its updated W ({@code
   * w}, {@code rows x k}) and V (as {@link #timesHt}), in the column panels of {@link
   * #transposeTimes}: {@code Y = W_b H + eps} formed a panel at a time (its rows the output rows,
   * H's rows the panel rows, W's entries the coefficients: {@code Gemm}'s chains), then {@code A =
   * X .* Y^(beta-2)} and {@code B = Y^(beta-1)} ({@link BetaKernels#terms}) and, when {@code
   * nextH}, {@code W_b' A_b} and {@code W_b' B_b} added to {@code numerator} and {@code
   * denominator} ({@code k x p}; each product formed whole for the block first, then added, as
   * before). On {@code Gemm} the block of V was copied, {@code W_b H} and B formed whole ({@code 2
   * rows p} doubles, beyond the L2 cache) and each product packed its operands again. Returns the
   * block's part of the divergence ({@link BetaKernels#divergence}) when {@code withLoss}, else 0.
   */
  double betaHTerms(BetaKernels.Power power, double beta, double eps, double[] v, int off,
      double scale, double[] w, int rows, double[] h, boolean withLoss, boolean nextH,
      double[] numerator, double[] denominator) {
    allocateBeta();
    int width = panelWidth();
    double[] x = panel[KC - 1];
    double part = 0;
    for (int j0 = 0; j0 < p; j0 += width) {
      int nc = Math.min(width, p - j0);
      for (int c = 0; c < k; c++) {
        System.arraycopy(h, c * p + j0, wt[c], 0, nc);
      }
      for (int i = 0; i < rows; i += group(rows - i)) {
        int g = group(rows - i);
        zero(panel2, i, g, nc);
        int c = 0;
        for (; c + 2 <= k; c += 2) {
          for (int q = 0; q < g; q++) {
            coef[q] = w[(i + q) * k + c];
            coef[g + q] = w[(i + q) * k + c + 1];
          }
          twoTerms(panel2, i, g, wt[c], wt[c + 1], nc);
        }
        if (c < k) {
          for (int q = 0; q < g; q++) {
            MicroKernel.axpy1x1(panel2[i + q], wt[c], w[(i + q) * k + c], nc);
          }
        }
      }
      for (int i = 0; i < rows; i++) {
        System.arraycopy(v, off + i * p + j0, x, 0, nc);
        if (withLoss) {
          part += BetaKernels.divergence(power, beta, x, scale, panel2[i], nc, eps);
        }
        if (nextH) {
          BetaKernels.terms(power, beta, x, scale, panel2[i], panel3[i], nc, eps);
        }
      }
      if (nextH) {
        weightedSums(w, panel2, rows, nc);
        addAt(numerator, j0, nc);
        weightedSums(w, panel3, rows, nc);
        addAt(denominator, j0, nc);
      }
    }
    return part;
  }

  /** Columns {@code [0, nc)} of the accumulators added to {@code out}'s ({@code k x p}) from j0. */
  private void addAt(double[] out, int j0, int nc) {
    for (int c = 0; c < k; c++) {
      double[] row = acc[c];
      int base = c * p + j0;
      for (int t = 0; t < nc; t++) {
        out[base + t] += row[t];
      }
    }
  }

  /**
   * {@code acc[c][t] = sum_i w[i][c] y[i][t]} over {@code i < rows}, for {@code c < k}, {@code t
   * < nc}: {@code W_b' Y} of a column panel, each output one chain in the order of i.
   */
  private void weightedSums(double[] w, double[][] y, int rows, int nc) {
    for (int c = 0; c < k; c += group(k - c)) {
      int g = group(k - c);
      zero(acc, c, g, nc);
      int i = 0;
      for (; i + 2 <= rows; i += 2) {
        System.arraycopy(w, i * k + c, coef, 0, g);
        System.arraycopy(w, (i + 1) * k + c, coef, g, g);
        twoTerms(acc, c, g, y[i], y[i + 1], nc);
      }
      if (i < rows) {
        for (int q = 0; q < g; q++) {
          MicroKernel.axpy1x1(acc[c + q], y[i], w[i * k + c + q], nc);
        }
      }
    }
  }

  /** The width of {@link #transposeTimes}'s panels: {@code ceil(p / NC_MAX)} equal ones. */
  private int panelWidth() {
    int panels = (p + NC_MAX - 1) / NC_MAX;
    return ((p + panels - 1) / panels + 7) / 8 * 8;
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
   * {@code o[r + q][t] = fma(coef[g + q], y1[t], fma(coef[q], y0[t], o[r + q][t]))} for {@code
   * q < g}, {@code t < n}: two terms of each of {@code g} chains, in order.
   */
  private void twoTerms(double[][] o, int r, int g, double[] y0, double[] y1, int n) {
    if (g == 4) {
      MicroKernel.axpy4x2(o[r], o[r + 1], o[r + 2], o[r + 3], y0, y1,
          coef[0], coef[1], coef[2], coef[3], coef[4], coef[5], coef[6], coef[7], n);
    } else {
      MicroKernel.axpy1x1(o[r], y0, coef[0], n);
      MicroKernel.axpy1x1(o[r], y1, coef[1], n);
    }
  }

  /**
   * {@code panel[j][i] = X_b[i][j0 + j]} for {@code i < rows}, {@code j < kc}: eight rows of the
   * block at a time, so that each pass over {@code kc} columns writes one cache line of every
   * panel row it touches.
   */
  private void packTransposed(double[] v, int off, int rows, int j0, int kc,
      double[][] panel) {
    int i = 0;
    for (; i + 8 <= rows; i += 8) {
      int r = off + i * p + j0;
      for (int j = 0; j < kc; j++) {
        Packing.gather8(v, r + j, p, panel[j], i);
      }
    }
    for (; i < rows; i++) {
      int r = off + i * p + j0;
      for (int j = 0; j < kc; j++) {
        panel[j][i] = v[r + j];
      }
    }
  }
}
