package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * The symmetrized k-nearest-neighbour graph of scikit-learn's spectral clustering, in compressed
 * sparse rows without the diagonal: {@code a_ij = (c_ij + c_ji) / 2} with {@code c_ij = 1} when
 * {@code j} is among the {@code neighbors} nearest points of {@code i} (the point itself
 * included, as {@code kneighbors_graph(include_self=True)}). Entries are 1/2 (one-way) or 1
 * (mutual); the self-loops are left out because the normalized Laplacian ignores them.
 *
 * <p><b>Search.</b> Exact. On data with fewer than {@value #WIDE} features, by a sweep along the
 * coordinate of largest variance: the points are sorted by it, and each query scans outwards
 * from its own position until the difference in that coordinate alone exceeds its current
 * {@code neighbors}-th distance; this reads about {@code sqrt(n)} candidates per point instead
 * of {@code n}. On wider data, where the sweep cannot prune, by blocked matrix products ({@link
 * ProductNeighbors}, which finds the same neighbours); on the digits (1,797 x 64) it takes 0.024
 * CPU seconds against the sweep's 0.12-0.18 (one thread, after the JIT has compiled it). Neighbours
 * are ranked by squared distance summed in feature order ({@link Rows#squaredDistance}), ties by
 * index, so the graph does not depend on the search, the scan order or the thread count.
 */
final class NeighborGraph {

  /**
   * The fewest features searched by matrix products (scikit-learn's brute-force search starts
   * at 16 features too).
   */
  static final int WIDE = 16;

  /** Queries per parallel task. */
  private static final int QUERIES_PER_TASK = 512;

  final int n;
  final int[] rowStart;
  final int[] columns;
  final double[] values;

  private NeighborGraph(int n, int[] rowStart, int[] columns, double[] values) {
    this.n = n;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /** The graph of the {@code x} (n x d) points with {@code neighbors} neighbours each. */
  static NeighborGraph of(double[] x, int n, int d, int neighbors, Parallel par) {
    int[] nearest = nearest(x, n, d, neighbors, par);
    int[] count = new int[n + 1];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < neighbors; t++) {
        int j = nearest[i * neighbors + t];
        if (j != i) {
          count[i + 1]++;
          count[j + 1]++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    int[] raw = new int[count[n]];
    int[] fill = Arrays.copyOf(count, n);
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < neighbors; t++) {
        int j = nearest[i * neighbors + t];
        if (j != i) {
          raw[fill[i]++] = j;
          raw[fill[j]++] = i;
        }
      }
    }
    // Sort each row; a column listed twice is a mutual pair: weight 1, else 1/2.
    int[] rowStart = new int[n + 1];
    int[] columns = new int[raw.length];
    double[] values = new double[raw.length];
    int e = 0;
    for (int i = 0; i < n; i++) {
      Arrays.sort(raw, count[i], count[i + 1]);
      rowStart[i] = e;
      for (int p = count[i]; p < count[i + 1]; p++) {
        if (p > count[i] && raw[p] == raw[p - 1]) {
          values[e - 1] += 0.5;
        } else {
          columns[e] = raw[p];
          values[e] = 0.5;
          e++;
        }
      }
    }
    rowStart[n] = e;
    return new NeighborGraph(n, rowStart, Arrays.copyOf(columns, e), Arrays.copyOf(values, e));
  }

  /**
   * The {@code neighbors} nearest points of every point, nearest first (by squared distance,
   * then index), {@code n x neighbors} row-major.
   */
  static int[] nearest(double[] x, int n, int d, int neighbors, Parallel par) {
    return d >= WIDE
        ? ProductNeighbors.nearest(x, n, d, neighbors, par)
        : sweep(x, n, d, neighbors, par);
  }

  /** {@link #nearest} by the sweep along the widest coordinate. */
  static int[] sweep(double[] x, int n, int d, int neighbors, Parallel par) {
    int axis = widestAxis(x, n, d);
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> {
      int c = Double.compare(x[a * d + axis], x[b * d + axis]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] order = new int[n];
    int[] position = new int[n];
    double[] key = new double[n];
    for (int p = 0; p < n; p++) {
      order[p] = boxed[p];
      position[boxed[p]] = p;
      key[p] = x[boxed[p] * d + axis];
    }
    int[] out = new int[n * neighbors];
    int tasks = (n + QUERIES_PER_TASK - 1) / QUERIES_PER_TASK;
    par.forEach(tasks, task -> {
      double[] bestDistance = new double[neighbors];
      int[] bestIndex = new int[neighbors];
      int end = Math.min(n, (task + 1) * QUERIES_PER_TASK);
      for (int i = task * QUERIES_PER_TASK; i < end; i++) {
        search(x, d, i, order, position[i], key, neighbors, bestDistance, bestIndex);
        System.arraycopy(bestIndex, 0, out, i * neighbors, neighbors);
      }
    });
    return out;
  }

  /** The sweep for one query; fills {@code bestIndex} nearest first. */
  private static void search(double[] x, int d, int i, int[] order, int at, double[] key,
      int neighbors, double[] bestDistance, int[] bestIndex) {
    int n = order.length;
    Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
    Arrays.fill(bestIndex, Integer.MAX_VALUE);
    double centre = key[at];
    int lo = at;
    int hi = at + 1;
    while (lo >= 0 || hi < n) {
      double gapLo = lo >= 0 ? centre - key[lo] : Double.POSITIVE_INFINITY;
      double gapHi = hi < n ? key[hi] - centre : Double.POSITIVE_INFINITY;
      boolean low = gapLo <= gapHi;
      double gap = low ? gapLo : gapHi;
      // Every point further along the axis is further away than the worst kept one.
      if (gap * gap > bestDistance[neighbors - 1]) {
        break;
      }
      int j = low ? order[lo--] : order[hi++];
      insert(Rows.squaredDistance(x, i, x, j, d), j, neighbors, bestDistance, bestIndex);
    }
  }

  /** Inserts {@code (s, j)} into the sorted list if it ranks before its last entry. */
  static void insert(double s, int j, int neighbors, double[] bestDistance,
      int[] bestIndex) {
    int last = neighbors - 1;
    if (s > bestDistance[last] || (s == bestDistance[last] && j > bestIndex[last])) {
      return;
    }
    int p = last;
    while (p > 0 && (bestDistance[p - 1] > s
        || (bestDistance[p - 1] == s && bestIndex[p - 1] > j))) {
      bestDistance[p] = bestDistance[p - 1];
      bestIndex[p] = bestIndex[p - 1];
      p--;
    }
    bestDistance[p] = s;
    bestIndex[p] = j;
  }

  /** The feature with the largest variance (the first on ties). */
  private static int widestAxis(double[] x, int n, int d) {
    int best = 0;
    double bestVariance = -1;
    for (int f = 0; f < d; f++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += x[i * d + f];
      }
      mean /= n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        double t = x[i * d + f] - mean;
        v += t * t;
      }
      if (v > bestVariance) {
        bestVariance = v;
        best = f;
      }
    }
    return best;
  }
}
