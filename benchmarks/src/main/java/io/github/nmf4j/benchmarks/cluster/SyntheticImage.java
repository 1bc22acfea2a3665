package io.github.nmf4j.benchmarks.cluster;

/**
 * A synthetic 427 x 640 RGB "photo" (273,280 pixels, the size of scikit-learn's china.jpg) built
 * with integer arithmetic only, bit-identical to {@code synthetic_image()} in
 * {@code benchmarks/python/kmeans_sklearn.py}: a sky gradient, ground, five shaded discs, a
 * striped building and per-pixel noise from a counter-based SplitMix64 hash.
 */
public final class SyntheticImage {

  /** Image height. */
  public static final int ROWS = 427;
  /** Image width. */
  public static final int COLS = 640;

  private static final int[][] DISCS = {
    {80, 520, 45, 250, 220, 90},
    {300, 120, 70, 200, 40, 50},
    {330, 330, 55, 40, 90, 180},
    {260, 470, 40, 230, 230, 230},
    {380, 560, 35, 120, 60, 160},
  };

  private SyntheticImage() {}

  /** The pixels as a row-major (ROWS * COLS) x 3 array of values in [0, 1] (value / 255). */
  public static double[] pixels(long seed) {
    double[] x = new double[ROWS * COLS * 3];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLS; c++) {
        int[] rgb = colour(r, c);
        for (int ch = 0; ch < 3; ch++) {
          long counter = ((long) r * COLS + c) * 3 + ch;
          long noise = Long.remainderUnsigned(splitMix(counter, seed) >>> 11, 17);
          int v = Math.max(0, Math.min(255, rgb[ch] + (int) noise - 8));
          x[(r * COLS + c) * 3 + ch] = v / 255.0;
        }
      }
    }
    return x;
  }

  /**
   * The pixels at indices {@code floor((2j + 1) n / (2k))}, j = 0..k-1: the initial centroids
   * both sides of the comparison start from.
   */
  public static double[] initialCentroids(double[] pixels, int k) {
    int n = pixels.length / 3;
    double[] c = new double[k * 3];
    for (int j = 0; j < k; j++) {
      int i = (int) ((2L * j + 1) * n / (2L * k));
      System.arraycopy(pixels, i * 3, c, j * 3, 3);
    }
    return c;
  }

  private static int[] colour(int r, int c) {
    int red;
    int green;
    int blue;
    if (r < 200) {
      red = 90 + r * 60 / 200;
      green = 140 + r * 50 / 200;
      blue = 230 - r * 30 / 200;
    } else {
      red = 70 + c * 40 / 640 + (r - 200) * 30 / 227;
      green = 120 + c * 20 / 640 + (r - 200) * 50 / 227;
      blue = 50 + (r - 200) * 20 / 227;
    }
    for (int[] disc : DISCS) {
      int d2 = (r - disc[0]) * (r - disc[0]) + (c - disc[1]) * (c - disc[1]);
      int rad2 = disc[2] * disc[2];
      if (d2 < rad2) {
        int shade = d2 * 60 / rad2;
        red = disc[3] - shade;
        green = disc[4] - shade;
        blue = disc[5] - shade;
      }
    }
    if (r >= 120 && r < 260 && c >= 200 && c < 300) {
      boolean stripe = (r / 12) % 2 == 0;
      red = stripe ? 150 : 90;
      green = stripe ? 140 : 85;
      blue = stripe ? 120 : 80;
    }
    return new int[] {red, green, blue};
  }

  /** SplitMix64's output function at {@code seed + (counter + 1) * golden}. */
  private static long splitMix(long counter, long seed) {
    long z = seed + (counter + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
