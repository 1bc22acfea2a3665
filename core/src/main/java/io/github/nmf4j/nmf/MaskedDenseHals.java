package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import io.github.nmf4j.linalg.kernel.Rows;

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
 */
final class MaskedDenseHals extends MaskedHalsRule {

  private final double floor;
  private final double lambda;
  /** {@code WH} at the missing entries, CSR order. */
  private final double[] atMissing;
  private final double[] ht = new double[data.p * k];
  private final double[] gram = new double[k * k];
  /** {@link #gram} by rows, one array each, so that C2 vectorizes the loops of the sweep over them. */
  private final double[][] gramRows = new double[k][k];
  private final double[] wtv = new double[k * data.p];
  private final double[] vht = new double[data.n * k];
  private final double[] partial = new double[Math.max(Entries.blocks(data.n),
      MuKernels.blocks(data.n))];

  MaskedDenseHals(Problem problem, Factors start, Observed data) {
    super(problem, start, data, data.missing);
    long observed = (long) data.n * data.p - entries.size();
    double rms = Math.sqrt(data.squaredNorm / observed);
    this.floor = FrobeniusHals.FLOOR * Math.sqrt(rms / k);
    this.lambda = MaskedHals.PROXIMAL * rms / k;
    atMissing = new double[entries.size()];
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
   * the missing entries, from {@code V_0 H'} and {@code HH'} of the last W half.
   */
  @Override
  double squaredSum() {
    int n = data.n;
    Gemm.multiplyTranspose(n, data.p, k, data.filled, h, vht, par);
    Gemm.multiplyTranspose(k, data.p, k, h, h, gram, Parallel.serial());
    double[] wtw = new double[k * k];
    Gemm.transposeMultiply(n, k, k, w, w, wtw, par);
    double cross = MuKernels.dot(w, vht, n, k, 1.0, partial, par);
    double missing = entries.sum(q -> atMissing[q] * atMissing[q], partial, par);
    double squared = data.squaredNorm - 2 * cross + MuKernels.dot(wtw, gram, k * k) - missing;
    return Math.sqrt(Math.max(0, squared));
  }

  /**
   * The H half: column by column, the column's missing rows of W gathered into one array per
   * component (see {@link #sweep} for why).
   */
  @Override
  void updateH() {
    int n = data.n;
    int p = data.p;
    Gemm.transposeMultiply(n, k, p, w, data.filled, wtv, par);
    Gemm.transposeMultiply(n, k, k, w, w, gram, par);
    copyGramRows();
    int[] start = entries.columnStart;
    int[] rows = entries.row;
    int[] position = entries.position;
    par.forEach(Entries.blocks(p), b -> {
      int lo = b * Entries.BLOCK;
      int hi = Math.min(p, lo + Entries.BLOCK);
      int most = MaskedHals.longest(start, lo, hi);
      double[][] f = new double[k][most];
      double[] e = new double[most];
      double[] x = new double[k];
      double[] g = new double[k];
      for (int j = lo; j < hi; j++) {
        int first = start[j];
        int m = start[j + 1] - first;
        for (int c = 0; c < k; c++) {
          double[] fc = f[c];
          for (int t = 0; t < m; t++) {
            fc[t] = w[rows[first + t] * k + c];
          }
        }
        for (int t = 0; t < m; t++) {
          e[t] = atMissing[position[first + t]];
        }
        for (int c = 0; c < k; c++) {
          x[c] = h[c * p + j];
        }
        sweep(x, wtv, j, p, f, e, m, n - m, g);
        for (int c = 0; c < k; c++) {
          h[c * p + j] = x[c];
        }
        for (int t = 0; t < m; t++) {
          atMissing[position[first + t]] = e[t];
        }
      }
    });
  }

  /** The W half: row by row, the row's missing columns of H gathered as in {@link #updateH}. */
  @Override
  void updateW() {
    int n = data.n;
    int p = data.p;
    Gemm.multiplyTranspose(n, p, k, data.filled, h, vht, par);
    Gemm.multiplyTranspose(k, p, k, h, h, gram, Parallel.serial());
    copyGramRows();
    int[] start = entries.rowStart;
    int[] columns = entries.column;
    par.forEach(Entries.blocks(n), b -> {
      int lo = b * Entries.BLOCK;
      int hi = Math.min(n, lo + Entries.BLOCK);
      int most = MaskedHals.longest(start, lo, hi);
      double[][] f = new double[k][most];
      double[] e = new double[most];
      double[] x = new double[k];
      double[] g = new double[k];
      for (int i = lo; i < hi; i++) {
        int first = start[i];
        int m = start[i + 1] - first;
        for (int c = 0; c < k; c++) {
          double[] fc = f[c];
          for (int t = 0, hc = c * p; t < m; t++) {
            fc[t] = h[hc + columns[first + t]];
          }
        }
        System.arraycopy(atMissing, first, e, 0, m);
        System.arraycopy(w, i * k, x, 0, k);
        sweep(x, vht, i * k, 1, f, e, m, p - m, g);
        System.arraycopy(x, 0, w, i * k, k);
        System.arraycopy(e, 0, atMissing, first, m);
      }
    });
  }

  private void copyGramRows() {
    for (int c = 0; c < k; c++) {
      System.arraycopy(gram, c * k, gramRows[c], 0, k);
    }
  }

  /**
   * One sweep over the components of one column of H (row of W) {@code x}: {@code num[at + c
   * * stride]} the dense numerator ({@code W'V_0} or {@code V_0 H'}), {@link #gram} the Gram
   * matrix, {@code f[c]} component {@code c} of the other factor at the {@code m} missing entries,
   * {@code e} their {@code WH}, updated at each step; {@code observed} the observed entries;
   * {@code g} ({@code k}) scratch.
   *
   * <p>Written for the CPU, since this loop is most of a masked HALS iteration: no sum runs as
   * one long chain of dependent additions (C2 does not vectorize a floating-point reduction, so
   * a chain costs one addition latency per term). {@code g = (W'W) x} is formed once, by
   * columns of the Gram matrix (a loop C2 vectorizes), and kept up to date after each step;
   * the sums over the missing entries run on four interleaved accumulators ({@link Rows#dot}). The update of
   * {@code e} is elementwise; C2 (JDK 17) vectorizes it only when both arrays are read at the
   * same index, hence one array per component in {@code f} (a component-major block read at
   * {@code c * m + t} runs scalar: 2x slower at 40 entries, 3.5x at 125, measured).
   */
  private void sweep(double[] x, double[] num, int at, int stride, double[][] f, double[] e, int m,
      int observed, double[] g) {
    java.util.Arrays.fill(g, 0, k, 0);
    for (int l = 0; l < k; l++) {
      double xl = x[l];
      double[] gl = gramRows[l];
      for (int c = 0; c < k; c++) {
        g[c] += gl[c] * xl;
      }
    }
    double prox = observed * lambda;
    for (int c = 0; c < k; c++) {
      double[] fc = f[c];
      double sum = Rows.dot(fc, 0, e, 0, m);
      double squares = Rows.dot(fc, 0, fc, 0, m);
      double a = (num[at + c * stride] - g[c]) + sum;
      double d = (gram[c * k + c] - squares) + prox;
      double old = x[c];
      double updated = observed > 0 ? Math.max(floor, old + a / d) : floor;
      double delta = updated - old;
      x[c] = updated;
      if (delta != 0) {
        for (int t = 0; t < m; t++) {
          e[t] += fc[t] * delta;
        }
        double[] gc = gramRows[c];
        for (int l = 0; l < k; l++) {
          g[l] += gc[l] * delta;
        }
      }
    }
  }
}
