package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/**
 * The assignment step of Lloyd's algorithm for wide data (many features): the nearest centroid
 * of each point is the argmin over {@code j} of {@code |c_j|^2 - 2 x.c_j}, the products {@code
 * x.c_j} of a block of points with all centroids coming from one matrix product ({@link
 * Gemm#multiplyTranspose}), as scikit-learn computes them. Optionally Hamerly's bounds (Hamerly,
 * "Making k-means even faster", SDM 2010) spare the product for points that provably keep
 * their centroid.
 *
 * <p><b>Centring.</b> Points and centroids are used as {@code x - mean} and {@code c - mean}
 * (the mean of the training points, subtracted while a block is copied for the product), as
 * scikit-learn centres the data before a fit: distances do not change, but the cancellation in
 * {@code |x|^2 - 2 x.c + |c|^2} is relative to the spread of the data, not its offset.
 *
 * <p><b>Rounding.</b> With {@code x' = x - mean}, {@code c' = c - mean} and {@code u = 2^-53},
 * the computed {@code |x'|^2 + |c'|^2 - 2 x'.c'} differs from the exact squared distance by at
 * most {@code delta = (d + 8) u (|x'| + |c'|)^2} (error analysis of the three dot products,
 * the centring and the final additions), and so may be slightly negative. The label is the
 * argmin of the computed values (ties to the lowest index): two centroids whose squared
 * distances differ by less than {@code 2 delta} may be ranked in either order. The blocks are
 * fixed by the data's shape, so labels do not depend on the thread count. (The kernel also
 * computes each product as one chain of fused multiply-adds in feature order, whatever block it
 * falls in, so {@code predict} on a subset of the training points gives their training labels;
 * the tests check it.)
 *
 * <p><b>Distances and inertia.</b> Once a point's label is known, its squared distance to that
 * centroid is computed directly from the differences ({@link WideRows#squaredDistance}); the
 * inertia is the sum of these.
 *
 * <p><b>Bounds.</b> A point keeps a lower bound {@code lower[i]} on the exact distance to every
 * centroid but its own, taken from the product form minus {@code delta} and lowered by the
 * largest movement of another centroid after each update (with a relative margin of {@value
 * #MARGIN}). With {@code U} an upper bound on the exact distance to its own centroid, and
 * {@code L} the larger of {@code lower[i]} and half the distance from its centroid to the
 * nearest other one ({@code h}), a point whose other centroids are all farther by more than
 * the rounding of the product form, {@code L^2 - U^2 > 2 delta} (with {@code L = h}: {@code
 * 4 h (h - U) > 2 delta}), would get the same label from the product form; it skips the
 * product. Labels, distances and sums are then bit-identical to the unbounded step's (a tested
 * property).
 */
final class ProductAssignment {

  /** Points per matrix product. */
  static final int BLOCK = 128;

  /** Relative margin on the bounds, far above their rounding for any realistic d. */
  static final double MARGIN = 1e-9;

  /** Multiply-adds per parallel task at least. */
  private static final long TASK_WORK = 1L << 20;

  /** The unit roundoff of double precision. */
  private static final double U = 0x1p-53;

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final double[] mean;
  private final double[] pointNorms;
  private final double[] centred;
  private final double[] centredNorms;
  private final double[] halfGap;
  /**
   * Elkan's bounds, if memory allows: {@code bounds[i * k + j]}, a lower bound on the distance
   * from point i to centroid j ({@code +inf} for its own); null for Hamerly's single bound.
   */
  private final double[] bounds;
  /** {@code (d + 8) u}, the relative rounding of the product form (see the class comment). */
  private final double gamma;
  private double centroidRadius;

  /**
   * Prepares the assignment of the rows of {@code x} (n x d) to {@code k} centroids.
   *
   * @param mean the centring vector (any vector works; the data's mean is the accurate choice)
   * @param pointNorms {@code |x_i - mean|^2} for every row, computed if null
   * @param elkan whether to keep a bound per point and centroid (Elkan) rather than one per
   *     point (Hamerly)
   */
  ProductAssignment(double[] x, int n, int d, int k, double[] mean, double[] pointNorms,
      boolean elkan, Parallel par) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.mean = mean;
    this.pointNorms = pointNorms != null ? pointNorms : WideRows.centredNorms(x, n, d, mean, par);
    this.centred = new double[k * d];
    this.centredNorms = new double[k];
    this.halfGap = new double[k];
    this.bounds = elkan ? new double[n * k] : null;
    this.gamma = (d + 8) * U;
  }

  /** The number of fixed chunks (parallel tasks) for {@code n} points against {@code k} rows. */
  static int chunks(int n, int d, int k, long partialDoubles) {
    long minPoints = Math.max(BLOCK, TASK_WORK / Math.max(1L, (long) d * k));
    return Chunks.count(n, (int) Math.min(minPoints, Chunks.MIN_POINTS), partialDoubles);
  }

  /** Per-chunk scratch space: one block of centred points, its products and bookkeeping. */
  static final class Scratch {
    final double[] block;
    final double[] dots;
    final int[] pending = new int[BLOCK];
    /** Whether the last {@link #assign} changed a label. */
    boolean changed;
    /** How many points took the product since this scratch was made (for tests). */
    long scanned;

    Scratch(int d, int k) {
      this.block = new double[BLOCK * d];
      this.dots = new double[BLOCK * k];
    }
  }

  /**
   * Takes the centroids of the next assignment step: centres them, and with {@code bounds}
   * computes half the distance from each to its nearest other one.
   */
  void prepare(double[] centers, boolean bounds) {
    centroidRadius = WideRows.centreRows(centers, k, d, mean, centred, centredNorms) * (1 + MARGIN);
    if (bounds) {
      Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
      for (int j = 0; j < k; j++) {
        for (int i = j + 1; i < k; i++) {
          double gap = Math.sqrt(WideRows.squaredDistance(centers, j, centers, i, d)) / 2
              * (1 - MARGIN);
          halfGap[j] = Math.min(halfGap[j], gap);
          halfGap[i] = Math.min(halfGap[i], gap);
        }
      }
    }
  }

  /**
   * Assigns points {@code [from, to)} to the nearest of the prepared centroids ({@code centers}
   * raw, as given to {@link #prepare}). Writes {@code labels}, the exact squared distance to the
   * own centroid into {@code dist}, and with {@code lower} not null the lower bounds; adds the
   * points to {@code sums} if not null; sets {@code w.changed}.
   *
   * @param bounded whether {@code labels} and {@code lower} hold valid state from the previous
   *     step, {@code drift[j]} being how far the other centroids moved at most (for the points
   *     of centroid j); if not, every point takes the product
   */
  void assign(int from, int to, double[] centers, int[] labels, double[] dist, double[] lower,
      boolean bounded, double[] drift, double[] moves, RowSums sums, Scratch w) {
    boolean changed = false;
    int[] pending = w.pending;
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      int count = 0;
      if (bounded) {
        for (int i = start; i < end; i++) {
          int a = labels[i];
          double own = WideRows.squaredDistance(x, i, centers, a, d);
          dist[i] = own;
          double lo;
          if (bounds != null) {
            lo = Double.POSITIVE_INFINITY;
            for (int j = 0, o = i * k; j < k; j++) {
              double b = (bounds[o + j] - moves[j]) * (1 - MARGIN);
              bounds[o + j] = b;
              lo = Math.min(lo, b);
            }
          } else {
            lo = (lower[i] - drift[a] * (1 + MARGIN)) * (1 - MARGIN);
            lower[i] = lo;
          }
          if (!keeps(i, own, lo, halfGap[a])) {
            pending[count++] = i;
          }
        }
      } else {
        for (int i = start; i < end; i++) {
          pending[count++] = i;
        }
      }
      changed |= scan(pending, count, centers, labels, dist, lower, bounded, w);
      if (sums != null) {
        sums.add(x, start, end, labels);
      }
    }
    w.changed = changed;
  }

  /** Forgets the bounds of point {@code i} (its label was changed from outside). */
  void forget(int i) {
    if (bounds != null) {
      java.util.Arrays.fill(bounds, i * k, (i + 1) * k, 0);
    }
  }

  /**
   * Whether point {@code i}, at computed exact squared distance {@code own} from its centroid,
   * provably gets the same label from the product form: every other centroid is farther by
   * more than the product form's rounding.
   */
  private boolean keeps(int i, double own, double lo, double half) {
    double upper2 = own * (1 + MARGIN);
    double delta = delta(i);
    if (lo > 0 && lo * lo * (1 - MARGIN) > upper2 + 2 * delta) {
      return true;
    }
    double upper = Math.sqrt(upper2);
    return half > upper && 4 * half * (half - upper) * (1 - MARGIN) > 2 * delta;
  }

  /** The bound on the rounding of the product form for point {@code i}, with a margin. */
  private double delta(int i) {
    double r = Math.sqrt(pointNorms[i]) + centroidRadius;
    return 2 * gamma * r * r;
  }

  /**
   * The product form for the {@code count} points in {@code pending}: labels (lowest index on
   * ties), exact distances, lower bounds; returns whether a label changed.
   */
  private boolean scan(int[] pending, int count, double[] centers, int[] labels, double[] dist,
      double[] lower, boolean bounded, Scratch w) {
    if (count == 0) {
      return false;
    }
    w.scanned += count;
    double[] block = w.block;
    for (int t = 0; t < count; t++) {
      int xo = pending[t] * d;
      int bo = t * d;
      for (int f = 0; f < d; f++) {
        block[bo + f] = x[xo + f] - mean[f];
      }
    }
    double[] dots = w.dots;
    Gemm.multiplyTranspose(count, d, k, block, centred, dots, Parallel.serial());
    boolean changed = false;
    for (int t = 0; t < count; t++) {
      int o = t * k;
      double best = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      int label = 0;
      for (int j = 0; j < k; j++) {
        double v = centredNorms[j] - 2 * dots[o + j];
        if (v < best) {
          second = best;
          best = v;
          label = j;
        } else if (v < second) {
          second = v;
        }
      }
      int i = pending[t];
      boolean moved = labels[i] != label;
      changed |= moved;
      labels[i] = label;
      if (moved || !bounded) {
        dist[i] = WideRows.squaredDistance(x, i, centers, label, d);
      }
      if (bounds != null) {
        double base = pointNorms[i] - delta(i);
        for (int j = 0, b = i * k; j < k; j++) {
          double lo2 = base + (centredNorms[j] - 2 * dots[o + j]);
          bounds[b + j] = lo2 > 0 ? Math.sqrt(lo2) * (1 - MARGIN) : 0;
        }
        bounds[i * k + label] = Double.POSITIVE_INFINITY;
      } else if (lower != null) {
        double lo2 = pointNorms[i] + second - delta(i);
        lower[i] = lo2 > 0 ? Math.sqrt(lo2) * (1 - MARGIN) : 0;
      }
    }
    return changed;
  }

  /**
   * The labels of points {@code [from, to)} of {@code y} (m x d) for {@code k} centroids given
   * centred by {@code mean} with their squared norms ({@link WideRows#centreRows}): the argmin
   * the fit uses, so points of the training data get their training labels.
   *
   * @param block scratch of at least {@code BLOCK * d} doubles
   * @param dots scratch of at least {@code BLOCK * k} doubles
   */
  static void labels(double[] y, int d, int from, int to, double[] mean, double[] centred,
      double[] norms, int k, int[] out, double[] block, double[] dots) {
    for (int start = from; start < to; start += BLOCK) {
      int m = Math.min(BLOCK, to - start);
      for (int t = 0; t < m; t++) {
        int yo = (start + t) * d;
        int bo = t * d;
        for (int f = 0; f < d; f++) {
          block[bo + f] = y[yo + f] - mean[f];
        }
      }
      Gemm.multiplyTranspose(m, d, k, block, centred, dots, Parallel.serial());
      for (int t = 0; t < m; t++) {
        int o = t * k;
        double best = Double.POSITIVE_INFINITY;
        int label = 0;
        for (int j = 0; j < k; j++) {
          double v = norms[j] - 2 * dots[o + j];
          if (v < best) {
            best = v;
            label = j;
          }
        }
        out[start + t] = label;
      }
    }
  }

}
