package io.github.nmf4j.cli;

import io.github.nmf4j.linalg.Matrix;

/** The k-means objective of any labelling: squared distances of the rows to their label's mean. */
final class Inertia {

  private Inertia() {}

  /** {@code sum_i |x_i - mean(x_j : label_j = label_i)|^2}, labels in {@code [0, k)}. */
  static double of(Matrix x, int[] labels, int k) {
    int d = x.cols();
    double[] sums = new double[k * d];
    int[] counts = new int[k];
    for (int i = 0; i < labels.length; i++) {
      counts[labels[i]]++;
      for (int j = 0; j < d; j++) {
        sums[labels[i] * d + j] += x.get(i, j);
      }
    }
    double inertia = 0;
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i];
      for (int j = 0; j < d; j++) {
        double diff = x.get(i, j) - sums[c * d + j] / counts[c];
        inertia += diff * diff;
      }
    }
    return inertia;
  }
}
