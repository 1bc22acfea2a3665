package io.github.nmf4j.decomposition;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;

/** Argument checks shared by {@link Pca} and {@link PcaModel}. */
final class PcaChecks {

  private PcaChecks() {}

  static void checkData(Matrix x) {
    Arguments.requireNonNull(x, "x");
    if (x.rows() < 2 || x.cols() < 1) {
      throw new IllegalArgumentException(
          "PCA needs at least 2 rows and 1 column, x was " + x.shape());
    }
  }

  static void checkFinite(String name, Matrix x) {
    for (int i = 0; i < x.rows(); i++) {
      for (int j = 0; j < x.cols(); j++) {
        double v = x.get(i, j);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              name + " has " + v + " at row " + i + ", column " + j + "; it must be finite");
        }
      }
    }
  }

  static void checkColumns(String name, Matrix x, int expected, String what) {
    if (x == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (x.cols() != expected) {
      throw new IllegalArgumentException(name + " must have " + expected + " columns (" + what
          + "), was " + x.shape());
    }
    checkFinite(name, x);
  }
}
