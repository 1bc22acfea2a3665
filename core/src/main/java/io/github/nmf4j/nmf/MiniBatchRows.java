package io.github.nmf4j.nmf;

import java.util.Arrays;

/**
 * The row kernels of {@link MiniBatchSolver}: for one row of a batch, scikit-learn 1.2's
 * multiplicative update of W ({@code _multiplicative_update_w}), the row's share of the next H
 * update and the row's terms of {@code _beta_divergence}, with scikit-learn's guards (a zero in
 * WH or a denominator becomes float32's epsilon) and numpy's exact powers.
 */
final class MiniBatchRows {

  /** numpy's {@code np.finfo(np.float32).eps}, scikit-learn's {@code EPSILON}. */
  static final double EPSILON = 1.1920928955078125e-07;

  private final int p;
  private final int k;
  private final double beta;
  private final double gamma;
  /** HH' (Frobenius) or H's row sums (Kullback-Leibler) of the current H. */
  private final double[] hh;
  private final double[] hRowSums;
  /**
   * H transposed ({@code p x k}): the row products {@code x H'} then run as axpy over the k
   * components (vectorized) instead of k dot products over p (latency-bound reductions).
   */
  private final double[] ht;

  /** The buffers of one row. */
  static final class RowScratch {
    final double[] wh;
    final double[] r;
    final double[] q;
    final double[] num;
    final double[] den;
    final double[] before;

    RowScratch(int p, int k) {
      wh = new double[p];
      r = new double[p];
      q = new double[p];
      num = new double[k];
      den = new double[k];
      before = new double[k];
    }
  }

  MiniBatchRows(int p, int k, double beta) {
    this.p = p;
    this.k = k;
    this.beta = beta;
    this.gamma = BetaKernels.gamma(beta);
    hh = new double[k * k];
    hRowSums = new double[k];
    ht = new double[p * k];
  }

  /** H', and HH' (Frobenius) or H's row sums (Kullback-Leibler) for the W updates. */
  void prepare(double[] h) {
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < p; j++) {
        ht[j * k + c] = h[c * p + j];
      }
    }
    if (beta == 2) {
      for (int c = 0; c < k; c++) {
        for (int d = 0; d < k; d++) {
          double sum = 0;
          for (int j = 0; j < p; j++) {
            sum += h[c * p + j] * h[d * p + j];
          }
          hh[c * k + d] = sum;
        }
      }
    } else if (beta == 1) {
      for (int c = 0; c < k; c++) {
        double sum = 0;
        for (int j = 0; j < p; j++) {
          sum += h[c * p + j];
        }
        hRowSums[c] = sum;
      }
    }
  }

  /** scikit-learn's {@code _multiplicative_update_w} for one row. */
  void updateWRow(double[] x, int xOff, double[] w, int wRow, double[] h, double l1W,
      double l2W, RowScratch s) {
    double[] num = s.num;
    double[] den = s.den;
    Arrays.fill(num, 0);
    if (beta == 2) {
      for (int j = 0; j < p; j++) {
        double xj = x[xOff + j];
        for (int c = 0, off = j * k; c < k; c++) {
          num[c] += xj * ht[off + c];
        }
      }
      for (int c = 0; c < k; c++) {
        double d = 0;
        for (int e = 0; e < k; e++) {
          d += w[wRow + e] * hh[e * k + c];
        }
        den[c] = d;
      }
    } else {
      terms(x, xOff, w, wRow, h, s);
      if (beta == 1) {
        for (int c = 0; c < k; c++) {
          den[c] = hRowSums[c] == 0 ? 1 : hRowSums[c];
        }
      } else {
        Arrays.fill(den, 0);
      }
      for (int j = 0; j < p; j++) {
        double rj = s.r[j];
        double qj = s.q[j];
        int off = j * k;
        for (int c = 0; c < k; c++) {
          num[c] += rj * ht[off + c];
        }
        if (beta != 1) {
          for (int c = 0; c < k; c++) {
            den[c] += qj * ht[off + c];
          }
        }
      }
    }
    for (int c = 0; c < k; c++) {
      double d = den[c];
      if (l1W > 0) {
        d += l1W;
      }
      if (l2W > 0) {
        d = d + l2W * w[wRow + c];
      }
      if (d == 0) {
        d = EPSILON;
      }
      double delta = num[c] / d;
      if (gamma != 1) {
        delta = power(delta, gamma);
      }
      w[wRow + c] *= delta;
    }
  }

  /**
   * {@code wh = (WH)_row}, {@code r = X .* WH^(beta-2)} and {@code q = WH^(beta-1)} with
   * scikit-learn's replacements of zeros in WH (float32's epsilon).
   */
  private void terms(double[] x, int xOff, double[] w, int wRow, double[] h, RowScratch s) {
    double[] wh = s.wh;
    Arrays.fill(wh, 0);
    for (int c = 0; c < k; c++) {
      double wc = w[wRow + c];
      int hOff = c * p;
      for (int j = 0; j < p; j++) {
        wh[j] += wc * h[hOff + j];
      }
    }
    for (int j = 0; j < p; j++) {
      double y = wh[j];
      double safe = beta < 2 && y == 0 ? EPSILON : y;
      double xv = x[xOff + j];
      s.r[j] = beta == 1 ? xv / safe
          : beta == 0 ? square(1 / safe) * xv : power(safe, beta - 2) * xv;
      if (beta != 1) {
        s.q[j] = power(beta < 1 && y == 0 ? EPSILON : y, beta - 1);
      }
    }
  }

  /**
   * Adds the row's share of the next H update to the chunk's sums (new W, old H) and returns its
   * share of the divergence (see {@link #finishDivergence}).
   */
  double accumulateH(double[] x, int xOff, double[] w, int wRow, double[] h,
      double[] num, double[] den, double[] colSums, RowScratch s) {
    for (int c = 0; c < k; c++) {
      colSums[c] += w[wRow + c];
    }
    if (beta == 2) {
      double[] wh = s.wh;
      Arrays.fill(wh, 0);
      for (int c = 0; c < k; c++) {
        double wc = w[wRow + c];
        for (int j = 0, off = c * p; j < p; j++) {
          wh[j] += wc * h[off + j];
          num[off + j] += wc * x[xOff + j];
        }
        for (int e = 0; e < k; e++) {
          den[c * k + e] += wc * w[wRow + e];
        }
      }
      double sum = 0;
      for (int j = 0; j < p; j++) {
        double d = x[xOff + j] - wh[j];
        sum += d * d;
      }
      return sum;
    }
    terms(x, xOff, w, wRow, h, s);
    for (int c = 0; c < k; c++) {
      double wc = w[wRow + c];
      for (int j = 0, off = c * p; j < p; j++) {
        num[off + j] += wc * s.r[j];
        if (beta != 1) {
          den[off + j] += wc * s.q[j];
        }
      }
    }
    return divergenceTerms(x, xOff, s.wh);
  }

  /**
   * The row's terms of scikit-learn's {@code _beta_divergence} (beta other than 2): entries of X
   * above float32's epsilon, a zero of WH replaced by it; the parts over all entries are added
   * by {@link #finishDivergence}.
   */
  double divergenceTerms(double[] x, int xOff, double[] wh) {
    double sum = 0;
    for (int j = 0; j < p; j++) {
      double xv = x[xOff + j];
      if (beta != 1 && beta != 0) {
        sum += power(wh[j], beta) * (beta - 1) / (beta * (beta - 1));
      }
      if (!(xv > EPSILON)) {
        continue;
      }
      double y = wh[j] == 0 ? EPSILON : wh[j];
      if (beta == 1) {
        sum += xv * Math.log(xv / y) - xv;
      } else if (beta == 0) {
        double div = xv / y;
        sum += div - Math.log(div);
      } else {
        sum += (power(xv, beta) - beta * xv * power(y, beta - 1)) / (beta * (beta - 1));
      }
    }
    return sum;
  }

  /** Completes the batch's divergence from the summed row terms. */
  double finishDivergence(double sum, double[] w, int wOff, int rows, double[] h) {
    if (beta == 2) {
      return sum / 2;
    }
    if (beta == 1) {
      // sum(WH) = (1'W)(H 1)
      double total = 0;
      for (int c = 0; c < k; c++) {
        double colSum = 0;
        for (int i = 0; i < rows; i++) {
          colSum += w[wOff + i * k + c];
        }
        double rowSum = 0;
        for (int j = 0; j < p; j++) {
          rowSum += h[c * p + j];
        }
        total += colSum * rowSum;
      }
      return sum + total;
    }
    if (beta == 0) {
      return sum - (double) rows * p;
    }
    return sum;
  }

  private static double square(double v) {
    return v * v;
  }

  /** {@code v^e} with numpy's exact cases for the exponents 2, -1, 0.5, 1 and 0. */
  static double power(double v, double e) {
    if (e == 2) {
      return v * v;
    }
    if (e == 1) {
      return v;
    }
    if (e == -1) {
      return 1 / v;
    }
    if (e == 0.5) {
      return Math.sqrt(v);
    }
    if (e == 0) {
      return 1;
    }
    return Math.pow(v, e);
  }
}
