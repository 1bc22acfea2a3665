package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.CentredProducts;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * The assignment step for wide data (many features): the nearest centroid of each point is the
 * argmin over {@code j} of {@code |c'_j|^2 - 2 x'.c'_j} on points and centroids centred by the
 * data's mean, the products of a block of points with all centroids coming from one matrix
 * product ({@link CentredProducts}, whose class comment derives the rounding bound), as
 * scikit-learn computes them. Two centroids whose squared distances differ by less than twice
 * that bound may be ranked in either order. The blocks are fixed by the data's shape, so labels
 * do not depend on the thread count, and a point gets the same products in any block, so {@code
 * predict} on a subset of the training points ({@link #predict}) gives their training labels.
 *
 * <p>Bounds ({@link ProductBounds}: Hamerly's or Elkan's) spare the product, and even the
 * reading of the point, for points that provably keep their centroid, without changing a label.
 * The cluster statistics ({@link ProductSums}) are kept across iterations and change only with
 * labels: each chunk collects the moves of its points in point order, and the chunks' moves are
 * added in chunk order. The inertia of each iteration is the expanded formula per cluster
 * ({@link ProductSums#inertia}); the final inertia ({@link #finish}) sums distances computed
 * directly ({@link Rows#squaredDistanceWide}).
 */
final class ProductAssignment implements Assignment {

  /** Points per matrix product. */
  static final int BLOCK = 128;

  /** Multiply-adds per parallel task at least. */
  private static final long TASK_WORK = 1L << 20;

  private final double[] x;
  private final int n;
  private final int d;
  private final int k;
  private final Parallel par;
  private final int chunks;
  private final double[] mean;
  private final double[] pointNorms;
  private final ProductBounds bounds;
  private final double[] centred;
  private final double[] centredNorms;
  private final int[] labels;
  /** Exact squared distances to the own centroid, computed only to re-seed empty clusters. */
  private final double[] dist;
  private final ProductSums sums;
  private final ProductSums.Delta[] deltas;
  private final double[][] blocks;
  private final double[][] dots;
  private final int[][] pending;
  private final boolean[] partialChanged;
  private final double[] partialInertia;
  private double inertia;

  /**
   * Prepares the assignment of the rows of {@code x} (n x d) to {@code k} centroids.
   *
   * @param mean the centring vector (any vector works; the data's mean is the accurate choice)
   * @param pointNorms {@code |x_i - mean|^2} for every row
   * @param bounds the bounds that spare products, for these points
   */
  ProductAssignment(double[] x, int n, int d, int k, double[] mean, double[] pointNorms,
      ProductBounds bounds, Parallel par) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.par = par;
    this.chunks = chunks(n, d, k, (long) k * (d + 1));
    this.mean = mean;
    this.pointNorms = pointNorms;
    this.bounds = bounds;
    this.centred = new double[k * d];
    this.centredNorms = new double[k];
    this.labels = new int[n];
    this.dist = new double[n];
    this.sums = new ProductSums(k, d, mean);
    this.deltas = new ProductSums.Delta[chunks];
    this.blocks = new double[chunks][BLOCK * d];
    this.dots = new double[chunks][BLOCK * k];
    this.pending = new int[chunks][BLOCK];
    for (int ch = 0; ch < chunks; ch++) {
      deltas[ch] = new ProductSums.Delta(k, d);
    }
    this.partialChanged = new boolean[chunks];
    this.partialInertia = new double[chunks];
  }

  /** The number of fixed chunks (parallel tasks) for {@code n} points against {@code k} rows. */
  static int chunks(int n, int d, int k, long partialDoubles) {
    long minPoints = Math.max(BLOCK, TASK_WORK / Math.max(1L, (long) d * k));
    return Chunks.count(n, (int) Math.min(minPoints, Chunks.MIN_POINTS), partialDoubles);
  }

  /**
   * {@code |x_i - mean|^2} for every row of {@code x} (n x d), over the fixed chunks; or null
   * when the product form could overflow on these points (it adds up to {@code n} terms of up to
   * four times the largest of them: values beyond about {@code 1e150}), where a fit computes
   * distances directly instead.
   */
  static double[] pointNorms(double[] x, int n, int d, double[] mean, Parallel par) {
    double[] norms = Chunks.centredNorms(x, n, d, mean, par);
    double largest = 0;
    for (double v : norms) {
      largest = Math.max(largest, v);
    }
    return largest < Double.MAX_VALUE / (4.0 * n) ? norms : null;
  }

  @Override
  public boolean assign(double[] centers, CentroidMoves moves) {
    boolean fresh = moves == null;
    prepare(centers, moves);
    if (fresh) {
      sums.reset();
    }
    par.forEach(chunks, ch -> {
      ProductSums.Delta delta = deltas[ch];
      delta.clear();
      partialChanged[ch] = assignChunk(ch, centers, !fresh, fresh, delta);
    });
    sums.add(deltas);
    inertia = sums.inertia(centred, centredNorms);
    if (fresh) {
      return true;
    }
    return Chunks.any(partialChanged);
  }

  private void prepare(double[] centers, CentroidMoves moves) {
    double radius = CentredProducts.centreRows(centers, k, d, mean, centred, centredNorms);
    bounds.prepare(centers, centredNorms, radius, moves);
  }

  /**
   * Assigns the points of chunk {@code ch}; records in {@code delta} (if not null) every point
   * that changes cluster, in point order; returns whether a label changed.
   *
   * @param bounded whether labels and bounds hold valid state from the previous step; if not,
   *     every point takes the product
   * @param fresh whether the statistics start from nothing: every point then enters its cluster
   *     in {@code delta}, whatever its earlier label
   */
  private boolean assignChunk(int ch, double[] centers, boolean bounded, boolean fresh,
      ProductSums.Delta delta) {
    int[] todo = pending[ch];
    boolean changed = false;
    for (int start = Chunks.start(n, chunks, ch), to = Chunks.start(n, chunks, ch + 1);
        start < to; start += BLOCK) {
      int end = Math.min(to, start + BLOCK);
      int count = 0;
      for (int i = start; i < end; i++) {
        if (!bounded || !bounds.keeps(i, labels[i])) {
          todo[count++] = i;
        }
      }
      if (count > 0) {
        changed |= scan(todo, count, fresh, delta, blocks[ch], dots[ch]);
      }
    }
    return changed;
  }

  /**
   * The product form for the {@code count} points in {@code todo}: labels (lowest index on
   * ties), bounds, changes of cluster into {@code delta}; returns whether a label changed.
   */
  private boolean scan(int[] todo, int count, boolean fresh, ProductSums.Delta delta,
      double[] block, double[] products) {
    CentredProducts.centre(x, d, todo, count, mean, block);
    CentredProducts.products(count, d, k, block, centred, products);
    boolean changed = false;
    for (int t = 0; t < count; t++) {
      int o = t * k;
      double best = Double.POSITIVE_INFINITY;
      double second = Double.POSITIVE_INFINITY;
      int label = 0;
      for (int j = 0; j < k; j++) {
        double v = centredNorms[j] - 2 * products[o + j];
        if (v < best) {
          second = best;
          best = v;
          label = j;
        } else if (v < second) {
          second = v;
        }
      }
      int i = todo[t];
      int previous = labels[i];
      boolean moved = previous != label;
      changed |= moved;
      labels[i] = label;
      if (delta != null && (fresh || moved)) {
        delta.move(fresh ? -1 : previous, label, block, t * d, pointNorms[i]);
      }
      bounds.record(i, label, best, second, products, o);
    }
    return changed;
  }

  @Override
  public double inertia() {
    return inertia;
  }

  @Override
  public boolean fillEmptyClusters(double[] centers) {
    if (!EmptyClusters.any(k, sums::count)) {
      return false;
    }
    distancesToOwn(centers);
    for (int j = 0; j < k; j++) {
      if (sums.count(j) != 0) {
        continue;
      }
      int far = EmptyClusters.donor(dist, labels, n, sums::count, j);
      sums.relocate(x, far, pointNorms[far], labels[far], j);
      labels[far] = j;
      dist[far] = 0;
      bounds.forget(far);
    }
    return true;
  }

  /** {@code dist[i]}: the exact squared distance of every point to its centroid. */
  private void distancesToOwn(double[] centers) {
    EmptyClusters.distancesToOwn(par, n, chunks, dist, partialInertia,
        i -> Rows.squaredDistanceWide(x, i, centers, labels[i], d));
  }

  @Override
  public void update(double[] next) {
    sums.centroids(next);
  }

  @Override
  public double finish(double[] centers, CentroidMoves moves, boolean relabel) {
    if (relabel) {
      prepare(centers, moves);
      par.forEach(chunks, ch -> assignChunk(ch, centers, true, false, null));
    }
    distancesToOwn(centers);
    return Rows.sumInOrder(partialInertia);
  }

  @Override
  public int[] labels() {
    return labels;
  }

  /**
   * The labels of the rows of {@code y} (m x d) for the centroids {@code c} (k x d) of a fit in
   * product form centred by {@code mean}: the argmin the fit uses, in the same blocks of
   * products, so points of the training data get their training labels.
   */
  static int[] predict(double[] y, int m, int d, double[] c, double[] mean, Parallel par) {
    int k = c.length / d;
    double[] centred = new double[k * d];
    double[] norms = new double[k];
    CentredProducts.centreRows(c, k, d, mean, centred, norms);
    int[] out = new int[m];
    int chunks = chunks(m, d, k, 0);
    par.forEach(chunks, ch -> {
      double[] block = new double[BLOCK * d];
      double[] dots = new double[BLOCK * k];
      for (int start = Chunks.start(m, chunks, ch), to = Chunks.start(m, chunks, ch + 1);
          start < to; start += BLOCK) {
        int count = Math.min(BLOCK, to - start);
        CentredProducts.centre(y, d, start, count, mean, block);
        CentredProducts.products(count, d, k, block, centred, dots);
        for (int t = 0; t < count; t++) {
          double best = Double.POSITIVE_INFINITY;
          int label = 0;
          for (int j = 0, o = t * k; j < k; j++) {
            double v = norms[j] - 2 * dots[o + j];
            if (v < best) {
              best = v;
              label = j;
            }
          }
          out[start + t] = label;
        }
      }
    });
    return out;
  }
}
