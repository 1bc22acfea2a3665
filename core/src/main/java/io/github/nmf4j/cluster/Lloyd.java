package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;

/**
 * Lloyd's algorithm for one restart, on raw arrays, with all scratch space allocated once per
 * fit (an instance is reused across restarts). Each iteration assigns every point to its
 * nearest centroid and accumulates per-chunk sums in the same pass (parallel over the fixed
 * chunks of {@link Chunks}), then combines the chunks in order, re-seeds empty clusters and
 * moves every centroid to the mean of its points. The stopping rule is scikit-learn's: stop when
 * no label changed (strict convergence) or when the summed squared centroid shift is at most
 * the tolerance; otherwise a last assignment step makes the labels match the final centroids.
 *
 * <p>The assignment step is one of four {@link Step}s. For few features, distances are computed
 * directly ({@link NearestCentroid}), and by default Hamerly's bounds ({@link
 * BoundedAssignment}) skip most of them, with results bit-identical to the plain step's (a
 * tested property). For many features, {@link ProductAssignment} ranks the centroids by the
 * product form {@code |c|^2 - 2 x.c} from matrix products of blocks of points with all
 * centroids, with or without Hamerly's bounds (again bit-identical), and computes each point's
 * distance to its own centroid exactly, so the inertia is exact on both kinds of step.
 */
final class Lloyd {

  /** How the assignment step finds the nearest centroids. */
  enum Step {
    /** Every distance, computed directly. */
    PLAIN,
    /** Distances computed directly, most skipped by Hamerly's bounds. */
    BOUNDED,
    /** Every point ranks the centroids in product form from matrix products (wide data). */
    PRODUCT,
    /** The product form, spared by Hamerly's bounds for points that keep their centroid. */
    BOUNDED_PRODUCT,
    /** The product form, spared by Elkan's bounds (one per point and centroid). */
    ELKAN_PRODUCT
  }

  /** Receives one iteration's numbers; may throw {@link java.util.concurrent.CancellationException}. */
  interface Observer {
    void iteration(int iteration, double inertia, double centerShift);
  }

  /** The outcome of one restart. */
  static final class Result {
    final double[] centers;
    final int[] labels;
    final double inertia;
    final int iterations;
    final boolean converged;
    /** Product steps: points that took the product, over all runs of this instance so far. */
    long scanned;

    Result(double[] centers, int[] labels, double inertia, int iterations, boolean converged) {
      this.centers = centers;
      this.labels = labels;
      this.inertia = inertia;
      this.iterations = iterations;
      this.converged = converged;
    }
  }

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final Parallel par;
  private final boolean accelerated;
  /** For the product steps, the kernel; null otherwise. */
  private final ProductAssignment product;
  private final boolean productBounded;
  private final int chunks;
  private final int[] labels;
  private final double[] dist;
  private final double[] lower;
  private final ClusterSums[] partialSums;
  private final double[] partialInertia;
  private final boolean[] partialChanged;
  private final NearestCentroid.Scratch[] scratch;
  private final BoundedAssignment.Scratch[] boundedScratch;
  private final ProductAssignment.Scratch[] productScratch;
  private final RowSums[] rowSums;
  private final double[] sums;
  private final int[] counts;
  private final double[] halfGap;
  private final double[] drift;
  /** How far each centroid moved in the last update, with a relative margin. */
  private final double[] moves;
  private final double[] c0;
  private final double[] c1;
  private final double[] c2;
  /** Subtracted from every lower bound at each step, above the rounding of the update. */
  private final double slack;

  /**
   * Scratch space for Lloyd on {@code x} (n x d) with k clusters.
   *
   * @param accelerated whether to use Hamerly's bounds ({@link BoundedAssignment}); the
   *     results are the same either way
   */
  Lloyd(double[] x, int n, int d, int k, Parallel par, boolean accelerated) {
    this(x, n, d, k, par, accelerated ? Step.BOUNDED : Step.PLAIN, null, null);
  }

  /**
   * Scratch space for Lloyd on {@code x} (n x d) with k clusters.
   *
   * @param mean for the product steps, the mean of the rows of {@code x} (computed if null);
   *     ignored otherwise
   * @param pointNorms for the product steps, {@code |x_i - mean|^2} (computed if null)
   */
  Lloyd(double[] x, int n, int d, int k, Parallel par, Step step, double[] mean,
      double[] pointNorms) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.par = par;
    this.accelerated = step == Step.BOUNDED;
    boolean wide = step == Step.PRODUCT || step == Step.BOUNDED_PRODUCT
        || step == Step.ELKAN_PRODUCT;
    this.productBounded = step == Step.BOUNDED_PRODUCT || step == Step.ELKAN_PRODUCT;
    this.product = wide
        ? new ProductAssignment(x, n, d, k, mean != null ? mean : WideRows.mean(x, n, d, par),
            pointNorms, step == Step.ELKAN_PRODUCT, par)
        : null;
    this.chunks = wide
        ? ProductAssignment.chunks(n, d, k, (long) k * (d + 1))
        : Chunks.count(n, (long) k * (d + 1));
    this.labels = new int[n];
    this.dist = new double[n];
    this.lower = accelerated || productBounded ? new double[n] : null;
    this.partialSums = new ClusterSums[chunks];
    this.partialInertia = new double[chunks];
    this.partialChanged = new boolean[chunks];
    this.scratch = new NearestCentroid.Scratch[chunks];
    this.boundedScratch = new BoundedAssignment.Scratch[chunks];
    this.productScratch = new ProductAssignment.Scratch[chunks];
    this.rowSums = new RowSums[wide ? chunks : 0];
    for (int ch = 0; ch < chunks; ch++) {
      partialSums[ch] = wide ? null : new ClusterSums(k, d);
      if (accelerated) {
        boundedScratch[ch] = new BoundedAssignment.Scratch();
      } else if (wide) {
        productScratch[ch] = new ProductAssignment.Scratch(d, k);
        rowSums[ch] = new RowSums(k, d);
      } else {
        scratch[ch] = new NearestCentroid.Scratch();
      }
    }
    this.sums = new double[k * d];
    this.counts = new int[k];
    this.halfGap = new double[k];
    this.drift = new double[k];
    this.moves = new double[k];
    this.c0 = new double[k];
    this.c1 = new double[k];
    this.c2 = new double[k];
    double maxAbs = 0;
    for (int i = 0; accelerated && i < x.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(x[i]));
    }
    // Distances are at most 2 R with R = sqrt(d) max|x|; one update of a bound rounds by at
    // most a few ulps of 2 R, far below this.
    this.slack = 1e-14 * Math.sqrt(d) * maxAbs;
  }

  /**
   * Runs Lloyd's algorithm from {@code initial} (k x d, not modified).
   *
   * @param tolerance the absolute bound on the summed squared centroid shift
   */
  Result run(double[] initial, int maxIterations, double tolerance, Observer observer) {
    double[] centers = initial.clone();
    double[] next = new double[k * d];
    boolean bounded = false;
    boolean strict = false;
    boolean converged = false;
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      double inertia = assign(centers, bounded, true);
      // Labels left over from an earlier restart do not count: the first step always changes.
      boolean changed = iteration == 1 || anyChanged();
      changed |= relocateEmptyClusters();
      double shift = 0;
      double largest = 0;
      double secondLargest = 0;
      int moved = -1;
      for (int j = 0; j < k; j++) {
        double delta = 0;
        for (int f = 0; f < d; f++) {
          double mean = sums[j * d + f] / counts[j];
          double t = mean - centers[j * d + f];
          delta += t * t;
          next[j * d + f] = mean;
        }
        shift += delta;
        delta = Math.sqrt(delta);
        moves[j] = delta * (1 + ProductAssignment.MARGIN);
        if (delta > largest) {
          secondLargest = largest;
          largest = delta;
          moved = j;
        } else if (delta > secondLargest) {
          secondLargest = delta;
        }
      }
      for (int j = 0; j < k; j++) {
        drift[j] = (j == moved ? secondLargest : largest) + slack;
      }
      bounded = accelerated || productBounded;
      double[] swap = centers;
      centers = next;
      next = swap;
      observer.iteration(iteration, inertia, shift);
      if (!changed) {
        strict = true;
        converged = true;
        break;
      }
      if (shift <= tolerance) {
        converged = true;
        break;
      }
    }
    double inertia = strict ? inertia(centers) : assign(centers, bounded, false);
    Result result = new Result(centers, labels.clone(), inertia, iteration, converged);
    for (ProductAssignment.Scratch w : productScratch) {
      result.scanned += w != null ? w.scanned : 0;
    }
    return result;
  }

  /**
   * The assignment step (labels, distances and inertia), with the per-chunk sums of the points
   * of every cluster combined in chunk order into {@code sums} and {@code counts} if {@code
   * withSums}; returns the inertia of the assignment.
   */
  private double assign(double[] centers, boolean bounded, boolean withSums) {
    if (accelerated) {
      prepareBounds(centers);
    }
    if (product != null) {
      product.prepare(centers, productBounded);
    }
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      if (accelerated) {
        BoundedAssignment.Scratch w = boundedScratch[ch];
        BoundedAssignment.assign(x, d, from, to, centers, k, c0, c1, c2, labels, dist, lower,
            bounded, halfGap, drift, w);
        partialChanged[ch] = w.changed;
      } else if (product != null) {
        RowSums s = withSums ? rowSums[ch] : null;
        if (s != null) {
          s.clear();
        }
        ProductAssignment.Scratch w = productScratch[ch];
        product.assign(from, to, centers, labels, dist, lower, bounded, drift, moves, s, w);
        partialChanged[ch] = w.changed;
      } else {
        NearestCentroid.assign(x, d, from, to, centers, k, labels, dist, scratch[ch]);
        partialChanged[ch] = scratch[ch].changed;
      }
      partialInertia[ch] = ClusterSums.inertia(dist, from, to);
      if (withSums && product == null) {
        partialSums[ch].sum(x, from, to, labels);
      }
    });
    double inertia = sumInOrder(partialInertia);
    if (withSums) {
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (ClusterSums partial : partialSums) {
        if (partial != null) {
          partial.addTo(sums, counts);
        }
      }
      for (RowSums partial : rowSums) {
        partial.addTo(sums, counts);
      }
    }
    return inertia;
  }

  private boolean anyChanged() {
    for (boolean c : partialChanged) {
      if (c) {
        return true;
      }
    }
    return false;
  }

  /** Half the distance from each centroid to its nearest other one; the features split. */
  private void prepareBounds(double[] centers) {
    Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
    for (int j = 0; j < k; j++) {
      for (int i = j + 1; i < k; i++) {
        double gap = Math.sqrt(NearestCentroid.squaredDistance(centers, j, centers, i, d)) / 2;
        halfGap[j] = Math.min(halfGap[j], gap);
        halfGap[i] = Math.min(halfGap[i], gap);
      }
    }
    if (d == 3) {
      for (int j = 0; j < k; j++) {
        c0[j] = centers[3 * j];
        c1[j] = centers[3 * j + 1];
        c2[j] = centers[3 * j + 2];
      }
    }
  }

  /** The inertia of the current labels for {@code centers}. */
  private double inertia(double[] centers) {
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      for (int i = from; i < to; i++) {
        dist[i] = product != null
            ? WideRows.squaredDistance(x, i, centers, labels[i], d)
            : NearestCentroid.squaredDistance(x, i, centers, labels[i], d);
      }
      partialInertia[ch] = ClusterSums.inertia(dist, from, to);
    });
    return sumInOrder(partialInertia);
  }

  private static double sumInOrder(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  /**
   * Gives every empty cluster the point farthest from its centroid (ties to the lowest index),
   * taken only from clusters that keep at least one other point, so no cluster is emptied in
   * turn. Such a point always exists when the data has at least {@code k} distinct rows.
   */
  private boolean relocateEmptyClusters() {
    boolean relocated = false;
    for (int j = 0; j < k; j++) {
      if (counts[j] != 0) {
        continue;
      }
      int far = -1;
      double farthest = -1;
      for (int i = 0; i < n; i++) {
        if (dist[i] > farthest && counts[labels[i]] > 1) {
          farthest = dist[i];
          far = i;
        }
      }
      if (far < 0) {
        throw new IllegalStateException("no point to re-seed empty cluster " + j);
      }
      int old = labels[far];
      counts[old]--;
      counts[j] = 1;
      for (int f = 0; f < d; f++) {
        sums[old * d + f] -= x[far * d + f];
        sums[j * d + f] = x[far * d + f];
      }
      labels[far] = j;
      dist[far] = 0;
      if (lower != null) {
        lower[far] = 0; // its bound referred to its old centroid
      }
      if (product != null) {
        product.forget(far);
      }
      relocated = true;
    }
    return relocated;
  }
}
