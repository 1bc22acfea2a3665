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

  private final SparseMatrix a;
  private final SparseMatrix at;
  private final Parallel par;
  /** The rows of a product's input, {@code max(m, n) x l}, kept and refilled by each product. */
  private double[][] rows;

  SparseSvdOperator(SparseMatrix a, Parallel par) {
    this.a = a;
    this.at = a.transpose();
    this.par = par;
  }

  @Override
  public void toLong(boolean tall, int l, double[] inT, double[] outT) {
    // tall: outT (l x m) = inT (l x n) A' = (A inT')'; wide: outT (l x n) = inT (l x m) A.
    product(tall ? a : at, l, inT, outT);
  }

  @Override
  public void toShort(boolean tall, int l, double[] inT, double[] outT) {
    product(tall ? at : a, l, inT, outT);
  }

  /**
   * {@code outT (l x s.rows) = (s inT')'} for {@code inT} ({@code l x s.cols}): the rows of
   * {@code inT'} into one buffer kept for the whole SVD, the product written straight into
   * {@code outT}, so that a product holds one copy of its input and none of its output.
   */
  private void product(SparseMatrix s, int l, double[] inT, double[] outT) {
    if (rows == null || rows[0].length != l) {
      // the long side's count: the products on both sides then share it
      rows = new double[Math.max(a.rows(), a.cols())][l];
    }
    SparseProducts.transposedRows(inT, l, s.cols(), rows);
    s.multiplyIntoTranspose(l, rows, outT, par);
  }
}
