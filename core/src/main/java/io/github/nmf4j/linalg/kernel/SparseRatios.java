package io.github.nmf4j.linalg.kernel;

/**
 * The Kullback-Leibler terms of a sparse {@code V ~ A B'} evaluated at V's stored entries only,
 * on raw arrays: {@code A} ({@code n x k}) and {@code B} ({@code p x k}) row-major, V in CSR
 * form. With {@code A = W} and {@code B = H'} this is the W side of the KL multiplicative update;
 * with V's transpose, {@code A = H'} and {@code B = W}, the H side.
 *
 * <p>At an unstored entry V is 0, so {@code V ./ (AB' + eps)} is 0 there and contributes nothing
 * to {@code (V ./ (AB' + eps)) B}; the element {@code (AB')_ij} is formed only where V stores a
 * value, as a {@code k}-term dot product. A row costs {@code 3k} multiply-adds per stored entry,
 * against {@code 3pk} per row for the dense update, and nothing of size {@code n x p} is held.
 * Every row is computed by one call in storage order, so results do not depend on how rows are
 * split between threads.
 */
public final class SparseRatios {

  private SparseRatios() {}

  /**
   * {@code out[i - outRow0, :] = sum_q r_q B[columns[q], :]} for rows {@code i} in {@code [r0,
   * r1)}, with {@code r_q = values[q] * scale / (A[i, :] . B[columns[q], :] + eps)}; row {@code
   * i} of A is read at {@code (i - aRow0) * k}.
   */
  public static void ratioProduct(int r0, int r1, int k, int[] pointers, int[] columns,
      double[] values, double scale, double[] a, int aRow0, double[] b, double eps,
      double[] out, int outRow0) {
    for (int i = r0; i < r1; i++) {
      int o = (i - outRow0) * k;
      int ai = (i - aRow0) * k;
      for (int l = 0; l < k; l++) {
        out[o + l] = 0;
      }
      for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
        int bj = columns[q] * k;
        double d = 0;
        for (int l = 0; l < k; l++) {
          d += a[ai + l] * b[bj + l];
        }
        double r = values[q] * scale / (d + eps);
        for (int l = 0; l < k; l++) {
          out[o + l] += r * b[bj + l];
        }
      }
    }
  }

  /**
   * {@code sum_q (x_q log(x_q / max(y_q, eps)) - x_q)} over the stored entries of rows {@code
   * [r0, r1)}, with {@code x_q = values[q] * scale} and {@code y_q = A[i, :] . B[columns[q], :]}
   * (the log term 0 where {@code x_q = 0}): the generalized KL divergence of V from {@code AB'}
   * less {@code sum(AB')}, which the caller adds from row and column sums. Row {@code i} of A is
   * read at {@code (i - aRow0) * k}.
   */
  public static double divergenceAtStored(int r0, int r1, int k, int[] pointers, int[] columns,
      double[] values, double scale, double[] a, int aRow0, double[] b, double eps) {
    double s = 0;
    for (int i = r0; i < r1; i++) {
      int ai = (i - aRow0) * k;
      for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
        double x = values[q] * scale;
        if (x > 0) {
          int bj = columns[q] * k;
          double y = 0;
          for (int l = 0; l < k; l++) {
            y += a[ai + l] * b[bj + l];
          }
          s += x * Math.log(x / Math.max(y, eps));
        }
        s -= x;
      }
    }
    return s;
  }
}
