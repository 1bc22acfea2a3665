package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;

/**
 * The assignment step of spherical k-means ({@link Distance#COSINE}) on rows already scaled to
 * unit length: every point goes to the centroid of largest dot product {@code x.c} (ties to
 * the lowest index), its distance being {@code 1 - x.c}; the update is the mean of each
 * cluster's points scaled to unit length (Dhillon and Modha 2001). Built on {@link
 * DirectAssignment}'s fixed chunks, so results do not depend on the thread count. No bounds:
 * every point compares all {@code k} centroids on every step.
 */
final class SphericalAssignment implements Assignment {

  private final Chunked step;
  private final double[] x;
  private final int d;
  private final int k;

  SphericalAssignment(double[] unitRows, int n, int d, int k, Parallel par) {
    this.step = new Chunked(unitRows, n, d, k, par);
    this.x = unitRows;
    this.d = d;
    this.k = k;
  }

  @Override
  public boolean assign(double[] centers, CentroidMoves moves) {
    return step.assign(centers, moves);
  }

  @Override
  public double inertia() {
    return step.inertia();
  }

  @Override
  public boolean fillEmptyClusters(double[] centers) {
    return step.fillEmptyClusters(centers);
  }

  /**
   * {@inheritDoc} Scaled to unit length; a cluster whose points sum to the zero vector takes its
   * first point as its direction.
   */
  @Override
  public void update(double[] next) {
    step.update(next);
    int[] labels = step.labels();
    for (int j = 0; j < k; j++) {
      if (!normalize(next, j * d, d)) {
        for (int i = 0; i < labels.length; i++) {
          if (labels[i] == j) {
            System.arraycopy(x, i * d, next, j * d, d);
            break;
          }
        }
      }
    }
  }

  /** Always assigns once more: the distances of the direct path are Euclidean. */
  @Override
  public double finish(double[] centers, CentroidMoves moves, boolean relabel) {
    return step.finish(centers, moves, true);
  }

  @Override
  public int[] labels() {
    return step.labels();
  }

  /**
   * Scales row {@code o..o+d} of {@code a} to unit length; false (unchanged) if it is zero. A row
   * whose length is subnormal (it would keep only a few bits) or overflows is first scaled by the
   * power of two that brings its largest magnitude into [1, 2), exactly, so that its unit row is
   * bit for bit that of its copy in the normal range.
   */
  static boolean normalize(double[] a, int o, int d) {
    double scale = 0;
    for (int f = 0; f < d; f++) {
      scale = Math.max(scale, Math.abs(a[o + f]));
    }
    if (scale == 0) {
      return false;
    }
    double s = 0;
    for (int f = 0; f < d; f++) {
      double t = a[o + f] / scale;
      s += t * t;
    }
    double norm = scale * Math.sqrt(s);
    if (norm < Double.MIN_NORMAL || norm > Double.MAX_VALUE) {
      // 2^-exponent(scale), computed for a subnormal scale too; the ratios a / scale, hence s,
      // are those of the scaled row
      int exponent = scale < Double.MIN_NORMAL
          ? Math.getExponent(scale * 0x1p64) - 64 : Math.getExponent(scale);
      for (int f = 0; f < d; f++) {
        a[o + f] = Math.scalb(a[o + f], -exponent);
      }
      norm = Math.scalb(scale, -exponent) * Math.sqrt(s);
    }
    for (int f = 0; f < d; f++) {
      a[o + f] /= norm;
    }
    return true;
  }

  /**
   * A copy of the rows of {@code a} (n x d) scaled to unit length (computed without overflow).
   *
   * @throws IllegalArgumentException naming {@code name} and the row if a row is zero
   */
  static double[] unitRows(double[] a, int n, int d, String name) {
    double[] out = a.clone();
    for (int i = 0; i < n; i++) {
      if (!normalize(out, i * d, d)) {
        throw new IllegalArgumentException(name + " has a zero row at row " + i
            + "; the cosine distance needs rows of non-zero length");
      }
    }
    return out;
  }

  /** The index of the largest {@code x_i . c_j} (the lowest on ties); its value in {@code best}. */
  static int nearest(double[] x, int i, double[] c, int k, int d, double[] best, int slot) {
    int label = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0, xo = i * d; j < k; j++) {
      double s = 0;
      for (int f = 0, co = j * d; f < d; f++) {
        s += x[xo + f] * c[co + f];
      }
      if (s > top) {
        top = s;
        label = j;
      }
    }
    best[slot] = top;
    return label;
  }

  /** The labels of the unit rows of {@code y} (m x d) for the unit centroids {@code c}. */
  static int[] predict(double[] y, int m, int d, double[] c, Parallel par) {
    int k = c.length / d;
    return Chunks.labels(m, 1, par, (i, best) -> nearest(y, i, c, k, d, best, 0));
  }

  /** The cosine distances {@code 1 - y_i . c_j} of unit rows into the m x k {@code out}. */
  static void distances(double[] y, int d, int from, int to, double[] c, int k, double[] out) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int f = 0; f < d; f++) {
          s += y[i * d + f] * c[j * d + f];
        }
        out[i * k + j] = Math.max(0, 1 - s);
      }
    }
  }

  /** The chunked step: labels by largest dot product, distances {@code 1 - x.c}. */
  private static final class Chunked extends DirectAssignment {

    Chunked(double[] x, int n, int d, int k, Parallel par) {
      super(x, n, d, k, par);
    }

    @Override
    void prepare(double[] centers, CentroidMoves moves) {}

    @Override
    boolean assignChunk(int ch, int from, int to, double[] c, boolean bounded) {
      boolean changed = false;
      for (int i = from; i < to; i++) {
        int label = nearest(x, i, c, k, d, dist, i);
        dist[i] = Math.max(0, 1 - dist[i]);
        changed |= labels[i] != label;
        labels[i] = label;
      }
      return changed;
    }

    @Override
    void forget(int i) {}
  }
}
