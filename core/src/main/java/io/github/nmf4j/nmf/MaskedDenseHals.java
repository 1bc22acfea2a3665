package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;

/**
 * {@link MaskedHals}'s coordinate steps for a dense V with a few missing entries, as the dense
 * HALS sums (Gram matrices and the products with the zero-filled V, {@link Observed#filled})
 * plus corrections over the missing entries only. With {@code E = WH} kept at the missing
 * entries, the numerator and denominator of the step on {@code H[c,j]} are
 * <pre>
 *   a = (W'V_0)_cj - (W'W H)_cj + sum_{i missing in j} W_ic E_ij
 *   d = (W'W)_cc - sum_{i missing in j} W_ic^2 + m_j lambda
 * </pre>
 * ({@code m_j} the observed entries of the column), and symmetrically for W; after a step by
 * {@code delta}, {@code E} at the column's missing entries grows by {@code delta W_ic}. The
 * sums over the observed entries of {@link MaskedHals} become {@code k} multiply-adds (the
 * Gram term) plus three per missing entry. Same steps as {@link MaskedHals} up to rounding;
 * {@code E} is recomputed from the factors whenever the loss is asked for.
 *
 * <p>Written for the CPU, since the corrections are most of a masked HALS iteration. The steps
 * of one component run for a block of {@value MaskedLines#WIDTH} lines (columns of H, rows of W)
 * at once ({@link MaskedLines}): the Gram term {@code T - G x} across the lines (as {@link
 * HalsKernel}), then, slot by slot, the other factor's values at the block's missing entries
 * gathered into one array ({@code F}, one indexed read each), the two sums {@code F . E} and
 * {@code F . F} added into one accumulator per line, and the update of {@code E}: loops along
 * contiguous arrays, which C2 vectorizes, where the sums along one line were chains of dependent
 * additions. Each line's sums run over its missing entries in order, two at a time ({@code
 * sum + (f_s e_s + f_{s+1} e_{s+1})}); the Gram term is recomputed per component from the
 * current values rather than kept up to date, so the result does not depend on the blocks.
 *
 * <p>Penalties ({@link MaskedRule}), as in {@link FrobeniusHals}: the L1 weight comes off the
 * targets ({@code W'V_0 - l1H}) and the L2 weight joins the Gram matrix's diagonal ({@code W'W +
 * l2H I}), so that {@code a} loses {@code l1H + l2H H[c,j]} and {@code d} gains {@code l2H};
 * a factor with an L1 weight has floor 0.
 */
final class MaskedDenseHals extends MaskedHalsRule {

  private final double lambda;
  /** The proximal weight of each component's W steps ({@link MaskedHals#transformWeights}). */
  private final double[] lambdaW;
  /** The proximal weight of each component's H steps: {@code lambda}. */
  private final double[] lambdaH;
  /** {@code WH} at the missing entries, CSR order. */
  private final double[] atMissing;
  private final double[] ht = new double[data.p * k];
  private final double[] gram = new double[k * k];
  /** {@code gram} plus the L2 weight of the factor updated on its diagonal (or gram itself). */
  private final double[] gramPenalized = penalties.l2H > 0 || penalties.l2W > 0
      ? new double[k * k] : gram;
  private final double[] wtv = new double[k * data.p];
  private final double[] vht = new double[data.n * k];
  private final double[] partial = new double[Math.max(Entries.blocks(data.n),
      MuKernels.blocks(data.n))];
  /** The columns of H and the rows of W, with their missing entries, in blocks. */
  private final MaskedLines columns;
  private final MaskedLines rows;
  /** W' and H by components, each with a trailing 0 (the index of a padded slot). */
  private final double[][] wt;
  private final double[][] hRows;
  private final Block[] columnBlocks;
  private final Block[] rowBlocks;

  MaskedDenseHals(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, data.missing, updateH);
    int n = data.n;
    int p = data.p;
    this.lambda = MaskedHals.proximalWeight(rms, k);
    this.lambdaW = MaskedHals.transformWeights(h, k, p, lambda, updateH);
    this.lambdaH = new double[k];
    java.util.Arrays.fill(lambdaH, lambda);
    atMissing = new double[entries.size()];
    columns = new MaskedLines(p, entries.columnStart, entries.row, entries.position, n);
    rows = new MaskedLines(n, entries.rowStart, entries.column, null, p);
    wt = new double[k][n + 1];
    hRows = new double[k][p + 1];
    columnBlocks = blocks(columns, n);
    rowBlocks = blocks(rows, p);
    refresh();
  }

  /** {@code E = WH} at the missing entries, from the factors. */
  @Override
  void refresh() {
    Entries.transpose(h, k, data.p, ht);
    entries.productAt(w, ht, k, atMissing, par);
  }

  /**
   * {@code sqrt(||V_0 - WH||^2 - sum E^2)}: {@code ||V_0||^2 - 2 <W, V_0 H'> + <W'W, HH'>} less
   * the missing entries, from {@code V_0 H'} and {@code HH'} of the last W half (or directly
   * where those terms cancel, {@link #checkedSquares}).
   */
  @Override
  double computeLoss() {
    int n = data.n;
    Gemm.multiplyTranspose(n, data.p, k, data.filled, h, vht, par);
    Gemm.multiplyTranspose(k, data.p, k, h, h, gram, Parallel.serial());
    double[] wtw = new double[k * k];
    Gemm.gram(n, k, w, wtw, par);
    double cross = MuKernels.dot(w, vht, n, k, 1.0, partial, par);
    double missing = entries.sum(q -> atMissing[q] * atMissing[q], partial, par);
    double squared = MuKernels.traceSquares(data.squaredNorm, cross, wtw, gram, k) - missing;
    double magnitude = data.squaredNorm + MuKernels.dot(wtw, gram, k * k);
    return Math.sqrt(Math.max(0, checkedSquares(squared, magnitude)));
  }

  /** The H half: the columns of H by blocks, W's values at their missing entries from W'. */
  @Override
  void updateH() {
    int n = data.n;
    int p = data.p;
    Gemm.transposeMultiply(n, k, p, w, data.filled, wtv, par);
    Gemm.gram(n, k, w, gram, par);
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        wt[c][i] = w[i * k + c];
      }
    }
    double[] g = Penalties.withDiagonal(gram, k, penalties.l2H, gramPenalized);
    par.forEach(columns.blocks, b -> sweep(columns, b, columnBlocks[b], wt, h, wtv, 1, p, g,
        penalties.l1H, floorH, lambdaH));
  }

  /** The W half: the rows of W by blocks, H's values at their missing entries. */
  @Override
  void updateW() {
    int n = data.n;
    int p = data.p;
    Gemm.multiplyTranspose(n, p, k, data.filled, h, vht, par);
    Gemm.multiplyTranspose(k, p, k, h, h, gram, Parallel.serial());
    for (int c = 0; c < k; c++) {
      System.arraycopy(h, c * p, hRows[c], 0, p);
    }
    double[] g = Penalties.withDiagonal(gram, k, penalties.l2W, gramPenalized);
    par.forEach(rows.blocks, b -> sweep(rows, b, rowBlocks[b], hRows, w, vht, k, 1, g,
        penalties.l1W, floorW, lambdaW));
  }

  /**
   * One sweep over the components for the lines of block {@code b}: the factor {@code x} and
   * the targets {@code num} ({@code W'V_0} or {@code V_0 H'}) of line {@code l}, component
   * {@code c}, at {@code l * lineStride + c * componentStride}; {@code other[c]} the other
   * factor's component {@code c} by its index; {@code g} the Gram matrix with the factor's
   * L2 weight on its diagonal, {@code l1} its L1 weight (taken from the targets, as {@link
   * FrobeniusHals} does), {@code floor} its floor and {@code weights} the proximal weight of
   * each component.
   */
  private void sweep(MaskedLines layout, int b, Block s, double[][] other, double[] x,
      double[] num, int lineStride, int componentStride, double[] g, double l1,
      double floor, double[] weights) {
    int[] lines = layout.line[b];
    int width = lines.length;
    int slots = layout.slots(b);
    int[][] index = layout.index[b];
    int[][] position = layout.position[b];
    for (int c = 0; c < k; c++) {
      double[] xc = s.x[c];
      double[] tc = s.t[c];
      for (int l = 0; l < width; l++) {
        int at = lines[l] * lineStride + c * componentStride;
        xc[l] = x[at];
        tc[l] = num[at] - l1;
      }
    }
    for (int q = 0; q < slots; q++) {
      int[] pos = position[q];
      double[] eq = s.e[q];
      for (int l = 0; l < width; l++) {
        eq[l] = pos[l] >= 0 ? atMissing[pos[l]] : 0;
      }
    }
    double[] acc = s.acc;
    double[] sum = s.sum;
    double[] squares = s.squares;
    double[] delta = s.delta;
    double[] observed = s.observed;
    for (int c = 0; c < k; c++) {
      HalsKernel.residual(g, c, k, s.t[c], s.x, width, acc);
      double[] oc = other[c];
      for (int q = 0; q < slots; q++) {
        int[] at = index[q];
        double[] fq = s.f[q];
        for (int l = 0; l < width; l++) {
          fq[l] = oc[at[l]];
        }
      }
      java.util.Arrays.fill(sum, 0, width, 0);
      java.util.Arrays.fill(squares, 0, width, 0);
      int q = 0;
      for (; q + 2 <= slots; q += 2) {
        double[] f0 = s.f[q];
        double[] f1 = s.f[q + 1];
        double[] e0 = s.e[q];
        double[] e1 = s.e[q + 1];
        for (int l = 0; l < width; l++) {
          double y0 = f0[l];
          double y1 = f1[l];
          sum[l] += y0 * e0[l] + y1 * e1[l];
          squares[l] += y0 * y0 + y1 * y1;
        }
      }
      for (; q < slots; q++) {
        double[] f0 = s.f[q];
        double[] e0 = s.e[q];
        for (int l = 0; l < width; l++) {
          double y0 = f0[l];
          sum[l] += y0 * e0[l];
          squares[l] += y0 * y0;
        }
      }
      double gcc = g[c * k + c];
      double weight = weights[c];
      double[] xc = s.x[c];
      int[] unobserved = s.unobserved;
      for (int u = 0; u < unobserved.length; u++) {
        s.old[u] = xc[unobserved[u]];
      }
      for (int l = 0; l < width; l++) {
        double old = xc[l];
        double updated = Math.max(floor,
            old + (acc[l] + sum[l]) / ((gcc - squares[l]) + observed[l] * weight));
        xc[l] = updated;
        delta[l] = updated - old;
      }
      for (int u = 0; u < unobserved.length; u++) {
        // A line with no observed entry (its denominator is 0 up to rounding) sits at the floor.
        int l = unobserved[u];
        delta[l] = floor - s.old[u];
        xc[l] = floor;
      }
      for (q = 0; q < slots; q++) {
        double[] f0 = s.f[q];
        double[] e0 = s.e[q];
        for (int l = 0; l < width; l++) {
          e0[l] += f0[l] * delta[l];
        }
      }
    }
    for (int c = 0; c < k; c++) {
      double[] xc = s.x[c];
      for (int l = 0; l < width; l++) {
        x[lines[l] * lineStride + c * componentStride] = xc[l];
      }
    }
    for (int q = 0; q < slots; q++) {
      int[] pos = position[q];
      double[] eq = s.e[q];
      for (int l = 0; l < width; l++) {
        if (pos[l] >= 0) {
          atMissing[pos[l]] = eq[l];
        }
      }
    }
  }

  /** The scratch of every block of a layout; {@code lines} the other side's size. */
  private Block[] blocks(MaskedLines layout, int lines) {
    Block[] out = new Block[layout.blocks];
    for (int b = 0; b < layout.blocks; b++) {
      out[b] = new Block(layout, b, k, lines);
    }
    return out;
  }

  /**
   * The scratch of one block, allocated once: each block is swept by one task at a time, so
   * the sweeps allocate nothing.
   */
  private static final class Block {
    final double[][] x;
    final double[][] t;
    final double[][] e;
    final double[][] f;
    final double[] acc;
    final double[] sum;
    final double[] squares;
    final double[] delta;
    /** The observed entries of each line (times the proximal weight in a step). */
    final double[] observed;
    /** The lanes whose line has no observed entry, and their values before a step. */
    final int[] unobserved;
    final double[] old;

    Block(MaskedLines layout, int b, int k, int lines) {
      int width = layout.line[b].length;
      int slots = layout.slots(b);
      x = new double[k][width];
      t = new double[k][width];
      e = new double[slots][width];
      f = new double[slots][width];
      acc = new double[width];
      sum = new double[width];
      squares = new double[width];
      delta = new double[width];
      observed = new double[width];
      int[] count = layout.count[b];
      int empty = 0;
      for (int l = 0; l < width; l++) {
        observed[l] = lines - count[l];
        if (count[l] == lines) {
          empty++;
        }
      }
      unobserved = new int[empty];
      old = new double[empty];
      for (int l = 0, u = 0; l < width; l++) {
        if (count[l] == lines) {
          unobserved[u++] = l;
        }
      }
    }
  }
}
