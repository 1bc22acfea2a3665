package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import java.util.SplittableRandom;

/**
 * Labels from a spectral embedding by the discretization of Yu and Shi ("Multiclass spectral
 * clustering", ICCV 2003), step for step as scikit-learn's {@code
 * sklearn.cluster._spectral.discretize}:
 *
 * <ol>
 *   <li>scale every column of the {@code n x k} embedding to length {@code sqrt(n)}, with the
 *       sign that makes its first entry negative, then every row to unit length;
 *   <li>start the {@code k x k} rotation {@code R} with a random row as its first column and, for
 *       each further column, the row least aligned with the columns chosen so far (smallest sum
 *       of absolute cosines);
 *   <li>repeat: label each row by the argmax of its rotated coordinates {@code Y R}; with the 0/1
 *       indicator matrix {@code X}, take the SVD {@code X' Y = U S V'}; the objective is {@code
 *       2 (n - sum S)}; stop when it changes by less than machine epsilon or after 20
 *       iterations, otherwise set {@code R = V U'} (the rotation closest to the indicators).
 * </ol>
 *
 * A row of zeros stays zero and gets label 0 (scikit-learn would produce NaN).
 */
final class Discretization {

  /** scikit-learn's {@code n_iter_max}. */
  static final int MAX_ITERATIONS = 20;

  private static final double EPS = Math.ulp(1.0);

  private Discretization() {}

  /** Labels in {@code [0, k)} for the {@code n x k} row-major embedding (not modified). */
  static int[] labels(double[] embedding, int n, int k, SplittableRandom random) {
    double[] y = embedding.clone();
    double scale = Math.sqrt(n);
    for (int c = 0; c < k; c++) {
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += y[i * k + c] * y[i * k + c];
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        continue;
      }
      double f = scale / norm;
      if (y[c] != 0) {
        f *= -Math.signum(y[c]);
      }
      for (int i = 0; i < n; i++) {
        y[i * k + c] *= f;
      }
    }
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int c = 0; c < k; c++) {
        norm += y[i * k + c] * y[i * k + c];
      }
      norm = Math.sqrt(norm);
      if (norm > 0) {
        for (int c = 0; c < k; c++) {
          y[i * k + c] /= norm;
        }
      }
    }
    double[] rotation = initialRotation(y, n, k, random.nextInt(n));
    int[] labels = new int[n];
    double last = 0;
    for (int iteration = 1; ; iteration++) {
      assign(y, n, k, rotation, labels);
      double[] t = new double[k * k];
      for (int i = 0; i < n; i++) {
        int l = labels[i];
        for (int c = 0; c < k; c++) {
          t[l * k + c] += y[i * k + c];
        }
      }
      Svd svd = Svd.exact(Matrix.wrap(k, k, t), 1);
      double sum = 0;
      for (double s : svd.singularValues()) {
        sum += s;
      }
      double ncut = 2.0 * (n - sum);
      if (Math.abs(ncut - last) < EPS || iteration > MAX_ITERATIONS) {
        return labels;
      }
      last = ncut;
      double[] u = svd.u().toRowMajorArray();
      double[] vt = svd.vt().toRowMajorArray();
      int r = svd.singularValues().length;
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          double s = 0;
          for (int c = 0; c < r; c++) {
            s += vt[c * k + a] * u[b * r + c];
          }
          rotation[a * k + b] = s;
        }
      }
    }
  }

  private static double[] initialRotation(double[] y, int n, int k, int first) {
    double[] rotation = new double[k * k];
    for (int a = 0; a < k; a++) {
      rotation[a * k] = y[first * k + a];
    }
    double[] c = new double[n];
    for (int j = 1; j < k; j++) {
      int best = 0;
      for (int i = 0; i < n; i++) {
        double dot = 0;
        for (int a = 0; a < k; a++) {
          dot += y[i * k + a] * rotation[a * k + j - 1];
        }
        c[i] += Math.abs(dot);
        if (c[i] < c[best]) {
          best = i;
        }
      }
      for (int a = 0; a < k; a++) {
        rotation[a * k + j] = y[best * k + a];
      }
    }
    return rotation;
  }

  /** {@code labels[i] = argmax_c (Y R)_ic}, ties to the lowest index. */
  private static void assign(double[] y, int n, int k, double[] rotation, int[] labels) {
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int a = 0; a < k; a++) {
          s += y[i * k + a] * rotation[a * k + c];
        }
        if (s > bestValue) {
          bestValue = s;
          best = c;
        }
      }
      labels[i] = best;
    }
  }
}
