package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * What the assignment steps of sparse rows share ({@link SparseAssignment} for the Euclidean
 * distance, {@link SparseSphericalAssignment} for the cosine): the centroids transposed so that
 * a stored entry meets {@code k} contiguous values ({@link SparseRows#dots}), a pass over fixed
 * chunks of points that labels each by the subclass's rule ({@link #label}), the cluster sums by
 * column ({@link SparseRows#clusterSums}), the means, and the move of a point into an empty
 * cluster.
 *
 * <p>Points are assigned in the fixed chunks of {@link Chunks}, partial inertias added in chunk
 * order, sums added in point order: results do not depend on the number of threads.
 */
abstract class SparseStep implements Assignment {

  /** Features per tile of {@link #update}: 128 x k sums, 20 KB at k = 20. */
  private static final int UPDATE_FEATURES = 128;

  final SparseRows x;
  final int n;
  final int d;
  final int k;
  final Parallel par;
  final int chunks;
  final int[] labels;
  /** Per point, its distance to its centroid as the subclass measures it. */
  final double[] dist;
  /**
   * The centroids of the current step transposed, by rows ({@code transposed[f][j]}, d rows of
   * k), and their squared norms. Rows, not one flat d x k array: C2 vectorizes the products only
   * over rows ({@link SparseRows#dots}; all of FOLDOC's rows at k = 20: 0.56 ms, flat 0.92). A
   * row costs 20 bytes beyond its 8 k of values (a 16-byte header, a 4-byte reference), 100 MB
   * of a fit's 4.1 GB at 5,000,000 features and k = 20; but needing no contiguous heap regions,
   * the rows let 1,000 x 5,000,000 run at k = 10 with -Xmx2075m where a flat array needed
   * 2375m. A flat array transposes faster on very wide rows (a whole fit on 572,200 features:
   * 0.83 to 1.04 s, by rows 0.90 to 2.2 s): a trade, not a clear gain (measured 2026-12-08).
   */
  final double[][] transposed;
  final double[] norms;
  final double[] sums;
  final int[] counts;
  final double[][] dots;
  final double[] partialInertia;
  final boolean[] partialChanged;
  double inertia;

  SparseStep(SparseRows x, int k, Parallel par) {
    this.x = x;
    this.n = x.n;
    this.d = x.d;
    this.k = k;
    this.par = par;
    this.chunks = Chunks.count(n, k);
    this.labels = new int[n];
    this.dist = new double[n];
    this.transposed = new double[d][k];
    this.norms = new double[k];
    this.sums = new double[d * k];
    this.counts = new int[k];
    this.dots = new double[chunks][k];
    this.partialInertia = new double[chunks];
    this.partialChanged = new boolean[chunks];
  }

  /**
   * The label of point {@code i} for the centroids of the current pass ({@link #transposed},
   * {@link #norms}), its distance written to {@code dist[i]}; {@code buffer} holds k values.
   */
  abstract int label(int i, double[] buffer);

  @Override
  public boolean assign(double[] centers, CentroidMoves moves) {
    pass(centers, moves != null);
    x.clusterSums(labels, k, sums, par);
    Arrays.fill(counts, 0);
    for (int label : labels) {
      counts[label]++;
    }
    if (moves == null) {
      return true; // labels left over from an earlier run do not count
    }
    return Chunks.any(partialChanged);
  }

  /** One assignment of every point; {@code compare}: whether earlier labels are valid. */
  final void pass(double[] centers, boolean compare) {
    SparseAssignment.prepare(centers, k, d, transposed, norms);
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      double[] buffer = dots[ch];
      boolean changed = false;
      for (int i = from; i < to; i++) {
        int label = label(i, buffer);
        changed |= compare && label != labels[i];
        labels[i] = label;
      }
      partialChanged[ch] = changed;
      partialInertia[ch] = ClusterSums.inertia(dist, from, to);
    });
    inertia = Rows.sumInOrder(partialInertia);
  }

  @Override
  public double inertia() {
    return inertia;
  }

  /**
   * Moves into the empty cluster {@code j} the point farthest from its centroid by {@link
   * #dist} among clusters of more than one point ({@link EmptyClusters#takeDonor}), moving its
   * values between the sums.
   */
  final void fill(int j) {
    int far = EmptyClusters.takeDonor(dist, labels, counts, n, j);
    int old = labels[far];
    // Cluster j was empty, so its sums are exactly 0 on every feature.
    for (int q = x.pointers[far]; q < x.pointers[far + 1]; q++) {
      int f = x.columns[q];
      sums[f * k + old] -= x.values[q];
      sums[f * k + j] = x.values[q];
    }
    labels[far] = j;
    dist[far] = 0;
  }

  /**
   * {@inheritDoc} The cluster means; a mean whose sum overflowed (values near {@code
   * Double.MAX_VALUE}) is computed again without overflow ({@link SparseRows#carefulMean}).
   */
  @Override
  public void update(double[] next) {
    // UPDATE_FEATURES features at a time: their sums (UPDATE_FEATURES x k) stay in the L1
    // cache while each centroid's run of next is written in order
    for (int f0 = 0; f0 < d; f0 += UPDATE_FEATURES) {
      int f1 = Math.min(d, f0 + UPDATE_FEATURES);
      for (int j = 0; j < k; j++) {
        int count = counts[j];
        for (int f = f0, o = j * d; f < f1; f++) {
          double mean = sums[f * k + j] / count;
          next[o + f] = Double.isFinite(mean) ? mean : x.carefulMean(f, labels, j, count);
        }
      }
    }
  }

  @Override
  public int[] labels() {
    return labels;
  }
}
