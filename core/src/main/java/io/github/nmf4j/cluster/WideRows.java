package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * Row statistics and distances for wide points (the product path of k-means): the mean row,
 * squared norms of centred rows and direct squared distances, each summed in eight interleaved
 * partial sums of fused multiply-adds (not one dependent chain, which would be limited by the
 * latency of the addition). Parallel loops run over fixed chunks combined in order, so results
 * do not depend on the thread count.
 */
final class WideRows {

  private WideRows() {}

  /**
   * {@code centred = c - mean} for the {@code k} rows of {@code c} (k x d), and their squared
   * norms; returns the largest norm (not squared).
   */
  static double centreRows(double[] c, int k, int d, double[] mean, double[] centred,
      double[] norms) {
    double radius = 0;
    for (int j = 0; j < k; j++) {
      int o = j * d;
      for (int f = 0; f < d; f++) {
        centred[o + f] = c[o + f] - mean[f];
      }
      norms[j] = squaredNorm(centred, o, d);
      radius = Math.max(radius, norms[j]);
    }
    return Math.sqrt(radius);
  }

  /**
   * The mean of the rows of {@code x} (n x d), by fixed chunks combined in order (the same for
   * any thread count).
   */
  static double[] mean(double[] x, int n, int d, Parallel par) {
    int chunks = Chunks.count(n, d);
    double[] partial = new double[chunks * d];
    par.forEach(chunks, ch -> {
      int o = ch * d;
      for (int i = Chunks.start(n, chunks, ch), end = Chunks.start(n, chunks, ch + 1);
          i < end; i++) {
        int xo = i * d;
        for (int f = 0; f < d; f++) {
          partial[o + f] += x[xo + f];
        }
      }
    });
    double[] mean = new double[d];
    for (int ch = 0; ch < chunks; ch++) {
      for (int f = 0; f < d; f++) {
        mean[f] += partial[ch * d + f];
      }
    }
    for (int f = 0; f < d; f++) {
      mean[f] /= n;
    }
    return mean;
  }

  /** {@code |x_i - mean|^2} for every row. */
  static double[] centredNorms(double[] x, int n, int d, double[] mean, Parallel par) {
    double[] norms = new double[n];
    int chunks = Chunks.count(n, 1);
    par.forEach(chunks, ch -> {
      double[] row = new double[d];
      for (int i = Chunks.start(n, chunks, ch), end = Chunks.start(n, chunks, ch + 1);
          i < end; i++) {
        int xo = i * d;
        for (int f = 0; f < d; f++) {
          row[f] = x[xo + f] - mean[f];
        }
        norms[i] = squaredNorm(row, 0, d);
      }
    });
    return norms;
  }

  /** {@code sum_f a[o + f]^2}, in eight interleaved partial sums (not one dependent chain). */
  static double squaredNorm(double[] a, int o, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int f = 0;
    for (; f + 8 <= d; f += 8) {
      int p = o + f;
      s0 = Math.fma(a[p], a[p], s0);
      s1 = Math.fma(a[p + 1], a[p + 1], s1);
      s2 = Math.fma(a[p + 2], a[p + 2], s2);
      s3 = Math.fma(a[p + 3], a[p + 3], s3);
      s4 = Math.fma(a[p + 4], a[p + 4], s4);
      s5 = Math.fma(a[p + 5], a[p + 5], s5);
      s6 = Math.fma(a[p + 6], a[p + 6], s6);
      s7 = Math.fma(a[p + 7], a[p + 7], s7);
    }
    for (; f < d; f++) {
      s0 = Math.fma(a[o + f], a[o + f], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * The squared distance {@code |x_i - c_j|^2} computed directly from the differences, in eight
   * interleaved partial sums: accurate to {@code (d + 2) u} relative, the distance the inertia
   * is made of.
   */
  static double squaredDistance(double[] x, int i, double[] c, int j, int d) {
    int xo = i * d;
    int co = j * d;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int f = 0;
    for (; f + 8 <= d; f += 8) {
      int p = xo + f;
      int q = co + f;
      double t0 = x[p] - c[q];
      double t1 = x[p + 1] - c[q + 1];
      double t2 = x[p + 2] - c[q + 2];
      double t3 = x[p + 3] - c[q + 3];
      double t4 = x[p + 4] - c[q + 4];
      double t5 = x[p + 5] - c[q + 5];
      double t6 = x[p + 6] - c[q + 6];
      double t7 = x[p + 7] - c[q + 7];
      s0 = Math.fma(t0, t0, s0);
      s1 = Math.fma(t1, t1, s1);
      s2 = Math.fma(t2, t2, s2);
      s3 = Math.fma(t3, t3, s3);
      s4 = Math.fma(t4, t4, s4);
      s5 = Math.fma(t5, t5, s5);
      s6 = Math.fma(t6, t6, s6);
      s7 = Math.fma(t7, t7, s7);
    }
    for (; f < d; f++) {
      double t = x[xo + f] - c[co + f];
      s0 = Math.fma(t, t, s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
