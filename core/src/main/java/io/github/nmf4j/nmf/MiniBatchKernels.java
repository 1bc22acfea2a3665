package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/**
 * The block kernels of {@link MiniBatchSolver}: for a block of at most {@link #BLOCK} rows of a
 * batch, {@linkplain MiniBatchRows#load loaded} into a {@link MiniBatchBlock} (a dense block and
 * a sparse one both read in place, the sparse one by {@link MiniBatchSparse}), scikit-learn 1.2's
 * multiplicative update of W
 * ({@code _multiplicative_update_w}), the block's share of the next H update and the block's
 * terms of {@code _beta_divergence}, with scikit-learn's guards (a zero in WH or a denominator
 * becomes float32's epsilon) and numpy's exact powers.
 *
 * <p>The products ({@code X_b H'}, {@code W_b H}, {@code R_b H'}, {@code W_b' X_b}, ...) run on
 * {@link Gemm} over the block, as scikit-learn's run on BLAS over the batch, but for the two that
 * read a dense X, which {@link BlockProducts} forms from V in place; only the {@code k
 * x k} products and the element-wise terms are loops here. Frobenius needs two {@code 2 rows p k}
 * products per block and step ({@code X_b H'} and {@code W_b' X_b}): the batch cost comes from the
 * trace identity {@code ||X_b||^2 - 2 <W_b' X_b, H> + <W_b' W_b, H H'>}, without {@code W_b H}
 * (scikit-learn forms it, a third product; its own sparse path uses the identity). The other
 * betas need six ({@code W_b H} and the terms twice, their products with {@code H'} and {@code
 * W_b'}), as scikit-learn.
 */
final class MiniBatchKernels {

  /** numpy's {@code np.finfo(np.float32).eps}, scikit-learn's {@code EPSILON}. */
  static final double EPSILON = 1.1920928955078125e-07;
  /**
   * Rows per block, the unit of parallel work and of the sums added in order: 128 took 3.2-3.4
   * s for 4 passes over Fashion-MNIST at rank 20 (one thread, CPU time), 64 4.6-5.0 s, 192-512
   * 3.3-3.7 s.
   */
  static final int BLOCK = 128;

  private final int p;
  private final int k;
  private final double beta;
  private final double gamma;
  /** HH' (Frobenius) or H's row sums (Kullback-Leibler) of the prepared H. */
  private final double[] hh;
  private final double[] hRowSums;
  /** H' ({@code p x k}) of the prepared H, for sparse blocks. */
  private final double[] ht;

  MiniBatchKernels(int p, int k, double beta) {
    this.p = p;
    this.k = k;
    this.beta = beta;
    this.gamma = BetaKernels.gamma(beta);
    hh = new double[k * k];
    hRowSums = new double[k];
    ht = new double[p * k];
  }

  /**
   * HH' (Frobenius) or H's row sums (Kullback-Leibler) of {@code h} for the W updates, and H'
   * ({@code p x k}) when the blocks are {@code sparse}.
   */
  void prepare(double[] h, boolean sparse) {
    if (beta == 2) {
      Gemm.multiplyTranspose(k, p, k, h, h, hh, Parallel.serial());
    } else if (beta == 1) {
      for (int c = 0; c < k; c++) {
        double sum = 0;
        for (int j = 0; j < p; j++) {
          sum += h[c * p + j];
        }
        hRowSums[c] = sum;
      }
    }
    if (sparse) {
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < p; j++) {
          ht[j * k + c] = h[c * p + j];
        }
      }
    }
  }

  /**
   * The numerator and denominator of the W update of the block's rows ({@code b.numW}, {@code
   * b.denW}); for Frobenius with {@code numeratorReady} the numerator {@code X_b H'} is kept (H
   * has not changed since it was formed: the W-only solve).
   */
  void wTerms(int rows, double[] h, boolean numeratorReady, MiniBatchBlock b) {
    MiniBatchRows.Sparse sparse = sparse(b);
    if (beta == 2) {
      if (numeratorReady) {
        // kept
      } else if (sparse != null) {
        MiniBatchSparse.timesHt(sparse, b.row0, rows, sparse.values, 0, k, ht, b.numW);
      } else {
        b.frobenius().timesHt(b.x, b.xOff, rows, h, b.numW);
      }
      Gemm.multiply(rows, k, k, b.w, hh, b.denW, Parallel.serial());
      return;
    }
    if (sparse != null) {
      double[] wh = beta == 1 ? null : modelPowers(rows, h, b);
      MiniBatchSparse.ratios(sparse, b.row0, rows, b.w, ht, wh, k, beta, b.r());
      MiniBatchSparse.timesHt(sparse, b.row0, rows, b.r(), sparse.pointers[b.row0], k, ht,
          b.numW);
    } else {
      Gemm.multiply(rows, k, p, b.w, h, b.wh(), Parallel.serial());
      terms(rows * p, b);
      Gemm.multiplyTranspose(rows, p, k, b.r(), h, b.numW, Parallel.serial());
    }
    if (beta == 1) {
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < k; c++) {
          b.denW[i * k + c] = hRowSums[c] == 0 ? 1 : hRowSums[c];
        }
      }
    } else {
      Gemm.multiplyTranspose(rows, p, k, b.q(), h, b.denW, Parallel.serial());
    }
  }

  /** The block's rows as sparse rows, or null for dense ones. */
  private static MiniBatchRows.Sparse sparse(MiniBatchBlock b) {
    return b.rows.sparse() ? (MiniBatchRows.Sparse) b.rows : null;
  }

  /**
   * A sparse block (beta other than 1 and 2): {@code b.wh = W_b H} and {@code b.q =
   * WH^(beta-1)} over all entries, as {@link #terms} (scikit-learn's row-by-row {@code WHHt} of
   * its sparse path); returns {@code b.wh}.
   */
  private double[] modelPowers(int rows, double[] h, MiniBatchBlock b) {
    double[] wh = b.wh();
    double[] q = b.q();
    Gemm.multiply(rows, k, p, b.w, h, wh, Parallel.serial());
    for (int j = 0, len = rows * p; j < len; j++) {
      double y = wh[j];
      q[j] = power(beta < 1 && y == 0 ? EPSILON : y, beta - 1);
    }
    return wh;
  }

  /** The multiplicative step of W from {@link #wTerms}, with the penalties' weights. */
  void updateW(int rows, double l1W, double l2W, MiniBatchBlock b) {
    double[] w = b.w;
    for (int i = 0, len = rows * k; i < len; i++) {
      double delta = b.numW[i] / penalized(b.denW[i], l1W, l2W, w[i]);
      if (gamma != 1) {
        delta = power(delta, gamma);
      }
      w[i] *= delta;
    }
  }

  /**
   * The denominator {@code d} of a multiplicative step of the factor entry {@code x} with the
   * penalties' weights, scikit-learn's {@code d + l1 + l2 x} (each term added only for a positive
   * weight, in that order), a zero replaced by {@link #EPSILON}; the W and H steps share it.
   */
  static double penalized(double d, double l1, double l2, double x) {
    if (l1 > 0) {
      d += l1;
    }
    if (l2 > 0) {
      d = d + l2 * x;
    }
    return d == 0 ? EPSILON : d;
  }

  /**
   * {@code r = X .* WH^(beta-2)} and {@code q = WH^(beta-1)} from {@code b.wh} with
   * scikit-learn's replacements of zeros in WH (float32's epsilon).
   */
  private void terms(int len, MiniBatchBlock b) {
    double[] wh = b.wh();
    double[] x = b.x;
    int xOff = b.xOff;
    double[] r = b.r();
    double[] q = b.q();
    for (int j = 0; j < len; j++) {
      double y = wh[j];
      double safe = beta < 2 && y == 0 ? EPSILON : y;
      double xv = x[xOff + j];
      r[j] = beta == 1 ? xv / safe
          : beta == 0 ? square(1 / safe) * xv : power(safe, beta - 2) * xv;
      if (beta != 1) {
        q[j] = power(beta < 1 && y == 0 ? EPSILON : y, beta - 1);
      }
    }
  }

  /**
   * For the block's (new) W and the prepared (old) H: writes its share of the next H update,
   * {@code W_b' X_b} or {@code W_b' R_b} to {@code num} and {@code W_b' W_b} or {@code W_b' Q_b}
   * to {@code den}, W's column sums to {@code colSums} (Kullback-Leibler), and returns its share
   * of the divergence (see {@link #finishDivergence}; Frobenius: 0, the caller adds {@code
   * ||X||^2} and {@link #frobeniusModelTerms} of the batch's sums).
   */
  double hTerms(int rows, double[] h, double[] num, double[] den, double[] colSums,
      MiniBatchBlock b) {
    MiniBatchRows.Sparse sparse = sparse(b);
    if (beta == 2) {
      if (sparse != null) {
        MiniBatchSparse.transposeTimes(sparse, b.row0, rows, sparse.values, 0, b.w, k, b.pk(),
            num);
      } else {
        b.frobenius().transposeTimes(b.w, b.x, b.xOff, rows, num);
      }
      Gemm.gram(rows, k, b.w, den, Parallel.serial());
      return 0;
    }
    if (beta == 1) {
      Arrays.fill(colSums, 0);
      for (int i = 0; i < rows; i++) {
        for (int c = 0; c < k; c++) {
          colSums[c] += b.w[i * k + c];
        }
      }
    }
    if (sparse == null) {
      Gemm.multiply(rows, k, p, b.w, h, b.wh(), Parallel.serial());
      terms(rows * p, b);
      Gemm.transposeMultiply(rows, k, p, b.w, b.r(), num, Parallel.serial());
      if (beta != 1) {
        Gemm.transposeMultiply(rows, k, p, b.w, b.q(), den, Parallel.serial());
      }
      return divergenceTerms(rows * p, b);
    }
    double[] wh = beta == 1 ? null : modelPowers(rows, h, b);
    MiniBatchSparse.ratios(sparse, b.row0, rows, b.w, ht, wh, k, beta, b.r());
    MiniBatchSparse.transposeTimes(sparse, b.row0, rows, b.r(), sparse.pointers[b.row0], b.w,
        k, b.pk(), num);
    if (beta != 1) {
      Gemm.transposeMultiply(rows, k, p, b.w, b.q(), den, Parallel.serial());
    }
    return modelDivergence(rows, wh)
        + MiniBatchSparse.divergence(sparse, b.row0, rows, b.w, ht, wh, k, beta);
  }

  /**
   * A sparse block's terms of the divergence over all entries (beta other than 0, 1 and 2):
   * {@code sum(WH^beta) / beta}, as {@link #divergenceTerms} adds them entry by entry.
   */
  private double modelDivergence(int rows, double[] wh) {
    if (beta == 0 || beta == 1) {
      return 0;
    }
    double sum = 0;
    for (int j = 0, len = rows * p; j < len; j++) {
      sum += power(wh[j], beta) * (beta - 1) / (beta * (beta - 1));
    }
    return sum;
  }

  /**
   * Frobenius: the terms of the batch's {@code ||X - WH||^2} besides {@code ||X||^2}, {@code -2
   * <W'X, H> + <W'W, HH'>}, from the batch's sums {@code W'X} and {@code W'W} and the prepared H.
   */
  double frobeniusModelTerms(double[] wtx, double[] wtw, double[] h) {
    double cross = 0;
    for (int i = 0, len = k * p; i < len; i++) {
      cross += wtx[i] * h[i];
    }
    double model = 0;
    for (int i = 0; i < k * k; i++) {
      model += wtw[i] * hh[i];
    }
    return model - 2 * cross;
  }

  /**
   * The block's {@code ||X_b - W_b H||^2}, and in {@code out[0]} its terms of the divergence
   * (beta other than 2; see {@link #finishDivergence}); returns the former.
   */
  double errors(int rows, double[] h, MiniBatchBlock b, double[] out) {
    double[] wh = b.wh();
    Gemm.multiply(rows, k, p, b.w, h, wh, Parallel.serial());
    MiniBatchRows.Sparse sparse = sparse(b);
    if (sparse != null) {
      out[0] = beta == 2 ? 0 : modelDivergence(rows, wh)
          + MiniBatchSparse.divergence(sparse, b.row0, rows, b.w, ht, wh, k, beta);
      return MiniBatchSparse.squaredError(sparse, b.row0, rows, wh);
    }
    double[] x = b.x;
    int xOff = b.xOff;
    double q = 0;
    for (int j = 0, len = rows * p; j < len; j++) {
      double e = x[xOff + j] - wh[j];
      q += e * e;
    }
    out[0] = beta != 2 ? divergenceTerms(rows * p, b) : 0;
    return q;
  }

  /**
   * The block's terms of scikit-learn's {@code _beta_divergence} (beta other than 2) from {@code
   * b.x} and {@code b.wh}: entries of X above float32's epsilon, a zero of WH replaced by it; the
   * parts over all entries are added by {@link #finishDivergence}.
   */
  private double divergenceTerms(int len, MiniBatchBlock b) {
    double[] x = b.x;
    int xOff = b.xOff;
    double[] wh = b.wh();
    double sum = 0;
    for (int j = 0; j < len; j++) {
      double xv = x[xOff + j];
      if (beta != 1 && beta != 0) {
        sum += power(wh[j], beta) * (beta - 1) / (beta * (beta - 1));
      }
      if (!(xv > EPSILON)) {
        continue;
      }
      sum += dataTerm(xv, wh[j] == 0 ? EPSILON : wh[j], beta);
    }
    return sum;
  }

  /**
   * The term of {@code _beta_divergence} of an entry {@code x > EPSILON} with the model's {@code
   * y > 0}: {@code x log(x / y) - x} (beta 1), {@code x / y - log(x / y)} (beta 0), else {@code
   * (x^beta - beta x y^(beta - 1)) / (beta (beta - 1))}.
   */
  static double dataTerm(double xv, double y, double beta) {
    if (beta == 1) {
      return xv * Math.log(xv / y) - xv;
    } else if (beta == 0) {
      double div = xv / y;
      return div - Math.log(div);
    }
    return (power(xv, beta) - beta * xv * power(y, beta - 1)) / (beta * (beta - 1));
  }

  /**
   * Completes the divergence of {@code rows} rows (W from {@code wOff}) from their summed terms:
   * half the squared error for Frobenius. A divergence is never negative, but its terms can
   * cancel to a rounding error below 0 near an exact fit (the trace identity for Frobenius, the
   * sum of WH for Kullback-Leibler): the result is clamped at 0, as {@link Nmf}'s losses are.
   */
  double finishDivergence(double sum, double[] w, int wOff, int rows, double[] h) {
    return Math.max(0, divergence(sum, w, wOff, rows, h));
  }

  private double divergence(double sum, double[] w, int wOff, int rows, double[] h) {
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
