package io.github.nmf4j.linalg.kernel;

/** The textbook triple loop, the oracle the blocked kernels are tested against. */
final class NaiveGemm {

  private NaiveGemm() {}

  /** {@code c (m x n) = a (m x k) * b (k x n)}, each entry summed in order of the inner index. */
  static void multiply(int m, int k, int n, double[] a, double[] b, double[] c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * n + j];
        }
        c[i * n + j] = s;
      }
    }
  }
}
