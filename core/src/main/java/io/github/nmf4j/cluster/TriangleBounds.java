package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.kernel.CentredProducts;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * Bounds from the triangle inequality for the product form (G. Hamerly, "Making k-means even
 * faster", SDM 2010; C. Elkan, "Using the triangle inequality to accelerate k-means", ICML
 * 2003): per point an upper bound {@code U} on the exact distance to its own centroid, raised by
 * that centroid's movement after each update, and lower bounds on the exact distance to the
 * others, kept by the subclass ({@link #lowest}); per centroid {@code h}, half the distance to
 * the nearest other one. All are taken from the product form with its rounding bound {@code
 * delta} ({@link CentredProducts#bound}) added or subtracted and carry the relative {@link
 * CentroidMoves#MARGIN}.
 *
 * <p>With {@code L} the smallest lower bound, a point whose other centroids are all farther by
 * more than the rounding of the product form, {@code L^2 - U^2 > 2 delta} or {@code 4 h (h - U)
 * > 2 delta}, would get the same label from the product form: it is kept without being read. If
 * the test fails, {@code U} is tightened to the exact distance (computed directly, {@link
 * Rows#squaredDistanceWide}) and the test repeated before the point takes the product. Labels
 * are then bit-identical to the unbounded step's (a tested property).
 */
abstract class TriangleBounds implements ProductBounds {

  static final double UP = 1 + CentroidMoves.MARGIN;
  static final double DOWN = 1 - CentroidMoves.MARGIN;

  private final double[] x;
  final int d;
  final int k;
  /** {@code |x_i - mean|^2} for every point. */
  final double[] pointNorms;
  /** Per point, an upper bound on the exact distance to its own centroid. */
  private final double[] upper;
  private final double[] halfGap;
  /** Per centroid, its movement in the last update with the margin. */
  final double[] moved;
  private final double rounding;
  /** The squared norms of the centred centroids of this step. */
  double[] centredNorms;
  private double centroidRadius;
  private double[] centers;

  TriangleBounds(double[] x, int n, int d, int k, double[] pointNorms) {
    this.x = x;
    this.d = d;
    this.k = k;
    this.pointNorms = pointNorms;
    this.upper = new double[n];
    this.halfGap = new double[k];
    this.moved = new double[k];
    this.rounding = CentredProducts.rounding(d);
  }

  /** Lowers point {@code i}'s lower bounds for the step; returns the smallest of them. */
  abstract double lowest(int i, int own);

  /** Sets point {@code i}'s lower bounds from the product form (see {@link #record}). */
  abstract void recordLower(int i, int label, double second, double[] dots, int o);

  /** Forgets point {@code i}'s lower bounds. */
  abstract void forgetLower(int i);

  /** Takes the movement of the centroids (not null). */
  abstract void prepareLower(CentroidMoves moves);

  @Override
  public final void prepare(double[] centers, double[] centredNorms, double radius,
      CentroidMoves moves) {
    this.centers = centers;
    this.centredNorms = centredNorms;
    this.centroidRadius = radius * UP;
    Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
    for (int j = 0; j < k; j++) {
      for (int i = j + 1; i < k; i++) {
        double gap = Math.sqrt(Rows.squaredDistanceWide(centers, j, centers, i, d)) / 2 * DOWN;
        halfGap[j] = Math.min(halfGap[j], gap);
        halfGap[i] = Math.min(halfGap[i], gap);
      }
    }
    if (moves != null) {
      for (int j = 0; j < k; j++) {
        moved[j] = moves.of(j) * UP;
      }
      prepareLower(moves);
    }
  }

  @Override
  public final boolean keeps(int i, int own) {
    double lo = lowest(i, own);
    double up = (upper[i] + moved[own]) * UP;
    upper[i] = up;
    if (keeps(i, up * up * UP, lo, halfGap[own])) {
      return true;
    }
    double exact = Rows.squaredDistanceWide(x, i, centers, own, d) * UP;
    upper[i] = Math.sqrt(exact) * UP;
    return keeps(i, exact, lo, halfGap[own]);
  }

  /**
   * Whether point {@code i}, whose squared distance to its centroid is at most {@code upper2},
   * provably gets the same label from the product form: every other centroid is farther by
   * more than the product form's rounding.
   */
  private boolean keeps(int i, double upper2, double lo, double half) {
    double delta = delta(i);
    if (lo > 0 && lo * lo * DOWN > upper2 + 2 * delta) {
      return true;
    }
    double up = Math.sqrt(upper2);
    return half > up && 4 * half * (half - up) * DOWN > 2 * delta;
  }

  /** The bound on the rounding of the product form for point {@code i}, with a margin. */
  final double delta(int i) {
    return CentredProducts.bound(rounding, Math.sqrt(pointNorms[i]) + centroidRadius);
  }

  @Override
  public final void record(int i, int label, double best, double second, double[] dots, int o) {
    upper[i] = Math.sqrt(Math.max(0, pointNorms[i] + best + delta(i)) * UP) * UP;
    recordLower(i, label, second, dots, o);
  }

  @Override
  public final void forget(int i) {
    upper[i] = Double.POSITIVE_INFINITY;
    forgetLower(i);
  }
}
