package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * The test oracle of the three-feature scans: every distance of every point on every step by a
 * plain scalar loop, {@code t0 * t0 + t1 * t1 + t2 * t2}, no kernel and no bounds. {@link
 * PixelAssignment} and {@link PlainAssignment} (whose three-feature path runs {@link
 * NearestCentroid#SCANS}) must give its results bit for bit, whichever kernels the JVM chose.
 */
final class ScalarPixelLoops extends DirectAssignment {

  ScalarPixelLoops(double[] x, int n, int k, Parallel par) {
    super(x, n, 3, k, par);
  }

  @Override
  void prepare(double[] centers, CentroidMoves moves) {}

  @Override
  boolean assignChunk(int ch, int from, int to, double[] centers, boolean bounded) {
    boolean changed = false;
    for (int i = from; i < to; i++) {
      int label = nearest(x, i, centers, k);
      changed |= labels[i] != label;
      labels[i] = label;
      dist[i] = distance(x, i, centers, label);
    }
    return changed;
  }

  @Override
  void forget(int i) {}

  /** The lowest index at the smallest distance from point {@code i} of {@code x}. */
  static int nearest(double[] x, int i, double[] c, int k) {
    double best = Double.POSITIVE_INFINITY;
    int label = 0;
    for (int j = 0; j < k; j++) {
      double v = distance(x, i, c, j);
      if (v < best) {
        best = v;
        label = j;
      }
    }
    return label;
  }

  private static double distance(double[] x, int i, double[] c, int j) {
    double t0 = x[3 * i] - c[3 * j];
    double t1 = x[3 * i + 1] - c[3 * j + 1];
    double t2 = x[3 * i + 2] - c[3 * j + 2];
    return t0 * t0 + t1 * t1 + t2 * t2;
  }
}
