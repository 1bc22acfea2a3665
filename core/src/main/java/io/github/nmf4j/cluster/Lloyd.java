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
 */
final class Lloyd {

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
  private final int chunks;
  private final int[] labels;
  private final int[] previousLabels;
  private final double[] dist;
  private final double[][] partialSums;
  private final int[][] partialCounts;
  private final double[] partialInertia;
  private final NearestCentroid.Scratch[] scratch;
  private final double[] sums;
  private final int[] counts;

  Lloyd(double[] x, int n, int d, int k, Parallel par) {
    this.x = x;
    this.n = n;
    this.d = d;
    this.k = k;
    this.par = par;
    this.chunks = Chunks.count(n, (long) k * (d + 1));
    this.labels = new int[n];
    this.previousLabels = new int[n];
    this.dist = new double[n];
    this.partialSums = new double[chunks][k * d];
    this.partialCounts = new int[chunks][k];
    this.partialInertia = new double[chunks];
    this.scratch = new NearestCentroid.Scratch[chunks];
    for (int ch = 0; ch < chunks; ch++) {
      scratch[ch] = new NearestCentroid.Scratch();
    }
    this.sums = new double[k * d];
    this.counts = new int[k];
  }

  /**
   * Runs Lloyd's algorithm from {@code initial} (k x d, not modified).
   *
   * @param tolerance the absolute bound on the summed squared centroid shift
   */
  Result run(double[] initial, int maxIterations, double tolerance, Observer observer) {
    double[] centers = initial.clone();
    double[] next = new double[k * d];
    Arrays.fill(previousLabels, -1);
    boolean strict = false;
    boolean converged = false;
    int iteration = 0;
    while (iteration < maxIterations) {
      iteration++;
      double inertia = assignAndSum(centers);
      relocateEmptyClusters();
      double shift = 0;
      for (int j = 0; j < k; j++) {
        for (int f = 0; f < d; f++) {
          double mean = sums[j * d + f] / counts[j];
          double t = mean - centers[j * d + f];
          shift += t * t;
          next[j * d + f] = mean;
        }
      }
      double[] swap = centers;
      centers = next;
      next = swap;
      observer.iteration(iteration, inertia, shift);
      if (Arrays.equals(labels, previousLabels)) {
        strict = true;
        converged = true;
        break;
      }
      if (shift <= tolerance) {
        converged = true;
        break;
      }
      System.arraycopy(labels, 0, previousLabels, 0, n);
    }
    double inertia = strict ? inertia(centers) : assign(centers);
    return new Result(centers, labels.clone(), inertia, iteration, converged);
  }

  /** The assignment step fused with the per-chunk sums; returns the inertia of the assignment. */
  private double assignAndSum(double[] centers) {
    par.forEach(chunks, ch -> {
      double[] s = partialSums[ch];
      int[] c = partialCounts[ch];
      Arrays.fill(s, 0);
      Arrays.fill(c, 0);
      partialInertia[ch] = NearestCentroid.assign(x, d, Chunks.start(n, chunks, ch),
          Chunks.start(n, chunks, ch + 1), centers, k, labels, dist, s, c, scratch[ch]);
    });
    Arrays.fill(sums, 0);
    Arrays.fill(counts, 0);
    double inertia = 0;
    for (int ch = 0; ch < chunks; ch++) {
      double[] s = partialSums[ch];
      int[] c = partialCounts[ch];
      for (int i = 0; i < s.length; i++) {
        sums[i] += s[i];
      }
      for (int j = 0; j < k; j++) {
        counts[j] += c[j];
      }
      inertia += partialInertia[ch];
    }
    return inertia;
  }

  /** The assignment step alone (labels and inertia), for the final centroids. */
  private double assign(double[] centers) {
    par.forEach(chunks, ch -> partialInertia[ch] = NearestCentroid.assign(x, d,
        Chunks.start(n, chunks, ch), Chunks.start(n, chunks, ch + 1), centers, k, labels,
        null, null, null, scratch[ch]));
    return sumInOrder(partialInertia);
  }

  private double inertia(double[] centers) {
    par.forEach(chunks, ch -> partialInertia[ch] = NearestCentroid.inertia(x, d,
        Chunks.start(n, chunks, ch), Chunks.start(n, chunks, ch + 1), centers, labels));
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
  private void relocateEmptyClusters() {
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
    }
  }
}
