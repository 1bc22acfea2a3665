package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.DistinctRows;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/** Argument checks shared by the clustering classes; messages name the argument and value. */
final class Checks {

  /** The most elements a Java array can have on common JVMs ({@code Matrix}'s limit). */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private Checks() {}

  /**
   * Checks that {@code m} is non-null, has at least one row and one column and holds only
   * finite values; returns its live storage.
   */
  static double[] finiteData(Matrix m, String name) {
    Arguments.requireNonNull(m, name);
    if (m.rows() == 0 || m.cols() == 0) {
      throw new IllegalArgumentException(
          name + " must have at least one row and one column, was " + m.shape());
    }
    double[] x = MatrixAccess.data(m);
    Arguments.requireFinite(x, m.cols(), name);
    return x;
  }

  /**
   * Checks that every entry of {@code labels} lies in {@code [0, clusters)}, naming the first
   * that does not, its position and value.
   */
  static void labelsInRange(int[] labels, int clusters) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= clusters) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + clusters
            + "), was " + labels[i]);
      }
    }
  }

  /**
   * Checks that {@code k} dense centroids of the {@code d} columns of {@code n x d} sparse
   * points fit in a Java array: unlike dense points, which hold at least {@code k} rows of
   * {@code d} values, sparse points may have more columns than that, and {@code k d} then
   * overflowed an {@code int} in the sizes of the fit's arrays.
   */
  static void centroidsFit(int k, int n, int d) {
    if ((long) k * d > MAX_ARRAY) {
      throw new IllegalArgumentException("k must be <= " + MAX_ARRAY / d + " for " + n + "x"
          + d + " points (the k x " + d + " centroids must fit in a Java array), was " + k);
    }
  }

  /**
   * Checks that {@code count}, the clusters asked for (the argument {@code name}), is at most
   * the number of points {@code n}.
   */
  static void atMostPoints(int count, int n, String name) {
    if (count > n) {
      throw new IllegalArgumentException(
          name + " must be <= the number of points (" + n + "), was " + count);
    }
  }

  /**
   * Checks that the points have at least {@code k} distinct rows; {@code distinct} counts them
   * (up to {@code k}).
   */
  static void enoughDistinct(int k, IntSupplier distinct) {
    enoughDistinct(k, distinct, "rows");
  }

  /**
   * As {@link #enoughDistinct(int, IntSupplier)}, with {@code what} naming what was counted:
   * "rows", or for the cosine distance, which counts rows of unit length, "directions".
   */
  static void enoughDistinct(int k, IntSupplier distinct, String what) {
    int count = distinct.getAsInt();
    if (count < k) {
      // "1 distinct row", "2 distinct rows"
      String counted = count == 1 ? what.substring(0, what.length() - 1) : what;
      throw new IllegalArgumentException("points has only " + count + " distinct " + counted
          + (what.equals("rows") ? "" : " (rows scaled to unit length)") + ", fewer than k = "
          + k);
    }
  }

  /**
   * The number of distinct rows of the row-major {@code n x d} array {@code x}, counting at
   * most {@code limit} (the scan stops there). {@code 0.0} and {@code -0.0} are equal.
   */
  static int distinctRows(double[] x, int n, int d, int limit) {
    return DistinctRows.count(x, n, d, limit);
  }

  /**
   * The number of distinct keys {@code key.apply(i)} over the points {@code i < n}, counting at
   * most {@code limit} (the scan stops there).
   */
  static int distinct(int n, int limit, IntFunction<RowKey> key) {
    Set<RowKey> seen = new HashSet<>();
    for (int i = 0; i < n && seen.size() < limit; i++) {
      seen.add(key.apply(i));
    }
    return seen.size();
  }

  /**
   * A point as a hash key compared by value: its hash taken once when made, equality by {@link
   * #sameAs} between keys of the same class. Each kind of rows says how it hashes and compares.
   */
  abstract static class RowKey {
    private final int hash;

    RowKey(int hash) {
      this.hash = hash;
    }

    /** Whether {@code other}, a key of this class, holds the same point. */
    abstract boolean sameAs(RowKey other);

    @Override
    public final int hashCode() {
      return hash;
    }

    @Override
    public final boolean equals(Object o) {
      return o instanceof RowKey && o.getClass() == getClass() && sameAs((RowKey) o);
    }
  }
}
