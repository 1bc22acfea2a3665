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
  /** For the product steps, their state; null otherwise. */
  private final ProductStep product;
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
    this.chunks = wide ? ProductStep.chunks(n, d, k) : Chunks.count(n, (long) k * (d + 1));
    this.product = wide
        ? new ProductStep(x, n, d, k, chunks, productBounded, step == Step.ELKAN_PRODUCT, mean,
            pointNorms, par)
        : null;
    this.labels = new int[n];
    this.dist = new double[n];
    this.lower = accelerated || productBounded ? new double[n] : null;
    this.partialSums = new ClusterSums[chunks];
    this.partialInertia = new double[chunks];
    this.partialChanged = new boolean[chunks];
    this.scratch = new NearestCentroid.Scratch[chunks];
    this.boundedScratch = new BoundedAssignment.Scratch[chunks];

    for (int ch = 0; ch < chunks; ch++) {
      partialSums[ch] = wide ? null : new ClusterSums(k, d);
      if (accelerated) {
        boundedScratch[ch] = new BoundedAssignment.Scratch();
      } else if (!wide) {
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
      double inertia = assign(centers, bounded, iteration == 1, true);
      // Labels left over from an earlier restart do not count: the first step always changes.
      boolean changed = iteration == 1 || anyChanged();
      changed |= product != null
          ? product.relocateEmptyClusters(centers, labels, dist, lower, par)
          : relocateEmptyClusters();
      if (product != null) {
        product.centroids(next);
      }
      double shift = 0;
      double largest = 0;
      double secondLargest = 0;
      int moved = -1;
      for (int j = 0; j < k; j++) {
        double delta = 0;
        for (int f = 0; f < d; f++) {
          double mean = product != null ? next[j * d + f] : sums[j * d + f] / counts[j];
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
    double inertia;
    if (product != null) {
      if (!strict) {
        assign(centers, bounded, false, false);
      }
      inertia = inertia(centers); // from exact distances, not the product form
    } else {
      inertia = strict ? inertia(centers) : assign(centers, bounded, false, false);
    }
    Result result = new Result(centers, labels.clone(), inertia, iteration, converged);
    result.scanned = product != null ? product.scanned() : 0;
    return result;
  }

  /**
   * The assignment step (labels, distances and inertia), with the per-chunk sums of the points
   * of every cluster combined in chunk order into {@code sums} and {@code counts} if {@code
   * withSums}; returns the inertia of the assignment. On the product steps the statistics of
   * {@link ProductSums} are updated instead (rebuilt when {@code fresh}), and the inertia is
   * theirs.
   */
  private double assign(double[] centers, boolean bounded, boolean fresh, boolean withSums) {
    if (accelerated) {
      prepareBounds(centers);
    }
    if (product != null) {
      product.prepare(centers, fresh, withSums);
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
        partialChanged[ch] = product.assign(ch, from, to, centers, labels, lower, bounded, fresh,
            drift, moves, withSums);
        return;
      } else {
        NearestCentroid.assign(x, d, from, to, centers, k, labels, dist, scratch[ch]);
        partialChanged[ch] = scratch[ch].changed;
      }
      partialInertia[ch] = ClusterSums.inertia(dist, from, to);
      if (withSums && product == null) {
        partialSums[ch].sum(x, from, to, labels);
      }
    });
    if (product != null) {
      if (!withSums) {
        return Double.NaN;
      }
      return product.combine();
    }
    double inertia = sumInOrder(partialInertia);
    if (withSums) {
      Arrays.fill(sums, 0);
      Arrays.fill(counts, 0);
      for (ClusterSums partial : partialSums) {
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
      relocated = true;
    }
    return relocated;
  }
}
