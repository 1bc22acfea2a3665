package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;

/**
 * The three dense products NMF needs, on row-major {@code double[]} storage with a
 * caller-supplied output: {@code C = A B}, {@code C = A^T B} and {@code C = A B^T}, and the Gram
 * matrix {@code A^T A} from its upper blocks ({@link #gram}). The output is
 * overwritten (not accumulated into) and must not alias an input.
 *
 * <p>All three are one blocked engine over strided views: {@code C = X Y} with
 * {@code X[i][p] = x[xOff + i * xRow + p * xCol]} and {@code Y[p][j] = y[yOff + p * yRow + j *
 * yCol]}, so a
 * transpose is a swap of strides and is never materialized. The engine computes whichever of
 * {@code C} and {@code C^T = Y^T X^T} has the longer rows, because its micro-kernel vectorizes
 * along a row of the output (see {@link GemmEngine}).
 *
 * <p>Results are bit-identical for any {@link Parallel#threads()}: the split into tasks depends
 * only on the shapes, and split reductions are summed in a fixed order.
 */
public final class Gemm {

  private Gemm() {}

  /** {@code c (m x n) = a (m x k) * b (k x n)}. */
  public static void multiply(
      int m, int k, int n, double[] a, double[] b, double[] c, Parallel par) {
    GemmEngine.product(m, k, n, a, 0, k, 1, b, 0, n, 1, c, 0, par);
  }

  /**
   * {@code c (m x n) = a^T * b} where {@code a} is {@code k x m} and {@code b} is {@code k x n}.
   */
  public static void transposeMultiply(
      int k, int m, int n, double[] a, double[] b, double[] c, Parallel par) {
    GemmEngine.product(m, k, n, a, 0, 1, m, b, 0, n, 1, c, 0, par);
  }

  /**
   * {@code c (m x m) = a^T * a} where {@code a} is {@code k x m} (a Gram matrix): the same bits as
   * {@code transposeMultiply(k, m, m, a, a, c, par)}, with the parts of each 64-row block left
   * of the diagonal copied from their mirror images instead of computed: no saving for {@code m
   * <= 64}, 37% fewer multiply-adds at {@code m = 225}, towards half for larger {@code m}.
   */
  public static void gram(int k, int m, double[] a, double[] c, Parallel par) {
    GemmEngine.gram(m, k, new Strided(a, 0, 1, m), new Strided(a, 0, m, 1), c, par);
  }

  /**
   * {@code c (m x n) = a * b^T} where {@code a} is {@code m x k} and {@code b} is {@code n x k}.
   */
  public static void multiplyTranspose(
      int m, int k, int n, double[] a, double[] b, double[] c, Parallel par) {
    GemmEngine.product(m, k, n, a, 0, k, 1, b, 0, 1, k, c, 0, par);
  }
}
