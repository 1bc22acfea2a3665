package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The arithmetic of scikit-learn 1.2's {@code MiniBatchNMF} on raw (unscaled) row-major
 * {@code double[]}: one mini-batch step ({@code _minibatch_step}: W's rows of the batch, the
 * batch's cost, H's online update from the running sums A and B), the W-only solve ({@code
 * _solve_W}) and the final errors. The updates are Févotte and Idier's multiplicative updates
 * for the beta-divergence, with scikit-learn's guards (a zero in WH or a denominator becomes
 * float32's epsilon; for beta below 1 entries of W, and for beta up to 1 entries of H, below
 * double's epsilon become 0), so that from the same start the factors are scikit-learn's.
 *
 * <p>Rows are processed in chunks of {@link #CHUNK} fixed by the shapes; each chunk sums its
 * share of {@code W'R} and {@code W'P} (or {@code W'X} and {@code W'W} for Frobenius) and the
 * chunks are added in order, so results do not depend on the thread count. Per row of the batch
 * the work is: {@code WH} of the row, the element-wise terms, and the row's products with H;
 * nothing of size {@code batch x p} is held.
 */
final class MiniBatchSolver {

  /** Rows per parallel task. */
  static final int CHUNK = 64;
  private static final double EPSILON = MiniBatchRows.EPSILON;
  /** {@code np.finfo(np.float64).eps}, scikit-learn's clamp of small factors for beta < 1. */
  private static final double DOUBLE_EPS = Math.ulp(1.0);

  private final int p;
  private final int k;
  private final double beta;
  private final double gamma;
  private final double alphaW;
  private final double alphaH;
  private final double l1Ratio;
  private final Parallel par;
  private final MiniBatchRows kernels;
  /** Per-chunk sums of one batch, {@code maxChunks x k x p} each, and per-chunk scalars. */
  private final double[][] numerators;
  private final double[][] denominators;
  private final double[][] wColumnSums;
  private final double[] chunkValues;
  private final double[] chunkValues2;
  /** The denominator of the H update, {@code k x p}. */
  private final double[] hDenominator;
  private final ConcurrentLinkedQueue<MiniBatchRows.RowScratch> scratch =
      new ConcurrentLinkedQueue<>();


  MiniBatchSolver(int p, int k, double beta, double alphaW, double alphaH, double l1Ratio,
      int maxBatchRows, Parallel par) {
    this.p = p;
    this.k = k;
    this.beta = beta;
    this.gamma = BetaKernels.gamma(beta);
    this.alphaW = alphaW;
    this.alphaH = alphaH;
    this.l1Ratio = l1Ratio;
    this.par = par;
    int chunks = (maxBatchRows + CHUNK - 1) / CHUNK;
    numerators = new double[chunks][k * p];
    denominators = new double[chunks][beta == 2 ? k * k : beta == 1 ? 0 : k * p];
    wColumnSums = new double[chunks][k];
    chunkValues = new double[Math.max(chunks, 1)];
    chunkValues2 = new double[Math.max(chunks, 1)];
    this.kernels = new MiniBatchRows(p, k, beta);
    hDenominator = new double[k * p];
  }

  /**
   * One step on the {@code rows} rows of {@code x} from {@code row0} with their W at {@code
   * w[wOff ..]} ({@code fresh}: solved from scratch first, as a fresh restart or a partial fit
   * does; else one update from its current value), then H's online update with the running sums
   * {@code a} and {@code b} weighted by {@code rho}. Returns scikit-learn's batch cost: the
   * penalized objective of the batch (new W, old H) divided by its rows.
   */
  double step(double[] x, int row0, int rows, double[] w, int wOff, double[] h, boolean fresh,
      int freshIterations, double tolerance, double[] a, double[] b, double rho) {
    double l1W = p * alphaW * l1Ratio;
    double l2W = p * alphaW * (1 - l1Ratio);
    double l1H = rows * alphaH * l1Ratio;
    double l2H = rows * alphaH * (1 - l1Ratio);
    if (fresh) {
      solveW(x, row0, rows, h, w, wOff, freshIterations, tolerance);
    }
    kernels.prepare(h);
    int chunks = (rows + CHUNK - 1) / CHUNK;
    par.forEach(chunks, c -> {
      MiniBatchRows.RowScratch s = take();
      int from = c * CHUNK;
      int to = Math.min(rows, from + CHUNK);
      double[] num = numerators[c];
      double[] den = denominators[c];
      double[] colSums = wColumnSums[c];
      Arrays.fill(num, 0);
      Arrays.fill(den, 0);
      Arrays.fill(colSums, 0);
      double cost = 0;
      double penalty = 0;
      for (int i = from; i < to; i++) {
        int xOff = (row0 + i) * p;
        int wRow = wOff + i * k;
        if (!fresh) {
          kernels.updateWRow(x, xOff, w, wRow, h, l1W, l2W, s);
        }
        if (beta < 1) {
          for (int l = 0; l < k; l++) {
            if (w[wRow + l] < DOUBLE_EPS) {
              w[wRow + l] = 0;
            }
          }
        }
        cost += kernels.accumulateH(x, xOff, w, wRow, h, num, den, colSums, s);
        for (int l = 0; l < k; l++) {
          double v = w[wRow + l];
          penalty += l1W * v + l2W * v * v;
        }
      }
      chunkValues[c] = cost;
      chunkValues2[c] = penalty;
      scratch.add(s);
    });
    double divergence = 0;
    double penalties = 0;
    for (int c = 0; c < chunks; c++) {
      divergence += chunkValues[c];
      penalties += chunkValues2[c];
    }
    divergence = kernels.finishDivergence(divergence, w, wOff, rows, h);
    double hPenalty = 0;
    for (double v : h) {
      hPenalty += l1H * v + l2H * v * v;
    }
    double batchCost = (divergence + penalties + hPenalty) / rows;
    updateH(h, chunks, l1H, l2H, a, b, rho);
    return batchCost;
  }


  /** scikit-learn's {@code _multiplicative_update_h} with the running sums A and B. */
  private void updateH(double[] h, int chunks, double l1H, double l2H, double[] a, double[] b,
      double rho) {
    double[] num = numerators[0];
    for (int c = 1; c < chunks; c++) {
      double[] more = numerators[c];
      for (int i = 0; i < num.length; i++) {
        num[i] += more[i];
      }
    }
    double[] den;
    if (beta == 2) {
      double[] wtw = denominators[0];
      for (int c = 1; c < chunks; c++) {
        for (int i = 0; i < wtw.length; i++) {
          wtw[i] += denominators[c][i];
        }
      }
      den = hDenominator;
      Arrays.fill(den, 0);
      for (int c = 0; c < k; c++) {
        for (int e = 0; e < k; e++) {
          double g = wtw[c * k + e];
          for (int j = 0; j < p; j++) {
            den[c * p + j] += g * h[e * p + j];
          }
        }
      }
    } else if (beta == 1) {
      double[] sums = wColumnSums[0];
      for (int c = 1; c < chunks; c++) {
        for (int l = 0; l < k; l++) {
          sums[l] += wColumnSums[c][l];
        }
      }
      den = hDenominator;
      for (int c = 0; c < k; c++) {
        Arrays.fill(den, c * p, (c + 1) * p, sums[c] == 0 ? 1 : sums[c]);
      }
    } else {
      den = denominators[0];
      for (int c = 1; c < chunks; c++) {
        for (int i = 0; i < den.length; i++) {
          den[i] += denominators[c][i];
        }
      }
    }
    for (int i = 0; i < h.length; i++) {
      double d = den[i];
      if (l1H > 0) {
        d += l1H;
      }
      if (l2H > 0) {
        d = d + l2H * h[i];
      }
      if (d == 0) {
        d = EPSILON;
      }
      double old = gamma != 1 ? MiniBatchRows.power(h[i], 1 / gamma) : h[i];
      a[i] = a[i] * rho + num[i] * old;
      b[i] = b[i] * rho + d;
      double v = a[i] / b[i];
      if (gamma != 1) {
        v = MiniBatchRows.power(v, gamma);
      }
      if (beta <= 1 && v < DOUBLE_EPS) {
        v = 0;
      }
      h[i] = v;
    }
  }

  /**
   * scikit-learn's {@code _solve_W}: W of the rows from the constant {@code sqrt(mean(X) / k)},
   * updated with H fixed until {@code ||W - W_prev||_F / ||W||_F <= tolerance} (when {@code
   * tolerance > 0}) or {@code maxIterations} updates.
   */
  void solveW(double[] x, int row0, int rows, double[] h, double[] w, int wOff,
      int maxIterations, double tolerance) {
    double sum = 0;
    for (int i = row0 * p, end = (row0 + rows) * p; i < end; i++) {
      sum += x[i];
    }
    double avg = Math.sqrt(sum / ((double) rows * p) / k);
    Arrays.fill(w, wOff, wOff + rows * k, avg);
    double l1W = p * alphaW * l1Ratio;
    double l2W = p * alphaW * (1 - l1Ratio);
    kernels.prepare(h);
    int chunks = (rows + CHUNK - 1) / CHUNK;
    double[] changes = new double[chunks];
    double[] norms = new double[chunks];
    for (int it = 0; it < maxIterations; it++) {
      par.forEach(chunks, c -> {
        MiniBatchRows.RowScratch s = take();
        double change = 0;
        double norm = 0;
        double[] before = s.before;
        for (int i = c * CHUNK, to = Math.min(rows, i + CHUNK); i < to; i++) {
          int wRow = wOff + i * k;
          System.arraycopy(w, wRow, before, 0, k);
          kernels.updateWRow(x, (row0 + i) * p, w, wRow, h, l1W, l2W, s);
          for (int l = 0; l < k; l++) {
            double d = w[wRow + l] - before[l];
            change += d * d;
            norm += w[wRow + l] * w[wRow + l];
          }
        }
        changes[c] = change;
        norms[c] = norm;
        scratch.add(s);
      });
      double change = 0;
      double norm = 0;
      for (int c = 0; c < chunks; c++) {
        change += changes[c];
        norm += norms[c];
      }
      if (tolerance > 0 && Math.sqrt(change) / Math.sqrt(norm) <= tolerance) {
        break;
      }
    }
  }

  /**
   * scikit-learn's {@code _beta_divergence(X, W, H, beta)} of all {@code n} rows (W for them at
   * {@code w}), and {@code ||X - WH||_F^2} in {@code out[1]}; {@code out[0]} the divergence.
   */
  void errors(double[] x, int n, double[] w, double[] h, double[] out) {
    int chunks = (n + CHUNK - 1) / CHUNK;
    double[] div = new double[chunks];
    double[] sq = new double[chunks];
    par.forEach(chunks, c -> {
      MiniBatchRows.RowScratch s = take();
      double d = 0;
      double q = 0;
      for (int i = c * CHUNK, to = Math.min(n, i + CHUNK); i < to; i++) {
        double[] wh = s.wh;
        Arrays.fill(wh, 0);
        for (int l = 0; l < k; l++) {
          double wl = w[i * k + l];
          for (int j = 0; j < p; j++) {
            wh[j] += wl * h[l * p + j];
          }
        }
        for (int j = 0; j < p; j++) {
          double e = x[i * p + j] - wh[j];
          q += e * e;
        }
        if (beta != 2) {
          d += kernels.divergenceTerms(x, i * p, wh);
        }
      }
      div[c] = d;
      sq[c] = q;
      scratch.add(s);
    });
    double d = 0;
    double q = 0;
    for (int c = 0; c < chunks; c++) {
      d += div[c];
      q += sq[c];
    }
    out[0] = beta == 2 ? q / 2 : kernels.finishDivergence(d, w, 0, n, h);
    out[1] = q;
  }

  private MiniBatchRows.RowScratch take() {
    MiniBatchRows.RowScratch s = scratch.poll();
    return s != null ? s : new MiniBatchRows.RowScratch(p, k);
  }

}
