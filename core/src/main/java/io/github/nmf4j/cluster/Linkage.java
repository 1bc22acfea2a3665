package io.github.nmf4j.cluster;

/**
 * How {@link Agglomerative} measures the distance between two clusters {@code A} and {@code B}
 * (Euclidean distances between points), as scipy's {@code linkage} and scikit-learn's {@code
 * AgglomerativeClustering}. All four are reducible, so the nearest-neighbour chain (or the
 * minimum spanning tree, for single linkage) finds the same merges as the naive algorithm.
 */
public enum Linkage {

  /**
   * The smallest distance between a point of {@code A} and a point of {@code B}. Computed from
   * the minimum spanning tree (Prim's algorithm, distances computed on the fly), {@code O(n^2 d)}
   * time and {@code O(n)} memory; Gower and Ross (1969).
   */
  SINGLE,

  /**
   * The largest distance between a point of {@code A} and a point of {@code B}. Nearest-neighbour
   * chain on the condensed distance matrix: {@code O(n^2)} time after the {@code O(n^2 d)}
   * distances, {@code 4 n^2} bytes of memory.
   */
  COMPLETE,

  /**
   * The mean distance between the points of {@code A} and those of {@code B} (UPGMA).
   * Nearest-neighbour chain on the condensed distance matrix, like {@link #COMPLETE}.
   */
  AVERAGE,

  /**
   * Ward's minimum-variance criterion (Ward 1963): the merge height is {@code sqrt(2 |A| |B| /
   * (|A| + |B|)) |c_A - c_B|}, with {@code c} the centroids, so each merge raises the total
   * within-cluster sum of squares by half its squared height, the least possible. The default,
   * as in scikit-learn. Nearest-neighbour chain on the centroids: {@code O(n^2 d)} time and only
   * {@code O(n d)} memory.
   */
  WARD
}
