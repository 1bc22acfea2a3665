package io.github.nmf4j.decomposition;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;

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
    Arguments.requireFinite(MatrixAccess.data(x), x.cols(), name);
  }

  static void checkColumns(String name, Matrix x, int expected, String what) {
    if (x == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (x.cols() != expected) {
      throw new IllegalArgumentException(name + " must have " + Phrases.count(expected,
          "column") + " (" + what + "), was " + x.shape());
    }
    checkFinite(name, x);
  }
}
