package io.github.nmf4j.testing;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;

/** Seeded Gaussian blobs with known labels, for clustering tests. */
public final class Blobs {

  private final Matrix points;
  private final int[] labels;

  private Blobs(Matrix points, int[] labels) {
    this.points = points;
    this.labels = labels;
  }

  /**
   * {@code n} points in {@code d} dimensions around {@code k} centres drawn uniformly from
   * {@code [-box, box]^d}, each point from a random centre plus Gaussian noise of deviation
   * {@code spread}.
   */
  public static Blobs generate(long seed, int n, int d, int k, double box, double spread) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] centres = new double[k * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = box * (2 * random.nextDouble() - 1);
    }
    return around(random, n, d, centres, spread);
  }

  /** {@code n} points around the given row-major centres (k x d), assigned in turn. */
  public static Blobs around(SplittableRandom random, int n, int d, double[] centres,
      double spread) {
    int k = centres.length / d;
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      labels[i] = c;
      for (int f = 0; f < d; f++) {
        x[i * d + f] = centres[c * d + f] + spread * gaussian(random);
      }
    }
    return new Blobs(Matrix.wrap(n, d, x), labels);
  }

  /** A standard normal deviate (Box-Muller), from {@code random} only. */
  public static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  public Matrix points() {
    return points;
  }

  public int[] labels() {
    return labels.clone();
  }
}
