package io.github.nmf4j.cluster;

import java.util.Arrays;

/**
 * The cluster statistics of the product path of {@link Lloyd}, kept from one iteration to the
 * next and updated only for the points that change cluster: per cluster, the sum {@code S_j} of
 * its centred points {@code x' = x - mean}, their number {@code n_j}, and the sum {@code Q_j} of
 * their squared norms {@code |x'|^2}. Points whose label the bounds prove unchanged are then
 * never read again, which is what makes late iterations cheap on wide data.
 *
 * <p>Each chunk of points collects its changes in a {@link Delta} (in point order), and the
 * deltas are added in chunk order, so the statistics do not depend on the number of threads.
 * The centroids are {@code mean + S_j / n_j}; the inertia of an assignment to centroids {@code
 * c'} (centred) is, per cluster, {@code Q_j - 2 c'_j . S_j + n_j |c'_j|^2}, the expanded formula
 * summed over the cluster's points, clamped at 0.
 */
final class ProductSums {

  private final int k;
  private final int d;
  private final double[] mean;
  private final double[][] sums;
  private final int[] counts;
  private final double[] squares;

  ProductSums(int k, int d, double[] mean) {
    this.k = k;
    this.d = d;
    this.mean = mean;
    this.sums = new double[k][d];
    this.counts = new int[k];
    this.squares = new double[k];
  }

  /** One chunk's changes to the statistics. */
  static final class Delta {
    private final double[][] sums;
    private final int[] counts;
    private final double[] squares;
    private final boolean[] touched;

    Delta(int k, int d) {
      this.sums = new double[k][d];
      this.counts = new int[k];
      this.squares = new double[k];
      this.touched = new boolean[k];
    }

    /** Forgets earlier changes. */
    void clear() {
      for (int j = 0; j < touched.length; j++) {
        if (touched[j]) {
          Arrays.fill(sums[j], 0);
          counts[j] = 0;
          squares[j] = 0;
          touched[j] = false;
        }
      }
    }

    /**
     * Moves a point from cluster {@code from} (-1 for none) to {@code to}: its centred row is
     * {@code row[o..o + d)} and its squared norm {@code norm}.
     */
    void move(int from, int to, double[] row, int o, double norm) {
      if (from >= 0) {
        double[] s = sums[from];
        for (int f = 0; f < s.length; f++) {
          s[f] -= row[o + f];
        }
        counts[from]--;
        squares[from] -= norm;
        touched[from] = true;
      }
      double[] s = sums[to];
      for (int f = 0; f < s.length; f++) {
        s[f] += row[o + f];
      }
      counts[to]++;
      squares[to] += norm;
      touched[to] = true;
    }
  }

  /** Forgets everything (the start of a restart). */
  void reset() {
    for (double[] s : sums) {
      Arrays.fill(s, 0);
    }
    Arrays.fill(counts, 0);
    Arrays.fill(squares, 0);
  }

  /**
   * Adds the deltas in order; a cluster left empty gets exactly zero statistics (no rounding
   * residue).
   */
  void add(Delta[] deltas) {
    for (Delta delta : deltas) {
      for (int j = 0; j < k; j++) {
        if (delta.touched[j]) {
          double[] s = sums[j];
          double[] t = delta.sums[j];
          for (int f = 0; f < d; f++) {
            s[f] += t[f];
          }
          counts[j] += delta.counts[j];
          squares[j] += delta.squares[j];
        }
      }
    }
    for (int j = 0; j < k; j++) {
      if (counts[j] == 0) {
        Arrays.fill(sums[j], 0);
        squares[j] = 0;
      }
    }
  }

  /** The number of points of cluster {@code j}. */
  int count(int j) {
    return counts[j];
  }

  /**
   * Moves point {@code i} of {@code x} (raw) from cluster {@code from} into empty cluster
   * {@code to}.
   */
  void relocate(double[] x, int i, double norm, int from, int to) {
    double[] s = sums[from];
    double[] t = sums[to];
    for (int f = 0; f < d; f++) {
      double v = x[i * d + f] - mean[f];
      s[f] -= v;
      t[f] = v;
    }
    counts[from]--;
    counts[to] = 1;
    squares[from] -= norm;
    squares[to] = norm;
  }

  /** The centroids {@code mean + S_j / n_j} into {@code out} (k x d); no cluster may be empty. */
  void centroids(double[] out) {
    for (int j = 0; j < k; j++) {
      double[] s = sums[j];
      int o = j * d;
      for (int f = 0; f < d; f++) {
        out[o + f] = mean[f] + s[f] / counts[j];
      }
    }
  }

  /**
   * The inertia of the current labels for the centred centroids {@code centred} (k x d) with
   * squared norms {@code norms}: the sum over clusters of {@code max(0, Q_j - 2 c'_j . S_j + n_j
   * |c'_j|^2)}.
   */
  double inertia(double[] centred, double[] norms) {
    double total = 0;
    for (int j = 0; j < k; j++) {
      if (counts[j] == 0) {
        continue;
      }
      double[] s = sums[j];
      int o = j * d;
      double dot = 0;
      for (int f = 0; f < d; f++) {
        dot = Math.fma(centred[o + f], s[f], dot);
      }
      total += Math.max(0, squares[j] - 2 * dot + counts[j] * norms[j]);
    }
    return total;
  }
}
