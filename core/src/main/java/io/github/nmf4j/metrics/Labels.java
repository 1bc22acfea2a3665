package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.Arrays;

/**
 * Label helpers: arbitrary int labels to dense cluster indices, and the checks of a scored set
 * of points and its labels.
 */
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

  /**
   * The row-major values of {@code points} (not a copy), after checking that {@code points} and
   * {@code labels} describe the same samples.
   *
   * @throws IllegalArgumentException if an argument is null, {@code points} is empty or holds
   *     NaN or an infinity (naming its row and column), or the number of labels differs from the
   *     number of rows
   */
  static double[] checkedPoints(Matrix points, int[] labels) {
    if (points == null || labels == null) {
      throw new IllegalArgumentException(
          (points == null ? "points" : "labels") + " must not be null");
    }
    if (points.rows() == 0 || points.cols() == 0) {
      throw new IllegalArgumentException(
          "points must have at least one row and one column, was " + points.shape());
    }
    if (labels.length != points.rows()) {
      throw new IllegalArgumentException("labels has "
          + Phrases.count(labels.length, "entry", "entries") + " but points has "
          + Phrases.count(points.rows(), "row"));
    }
    double[] x = MatrixAccess.data(points);
    Arguments.requireFinite(x, points.cols(), "points");
    return x;
  }
}
