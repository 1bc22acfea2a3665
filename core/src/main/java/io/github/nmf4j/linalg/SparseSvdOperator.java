package io.github.nmf4j.linalg;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.SparseProducts;

/**
 * The randomized SVD's products with a sparse {@code A} ({@code m x n}, CSR) through {@link
 * SparseProducts}: {@code (A X)'} and {@code (A' X)'} for the blocks of {@code l} vectors the
 * SVD holds as rows, with the CSR form of {@code A'} built once. Nothing of size {@code m x n}
 * is formed; each product costs {@code nnz(A) l} multiply-adds and two transposes of {@code l}
 * vectors.
 */
final class SparseSvdOperator implements RandomizedSvd.Operator {

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
    product(tall ? a : at, l, inT, outT);
  }

  @Override
  public void toShort(boolean tall, int l, double[] inT, double[] outT) {
    product(tall ? at : a, l, inT, outT);
  }

  /** {@code outT (l x s.rows) = (s inT')'} for {@code inT} ({@code l x s.cols}). */
  private void product(SparseMatrix s, int l, double[] inT, double[] outT) {
    Matrix x = Matrix.wrap(l, s.cols(), inT).transpose();
    Matrix y = s.multiply(x, par.threads());
    System.arraycopy(y.transpose().toRowMajorArray(), 0, outT, 0, outT.length);
  }
}
