package io.github.nmf4j.io;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;

/** A sparse matrix from a file whose format stores every value (dense Matrix Market, numpy). */
final class DenseFiles {

  private DenseFiles() {}

  /**
   * The non-zero elements of {@code m}, read densely from the file {@code name}, as a sparse
   * matrix.
   *
   * @throws FileFormatException naming the file and the row and column (counting from 1, as
   *     in the file) of the first value that is not finite
   */
  static SparseMatrix sparse(String name, Matrix m) throws FileFormatException {
    double[] a = MatrixAccess.data(m);
    int i = firstNotFinite(a);
    if (i >= 0) {
      throw new FileFormatException(name + ": " + describe(a[i]) + " at row " + (i / m.cols() + 1)
          + ", column " + (i % m.cols() + 1) + " (counting from 1); a sparse matrix holds "
          + "finite values");
    }
    return SparseMatrix.of(m);
  }

  /** The index of the first value of {@code a} that is NaN or infinite, or -1. */
  static int firstNotFinite(double[] a) {
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        return i;
      }
    }
    return -1;
  }

  /** "NaN" or "infinite value x", for messages. */
  static String describe(double notFinite) {
    return Double.isNaN(notFinite) ? "NaN" : "infinite value " + notFinite;
  }
}
