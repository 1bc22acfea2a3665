package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;

/**
 * Hamerly's bounds for the direct-distance strategies (G. Hamerly, "Making k-means even faster",
 * SDM 2010): per point a lower bound {@code lower[i]} on its distance to every centroid other
 * than its own, lowered after each update by the largest movement of another centroid, and per
 * centroid half the distance to the nearest other one. A point whose exact distance to its own
 * centroid is below {@code max(lower[i], halfGap[own])}, reduced by the relative {@link
 * CentroidMoves#MARGIN}, cannot have a nearer centroid ({@link #skips}); any other point is
 * scanned in full.
 *
 * <p><b>Exactness in floating point.</b> Besides the relative margin of the test, every bound
 * update subtracts an absolute {@link #slack} above the rounding of the update itself
 * (distances are at most {@code 2 R} with {@code R = sqrt(d) max|x|}; one update rounds by a few
 * ulps of {@code 2 R}, far below {@code 1e-14 R}). A skipped point's nearest centroid is then its
 * own by a margin no rounding can flip, and labels are bit-identical to the unbounded step's.
 */
final class DirectBounds {

  /** Per point, the lower bound on the distance to every other centroid. */
  final double[] lower;
  /** Per centroid, half the distance to the nearest other centroid. */
  final double[] halfGap;
  /** Per centroid, how much the lower bound of its points drops in this step. */
  final double[] drift;
  /** Subtracted from every lower bound at each step, above the rounding of the update. */
  private final double slack;
  private final int d;
  private final int k;

  DirectBounds(double[] x, int n, int d, int k) {
    this.lower = new double[n];
    this.halfGap = new double[k];
    this.drift = new double[k];
    this.d = d;
    this.k = k;
    double maxAbs = 0;
    for (double v : x) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    this.slack = 1e-14 * Math.sqrt(d) * maxAbs;
  }

  /** Takes the centroids of the next step and, unless {@code moves} is null, their movement. */
  void prepare(double[] centers, CentroidMoves moves) {
    Arrays.fill(halfGap, Double.POSITIVE_INFINITY);
    for (int j = 0; j < k; j++) {
      for (int i = j + 1; i < k; i++) {
        double gap = Math.sqrt(Rows.squaredDistance(centers, j, centers, i, d)) / 2;
        halfGap[j] = Math.min(halfGap[j], gap);
        halfGap[i] = Math.min(halfGap[i], gap);
      }
    }
    if (moves != null) {
      for (int j = 0; j < k; j++) {
        drift[j] = moves.ofOthers(j) + slack;
      }
    }
  }

  /**
   * Lowers point {@code i}'s bound for a step and tells whether its nearest centroid is provably
   * {@code own}, at squared distance {@code dist}.
   */
  boolean skips(int i, int own, double dist) {
    double lo = lower[i] - drift[own];
    lower[i] = lo;
    double bound = Math.max(lo, halfGap[own]) * KEEP;
    return bound > 0 && dist < bound * bound;
  }

  /** The factor of the skip test. */
  static final double KEEP = 1 - CentroidMoves.MARGIN;
}
