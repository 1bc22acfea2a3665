package io.github.nmf4j.linalg.kernel;

/**
 * The distance scans of k-means for three features (RGB pixels), on raw {@code double[]}: the
 * points of a block held as three arrays of their features ({@code p0, p1, p2}), the centroids
 * likewise ({@code c0, c1, c2}), every squared distance computed as {@code t0 * t0 + t1 * t1 + t2
 * * t2} with {@code t_f = p_f[t] - c_f[j]}, in that order and without fused multiply-adds. This
 * class is the scalar version: one loop over the block per centroid, which C2 vectorizes across
 * points. {@code VectorKMeansKernels} is its {@code jdk.incubator.vector} twin, chosen with the
 * other Vector API kernels by {@link KernelChoice#kMeans()}; callers keep it in a {@code static
 * final} field, so the call is devirtualized and inlined.
 *
 * <p><b>What the choice changes.</b> Nothing in the results: both versions compute every
 * distance with the same operations in the same order, and fold them with exact operations
 * (minimum, maximum, strict comparison in centroid order), so they give the same bits, labels
 * included. Only the order of the loops differs (centroids inside, points in vector lanes held in
 * registers, in the Vector API version).
 *
 * <p><b>Past the block.</b> The outputs, and the points' arrays, may be longer than the block:
 * the Vector API version may then compute a last vector of points across the block's end and
 * write, from index {@code m} up to the next multiple of its vector length, values of no meaning
 * into the outputs; it never reads or writes past an array's end.
 */
public class KMeansKernels {

  KMeansKernels() {}

  /** What this version is, for the log line of {@link KernelChoice}. */
  String describe() {
    return "scalar k-means scans";
  }

  /**
   * For each point {@code t < m}, folds its squared distances to the {@code k} centroids, in
   * centroid order, into the running minimum {@code best[t]} and its label {@code label[t]}: a
   * distance strictly below the minimum replaces it, and {@code j} the label. From {@code best[t]
   * = +infinity} and {@code label[t] = 0}, that is the smallest distance and the lowest index at
   * it ({@code 0} if every distance is infinite or NaN, as the plain argmin). {@code s} is scratch
   * of at least {@code m} values.
   */
  public void nearest3(double[] p0, double[] p1, double[] p2, int m, double[] c0, double[] c1,
      double[] c2, int k, double[] best, int[] label, double[] s) {
    for (int j = 0; j < k; j++) {
      squaredDistances3(p0, p1, p2, m, c0[j], c1[j], c2[j], s);
      for (int t = 0; t < m; t++) {
        if (s[t] < best[t]) {
          best[t] = s[t];
          label[t] = j;
        }
      }
    }
  }

  /**
   * For each point {@code t < m}, folds its squared distances to the {@code k} centroids into the
   * running smallest and second-smallest distance {@code best[t]} and {@code second[t]}, without
   * a branch (each distance {@code v}: {@code second[t] <- min(second[t], max(v, best[t]))}, then
   * {@code best[t] <- min(best[t], v)}). From {@code +infinity}, they are the two smallest
   * distances (equal when two centroids share the smallest).
   */
  public void nearestTwo3(double[] p0, double[] p1, double[] p2, int m, double[] c0, double[] c1,
      double[] c2, int k, double[] best, double[] second) {
    for (int j = 0; j < k; j++) {
      nearestTwo3(p0, p1, p2, m, c0[j], c1[j], c2[j], best, second);
    }
  }

  /** {@code s[t]} = the squared distance of point {@code t < m} to {@code (a0, a1, a2)}. */
  private static void squaredDistances3(double[] p0, double[] p1, double[] p2, int m, double a0,
      double a1, double a2, double[] s) {
    for (int t = 0; t < m; t++) {
      double t0 = p0[t] - a0;
      double t1 = p1[t] - a1;
      double t2 = p2[t] - a2;
      s[t] = t0 * t0 + t1 * t1 + t2 * t2;
    }
  }

  /** One centroid {@code (a0, a1, a2)} folded into the running pair. */
  private static void nearestTwo3(double[] p0, double[] p1, double[] p2, int m, double a0,
      double a1, double a2, double[] best, double[] second) {
    for (int t = 0; t < m; t++) {
      double t0 = p0[t] - a0;
      double t1 = p1[t] - a1;
      double t2 = p2[t] - a2;
      double v = t0 * t0 + t1 * t1 + t2 * t2;
      double b = best[t];
      second[t] = Math.min(second[t], Math.max(v, b));
      best[t] = Math.min(b, v);
    }
  }
}
