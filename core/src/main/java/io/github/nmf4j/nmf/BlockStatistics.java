package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.io.Serializable;

/**
 * What a {@link DistributedNmf} fit needs to know of V before it starts, for one block of rows
 * or, once added up, for all of them: the number of rows and columns, the largest value (which
 * fixes the power of two the solvers scale V by) and the sum and squared Frobenius norm.
 *
 * <p>{@link #of} checks a block (finite, non-negative values) and names a bad value by its row in
 * the whole V. Sums are kept at the block's own power-of-two scale and rescaled exactly when two
 * statistics are {@linkplain #plus added}, so adding blocks in row order gives the statistics of
 * the whole V up to the rounding of the additions. Immutable and serializable, to travel from
 * the machine holding a block to the coordinator.
 */
public final class BlockStatistics implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final BlockStatistics EMPTY = new BlockStatistics(0, -1, 0, 0, 0, 0);

  private final long rows;
  /** The column count, or -1 for statistics of no rows. */
  private final int cols;
  private final double max;
  /** The half-exponent m of the scale {@code 4^m} of {@link #sum} and {@link #squaredNorm}. */
  private final int halfExponent;
  /** {@code sum(V / 4^m)}. */
  private final double sum;
  /** {@code ||V / 4^m||_F^2}. */
  private final double squaredNorm;

  private BlockStatistics(long rows, int cols, double max, int halfExponent, double sum,
      double squaredNorm) {
    this.rows = rows;
    this.cols = cols;
    this.max = max;
    this.halfExponent = halfExponent;
    this.sum = sum;
    this.squaredNorm = squaredNorm;
  }

  /** The statistics of no rows: the identity of {@link #plus}, e.g. for an empty partition. */
  public static BlockStatistics empty() {
    return EMPTY;
  }

  /**
   * Checks a block of rows of V and computes its statistics; the block is read, never modified.
   *
   * @param block the rows, {@code rows x p} with {@code rows >= 1}
   * @param firstRow the index of the block's first row in V (from 0), for messages
   * @throws IllegalArgumentException if {@code block} is null or empty, {@code firstRow} is
   *     negative, or the block holds a negative, NaN or infinite value (the message names it and
   *     its row in V and column, from 0)
   */
  public static BlockStatistics of(Matrix block, long firstRow) {
    Arguments.requireNonNull(block, "block");
    if (firstRow < 0) {
      throw new IllegalArgumentException("firstRow must be >= 0, was " + firstRow);
    }
    int p = block.cols();
    if (block.rows() == 0 || p == 0) {
      throw new IllegalArgumentException("block must not be empty, was " + block.shape());
    }
    double[] v = MatrixAccess.data(block);
    double max = 0;
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      // Written so that NaN fails the test too.
      if (!(x >= 0 && x <= Double.MAX_VALUE)) {
        throw new IllegalArgumentException(
            ScaledData.describeBadAt("v", x, firstRow + i / p, i % p));
      }
      max = Math.max(max, x);
    }
    int m = ScaledData.halfExponentOf(max);
    double[] sums = ScaledData.sumAndSquares(v, m);
    return new BlockStatistics(block.rows(), p, max, m, sums[0], sums[1]);
  }

  /**
   * {@link #of(Matrix, long)} for a sparse block, from its stored values: the same statistics
   * (to the bit) as those of its dense equal.
   *
   * @param block the rows, {@code rows x p} with {@code rows >= 1}
   * @param firstRow the index of the block's first row in V (from 0), for messages
   * @throws IllegalArgumentException if {@code block} is null or empty, {@code firstRow} is
   *     negative, or the block stores a negative value (the message names it and its row in V
   *     and column, from 0)
   */
  public static BlockStatistics of(SparseMatrix block, long firstRow) {
    Arguments.requireNonNull(block, "block");
    if (firstRow < 0) {
      throw new IllegalArgumentException("firstRow must be >= 0, was " + firstRow);
    }
    if (block.rows() == 0 || block.cols() == 0) {
      throw new IllegalArgumentException("block must not be empty, was " + block.shape());
    }
    int[] pointers = block.rowPointers();
    int[] columns = block.columnIndices();
    double[] v = block.values();
    double max = 0;
    for (int i = 0; i < block.rows(); i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        // A SparseMatrix holds finite values only.
        if (v[q] < 0) {
          throw new IllegalArgumentException(
              ScaledData.describeBadAt("v", v[q], firstRow + i, columns[q]));
        }
        max = Math.max(max, v[q]);
      }
    }
    int m = ScaledData.halfExponentOf(max);
    double[] sums = ScaledData.sumAndSquares(v, m);
    return new BlockStatistics(block.rows(), block.cols(), max, m, sums[0], sums[1]);
  }

  /**
   * The statistics of this block's rows followed by {@code other}'s.
   *
   * @throws IllegalArgumentException if {@code other} is null or the two have different column
   *     counts
   */
  public BlockStatistics plus(BlockStatistics other) {
    Arguments.requireNonNull(other, "other");
    if (other.rows == 0) {
      return this;
    }
    if (rows == 0) {
      return other;
    }
    if (cols != other.cols) {
      throw new IllegalArgumentException("blocks must have the same number of columns, had "
          + cols + " and " + other.cols);
    }
    double mx = Math.max(max, other.max);
    int m = ScaledData.halfExponentOf(mx);
    return new BlockStatistics(rows + other.rows, cols, mx, m,
        Math.scalb(sum, 2 * (halfExponent - m)) + Math.scalb(other.sum,
            2 * (other.halfExponent - m)),
        Math.scalb(squaredNorm, 4 * (halfExponent - m))
            + Math.scalb(other.squaredNorm, 4 * (other.halfExponent - m)));
  }

  /** The number of rows. */
  public long rows() {
    return rows;
  }

  /** The number of columns p, or -1 for the statistics of no rows. */
  public int cols() {
    return cols;
  }

  /** The largest value. */
  public double max() {
    return max;
  }

  /** The sum of all values (may round to infinity for values near the double range's top). */
  public double sum() {
    return Math.scalb(sum, 2 * halfExponent);
  }

  /** {@code ||V||_F}. */
  public double frobeniusNorm() {
    return Math.scalb(Math.sqrt(squaredNorm), 2 * halfExponent);
  }

  /** {@code sum(V / 4^m)} for the scale {@code 4^m} of {@link ScaledData#halfExponentOf}(max). */
  double scaledSum() {
    return sum;
  }

  /** {@code ||V / 4^m||_F^2}, with m as {@link #scaledSum()}'s. */
  double scaledSquaredNorm() {
    return squaredNorm;
  }

  /** m, the half-exponent of the scale of the sums, that of {@code max()}. */
  int halfExponent() {
    return halfExponent;
  }

  @Override
  public String toString() {
    return "BlockStatistics[" + rows + "x" + cols + ", max " + max + ", sum " + sum()
        + ", norm " + frobeniusNorm() + "]";
  }
}
