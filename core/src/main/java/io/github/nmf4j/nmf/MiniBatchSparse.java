package io.github.nmf4j.nmf;

import java.util.Arrays;

/**
 * The products of a sparse block of a mini-batch ({@link MiniBatchRows.Sparse}, rows {@code
 * [row0, row0 + rows)}) with the factors, from its stored entries only, as scikit-learn's sparse
 * path of {@code MiniBatchNMF}: {@code X_b H'} and {@code W_b' X_b}, the same with the ratios
 * {@code R_b = X_b .* (W_b H)^(beta - 2)} formed at the stored entries ({@code
 * _special_sparse_dot}), and the divergence's terms there. A stored value's {@code (W_b H)_ij}
 * is read from the block's dense {@code W_b H} when the loss forms it anyway (beta other than 1
 * and 2), else formed as a {@code k}-term dot product. Values of the stored entries ({@code X}
 * or {@code R}) are read at {@code vals[q - base]} for a stored entry {@code q}: {@code X}'s
 * own array with base 0, or the ratios from the block's first stored entry.
 *
 * <p>Cost per block: {@code 2 nnz_b k} multiply-adds per product against {@code 2 rows p k}
 * dense, plus {@code O(p k)} for {@code W_b' X_b}, summed in a {@code p x k} buffer (contiguous
 * rows of {@code k}) and then transposed.
 */
final class MiniBatchSparse {

  private MiniBatchSparse() {}

  /**
   * {@code out (rows x k) = S_b H'}, {@code S_b} the block's pattern with the values {@code
   * vals[q - base]} for its stored entries {@code q}, {@code ht} H' ({@code p x k}).
   */
  static void timesHt(MiniBatchRows.Sparse s, int row0, int rows, double[] vals, int base,
      int k, double[] ht, double[] out) {
    Arrays.fill(out, 0, rows * k, 0);
    for (int i = 0; i < rows; i++) {
      int o = i * k;
      for (int q = s.pointers[row0 + i], end = s.pointers[row0 + i + 1]; q < end; q++) {
        double v = vals[q - base];
        int hj = s.columns[q] * k;
        for (int c = 0; c < k; c++) {
          out[o + c] += v * ht[hj + c];
        }
      }
    }
  }

  /**
   * {@code out (k x p) = W_b' S_b} for the block's W ({@code rows x k}) and pattern with the
   * values {@code vals[q - base]}, summed in {@code pk} ({@code p x k}, overwritten).
   */
  static void transposeTimes(MiniBatchRows.Sparse s, int row0, int rows, double[] vals,
      int base, double[] w, int k, double[] pk, double[] out) {
    int p = s.p;
    Arrays.fill(pk, 0, p * k, 0);
    for (int i = 0; i < rows; i++) {
      int wi = i * k;
      for (int q = s.pointers[row0 + i], end = s.pointers[row0 + i + 1]; q < end; q++) {
        double v = vals[q - base];
        int o = s.columns[q] * k;
        for (int c = 0; c < k; c++) {
          pk[o + c] += v * w[wi + c];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int c = 0; c < k; c++) {
        out[c * p + j] = pk[j * k + c];
      }
    }
  }

  /**
   * {@code out = X .* (WH)^(beta - 2)} at the stored entries (a zero of WH is float32's epsilon
   * for beta below 2), as {@link MiniBatchKernels}'s dense terms, written from {@code out[0]}
   * for the block's first stored entry; WH from {@code wh} ({@code rows x p}) or, when it is
   * null, from W's rows and {@code ht}.
   */
  static void ratios(MiniBatchRows.Sparse s, int row0, int rows, double[] w, double[] ht,
      double[] wh, int k, double beta, double[] out) {
    int base = s.pointers[row0];
    int p = s.p;
    for (int i = 0; i < rows; i++) {
      for (int q = s.pointers[row0 + i], end = s.pointers[row0 + i + 1]; q < end; q++) {
        double y = model(s.columns[q], i, w, ht, wh, k, p);
        double safe = beta < 2 && y == 0 ? MiniBatchKernels.EPSILON : y;
        double xv = s.values[q];
        double r;
        if (beta == 1) {
          r = xv / safe;
        } else if (beta == 0) {
          double inv = 1 / safe;
          r = inv * inv * xv;
        } else {
          r = MiniBatchKernels.power(safe, beta - 2) * xv;
        }
        out[q - base] = r;
      }
    }
  }

  /**
   * The block's terms of scikit-learn's {@code _beta_divergence} at the stored entries above
   * float32's epsilon (beta other than 2; a zero of WH replaced by the epsilon), WH as {@link
   * #ratios}; the terms over all entries are the caller's.
   */
  static double divergence(MiniBatchRows.Sparse s, int row0, int rows, double[] w, double[] ht,
      double[] wh, int k, double beta) {
    int p = s.p;
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      for (int q = s.pointers[row0 + i], end = s.pointers[row0 + i + 1]; q < end; q++) {
        double xv = s.values[q];
        if (!(xv > MiniBatchKernels.EPSILON)) {
          continue;
        }
        double y = model(s.columns[q], i, w, ht, wh, k, p);
        sum += MiniBatchKernels.dataTerm(xv, y == 0 ? MiniBatchKernels.EPSILON : y, beta);
      }
    }
    return sum;
  }

  /**
   * {@code ||X_b - W_b H||^2} from the block's dense {@code wh}: {@code sum(wh^2)} plus, at the
   * stored entries, {@code (x - wh)^2 - wh^2}.
   */
  static double squaredError(MiniBatchRows.Sparse s, int row0, int rows, double[] wh) {
    int p = s.p;
    double sum = 0;
    for (int j = 0, len = rows * p; j < len; j++) {
      sum += wh[j] * wh[j];
    }
    for (int i = 0; i < rows; i++) {
      for (int q = s.pointers[row0 + i], end = s.pointers[row0 + i + 1]; q < end; q++) {
        double y = wh[i * p + s.columns[q]];
        double e = s.values[q] - y;
        sum += e * e - y * y;
      }
    }
    return sum;
  }

  /** {@code (WH)_ij} of the block's row {@code i}: from {@code wh}, else a dot product. */
  private static double model(int j, int i, double[] w, double[] ht, double[] wh, int k,
      int p) {
    if (wh != null) {
      return wh[i * p + j];
    }
    double y = 0;
    int wi = i * k;
    int hj = j * k;
    for (int c = 0; c < k; c++) {
      y += w[wi + c] * ht[hj + c];
    }
    return y;
  }
}
