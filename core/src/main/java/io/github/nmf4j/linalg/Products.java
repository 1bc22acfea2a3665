package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.function.Consumer;

/**
 * The products of a {@link Matrix} or a {@link SparseMatrix} with a dense {@link Matrix} {@code
 * b}: the checks of {@code b} against the left operand, in the same words for both, and the
 * dense products, which run {@link Gemm} into a new array.
 */
final class Products {

  private Products() {}

  /** Checks {@code b} for {@code left * b}, where {@code left} has {@code leftCols} columns. */
  static void checkMultiply(String left, int leftCols, Matrix b) {
    requireNonNull("multiply", b);
    if (leftCols != b.rows()) {
      throw new IllegalArgumentException("multiply: inner dimensions differ, " + left
          + " * " + b.shape() + " needs " + leftCols + " == " + b.rows());
    }
  }

  /** Checks {@code b} for {@code left^T * b}, where {@code left} has {@code leftRows} rows. */
  static void checkTransposeMultiply(String left, int leftRows, Matrix b) {
    requireNonNull("transposeMultiply", b);
    if (leftRows != b.rows()) {
      throw new IllegalArgumentException("transposeMultiply: row counts differ, " + left
          + "^T * " + b.shape() + " needs " + leftRows + " == " + b.rows());
    }
  }

  /** Checks {@code b} for {@code left * b^T}, where {@code left} has {@code leftCols} columns. */
  static void checkMultiplyTranspose(String left, int leftCols, Matrix b) {
    requireNonNull("multiplyTranspose", b);
    if (leftCols != b.cols()) {
      throw new IllegalArgumentException("multiplyTranspose: column counts differ, " + left
          + " * " + b.shape() + "^T needs " + leftCols + " == " + b.cols());
    }
  }

  static void requireNonNull(String op, Matrix b) {
    if (b == null) {
      throw new IllegalArgumentException(op + ": the other matrix must not be null");
    }
  }

  /** {@link Matrix#multiply(Matrix, int)}. */
  static Matrix multiply(Matrix a, Matrix b, int threads) {
    checkMultiply(a.shape(), a.cols(), b);
    Parallel par = Parallel.of(threads);
    return into(a.rows(), b.cols(), out -> Gemm.multiply(a.rows(), a.cols(), b.cols(),
        Matrix.storage(a), Matrix.storage(b), out, par));
  }

  /** {@link Matrix#transposeMultiply(Matrix, int)}. */
  static Matrix transposeMultiply(Matrix a, Matrix b, int threads) {
    checkTransposeMultiply(a.shape(), a.rows(), b);
    Parallel par = Parallel.of(threads);
    return into(a.cols(), b.cols(), out -> Gemm.transposeMultiply(a.rows(), a.cols(), b.cols(),
        Matrix.storage(a), Matrix.storage(b), out, par));
  }

  /** {@link Matrix#multiplyTranspose(Matrix, int)}. */
  static Matrix multiplyTranspose(Matrix a, Matrix b, int threads) {
    checkMultiplyTranspose(a.shape(), a.cols(), b);
    Parallel par = Parallel.of(threads);
    return into(a.rows(), b.rows(), out -> Gemm.multiplyTranspose(a.rows(), a.cols(), b.rows(),
        Matrix.storage(a), Matrix.storage(b), out, par));
  }

  /** A new {@code rows x cols} matrix (its shape checked as {@link Matrix#zeros}) that fills. */
  private static Matrix into(int rows, int cols, Consumer<double[]> fills) {
    Matrix.checkSize(rows, cols);
    double[] out = new double[rows * cols];
    fills.accept(out);
    return Matrix.wrap(rows, cols, out);
  }
}
