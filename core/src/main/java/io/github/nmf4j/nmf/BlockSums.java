package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import java.io.Serializable;

/**
 * What one block of rows contributes to the next H update and to the loss of a {@link
 * DistributedNmf} fit, or, once added up, what all blocks contribute. In stored (scaled) units:
 * <ul>
 *   <li>Frobenius (multiplicative updates or HALS): {@code W_b' V_b} ({@code k x p}), {@code
 *       W_b' W_b} ({@code k x k}) and the cross term {@code <W_b, V_b H'>};
 *   <li>Kullback-Leibler: {@code W_b' (V_b ./ (W_b H + eps))} ({@code k x p}), the column sums
 *       of {@code W_b} ({@code k}) and, when asked for, the divergence of the block;
 *   <li>after a residual step ({@link BlockStep}): {@code ||V_b - W_b H||^2} and, for
 *       Kullback-Leibler, the divergence.
 * </ul>
 * A coordinator adds the blocks' sums in block order (row order), so that the result does not
 * depend on which block finished first. Immutable and serializable.
 */
public final class BlockSums implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final BlockSums EMPTY = new BlockSums(0, null, null, 0, 0, 0);

  private final long rows;
  /** {@code k x p}, or null for no rows or a residual step. */
  private final double[] products;
  /** {@code k x k} (Frobenius) or {@code k} (Kullback-Leibler), or null as {@link #products}. */
  private final double[] gram;
  private final double cross;
  /** NaN when the step did not compute it. */
  private final double divergence;
  /** NaN unless a residual step. */
  private final double squaredResidual;

  BlockSums(long rows, double[] products, double[] gram, double cross, double divergence,
      double squaredResidual) {
    this.rows = rows;
    this.products = products;
    this.gram = gram;
    this.cross = cross;
    this.divergence = divergence;
    this.squaredResidual = squaredResidual;
  }

  /** The sums of no rows (all zero): the identity of {@link #plus}, e.g. for an empty partition. */
  public static BlockSums empty() {
    return EMPTY;
  }

  /**
   * The element-wise sums of this and {@code other}: {@code this + other}, in that order.
   *
   * @throws IllegalArgumentException if {@code other} is null or its arrays have other lengths
   *     (sums of different rank, columns or loss)
   */
  public BlockSums plus(BlockSums other) {
    Arguments.requireNonNull(other, "other");
    return new BlockSums(rows + other.rows, add(products, other.products),
        add(gram, other.gram), cross + other.cross, divergence + other.divergence,
        squaredResidual + other.squaredResidual);
  }

  /** The number of rows summed. */
  public long rows() {
    return rows;
  }

  double[] products() {
    return products;
  }

  double[] gram() {
    return gram;
  }

  double cross() {
    return cross;
  }

  double divergence() {
    return divergence;
  }

  double squaredResidual() {
    return squaredResidual;
  }

  private static double[] add(double[] a, double[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.length != b.length) {
      throw new IllegalArgumentException("sums of different shapes cannot be added: "
          + a.length + " and " + b.length + " values");
    }
    double[] c = a.clone();
    MuKernels.add(c, b, c.length);
    return c;
  }

  @Override
  public String toString() {
    return "BlockSums[" + rows + " rows" + (products == null ? "" : ", " + products.length
        + " products") + "]";
  }
}
