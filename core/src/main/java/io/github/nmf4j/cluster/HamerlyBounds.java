package io.github.nmf4j.cluster;

/**
 * Hamerly's single lower bound per point for the product form: a lower bound on the distance
 * to every centroid but its own, lowered after an update by the largest movement of another
 * centroid. {@code n} numbers; see {@link TriangleBounds} for the test.
 */
final class HamerlyBounds extends TriangleBounds {

  private final double[] lower;
  /** Per centroid, the largest movement of another centroid, with the margin. */
  private final double[] drift;

  HamerlyBounds(double[] x, int n, int d, int k, double[] pointNorms) {
    super(x, n, d, k, pointNorms);
    this.lower = new double[n];
    this.drift = new double[k];
  }

  @Override
  void prepareLower(CentroidMoves moves) {
    for (int j = 0; j < k; j++) {
      drift[j] = moves.ofOthers(j) * UP;
    }
  }

  @Override
  double lowest(int i, int own) {
    double lo = (lower[i] - drift[own]) * DOWN;
    lower[i] = lo;
    return lo;
  }

  @Override
  void recordLower(int i, int label, double second, double[] dots, int o) {
    double lo2 = pointNorms[i] + second - delta(i);
    lower[i] = lo2 > 0 ? Math.sqrt(lo2) * DOWN : 0;
  }

  @Override
  void forgetLower(int i) {
    lower[i] = 0;
  }
}
