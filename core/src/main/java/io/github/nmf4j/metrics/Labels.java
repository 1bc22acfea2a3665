package io.github.nmf4j.metrics;

import java.util.Arrays;

/** Label helpers: arbitrary int labels to dense cluster indices. */
final class Labels {

  private Labels() {}

  /**
   * Each label replaced by its rank among the distinct labels, so the result lies in {@code
   * [0, distinct)}; the input is not modified.
   */
  static int[] dense(int[] labels) {
    int[] sorted = labels.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = Arrays.binarySearch(sorted, 0, distinct, labels[i]);
    }
    return out;
  }

  /** The number of clusters of dense labels (their maximum plus one; 0 if there are none). */
  static int count(int[] dense) {
    int max = -1;
    for (int label : dense) {
      max = Math.max(max, label);
    }
    return max + 1;
  }
}
