package io.github.nmf4j.nmf;

/**
 * One thread's buffers for a block of at most {@link MiniBatchKernels#BLOCK} rows of a
 * mini-batch: its W, the terms of W's update, and, made at their first use (so that a block of a
 * loss that never forms them holds none), the {@code p}-wide model {@code W_b H}, ratios and
 * powers, and the products of a dense Frobenius block. A block is {@linkplain MiniBatchRows#load
 * loaded} with its rows: a dense block's X is V itself from {@link #xOff} (read in place, never
 * copied), a sparse block's stored entries are read by {@link MiniBatchSparse}.
 */
final class MiniBatchBlock {
  private final int p;
  private final int k;
  final double[] w;
  final double[] numW;
  final double[] denW;
  /** The rows the block was loaded from, and its first row. */
  MiniBatchRows rows;
  int row0;
  /** A dense block's X: row-major V, the block's first value at {@code xOff}. */
  double[] x;
  int xOff;
  private double[] wh;
  private double[] r;
  private double[] q;
  /** {@code p x k}: a sparse block's {@code W_b' S_b} before its transpose. */
  private double[] pk;
  private BlockProducts frobenius;

  MiniBatchBlock(int p, int k) {
    this.p = p;
    this.k = k;
    w = new double[MiniBatchKernels.BLOCK * k];
    numW = new double[MiniBatchKernels.BLOCK * k];
    denW = new double[MiniBatchKernels.BLOCK * k];
  }

  double[] wh() {
    return wh != null ? wh : (wh = new double[MiniBatchKernels.BLOCK * p]);
  }

  double[] r() {
    return r != null ? r : (r = new double[MiniBatchKernels.BLOCK * p]);
  }

  double[] q() {
    return q != null ? q : (q = new double[MiniBatchKernels.BLOCK * p]);
  }

  double[] pk() {
    return pk != null ? pk : (pk = new double[p * k]);
  }

  BlockProducts frobenius() {
    return frobenius != null ? frobenius : (frobenius = new BlockProducts(p, k));
  }
}
