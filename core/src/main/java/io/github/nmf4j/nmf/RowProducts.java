package io.github.nmf4j.nmf;

/**
 * The products of V's row blocks with the factors that one pass of a multiplicative update
 * needs, behind the data seam: a dense V ({@link DenseData}) forms them with {@code Gemm} on a
 * copied block (and a block of WH for the KL terms), a sparse V ({@link SparseData}) from its
 * stored entries only. A rule calls {@link #startPass} once per pass, then the block methods from
 * {@link RowBlocks#forEachBlock}, with the block's rows of W in {@code ws.w}; sums over the pass
 * are read at its end. All V values are unscaled ({@code V = 4^m V_s}) unless a method says
 * otherwise.
 *
 * <p>The sums over W ({@code W'V}, {@code W'(V ./ (WH + eps))}) may be formed block by block
 * (dense: in per-chunk slots added in chunk order) or at the end of the pass from the whole W
 * (sparse: one product with the transpose of V, so no {@code k x p} slot per chunk is held);
 * either way they do not depend on the thread count.
 */
abstract class RowProducts {

  /** Sets the H of the pass's products ({@code k x p}, in the units the rule multiplies by). */
  abstract void useH(double[] h);

  /** Zeroes the sums of the pass. */
  abstract void clearSums();

  /** Starts a pass: its sums zeroed ({@link #clearSums}) and its H set ({@link #useH}). */
  final void startPass(double[] h) {
    clearSums();
    useH(h);
  }

  /** {@code out (rows x k) = V_b H'} for rows {@code [row0, row0 + rows)}. */
  abstract void timesTranspose(int row0, int rows, RowBlocks.Workspace ws, double[] out);

  /**
   * Adds {@code wOperand_b' V_b} ({@code k x p}) to the pass's sum for chunk {@code c}, where
   * {@code wOperand_b} ({@code rows x k}) is the block's rows of W as the rule scaled them; after
   * {@link #timesTranspose} of the same block.
   */
  abstract void addTransposeTimes(int c, int row0, int rows, double[] wOperand,
      RowBlocks.Workspace ws);

  /**
   * {@code out (k x p) = W' V} over the whole pass, for {@code w} ({@code n x k}, stored units)
   * as the pass left it; the product is scaled as {@link #addTransposeTimes} scaled its blocks
   * (by {@code 2^productExponent}).
   */
  abstract void transposeTimesSum(double[] w, double[] out);

  /**
   * {@code out (rows x k) = R_b H'} with {@code R = V_s ./ (W H + eps)} for the block's rows of
   * W in {@code ws.w} (the numerator of the KL update of W); H in stored units.
   */
  abstract void ratioTimesTranspose(int row0, int rows, RowBlocks.Workspace ws, double eps,
      double[] out);

  /**
   * For the block's (updated) rows of W in {@code ws.w}: returns the block's part of {@code
   * D(V_s || WH)} when {@code withLoss} (else 0), and when {@code nextH} adds {@code W_b' R_b}
   * to chunk {@code c}'s sum (the numerator of the next H update).
   */
  abstract double ratioTerms(int c, int row0, int rows, RowBlocks.Workspace ws, double eps,
      boolean withLoss, boolean nextH);

  /** {@code out (k x p) = W' (V_s ./ (WH + eps))} over the pass, {@code w} as the pass left it. */
  abstract void ratioSum(double[] w, double eps, double[] out);
}
