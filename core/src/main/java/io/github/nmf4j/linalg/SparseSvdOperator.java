package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.SparseProducts;

/**
 * The randomized SVD's products with a sparse {@code A} ({@code m x n}, CSR) through {@link
 * SparseProducts}: {@code (A X)'} and {@code (A' X)'} for the blocks of {@code l} vectors the
 * SVD holds as rows, with the CSR form of {@code A'} built once. Nothing of size {@code m x n}
 * is formed; each product costs {@code nnz(A) l} multiply-adds and one transpose of {@code l}
 * vectors.
 */
final class SparseSvdOperator implements RandomizedSvd.Operator {

  /**
   * Vectors per product at most: the copy of the input is {@code max(m, n)} rows of this many
   * values, 2.7 MB (15 of a block of 30) for a 20,000-long side instead of 5.1; the values
   * themselves are the same for any count.
   */
  static final int VECTORS = 16;

  private final SparseMatrix a;
  private final SparseMatrix at;
  private final Parallel par;

  SparseSvdOperator(SparseMatrix a, Parallel par) {
    this.a = a;
    this.at = a.transpose();
    this.par = par;
  }

  @Override
  public void toLong(boolean tall, int l, double[] inT, double[] outT) {
    // tall: outT (l x m) = inT (l x n) A' = (A inT')'; wide: outT (l x n) = inT (l x m) A.
    product(tall ? a : at, l, inT, 1, outT);
  }

  @Override
  public void toShort(boolean tall, int l, double[] inT, double inScale, double[] outT) {
    product(tall ? at : a, l, inT, inScale, outT);
  }

  /**
   * {@code outT (l x s.rows) = (s (inScale inT)')'} for {@code inT} ({@code l x s.cols}), a few
   * vectors at a time ({@link #VECTORS}): their rows of {@code inT'}, scaled, in a buffer made
   * for the product alone (so that the SVD's QR, between products, does not hold it), the
   * product written straight into {@code outT}. Each output value is the same sum as with all
   * {@code l} vectors at once.
   */
  private void product(SparseMatrix s, int l, double[] inT, double inScale, double[] outT) {
    int len = s.cols();
    int parts = (l + VECTORS - 1) / VECTORS;
    double[][] rows = null;
    for (int part = 0; part < parts; part++) {
      int v0 = (int) ((long) l * part / parts);
      int v1 = (int) ((long) l * (part + 1) / parts);
      rows = SparseProducts.transposedRows(inT, v0, v1 - v0, len, rows);
      if (inScale != 1) {
        for (double[] row : rows) {
          Vectors.scale(inScale, row);
        }
      }
      s.multiplyIntoTranspose(v1 - v0, rows, outT, v0, par);
    }
  }
}
