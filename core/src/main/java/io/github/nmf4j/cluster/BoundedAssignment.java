package io.github.nmf4j.cluster;

/**
 * The assignment step of Lloyd's algorithm accelerated with Hamerly's bounds (G. Hamerly,
 * "Making k-means even faster", SDM 2010), giving exactly the labels of the plain step.
 *
 * <p>Each point keeps a lower bound {@code lower[i]} on its distance to every centroid other
 * than its own. After the centroids move by {@code delta_j}, the bound drops by the largest
 * movement of another centroid. A point whose exact distance to its own centroid is below
 * {@code max(lower[i], halfGap[own])}, {@code halfGap} being half the distance from its centroid
 * to the nearest other one, cannot have a nearer centroid, so the {@code k} distances are not
 * computed; any other point is scanned in full (ties to the lowest index, as the plain step).
 *
 * <p><b>Exactness in floating point.</b> The skip test has a relative margin ({@link #MARGIN})
 * far above the rounding of the distances, and every bound update subtracts an extra {@code
 * slack} above the rounding of the update itself; a skipped point's nearest centroid is then
 * its own by a margin no rounding can flip. Every point's distance to its own centroid is
 * computed with the formula of the plain step, so labels and distances, and from them the
 * sums and the inertia, are bit-identical to plain Lloyd's (a tested property).
 */
final class BoundedAssignment {

  /** The relative margin of the skip test. */
  static final double MARGIN = 1e-10;

  private BoundedAssignment() {}

  /** Per-chunk scratch space. */
  static final class Scratch {
    final int[] todo = new int[NearestCentroid.BLOCK];
    final double[] p0 = new double[NearestCentroid.BLOCK];
    final double[] p1 = new double[NearestCentroid.BLOCK];
    final double[] p2 = new double[NearestCentroid.BLOCK];
    final double[] best = new double[NearestCentroid.BLOCK];
    final double[] second = new double[NearestCentroid.BLOCK];
    final int[] label = new int[NearestCentroid.BLOCK];
    /** Whether the last call changed a label. */
    boolean changed;
  }

  /**
   * Assigns points {@code [from, to)}; writes {@code labels}, {@code dist} (squared distance to
   * the own centroid) and {@code lower}, and sets {@code w.changed} when a label changed.
   *
   * @param bounded whether {@code labels} and {@code lower} hold valid state from the previous
   *     step (otherwise every point is scanned)
   * @param c0 the centroids' first features (k), and {@code c1}, {@code c2} the next two; used
   *     when {@code d == 3}
   * @param halfGap per centroid, half the distance to the nearest other centroid
   * @param drift per centroid, how much the lower bound of its points drops in this step
   */
  static void assign(double[] x, int d, int from, int to, double[] c, int k, double[] c0,
      double[] c1, double[] c2, int[] labels, double[] dist, double[] lower, boolean bounded,
      double[] halfGap, double[] drift, Scratch w) {
    w.changed = false;
    int[] todo = w.todo;
    double keep = 1 - MARGIN;
    for (int start = from; start < to; start += NearestCentroid.BLOCK) {
      int end = Math.min(to, start + NearestCentroid.BLOCK);
      int pending = 0;
      if (!bounded) {
        for (int i = start; i < end; i++) {
          todo[pending++] = i;
        }
      } else if (d == 3) {
        for (int i = start; i < end; i++) {
          int a = labels[i];
          double lo = lower[i] - drift[a];
          lower[i] = lo;
          double t0 = x[3 * i] - c0[a];
          double t1 = x[3 * i + 1] - c1[a];
          double t2 = x[3 * i + 2] - c2[a];
          double own = t0 * t0 + t1 * t1 + t2 * t2;
          dist[i] = own;
          double bound = Math.max(lo, halfGap[a]) * keep;
          todo[pending] = i; // kept only if the test fails: no branch to mispredict
          pending += bound > 0 && own < bound * bound ? 0 : 1;
        }
      } else {
        for (int i = start; i < end; i++) {
          int a = labels[i];
          double lo = lower[i] - drift[a];
          lower[i] = lo;
          double own = NearestCentroid.squaredDistance(x, i, c, a, d);
          dist[i] = own;
          double bound = Math.max(lo, halfGap[a]) * keep;
          if (!(bound > 0 && own < bound * bound)) {
            todo[pending++] = i;
          }
        }
      }
      if (d == 3) {
        scan3(x, pending, c0, c1, c2, k, labels, dist, lower, bounded, w);
      } else {
        for (int t = 0; t < pending; t++) {
          w.changed |= scan(x, d, todo[t], c, k, labels, dist, lower, bounded);
        }
      }
    }
  }

  /**
   * The full scan of one point: nearest (lowest index on ties) and second-nearest centroid,
   * starting from its current centroid when {@code bounded}; returns whether its label changed.
   */
  private static boolean scan(double[] x, int d, int i, double[] c, int k, int[] labels,
      double[] dist, double[] lower, boolean bounded) {
    int previous = bounded ? labels[i] : -1;
    double best = bounded ? dist[i] : Double.POSITIVE_INFINITY;
    int label = bounded ? previous : 0;
    double second = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (j == previous) {
        continue;
      }
      double v = NearestCentroid.squaredDistance(x, i, c, j, d);
      if (v < best || (v == best && j < label)) {
        second = best;
        best = v;
        label = j;
      } else if (v < second) {
        second = v;
      }
    }
    labels[i] = label;
    dist[i] = best;
    lower[i] = Math.sqrt(second);
    return label != previous;
  }

  /**
   * {@link #scan} for the pending points of a block, three features. The points are gathered
   * into three arrays; for each centroid one loop, which C2 vectorizes, computes the distances
   * and updates the smallest and second-smallest distance of every point ({@code Math.min} and
   * {@code Math.max}, no branch). The label is then the current one when its distance is the
   * unique minimum (the common case), else the first centroid at the minimal distance, found by
   * recomputing distances with the same formula: exactly the plain step's lowest-index argmin.
   */
  private static void scan3(double[] x, int pending, double[] c0, double[] c1, double[] c2,
      int k, int[] labels, double[] dist, double[] lower, boolean bounded, Scratch w) {
    int[] todo = w.todo;
    double[] p0 = w.p0;
    double[] p1 = w.p1;
    double[] p2 = w.p2;
    double[] best = w.best;
    double[] second = w.second;
    int[] label = w.label;
    for (int t = 0; t < pending; t++) {
      int i = todo[t];
      p0[t] = x[3 * i];
      p1[t] = x[3 * i + 1];
      p2[t] = x[3 * i + 2];
      best[t] = Double.POSITIVE_INFINITY;
      second[t] = Double.POSITIVE_INFINITY;
    }
    for (int j = 0; j < k; j++) {
      double a0 = c0[j];
      double a1 = c1[j];
      double a2 = c2[j];
      for (int t = 0; t < pending; t++) {
        double t0 = p0[t] - a0;
        double t1 = p1[t] - a1;
        double t2 = p2[t] - a2;
        double v = t0 * t0 + t1 * t1 + t2 * t2;
        double b = best[t];
        second[t] = Math.min(second[t], Math.max(v, b));
        best[t] = Math.min(b, v);
      }
    }
    boolean changed = false;
    for (int t = 0; t < pending; t++) {
      int i = todo[t];
      double b = best[t];
      int l;
      if (bounded && dist[i] == b && second[t] > b) {
        l = labels[i];
      } else {
        l = firstAt(p0[t], p1[t], p2[t], c0, c1, c2, k, b);
      }
      label[t] = l;
    }
    // One output array per loop: dist, lower and labels start at the same offset of their
    // heap regions, so stores to two of them in one loop would alias (see BLOCK).
    for (int t = 0; t < pending; t++) {
      int i = todo[t];
      changed |= labels[i] != label[t];
      labels[i] = label[t];
    }
    for (int t = 0; t < pending; t++) {
      dist[todo[t]] = best[t];
    }
    for (int t = 0; t < pending; t++) {
      lower[todo[t]] = Math.sqrt(second[t]);
    }
    w.changed |= changed;
  }

  /** The first centroid whose distance to the point, computed as in the scan, is {@code d}. */
  private static int firstAt(double q0, double q1, double q2, double[] c0, double[] c1,
      double[] c2, int k, double d) {
    for (int j = 0; j < k; j++) {
      double t0 = q0 - c0[j];
      double t1 = q1 - c1[j];
      double t2 = q2 - c2[j];
      if (t0 * t0 + t1 * t1 + t2 * t2 == d) {
        return j;
      }
    }
    return 0; // only when every distance overflowed to infinity, as the plain argmin
  }
}
