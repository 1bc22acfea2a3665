package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/**
 * The rows a mini-batch fit reads, in the caller's units: a dense V (row-major) or the CSR
 * arrays of a sparse one, read in place. A block of a batch is {@linkplain #load loaded} into a
 * {@link MiniBatchBlock}: a dense block's X is V from the block's first value, a sparse block is
 * only named by its first row, its products then read V's stored entries ({@link
 * MiniBatchSparse}), so nothing of
 * size {@code batch x p} is formed from a sparse V but the model's {@code W_b H} where the loss
 * needs it everywhere (beta other than 1 and 2, as scikit-learn's sparse path).
 */
abstract class MiniBatchRows {

  final int n;
  final int p;
  /** {@code ||x_i||^2} of every row, formed at the first use (the Frobenius batch cost). */
  private double[] squaredNorms;

  private MiniBatchRows(int n, int p) {
    this.n = n;
    this.p = p;
  }

  /**
   * The rows of a checked V, read in place; a V entirely subnormal, which {@code data} holds as
   * {@code V_s} ({@link ScaledData#heldHalfExponent}), from a copy scaled back (exactly).
   */
  static MiniBatchRows of(ScaledData data) {
    int e = 2 * (data.halfExponent - data.heldHalfExponent);
    if (data instanceof SparseData) {
      SparseData s = (SparseData) data;
      return new Sparse(s.n, s.p, s.pointers, s.columns, MuKernels.scaled(s.values, e));
    }
    DenseData d = (DenseData) data;
    return new Dense(d.n, d.p, MuKernels.scaled(d.v, e));
  }

  /** Whether the blocks are read from stored entries ({@link Sparse}). */
  abstract boolean sparse();

  /** Prepares {@code b} for rows {@code [row0, row0 + rows)}, with their W from {@code w}. */
  void load(int row0, int rows, double[] w, int wOff, int k, MiniBatchBlock b) {
    b.rows = this;
    b.row0 = row0;
    System.arraycopy(w, wOff, b.w, 0, rows * k);
  }

  /** The sum of the entries of rows {@code [row0, row0 + rows)}, in row-major order. */
  abstract double sum(int row0, int rows);

  /** The squared norm of row {@code i}. */
  abstract double squaredNorm(int i);

  /** {@code ||x_i||^2} of every row, formed once (a fit steps through the same V). */
  final double[] squaredNorms(Parallel par) {
    if (squaredNorms == null) {
      double[] norms = new double[n];
      int block = MiniBatchKernels.BLOCK;
      par.forEach((n + block - 1) / block, c -> {
        for (int i = c * block, to = Math.min(n, i + block); i < to; i++) {
          norms[i] = squaredNorm(i);
        }
      });
      squaredNorms = norms;
    }
    return squaredNorms;
  }

  /** A dense V, row-major. */
  static final class Dense extends MiniBatchRows {
    final double[] v;

    Dense(int n, int p, double[] v) {
      super(n, p);
      this.v = v;
    }

    @Override
    boolean sparse() {
      return false;
    }

    @Override
    void load(int row0, int rows, double[] w, int wOff, int k, MiniBatchBlock b) {
      super.load(row0, rows, w, wOff, k, b);
      b.x = v;
      b.xOff = row0 * p;
    }

    @Override
    double sum(int row0, int rows) {
      double sum = 0;
      for (int i = row0 * p, end = (row0 + rows) * p; i < end; i++) {
        sum += v[i];
      }
      return sum;
    }

    @Override
    double squaredNorm(int i) {
      double sum = 0;
      for (int j = i * p, end = j + p; j < end; j++) {
        sum += v[j] * v[j];
      }
      return sum;
    }
  }

  /** A sparse V's CSR arrays. */
  static final class Sparse extends MiniBatchRows {
    final int[] pointers;
    final int[] columns;
    final double[] values;

    Sparse(int n, int p, int[] pointers, int[] columns, double[] values) {
      super(n, p);
      this.pointers = pointers;
      this.columns = columns;
      this.values = values;
    }

    @Override
    boolean sparse() {
      return true;
    }

    /** The sum skips the unstored zeros: the same value as the dense sum, bit for bit. */
    @Override
    double sum(int row0, int rows) {
      double sum = 0;
      for (int q = pointers[row0], end = pointers[row0 + rows]; q < end; q++) {
        sum += values[q];
      }
      return sum;
    }

    @Override
    double squaredNorm(int i) {
      double sum = 0;
      for (int q = pointers[i], end = pointers[i + 1]; q < end; q++) {
        sum += values[q] * values[q];
      }
      return sum;
    }
  }
}
