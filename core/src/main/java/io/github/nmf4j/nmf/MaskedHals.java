package io.github.nmf4j.nmf;

/**
 * Hierarchical alternating least squares over the observed entries (Cichocki and Phan 2009, with
 * the mask as weights in the manner of Ho's weighted rank-one residue iteration, 2008): one sweep
 * over the components per half-iteration, H first, on the residual {@code R = M .* (V - WH)}
 * kept at the observed entries:
 * <pre>
 *   H[c,j] <- max(f, H[c,j] + sum_i M_ij W_ic R_ij / (sum_i M_ij W_ic^2 + m_j lambda)),
 *   W[i,c] <- max(f, W[i,c] + sum_j M_ij H_cj R_ij / (sum_j M_ij H_cj^2 + m_i lambda))
 * </pre>
 * (R updated at once; m_j, m_i the observed entries of the column, row). Each step minimizes the
 * masked loss plus the proximal term {@code m lambda (x - x_old)^2} over one entry with the others
 * fixed, so the loss never increases, and the fixed points are those of plain HALS. The proximal
 * term, {@code lambda = } {@value #PROXIMAL} {@code rms / k} (the square of a typical factor
 * entry), matters only for a component that has died: when its row of H sits at the floor
 * everywhere, the plain step {@code a / d} divides by about {@code f^2} and blows its column of
 * W up to ~1e16 times the data, which fits the observed entries but predicts the unobserved ones
 * of the columns where that row of H is not at the floor as 1e26 (the digits at rank 12). The
 * problem separates over the columns of H (rows of W): columns run in parallel from the
 * by-column form of the entries, rows from the by-row form, each writing only
 * its own residuals, so the result does not depend on the thread count. The floor {@code f} is
 * {@link FrobeniusHals}'s ({@value FrobeniusHals#FLOOR} times {@code sqrt(rms / k)}, rms over the
 * observed entries); an entry of W (H) whose row (column) of V has no observed entry is set to
 * it. The residual is recomputed from the factors whenever the loss is asked for, so rounding
 * does not accumulate in it.
 *
 * <p>In a transform (H fixed, the model's, of any scale relative to x) the W steps take the
 * weight from H instead ({@link #transformWeights}): {@value #PROXIMAL} times the mean square of
 * each row of H, so that W scales with x.
 *
 * <p>Penalties ({@link MaskedRule}), as in {@link FrobeniusHals}: the step's numerator loses
 * {@code l1 + l2 x_old} and its denominator gains {@code l2}, so that each step minimizes the
 * penalized masked loss (plus the proximal term) over its entry; a factor with an L1 weight has
 * floor 0, so its entries may reach exactly 0.
 */
final class MaskedHals extends MaskedHalsRule {

  /** The proximal weight relative to the square of a typical factor entry, rms / k. */
  static final double PROXIMAL = 1e-4;

  /**
   * The proximal weight {@code lambda} for observed entries of root mean square {@code rms}:
   * {@value #PROXIMAL} {@code rms / k}, or 1 when every observed entry is zero. There the data
   * give no scale and the floor is 0, so with a weight of 0 the step on an entry whose other
   * factor is zero at all its observed entries was {@code 0 / 0}, NaN; with any positive weight
   * it is 0, and the factors stay at the zero start.
   */
  static double proximalWeight(double rms, int k) {
    return rms > 0 ? PROXIMAL * rms / k : 1;
  }

  /**
   * The proximal weight of each component's W steps: {@code lambda} for a fit (both factors
   * move together, so {@code rms / k} is the square of a typical entry of either); for a
   * transform, {@value #PROXIMAL} times the mean square of the component's row of the fixed
   * {@code h} ({@code k x p}), since the model's H need not be of the scale of x (rows far larger
   * or smaller than the fit's data, or components of very different sizes): weighted by x's
   * scale the steps were damped to almost nothing and W stayed near its start. A row of H whose
   * mean square is 0 or not finite keeps {@code lambda}.
   */
  static double[] transformWeights(double[] h, int k, int p, double lambda, boolean fit) {
    double[] weights = new double[k];
    for (int c = 0; c < k; c++) {
      double squares = 0;
      if (!fit) {
        for (int j = 0; j < p; j++) {
          double y = h[c * p + j];
          squares += y * y;
        }
      }
      double weight = PROXIMAL * (squares / p);
      weights[c] = weight > 0 && weight <= Double.MAX_VALUE ? weight : lambda;
    }
    return weights;
  }

  private final double lambda;
  /** The proximal weight of each component's W steps ({@link #transformWeights}). */
  private final double[] lambdaW;
  private final double[] residual;
  private final double[] ht;
  private final double[] partial;

  MaskedHals(Problem problem, Factors start, Observed data, boolean updateH) {
    super(problem, start, data, data.observed, updateH);
    this.lambda = proximalWeight(rms, k);
    this.lambdaW = transformWeights(h, k, data.p, lambda, updateH);
    residual = new double[entries.size()];
    ht = new double[data.p * k];
    partial = new double[Entries.blocks(data.n)];
    refresh();
  }

  /** The masked loss {@code sqrt(sum over observed R^2)} from the kept residuals. */
  @Override
  double computeLoss() {
    return Math.sqrt(entries.sum(q -> residual[q] * residual[q], partial, par));
  }

  /** {@code R = V_s - WH} at the observed entries. */
  @Override
  void refresh() {
    Entries.transpose(h, k, data.p, ht);
    entries.productAt(w, ht, k, residual, par);
    double[] v = data.values;
    for (int q = 0; q < residual.length; q++) {
      residual[q] = v[q] - residual[q];
    }
  }

  /**
   * The H half: column by column. The column's rows of W and its residuals are gathered first
   * into contiguous buffers (W component-major), so the two inner loops over the column's
   * observed entries run on contiguous arrays instead of strided and indirect reads; the sums run
   * in the same order as without the buffers. One buffer per block of columns per half-iteration
   * (the task does not know its thread).
   */
  @Override
  void updateH() {
    int p = data.p;
    int[] start = entries.columnStart;
    int[] position = entries.position;
    double l1H = penalties.l1H;
    double l2H = penalties.l2H;
    par.forEach(Entries.blocks(p), b -> {
      int lo = b * Entries.BLOCK;
      int hi = Math.min(p, lo + Entries.BLOCK);
      int most = longest(start, lo, hi);
      double[] wj = new double[k * most];
      double[] rj = new double[most];
      for (int j = lo; j < hi; j++) {
        int first = start[j];
        int m = start[j + 1] - first;
        gatherColumn(entries, first, m, w, k, residual, wj, rj);
        for (int c = 0; c < k; c++) {
          step(h, c * p + j, wj, c * m, rj, 0, m, l1H, l2H, floorH, lambda);
        }
        for (int t = 0; t < m; t++) {
          residual[position[first + t]] = rj[t];
        }
      }
    });
  }

  /** The W half: row by row, the row's columns of H gathered as in {@link #updateH}. */
  @Override
  void updateW() {
    int n = data.n;
    int p = data.p;
    int[] start = entries.rowStart;
    int[] columns = entries.column;
    double l1W = penalties.l1W;
    double l2W = penalties.l2W;
    par.forEach(Entries.blocks(n), b -> {
      int lo = b * Entries.BLOCK;
      int hi = Math.min(n, lo + Entries.BLOCK);
      int most = longest(start, lo, hi);
      double[] hRows = new double[k * most];
      for (int i = lo; i < hi; i++) {
        int first = start[i];
        int m = start[i + 1] - first;
        for (int c = 0; c < k; c++) {
          int hc = c * p;
          int o = c * m;
          for (int t = 0; t < m; t++) {
            hRows[o + t] = h[hc + columns[first + t]];
          }
        }
        for (int c = 0; c < k; c++) {
          step(w, i * k + c, hRows, c * m, residual, first, m, l1W, l2W, floorW, lambdaW[c]);
        }
      }
    });
  }

  /**
   * One coordinate step on {@code x[at]}: the masked loss plus the penalties ({@code l1 x + l2
   * x^2 / 2}) plus the proximal term minimized over that entry, from the other factor's values
   * {@code f[o, o + m)} and the residuals {@code r[r0, r0 + m)} of its {@code m} observed
   * entries; the residuals are updated at once. Both halves call it, so H and W take the same
   * step. With both weights 0 the penalty terms change nothing, to the bit. {@code lambda} is
   * the proximal weight.
   */
  private void step(double[] x, int at, double[] f, int o, double[] r, int r0, int m,
      double l1, double l2, double floor, double lambda) {
    double a = 0;
    double d = 0;
    for (int t = 0; t < m; t++) {
      double y = f[o + t];
      a += y * r[r0 + t];
      d += y * y;
    }
    double old = x[at];
    a -= l1 + l2 * old;
    d += m * lambda;
    d += l2;
    double updated = m > 0 ? Math.max(floor, old + a / d) : floor;
    double delta = updated - old;
    x[at] = updated;
    if (delta != 0) {
      for (int t = 0; t < m; t++) {
        r[r0 + t] -= f[o + t] * delta;
      }
    }
  }

  /**
   * Gathers the {@code m} entries of a column from CSC position {@code first}: the rows of
   * {@code w} ({@code n x k}) component-major into {@code wj}, and the values of {@code kept}
   * (one per entry, CSR order) into {@code kj}.
   */
  static void gatherColumn(Entries entries, int first, int m, double[] w, int k, double[] kept,
      double[] wj, double[] kj) {
    for (int t = 0; t < m; t++) {
      int base = entries.row[first + t] * k;
      for (int c = 0; c < k; c++) {
        wj[c * m + t] = w[base + c];
      }
      kj[t] = kept[entries.position[first + t]];
    }
  }

  /** The most observed entries of the columns (rows) {@code [lo, hi)} of an index. */
  private static int longest(int[] start, int lo, int hi) {
    int most = 0;
    for (int q = lo; q < hi; q++) {
      most = Math.max(most, start[q + 1] - start[q]);
    }
    return most;
  }
}
