package io.github.nmf4j.benchmarks.cluster;

/**
 * MNIST-shaped synthetic data: {@code n} images of 28 x 28 = 784 pixels in [0, 1], about a fifth
 * of them non-zero, drawn from ten stroke "digits" with per-image shift, stroke thickness and
 * noise. Built with integer arithmetic only, bit-identical to {@code synthetic_digits()} in
 * {@code benchmarks/python/kmeans_wide_sklearn.py}.
 *
 * <p>Image {@code i} takes class, vertical and horizontal shift (-2..2) and thickness (2..4) from
 * a SplitMix64 hash of {@code i}; its prototype has intensity {@code max(0, 255 - 255 e / t^2)}
 * at squared distance {@code e} from the nearest sample point of the class's stroke (five
 * anchors joined by six integer steps each) and thickness {@code t}; every non-zero pixel gets
 * integer noise in [-20, 20] from a hash of the pixel's index, clamped to [0, 255], and is
 * divided by 255.
 */
public final class SyntheticDigits {

  /** Pixels per image. */
  public static final int FEATURES = 784;

  private static final int SIDE = 28;
  private static final int STEPS = 6;
  private static final int[][] ANCHORS = {
    {4, 14, 10, 8, 20, 9, 23, 15, 14, 20},    // 0: a loop
    {5, 12, 4, 15, 14, 15, 23, 15, 23, 15},   // 1: a bar
    {7, 8, 4, 16, 12, 18, 23, 7, 23, 20},     // 2
    {5, 8, 8, 19, 13, 12, 18, 19, 23, 8},     // 3
    {4, 16, 16, 6, 16, 20, 10, 15, 23, 15},   // 4
    {4, 19, 4, 8, 12, 8, 17, 19, 23, 7},      // 5
    {4, 17, 13, 7, 23, 12, 18, 19, 14, 8},    // 6
    {5, 6, 5, 20, 13, 14, 19, 11, 23, 10},    // 7
    {4, 14, 12, 8, 23, 14, 12, 20, 4, 14},    // 8
    {23, 16, 14, 19, 5, 16, 8, 8, 14, 12},    // 9
  };

  private SyntheticDigits() {}

  /** The row-major {@code n x 784} images. */
  public static double[] images(int n, long seed) {
    int[][] prototypes = prototypes();
    double[] x = new double[n * FEATURES];
    for (int i = 0; i < n; i++) {
      int[] proto = prototypes[prototype(i, seed)];
      for (int p = 0; p < FEATURES; p++) {
        int v = proto[p];
        if (v > 0) {
          long counter = (long) i * FEATURES + p;
          int noise = (int) Long.remainderUnsigned(splitMix(counter, seed + 1) >>> 11, 41) - 20;
          v = Math.max(0, Math.min(255, v + noise));
        }
        x[i * FEATURES + p] = v / 255.0;
      }
    }
    return x;
  }

  /** The class (0..9) image {@code i} was drawn from. */
  public static int label(int i, long seed) {
    return prototype(i, seed) / 75;
  }

  /**
   * The rows at indices {@code floor((2j + 1) n / (2k))}, j = 0..k-1: the initial centroids both
   * sides of the comparison start from.
   */
  public static double[] initialCentroids(double[] x, int d, int k) {
    int n = x.length / d;
    double[] c = new double[k * d];
    for (int j = 0; j < k; j++) {
      int i = (int) ((2L * j + 1) * n / (2L * k));
      System.arraycopy(x, i * d, c, j * d, d);
    }
    return c;
  }

  /** Index {@code 75 class + 15 (dy + 2) + 3 (dx + 2) + (t - 2)} of image i's prototype. */
  private static int prototype(int i, long seed) {
    long h = splitMix(i, seed);
    int cls = (int) Long.remainderUnsigned(h, 10);
    int dy = (int) Long.remainderUnsigned(h >>> 8, 5);
    int dx = (int) Long.remainderUnsigned(h >>> 16, 5);
    int t = (int) Long.remainderUnsigned(h >>> 24, 3);
    return 75 * cls + 15 * dy + 3 * dx + t;
  }

  private static int[][] prototypes() {
    int[][] out = new int[750][];
    for (int cls = 0; cls < 10; cls++) {
      int[] ys = new int[4 * STEPS + 1];
      int[] xs = new int[4 * STEPS + 1];
      int[] a = ANCHORS[cls];
      for (int s = 0; s < 4; s++) {
        for (int t = 0; t < STEPS; t++) {
          ys[s * STEPS + t] = a[2 * s] + Math.floorDiv((a[2 * s + 2] - a[2 * s]) * t, STEPS);
          xs[s * STEPS + t] =
              a[2 * s + 1] + Math.floorDiv((a[2 * s + 3] - a[2 * s + 1]) * t, STEPS);
        }
      }
      ys[4 * STEPS] = a[8];
      xs[4 * STEPS] = a[9];
      for (int dy = -2; dy <= 2; dy++) {
        for (int dx = -2; dx <= 2; dx++) {
          for (int t = 2; t <= 4; t++) {
            int[] img = new int[FEATURES];
            for (int r = 0; r < SIDE; r++) {
              for (int c = 0; c < SIDE; c++) {
                int e = Integer.MAX_VALUE;
                for (int s = 0; s < ys.length; s++) {
                  int u = r - dy - ys[s];
                  int v = c - dx - xs[s];
                  e = Math.min(e, u * u + v * v);
                }
                img[r * SIDE + c] = Math.max(0, 255 - 255 * e / (t * t));
              }
            }
            out[75 * cls + 15 * (dy + 2) + 3 * (dx + 2) + (t - 2)] = img;
          }
        }
      }
    }
    return out;
  }

  /** SplitMix64's output function at {@code seed + (counter + 1) * golden}. */
  private static long splitMix(long counter, long seed) {
    long z = seed + (counter + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
