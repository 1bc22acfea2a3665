package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.io.Serializable;

/**
 * What every block of rows does in one pass of a {@link DistributedNmf} fit, to be run where the
 * block lives: made by the coordinator, shipped to the blocks (it is serializable and holds H
 * and a few numbers: {@code k p + k^2} values), applied to each block's rows of V and W.
 *
 * <p>There are three kinds, in the order a fit uses them: the start (draws the block's rows of a
 * RANDOM W from the seed and their row indices in V, then sums for the first H update), the
 * update (the row-local W update given H, then sums for the next H update) and the residuals
 * (the exact final errors). W is held in stored units (W divided by {@code 2^m}, where {@code
 * 4^m} scales V's largest value into {@code [1, 4)}), and never modified in place: each step
 * returns a new array, so a block whose step fails halfway can run it again from the same
 * inputs, with the same result.
 */
public final class BlockStep implements Serializable {

  private static final long serialVersionUID = 1L;

  enum Kind { START, UPDATE, RESIDUALS }

  /** The result of a step on one block: its new rows of W and its sums. */
  public static final class Result {
    private final double[] w;
    private final BlockSums sums;

    Result(double[] w, BlockSums sums) {
      this.w = w;
      this.sums = sums;
    }

    /**
     * The block's rows of W after the step ({@code rows x k}, row-major, stored units): a new
     * array for a start or an update, which the caller keeps (it is not copied); the input
     * array itself after a residual step.
     */
    public double[] w() {
      return w;
    }

    /** The block's sums for the coordinator. */
    public BlockSums sums() {
      return sums;
    }
  }

  private final Kind kind;
  private final Settings settings;
  private final double[] h;
  /** {@code HH'} (Frobenius) or {@code H 1} (Kullback-Leibler). */
  private final double[] hProduct;
  private final boolean withLoss;

  BlockStep(Kind kind, Settings settings, double[] h, double[] hProduct, boolean withLoss) {
    this.kind = kind;
    this.settings = settings;
    this.h = h;
    this.hProduct = hProduct;
    this.withLoss = withLoss;
  }

  /**
   * Runs the step on one block.
   *
   * @param v the block's rows of V ({@code rows x p}, as given to {@link
   *     BlockStatistics#of}); read, never modified
   * @param firstRow the index in V of the block's first row
   * @param w the block's rows of W from the previous step ({@code rows x k}, stored units);
   *     ignored (may be null) by the start; read, never modified
   * @throws IllegalArgumentException if {@code v} is null, has not p columns, {@code firstRow}
   *     is negative or {@code w} has not {@code rows * k} values
   */
  public Result apply(Matrix v, long firstRow, double[] w) {
    Arguments.requireNonNull(v, "v");
    check(v.rows(), v.cols(), v.shape(), firstRow, w);
    return run(ScaledData.block(MatrixAccess.data(v), v.rows(), settings.p,
        settings.halfExponent, 0, 0), firstRow, w);
  }

  /**
   * Runs the step on one sparse block: the products read its stored entries only (as {@link
   * Nmf#fit(SparseMatrix)} forms them), so memory and work follow its non-zeros. The result is
   * that of {@link #apply(Matrix, long, double[])} on its dense equal to rounding.
   *
   * @throws IllegalArgumentException as {@link #apply(Matrix, long, double[])}
   */
  public Result apply(SparseMatrix v, long firstRow, double[] w) {
    Arguments.requireNonNull(v, "v");
    check(v.rows(), v.cols(), v.shape(), firstRow, w);
    return run(SparseData.block(v, settings.halfExponent), firstRow, w);
  }

  private void check(int rows, int cols, String shape, long firstRow, double[] w) {
    int k = settings.k;
    if (cols != settings.p) {
      throw new IllegalArgumentException("v must have " + settings.p + " columns, was "
          + shape);
    }
    if (firstRow < 0) {
      throw new IllegalArgumentException("firstRow must be >= 0, was " + firstRow);
    }
    if (kind != Kind.START && (w == null || w.length != (long) rows * k)) {
      throw new IllegalArgumentException("w must have " + rows + " x " + k + " values, had "
          + (w == null ? "none" : w.length));
    }
  }

  private Result run(ScaledData data, long firstRow, double[] w) {
    Settings s = settings;
    int k = s.k;
    int rows = data.n;
    boolean dense = data instanceof DenseData;
    double[] out;
    if (kind == Kind.START) {
      out = new double[rows * k];
      for (int i = 0; i < rows; i++) {
        Initializer.randomRow(s.wSeed, firstRow + i, s.startScale, out, i * k, k);
      }
    } else if (kind == Kind.UPDATE) {
      out = w.clone();
    } else {
      NmfSettings settings = Nmf.builder().rank(k).loss(s.loss).solver(s.solver).epsilon(s.eps)
          .threads(1).build().settings();
      return new Result(w, BlockPass.residuals(settings, data, w, h));
    }
    boolean update = kind == Kind.UPDATE;
    BlockSums sums;
    if (s.loss == Loss.KULLBACK_LEIBLER) {
      sums = dense
          ? BlockPass.kullbackLeibler((DenseData) data, out, h, hProduct, k, s.eps, update,
              withLoss || !update)
          : BlockPass.kullbackLeiblerRows(data, out, h, hProduct, k, s.eps, update,
              withLoss || !update);
    } else if (s.solver == Solver.HALS) {
      sums = BlockPass.hals(data, firstRow, out, h, hProduct, k, update, s.maxSweepsW,
          s.deltaSquared, s.floor);
    } else {
      sums = dense ? BlockPass.frobeniusMu((DenseData) data, out, h, hProduct, k, s.eps, update)
          : BlockPass.frobeniusMuRows(data, out, h, hProduct, k, s.eps, update);
    }
    return new Result(out, sums);
  }

  @Override
  public String toString() {
    return "BlockStep[" + kind + ", " + settings.loss + ", " + settings.solver + ", rank "
        + settings.k + ", " + settings.p + " columns]";
  }

  /** The numbers every step of one fit shares. */
  static final class Settings implements Serializable {

    private static final long serialVersionUID = 1L;

    final Loss loss;
    final Solver solver;
    final int k;
    final int p;
    final double eps;
    final int halfExponent;
    /** The seed of the RANDOM start's rows of W, and their scale {@code sqrt(mean(V_s) / k)}. */
    final long wSeed;
    final double startScale;
    /** HALS only. */
    final int maxSweepsW;
    final double deltaSquared;
    final double floor;

    Settings(Loss loss, Solver solver, int k, int p, double eps, int halfExponent, long wSeed,
        double startScale, int maxSweepsW, double deltaSquared, double floor) {
      this.loss = loss;
      this.solver = solver;
      this.k = k;
      this.p = p;
      this.eps = eps;
      this.halfExponent = halfExponent;
      this.wSeed = wSeed;
      this.startScale = startScale;
      this.maxSweepsW = maxSweepsW;
      this.deltaSquared = deltaSquared;
      this.floor = floor;
    }
  }
}
