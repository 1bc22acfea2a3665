package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.MiniBatchConvergence;
import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * The steps of mini-batch k-means (Sculley, "Web-scale k-means clustering", WWW 2010) as
 * scikit-learn 1.2 runs them: draw a batch, assign it to the current centroids, move each
 * centroid towards the mean of its batch points with its own learning rate, now and then move
 * rarely chosen centroids to random batch points, and stop early on a smoothed batch inertia.
 * All scratch space is allocated once; a step allocates nothing.
 *
 * <p>On sparse rows ({@link SparseRows}) a batch is the indices of its rows, never densified:
 * its points are ranked by {@code |c_j|^2 - 2 x.c_j} ({@link SparseAssignment#nearest}, the
 * product form of {@code |x|^2 - 2 x.c + |c|^2}), their inertia is that distance clamped at 0,
 * and the update adds only their stored entries, in batch order as the dense sums (so the
 * sums, and the centroids, are the dense fit's to the bit when the labels agree).
 */
final class MiniBatchLoop {

  /** Multiply-adds per chunk at least before a batch is split across threads. */
  private static final int MIN_WORK = 1 << 17;

  /** Receives one step's numbers; may throw {@link java.util.concurrent.CancellationException}. */
  interface Observer {
    void step(long step, double meanBatchInertia, double centerShift);
  }

  /** How a run ended. */
  record Outcome(long steps, boolean converged) {}

  private final double[] x;
  /** The sparse rows, or null for dense {@code x}. */
  private final SparseRows sparse;
  private final int n;
  private final int d;
  private final int k;
  private final int batch;
  private final Parallel par;
  /** The batch: its points (dense), or its row indices (sparse). */
  private final double[] points;
  private final int[] rows;
  /** Sparse: the centroids transposed (d x k), their squared norms, products per chunk. */
  private final double[] transposed;
  private final double[] centerNorms;
  private final double[][] dots;
  private final int[] labels;
  private final double[] weights;
  private final int[] batchCounts;
  private final double[] sums;
  private final int chunks;
  private final double[] chunkInertia;
  private final NearestCentroid.Scratch[] scratch;
  private final Integer[] order;
  private final boolean[] reassign;
  private final int[] chosen;
  private final Comparator<Integer> byWeight;

  MiniBatchLoop(double[] x, int n, int d, int k, int batch, Parallel par) {
    this(x, null, n, d, k, batch, par);
  }

  MiniBatchLoop(SparseRows x, int k, int batch, Parallel par) {
    this(null, x, x.n, x.d, k, batch, par);
  }

  private MiniBatchLoop(double[] x, SparseRows sparse, int n, int d, int k, int batch,
      Parallel par) {
    this.x = x;
    this.sparse = sparse;
    this.n = n;
    this.d = d;
    this.k = k;
    this.batch = batch;
    this.par = par;
    this.points = sparse == null ? new double[batch * d] : null;
    this.rows = sparse == null ? null : new int[batch];
    this.transposed = sparse == null ? null : new double[d * k];
    this.centerNorms = sparse == null ? null : new double[k];
    this.labels = new int[batch];
    this.weights = new double[k];
    this.batchCounts = new int[k];
    this.sums = new double[k * d];
    int minPoints = (int) Math.max(1, MIN_WORK / ((long) k * d));
    this.chunks = Chunks.count(batch, minPoints, 0);
    this.chunkInertia = new double[chunks];
    this.scratch = new NearestCentroid.Scratch[chunks];
    for (int c = 0; c < chunks; c++) {
      scratch[c] = new NearestCentroid.Scratch();
    }
    this.dots = sparse == null ? null : new double[chunks][k];
    this.order = new Integer[k];
    this.reassign = new boolean[k];
    this.chosen = new int[k];
    this.byWeight = (a, b) -> Double.compare(weights[a], weights[b]);
  }

  /**
   * Runs at most {@code steps} steps from {@code centers} (k x d), which end up holding the
   * final centroids.
   *
   * @param maxNoImprovement steps without a new minimum of the smoothed inertia that stop the
   *     run; 0: never
   * @param tolerance the absolute bound on a step's summed squared centroid shift; 0: never
   */
  Outcome run(double[] centers, long steps, int maxNoImprovement, double reassignmentRatio,
      double tolerance, SplittableRandom random, Observer observer) {
    double[] next = new double[centers.length];
    double[] current = centers;
    Arrays.fill(weights, 0);
    double alpha = Math.min(1, batch * 2.0 / (n + 1));
    MiniBatchConvergence convergence = new MiniBatchConvergence(tolerance, maxNoImprovement);
    long sinceReassign = 0;
    long step = 0;
    boolean converged = false;
    while (step < steps) {
      step++;
      for (int i = 0; i < batch; i++) {
        if (sparse == null) {
          System.arraycopy(x, random.nextInt(n) * d, points, i * d, d);
        } else {
          rows[i] = random.nextInt(n);
        }
      }
      double inertia = assignBatch(current) / batch;
      boolean anyEmpty = false;
      for (int j = 0; j < k && !anyEmpty; j++) {
        anyEmpty = weights[j] == 0;
      }
      update(current, next);
      sinceReassign += batch;
      if (anyEmpty || sinceReassign >= 10L * k) {
        sinceReassign = 0;
        if (reassignmentRatio > 0) {
          reassign(next, reassignmentRatio, random);
        }
      }
      double shift = 0;
      for (int i = 0; i < next.length; i++) {
        double t = next[i] - current[i];
        shift += t * t;
      }
      double[] swap = current;
      current = next;
      next = swap;
      observer.step(step, inertia, shift);
      // The first batch measures the seeding, not a step: the rule skips it.
      if (convergence.stop(step, alpha, inertia, shift)) {
        converged = true;
        break;
      }
    }
    if (current != centers) {
      System.arraycopy(current, 0, centers, 0, centers.length);
    }
    return new Outcome(step, converged);
  }

  /** Labels the batch for {@code centers}; returns its inertia, summed in chunk order. */
  private double assignBatch(double[] centers) {
    if (sparse != null) {
      SparseAssignment.prepare(centers, k, d, transposed, centerNorms);
    }
    par.forEach(chunks, ch -> chunkInertia[ch] = sparse != null
        ? assignSparse(Chunks.start(batch, chunks, ch), Chunks.start(batch, chunks, ch + 1),
            dots[ch])
        : NearestCentroid.assign(points, d, Chunks.start(batch, chunks, ch),
            Chunks.start(batch, chunks, ch + 1), centers, k, labels, null, scratch[ch]));
    double s = 0;
    for (int ch = 0; ch < chunks; ch++) {
      s += chunkInertia[ch];
    }
    return s;
  }

  /** Labels the sparse batch points {@code [from, to)}; returns their inertia. */
  private double assignSparse(int from, int to, double[] buffer) {
    double inertia = 0;
    for (int i = from; i < to; i++) {
      labels[i] = SparseAssignment.nearest(sparse, rows[i], transposed, centerNorms, buffer);
      inertia += Math.max(0, sparse.norms[rows[i]] + buffer[0]);
    }
    return inertia;
  }

  /**
   * scikit-learn's per-centre update: with {@code w_j} the points centroid {@code j} has seen
   * and {@code m_j} its batch points of sum {@code s_j}, {@code c_j <- (w_j c_j + s_j) / (w_j +
   * m_j)}, a step of learning rate {@code m_j / (w_j + m_j)} towards the batch mean.
   */
  private void update(double[] centers, double[] next) {
    Arrays.fill(batchCounts, 0);
    Arrays.fill(sums, 0);
    for (int i = 0; i < batch; i++) {
      int j = labels[i];
      batchCounts[j]++;
      if (sparse != null) {
        for (int q = sparse.pointers[rows[i]], end = sparse.pointers[rows[i] + 1]; q < end;
            q++) {
          sums[j * d + sparse.columns[q]] += sparse.values[q];
        }
        continue;
      }
      for (int f = 0, o = j * d, p = i * d; f < d; f++) {
        sums[o + f] += points[p + f];
      }
    }
    for (int j = 0; j < k; j++) {
      int o = j * d;
      if (batchCounts[j] == 0) {
        System.arraycopy(centers, o, next, o, d);
        continue;
      }
      double w = weights[j];
      double total = w + batchCounts[j];
      for (int f = 0; f < d; f++) {
        next[o + f] = (centers[o + f] * w + sums[o + f]) / total;
      }
      weights[j] = total;
    }
  }

  /**
   * Moves the centroids whose count is below {@code ratio} times the largest (at most half a
   * batch of them, the smallest counts first) to distinct batch points chosen uniformly, and
   * gives them the smallest count of the others, as scikit-learn does.
   */
  private void reassign(double[] next, double ratio, SplittableRandom random) {
    double max = 0;
    for (double w : weights) {
      max = Math.max(max, w);
    }
    int count = 0;
    for (int j = 0; j < k; j++) {
      reassign[j] = weights[j] < ratio * max;
      count += reassign[j] ? 1 : 0;
    }
    int most = batch / 2;
    if (count > most) {
      for (int j = 0; j < k; j++) {
        order[j] = j;
      }
      Arrays.sort(order, byWeight);
      for (int r = most; r < k; r++) {
        reassign[order[r]] = false;
      }
      count = most;
    }
    if (count == 0) {
      return;
    }
    double keptMin = Double.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (!reassign[j]) {
        keptMin = Math.min(keptMin, weights[j]);
      }
    }
    choose(batch, count, random);
    for (int j = 0, c = 0; j < k; j++) {
      if (reassign[j]) {
        if (sparse == null) {
          System.arraycopy(points, chosen[c++] * d, next, j * d, d);
        } else {
          sparse.densify(rows[chosen[c++]], next, j * d);
        }
        weights[j] = keptMin;
      }
    }
  }

  /** {@code count} distinct indices below {@code bound}, uniformly (Floyd), into {@code chosen}. */
  private void choose(int bound, int count, SplittableRandom random) {
    int c = 0;
    for (int j = bound - count; j < bound; j++) {
      int t = random.nextInt(j + 1);
      boolean taken = false;
      for (int i = 0; i < c && !taken; i++) {
        taken = chosen[i] == t;
      }
      chosen[c++] = taken ? j : t;
    }
  }

  /**
   * The label of every point of {@code x} for {@code centers}, written into {@code out};
   * returns the inertia, distances computed directly and summed in the fixed chunks' order.
   */
  static double label(double[] x, int n, int d, double[] centers, int[] out, Parallel par) {
    int k = centers.length / d;
    int chunks = Chunks.count(n, 1);
    double[] partial = new double[chunks];
    par.forEach(chunks, ch -> partial[ch] = NearestCentroid.assign(x, d,
        Chunks.start(n, chunks, ch), Chunks.start(n, chunks, ch + 1), centers, k, out, null,
        new NearestCentroid.Scratch()));
    double s = 0;
    for (double p : partial) {
      s += p;
    }
    return s;
  }

  /**
   * The label of every sparse row for {@code centers}, as a batch is labelled ({@link
   * SparseAssignment#predict}), written into {@code out}; returns the inertia, each distance
   * from the differences at the stored entries ({@link SparseRows#distance}), summed in the
   * fixed chunks' order.
   */
  static double label(SparseRows x, double[] centers, int[] out, Parallel par) {
    int d = x.d;
    int k = centers.length / d;
    int[] labels = SparseAssignment.predict(x, centers, k, par);
    System.arraycopy(labels, 0, out, 0, x.n);
    double[] norms = new double[k];
    SparseAssignment.prepare(centers, k, d, new double[d * k], norms);
    int chunks = Chunks.count(x.n, 1);
    double[] partial = new double[chunks];
    par.forEach(chunks, ch -> {
      double s = 0;
      for (int i = Chunks.start(x.n, chunks, ch), to = Chunks.start(x.n, chunks, ch + 1);
          i < to; i++) {
        s += x.distance(i, centers, out[i], norms[out[i]]);
      }
      partial[ch] = s;
    });
    double s = 0;
    for (double p : partial) {
      s += p;
    }
    return s;
  }
}
