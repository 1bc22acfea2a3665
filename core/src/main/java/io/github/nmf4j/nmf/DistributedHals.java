package io.github.nmf4j.nmf;

/**
 * The H half of a HALS iteration on the coordinator of a {@link DistributedNmf} fit: the sweeps
 * of {@link HalsKernel} over blocks of {@value FrobeniusHals#BLOCK} columns of H, as {@link
 * FrobeniusHals} runs them on one machine (serially here; H is small), from the summed {@code
 * W'W} and {@code W'V_s}.
 */
final class DistributedHals {

  private DistributedHals() {}

  /** Updates H ({@code k x p}) in place. */
  static void updateH(double[] h, double[] gramW, double[] wtv, int k, int p, int maxSweeps,
      double deltaSquared, double floor) {
    int size = FrobeniusHals.BLOCK;
    double[][] x = new double[k][size];
    double[][] t = new double[k][size];
    double[] acc = new double[size];
    double[] change = new double[size];
    for (int j0 = 0; j0 < p; j0 += size) {
      int len = Math.min(size, p - j0);
      for (int c = 0; c < k; c++) {
        System.arraycopy(h, c * p + j0, x[c], 0, len);
        System.arraycopy(wtv, c * p + j0, t[c], 0, len);
      }
      HalsKernel.sweeps(gramW, k, t, x, len, acc, change, maxSweeps, deltaSquared, floor,
          false);
      for (int c = 0; c < k; c++) {
        System.arraycopy(x[c], 0, h, c * p + j0, len);
      }
    }
  }
}
