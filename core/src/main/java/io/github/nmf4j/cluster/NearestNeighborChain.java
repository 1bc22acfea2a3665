package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;

/**
 * The nearest-neighbour chain (Murtagh 1983; Müllner, "Modern hierarchical, agglomerative
 * clustering algorithms", 2011) for a reducible linkage over clusters in slots {@code 0..n-1}:
 * the chain grows from its last cluster to that cluster's nearest active neighbour until two
 * clusters are each other's nearest, which are then merged, the merged cluster taking the slot of
 * the larger index. Ties go to the previous chain element, then to the lowest index, as in
 * scipy's {@code nn_chain}. A subclass says how far apart two clusters are, finds a cluster's
 * nearest neighbour, and records a merge.
 */
abstract class NearestNeighborChain {

  final int n;
  /** The points in each slot's cluster; 0 once the slot has been merged away. */
  final int[] size;

  NearestNeighborChain(int n) {
    this.n = n;
    this.size = new int[n];
    Arrays.fill(size, 1);
  }

  /** Runs the {@code n - 1} merges, adding each to {@code tree}. */
  final void run(Dendrogram tree) {
    int[] chain = new int[n];
    int length = 0;
    for (int merge = 0; merge < n - 1; merge++) {
      Parallel.checkInterrupt();
      if (length == 0) {
        chain[length++] = firstActive(size);
      }
      int a;
      int b;
      double current;
      while (true) {
        a = chain[length - 1];
        int previous = length > 1 ? chain[length - 2] : -1;
        b = nearest(a);
        current = distance(a, b);
        if (previous >= 0) {
          double back = distance(a, previous);
          if (!(current < back)) {
            b = previous;
            current = back;
          }
        }
        if (b == previous) {
          break;
        }
        chain[length++] = b;
      }
      length -= 2;
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      merge(lo, hi, current, tree);
      size[hi] += size[lo];
      size[lo] = 0;
    }
  }

  /** The distance, in the subclass's units, of the clusters in slots {@code a} and {@code b}. */
  abstract double distance(int a, int b);

  /**
   * The active slot other than {@code a} whose cluster is nearest to {@code a}'s, the lowest
   * such index on a tie (another active slot exists).
   */
  abstract int nearest(int a);

  /**
   * Adds the merge of the clusters in slots {@code lo < hi}, {@link #distance} {@code current}
   * apart, to {@code tree} and updates what the subclass keeps so that slot {@code hi} holds the
   * merged cluster; {@link #size} still holds the two sizes and is updated afterwards.
   */
  abstract void merge(int lo, int hi, double current, Dendrogram tree);

  static int firstActive(int[] size) {
    for (int i = 0; i < size.length; i++) {
      if (size[i] > 0) {
        return i;
      }
    }
    throw new IllegalStateException("no active cluster");
  }
}
