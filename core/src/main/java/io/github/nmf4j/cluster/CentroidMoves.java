package io.github.nmf4j.cluster;

/**
 * How far each centroid moved in one update of Lloyd's algorithm, with the largest and second
 * largest movement: what bounds on distances need to stay valid across an update (a distance to
 * centroid {@code j} changes by at most its movement). Filled by {@link Lloyd} after every
 * update, read by the {@link Assignment} of the next step; allocated once per fit.
 */
final class CentroidMoves {

  /**
   * The relative margin every bound of this package keeps (both {@link DirectBounds} and {@link
   * ProductBounds}): a bound is lowered (or raised) by this fraction of itself beyond what the
   * triangle inequality gives, and a skip test must pass by this fraction. It must exceed the
   * relative rounding of everything a bound is made of: a squared distance computed directly
   * from {@code d} differences errs by at most {@code (d + 2) u} relative ({@code u = 2^-53}), a
   * square root by {@code u}, each bound update and test by a few {@code u}. With {@code 1e-9}
   * that holds with a factor of ten to spare up to {@code d = 10^6} features (the direct paths
   * take fewer than 16); the product form's own rounding is not covered by it but by the
   * explicit bound of {@link io.github.nmf4j.linalg.kernel.CentredProducts}. A larger margin only
   * makes the bounds skip fewer points, never changes a result.
   */
  static final double MARGIN = 1e-9;

  private final double[] distance;
  private int farthest = -1;
  private double largest;
  private double secondLargest;

  CentroidMoves(int k) {
    this.distance = new double[k];
  }

  /**
   * Measures the movement from {@code from} to {@code to} (k x d each); returns the summed
   * squared movement, the shift of scikit-learn's convergence test.
   */
  double measure(double[] from, double[] to, int d) {
    int k = distance.length;
    double shift = 0;
    largest = 0;
    secondLargest = 0;
    farthest = -1;
    for (int j = 0; j < k; j++) {
      double delta = 0;
      for (int f = j * d, end = f + d; f < end; f++) {
        double t = to[f] - from[f];
        delta += t * t;
      }
      shift += delta;
      delta = Math.sqrt(delta);
      distance[j] = delta;
      if (delta > largest) {
        secondLargest = largest;
        largest = delta;
        farthest = j;
      } else if (delta > secondLargest) {
        secondLargest = delta;
      }
    }
    return shift;
  }

  /** How far centroid {@code j} moved. */
  double of(int j) {
    return distance[j];
  }

  /** The largest movement of a centroid other than {@code j}. */
  double ofOthers(int j) {
    return j == farthest ? secondLargest : largest;
  }
}
