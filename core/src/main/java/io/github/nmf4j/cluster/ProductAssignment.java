package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;

/**
 * The assignment step of Lloyd's algorithm for wide data (many features): the nearest centroid
 * of each point is the argmin over {@code j} of {@code |c_j|^2 - 2 x.c_j}, the products {@code
 * x.c_j} of a block of points with all centroids coming from one matrix product ({@link
 * Gemm#multiplyTranspose}), as scikit-learn computes them. Bounds (Hamerly, "Making k-means even
 * faster", SDM 2010; or Elkan, "Using the triangle inequality to accelerate k-means", ICML 2003)
 * spare the product, and even the reading of the point, for points that provably keep their
 * centroid.
 *
 * <p><b>Centring.</b> Points and centroids are used as {@code x - mean} and {@code c - mean}
 * (the mean of the training points, subtracted while a block is copied for the product), as
 * scikit-learn centres the data before a fit: distances do not change, but the cancellation in
 * {@code |x|^2 - 2 x.c + |c|^2} is relative to the spread of the data, not its offset.
 *
 * <p><b>Rounding.</b> With {@code x' = x - mean}, {@code c' = c - mean} and {@code u = 2^-53},
 * the computed {@code |x'|^2 + |c'|^2 - 2 x'.c'} differs from the exact squared distance by at
 * most {@code (d + 8) u (|x'| + |c'|)^2} (error analysis of the three dot products, the
 * centring and the final additions; {@code delta} below is twice that, with {@code |c'|} the
 * largest centroid norm), and so may be slightly negative. The label is the argmin of the
 * computed values (ties to the lowest index): two centroids whose squared distances differ by
 * less than {@code 2 delta} may be ranked in either order. The blocks are fixed by the data's
 * shape, so labels do not depend on the thread count. (The kernel also computes each product as
 * one chain of fused multiply-adds in feature order, whatever block it falls in, so {@code
 * predict} on a subset of the training points gives their training labels; the tests check it.)
 *
 * <p><b>Bounds.</b> A point keeps an upper bound {@code U} on the exact distance to its own
 * centroid, raised by that centroid's movement after each update, and lower bounds on the exact
 * distance to the others: Hamerly's single bound, lowered by the largest movement of another
 * centroid, or Elkan's bound per centroid, lowered by that centroid's movement; all are taken
 * from the product form with {@code delta} added or subtracted, and carry a relative margin of
 * {@value #MARGIN}. With {@code L} the smallest lower bound and {@code h} half the distance from
 * the point's centroid to the nearest other one, a point whose other centroids are all farther
 * by more than the rounding of the product form, {@code L^2 - U^2 > 2 delta} or {@code 4 h (h -
 * U) > 2 delta}, would get the same label from the product form: it is not even read. If the
 * test fails, {@code U} is tightened to the exact distance (computed directly from the
 * differences) and the test repeated before the point takes the product. Labels are then
 * bit-identical to the unbounded step's (a tested property); the cluster statistics change
 * only with labels ({@link ProductSums}), so they and the centroids are bit-identical too.
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
  /** Per point, an upper bound on the exact distance to its own centroid. */
  private final double[] upper;
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
    this.upper = new double[n];
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
   * raw, as given to {@link #prepare}). Writes {@code labels} and the bounds, records in {@code
   * delta} (if not null) every point that changes cluster, in point order, and sets {@code
   * w.changed}.
   *
   * @param bounded whether {@code labels} and the bounds hold valid state from the previous
   *     step, {@code drift[j]} being how far the other centroids moved at most (for the points
   *     of centroid j) and {@code moves[j]} how far centroid j moved; if not, every point takes
   *     the product
   * @param fresh whether the statistics start from nothing: every point then enters its cluster
   *     in {@code delta}, whatever its earlier label
   */
  void assign(int from, int to, double[] centers, int[] labels, double[] lower, boolean bounded,
      boolean fresh, double[] drift, double[] moves, ProductSums.Delta delta, Scratch w) {
    boolean changed = false;
    int[] pending = w.pending;
    for (int start = from; start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      int count = 0;
      if (bounded) {
        for (int i = start; i < end; i++) {
          int a = labels[i];
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
          double up = (upper[i] + moves[a]) * (1 + MARGIN);
          upper[i] = up;
          if (keeps(i, up * up * (1 + MARGIN), lo, halfGap[a])) {
            continue; // the point is not even read
          }
          double own = WideRows.squaredDistance(x, i, centers, a, d) * (1 + MARGIN);
          upper[i] = Math.sqrt(own) * (1 + MARGIN);
          if (!keeps(i, own, lo, halfGap[a])) {
            pending[count++] = i;
          }
        }
      } else {
        for (int i = start; i < end; i++) {
          pending[count++] = i;
        }
      }
      changed |= scan(pending, count, labels, lower, fresh, delta, w);
    }
    w.changed = changed;
  }

  /** The inertia of the current labels for the prepared centroids, from {@code sums}. */
  double inertia(ProductSums sums) {
    return sums.inertia(centred, centredNorms);
  }

  /** {@code |x_i - mean|^2}. */
  double pointNorm(int i) {
    return pointNorms[i];
  }

  /** Forgets the bounds of point {@code i} (its label was changed from outside). */
  void forget(int i) {
    if (bounds != null) {
      Arrays.fill(bounds, i * k, (i + 1) * k, 0);
    }
    upper[i] = Double.POSITIVE_INFINITY;
  }

  /**
   * Whether point {@code i}, whose squared distance to its centroid is at most {@code upper2},
   * provably gets the same label from the product form: every other centroid is farther by
   * more than the product form's rounding.
   */
  private boolean keeps(int i, double upper2, double lo, double half) {
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
   * ties), bounds, changes of cluster into {@code delta}; returns whether a label changed.
   */
  private boolean scan(int[] pending, int count, int[] labels, double[] lower, boolean fresh,
      ProductSums.Delta delta, Scratch w) {
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
      int previous = labels[i];
      boolean moved = previous != label;
      changed |= moved;
      labels[i] = label;
      if (delta != null && (fresh || moved)) {
        delta.move(fresh ? -1 : previous, label, block, t * d, pointNorms[i]);
      }
      double pn = pointNorms[i];
      double margin = delta(i);
      upper[i] = Math.sqrt(Math.max(0, pn + best + margin) * (1 + MARGIN)) * (1 + MARGIN);
      if (bounds != null) {
        double base = pn - margin;
        for (int j = 0, b = i * k; j < k; j++) {
          double lo2 = base + (centredNorms[j] - 2 * dots[o + j]);
          bounds[b + j] = lo2 > 0 ? Math.sqrt(lo2) * (1 - MARGIN) : 0;
        }
        bounds[i * k + label] = Double.POSITIVE_INFINITY;
      } else if (lower != null) {
        double lo2 = pn + second - margin;
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
