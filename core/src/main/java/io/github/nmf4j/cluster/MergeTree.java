package io.github.nmf4j.cluster;

import java.util.Arrays;

/**
 * The dendrogram of an agglomerative clustering of {@code n} points: {@code n - 1} merges in
 * order of increasing height, in scipy's linkage-matrix convention. Node ids {@code 0..n-1} are
 * the points (leaves); merge {@code i} creates node {@code n + i} from its children {@link
 * #left(int)} and {@link #right(int)} (the smaller id first). Equal to scikit-learn's {@code
 * children_} and {@code distances_} and to the first three columns of scipy's linkage matrix.
 *
 * <p>{@link #cut(int)} reads any number of clusters off the tree without refitting. Immutable.
 */
public final class MergeTree {

  private final int n;
  private final int[] left;
  private final int[] right;
  private final double[] heights;
  private final int[] sizes;

  MergeTree(int n, int[] left, int[] right, double[] heights, int[] sizes) {
    this.n = n;
    this.left = left;
    this.right = right;
    this.heights = heights;
    this.sizes = sizes;
  }

  /** The number of points (leaves). */
  public int leaves() {
    return n;
  }

  /** The number of merges, {@code leaves() - 1}. */
  public int merges() {
    return n - 1;
  }

  /**
   * The first child (the smaller node id) of merge {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, merges())}
   */
  public int left(int i) {
    return left[check(i)];
  }

  /**
   * The second child (the larger node id) of merge {@code i}.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, merges())}
   */
  public int right(int i) {
    return right[check(i)];
  }

  /**
   * The linkage distance at which merge {@code i} joins its children (non-decreasing in
   * {@code i}).
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, merges())}
   */
  public double height(int i) {
    return heights[check(i)];
  }

  /**
   * The number of points in the cluster merge {@code i} creates.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, merges())}
   */
  public int size(int i) {
    return sizes[check(i)];
  }

  /** The merge heights in order (a copy). */
  public double[] heights() {
    return heights.clone();
  }

  private int check(int i) {
    if (i < 0 || i >= n - 1) {
      throw new IndexOutOfBoundsException("merge " + i + " outside [0, " + (n - 1) + ")");
    }
    return i;
  }

  /**
   * The labels of {@code clusters} clusters: the clusters present after the first {@code n -
   * clusters} merges (as scikit-learn's {@code AgglomerativeClustering(n_clusters=...)}).
   * Clusters are numbered in the order of their first point: point 0 is in cluster 0.
   *
   * @throws IllegalArgumentException if {@code clusters} is not in {@code [1, leaves()]}
   */
  public int[] cut(int clusters) {
    if (clusters < 1 || clusters > n) {
      throw new IllegalArgumentException(
          "clusters must be in [1, " + n + "] (the number of points), was " + clusters);
    }
    int[] parent = new int[n];
    Arrays.setAll(parent, i -> i);
    int[] representative = new int[2 * n - 1];
    Arrays.setAll(representative, i -> i < n ? i : -1);
    for (int i = 0; i < n - clusters; i++) {
      int a = find(parent, representative[left[i]]);
      int b = find(parent, representative[right[i]]);
      parent[Math.max(a, b)] = Math.min(a, b);
      representative[n + i] = Math.min(a, b);
    }
    int[] labels = new int[n];
    int[] numberOfRoot = new int[n];
    Arrays.fill(numberOfRoot, -1);
    int next = 0;
    for (int p = 0; p < n; p++) {
      int root = find(parent, p);
      if (numberOfRoot[root] < 0) {
        numberOfRoot[root] = next++;
      }
      labels[p] = numberOfRoot[root];
    }
    return labels;
  }

  /**
   * The labels obtained by undoing every merge at height {@code >= threshold}, as
   * scikit-learn's {@code distance_threshold}: {@code cut(1 + number of such merges)}.
   *
   * @throws IllegalArgumentException if {@code threshold} is negative or NaN
   */
  public int[] cutAtHeight(double threshold) {
    if (!(threshold >= 0)) {
      throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
    }
    int above = 0;
    for (double h : heights) {
      if (h >= threshold) {
        above++;
      }
    }
    return cut(above + 1);
  }

  private static int find(int[] parent, int p) {
    while (parent[p] != p) {
      parent[p] = parent[parent[p]];
      p = parent[p];
    }
    return p;
  }

  @Override
  public String toString() {
    return "MergeTree[leaves=" + n + ", top height="
        + (n > 1 ? heights[n - 2] : Double.NaN) + "]";
  }
}
