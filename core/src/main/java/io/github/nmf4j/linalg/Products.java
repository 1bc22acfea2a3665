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

  /**
   * Checks {@code b} for {@code left * b}, where {@code left} is {@code leftRows x leftCols}, and
   * that the result fits an array.
   */
  static void checkMultiply(String left, int leftRows, int leftCols, Matrix b) {
    requireNonNull("multiply", b);
    String operands = left + " * " + b.shape();
    if (leftCols != b.rows()) {
      throw new IllegalArgumentException("multiply: inner dimensions differ, " + operands
          + " needs " + leftCols + " == " + b.rows());
    }
    checkResultSize("multiply", operands, leftRows, b.cols());
  }

  /**
   * Checks {@code b} for {@code left^T * b}, where {@code left} is {@code leftRows x leftCols},
   * and that the result fits an array.
   */
  static void checkTransposeMultiply(String left, int leftRows, int leftCols, Matrix b) {
    requireNonNull("transposeMultiply", b);
    String operands = left + "^T * " + b.shape();
    if (leftRows != b.rows()) {
      throw new IllegalArgumentException("transposeMultiply: row counts differ, " + operands
          + " needs " + leftRows + " == " + b.rows());
    }
    checkResultSize("transposeMultiply", operands, leftCols, b.cols());
  }

  /**
   * Checks {@code b} for {@code left * b^T}, where {@code left} is {@code leftRows x leftCols},
   * and that the result fits an array.
   */
  static void checkMultiplyTranspose(String left, int leftRows, int leftCols, Matrix b) {
    requireNonNull("multiplyTranspose", b);
    String operands = left + " * " + b.shape() + "^T";
    if (leftCols != b.cols()) {
      throw new IllegalArgumentException("multiplyTranspose: column counts differ, " + operands
          + " needs " + leftCols + " == " + b.cols());
    }
    checkResultSize("multiplyTranspose", operands, leftRows, b.rows());
  }

  /** Refuses, before anything is allocated, a product with more elements than an array holds. */
  private static void checkResultSize(String op, String operands, int rows, int cols) {
    if ((long) rows * cols > Matrix.MAX_ELEMENTS) {
      throw new IllegalArgumentException(op + ": " + operands + " would be " + rows + "x" + cols
          + ", more elements than a Java array can hold");
    }
  }

  static void requireNonNull(String op, Matrix b) {
    if (b == null) {
      throw new IllegalArgumentException(op + ": the other matrix must not be null");
    }
  }

  /** {@link Matrix#multiply(Matrix, int)}. */
  static Matrix multiply(Matrix a, Matrix b, int threads) {
    checkMultiply(a.shape(), a.rows(), a.cols(), b);
    Parallel par = Parallel.of(threads);
    return into(a.rows(), b.cols(), out -> Gemm.multiply(a.rows(), a.cols(), b.cols(),
        Matrix.storage(a), Matrix.storage(b), out, par));
  }

  /** {@link Matrix#transposeMultiply(Matrix, int)}. */
  static Matrix transposeMultiply(Matrix a, Matrix b, int threads) {
    checkTransposeMultiply(a.shape(), a.rows(), a.cols(), b);
    Parallel par = Parallel.of(threads);
    return into(a.cols(), b.cols(), out -> Gemm.transposeMultiply(a.rows(), a.cols(), b.cols(),
        Matrix.storage(a), Matrix.storage(b), out, par));
  }

  /** {@link Matrix#multiplyTranspose(Matrix, int)}. */
  static Matrix multiplyTranspose(Matrix a, Matrix b, int threads) {
    checkMultiplyTranspose(a.shape(), a.rows(), a.cols(), b);
    Parallel par = Parallel.of(threads);
    return into(a.rows(), b.rows(), out -> Gemm.multiplyTranspose(a.rows(), a.cols(), b.rows(),
        Matrix.storage(a), Matrix.storage(b), out, par));
  }

  /** A new {@code rows x cols} matrix (its size checked by the caller) that fills. */
  private static Matrix into(int rows, int cols, Consumer<double[]> fills) {
    double[] out = new double[rows * cols];
    fills.accept(out);
    return Matrix.wrap(rows, cols, out);
  }
}
