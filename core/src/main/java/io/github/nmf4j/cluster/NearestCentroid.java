package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.KMeansKernels;
import io.github.nmf4j.linalg.kernel.KernelChoice;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * The assignment kernel of k-means on raw row-major arrays: each point goes to the centroid at
 * the smallest squared Euclidean distance, ties to the lowest index (as numpy's argmin).
 *
 * <p>Distances are computed directly, {@code sum_f (x_f - c_f)^2} summed over features in
 * order ({@link Rows#squaredDistance}), which for the few features of pixels is faster than the
 * {@code |x|^2 - 2 x.c + |c|^2} product form and exact to rounding. Every method sums in that
 * order, so the distance used to pick a label, the inertia and {@code predict} agree bit for
 * bit.
 */
final class NearestCentroid {

  /**
   * The three-feature distance scans, scalar or on the Vector API ({@link KernelChoice}); both
   * give the same bits.
   */
  static final KMeansKernels SCANS = KernelChoice.kMeans();

  private NearestCentroid() {}

  /** The labels of the rows of {@code y} (m x d) for the centroids {@code c} (k x d). */
  static int[] predict(double[] y, int m, int d, double[] c, Parallel par) {
    int[] out = new int[m];
    int chunks = Chunks.count(m, 1);
    par.forEach(chunks, ch -> assign(y, d, Chunks.start(m, chunks, ch),
        Chunks.start(m, chunks, ch + 1), c, c.length / d, out, null, null));
    return out;
  }

  /**
   * Assigns points {@code [from, to)} of {@code x} (n x d) to the nearest of the {@code k}
   * centroids {@code c} (k x d). Writes {@code labels[i]}, and the squared distance to {@code
   * dist[i]} if {@code dist} is not null. {@code scratch} may be null (then the three-feature
   * kernel allocates its own); if not, its {@code changed} flag tells whether any label
   * differs from the one {@code labels} held before.
   *
   * @return the sum of the squared distances of the points to their centroid
   */
  static double assign(double[] x, int d, int from, int to, double[] c, int k, int[] labels,
      double[] dist, Scratch scratch) {
    if (d == 3) {
      return assign3(x, from, to, c, k, labels, dist, scratch != null ? scratch : new Scratch());
    }
    boolean changed = false;
    double inertia = 0;
    for (int i = from; i < to; i++) {
      int xo = i * d;
      double best = Double.POSITIVE_INFINITY;
      int label = 0;
      for (int j = 0, co = 0; j < k; j++, co += d) {
        double s = 0;
        for (int f = 0; f < d; f++) {
          double t = x[xo + f] - c[co + f];
          s += t * t;
        }
        if (s < best) {
          best = s;
          label = j;
        }
      }
      changed |= labels[i] != label;
      labels[i] = label;
      inertia += best;
      if (dist != null) {
        dist[i] = best;
      }
    }
    if (scratch != null) {
      scratch.changed = changed;
    }
    return inertia;
  }

  /**
   * Points per block of the three-feature kernels. Not a power of two on purpose: the scratch
   * arrays of a block are allocated one after the other, and with 256 points (2 KB arrays) a
   * loop storing into one of them while loading from another two arrays further on hit 4K
   * aliasing (a store and a later load 4096 bytes apart look dependent to the CPU), which made
   * whole fits 1.6 times slower depending on where the heap happened to lie.
   */
  static final int BLOCK = 200;

  /** Scratch space of the three-feature kernel; one per concurrent caller. */
  static final class Scratch {
    final double[] p0 = new double[BLOCK];
    final double[] p1 = new double[BLOCK];
    final double[] p2 = new double[BLOCK];
    final double[] s = new double[BLOCK];
    final double[] best = new double[BLOCK];
    final int[] label = new int[BLOCK];
    boolean changed;
    double[] c0 = new double[0];
    double[] c1 = new double[0];
    double[] c2 = new double[0];

    void centroids(double[] c, int k) {
      if (c0.length < k) {
        c0 = new double[k];
        c1 = new double[k];
        c2 = new double[k];
      }
      splitFeatures(c, k, c0, c1, c2);
    }
  }

  /** {@code c0[j], c1[j], c2[j]} = the three features of row {@code j < k} of {@code c}. */
  static void splitFeatures(double[] c, int k, double[] c0, double[] c1, double[] c2) {
    for (int j = 0; j < k; j++) {
      c0[j] = c[3 * j];
      c1[j] = c[3 * j + 1];
      c2[j] = c[3 * j + 2];
    }
  }

  /**
   * {@link #assign} for three features (pixels). Blocks of points are transposed into three
   * arrays so that the distances from the centroids to a whole block form loops that run across
   * points ({@link KMeansKernels#nearest3}); ties go to the lowest index, exactly as the general
   * loop.
   */
  private static double assign3(double[] x, int from, int to, double[] c, int k, int[] labels,
      double[] dist, Scratch w) {
    w.centroids(c, k);
    boolean changed = false;
    double[] p0 = w.p0;
    double[] p1 = w.p1;
    double[] p2 = w.p2;
    double[] best = w.best;
    int[] label = w.label;
    double inertia = 0;
    for (int start = from; start < to; start += BLOCK) {
      int m = Math.min(BLOCK, to - start);
      for (int i = 0; i < m; i++) {
        int xo = 3 * (start + i);
        p0[i] = x[xo];
        p1[i] = x[xo + 1];
        p2[i] = x[xo + 2];
        best[i] = Double.POSITIVE_INFINITY;
        label[i] = 0;
      }
      SCANS.nearest3(p0, p1, p2, m, w.c0, w.c1, w.c2, k, best, label, w.s);
      for (int i = 0; i < m; i++) {
        changed |= labels[start + i] != label[i];
        labels[start + i] = label[i];
        inertia += best[i];
        if (dist != null) {
          dist[start + i] = best[i];
        }
      }
    }
    w.changed = changed;
    return inertia;
  }

  /**
   * Writes the Euclidean (not squared) distances from points {@code [from, to)} to every
   * centroid into the row-major {@code n x k} array {@code out}.
   */
  static void distances(double[] x, int d, int from, int to, double[] c, int k, double[] out) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < k; j++) {
        out[i * k + j] = Math.sqrt(Rows.squaredDistance(x, i, c, j, d));
      }
    }
  }
}
