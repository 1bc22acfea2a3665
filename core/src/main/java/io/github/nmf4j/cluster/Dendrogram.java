package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Monitor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Collects the merges an agglomerative algorithm finds, each naming two points (any point of
 * each cluster), then orders them by height and names the clusters as scipy's {@code label}
 * does: the result is the {@link MergeTree} in linkage-matrix convention.
 */
final class Dendrogram {

  private final int n;
  private final int[] a;
  private final int[] b;
  private final double[] height;
  private final Monitor monitor;
  private int count;

  /** For {@code n} points; each merge is reported to {@code monitor} as step m of n - 1. */
  Dendrogram(int n, Monitor monitor) {
    this.n = n;
    this.monitor = monitor;
    this.a = new int[Math.max(0, n - 1)];
    this.b = new int[Math.max(0, n - 1)];
    this.height = new double[Math.max(0, n - 1)];
  }

  /**
   * Records that the cluster holding point {@code p} merged with the one holding {@code q}, and
   * reports it.
   *
   * @throws java.util.concurrent.CancellationException if the fit was cancelled
   */
  void add(int p, int q, double h) {
    a[count] = p;
    b[count] = q;
    height[count] = h;
    count++;
    monitor.report(0, count, n - 1);
  }

  /**
   * The tree, merges sorted by height (stable, so equal heights keep the order found), with
   * every height multiplied by {@code 2^heightShift} (exactly, for points that were scaled).
   */
  MergeTree build(int heightShift) {
    if (count != n - 1) {
      throw new IllegalStateException(count + " merges recorded for " + n + " points");
    }
    Integer[] order = IntStream.range(0, count).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> height[i]));
    int[] parent = new int[2 * n - 1];
    Arrays.setAll(parent, i -> i);
    int[] left = new int[count];
    int[] right = new int[count];
    double[] heights = new double[count];
    int[] sizes = new int[2 * n - 1];
    Arrays.fill(sizes, 0, n, 1);
    for (int m = 0; m < count; m++) {
      int i = order[m];
      int x = find(parent, a[i]);
      int y = find(parent, b[i]);
      int node = n + m;
      left[m] = Math.min(x, y);
      right[m] = Math.max(x, y);
      heights[m] = Math.scalb(height[i], heightShift);
      sizes[node] = sizes[x] + sizes[y];
      parent[x] = node;
      parent[y] = node;
    }
    return new MergeTree(n, left, right, heights, Arrays.copyOfRange(sizes, n, 2 * n - 1));
  }

  private static int find(int[] parent, int p) {
    int root = p;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[p] != root) {
      int next = parent[p];
      parent[p] = root;
      p = next;
    }
    return root;
  }
}
