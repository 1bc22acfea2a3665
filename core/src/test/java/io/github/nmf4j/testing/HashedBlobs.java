package io.github.nmf4j.testing;

import io.github.nmf4j.linalg.Matrix;

/**
 * Blobs made from integers by a SplitMix64 hash, bit-identical to {@code hashed_blobs} in
 * {@code src/test/resources/reference/cluster/make_wide_fixtures.py}, so wide fixtures need not
 * store their points: {@code x[i][f] = (3 centre[label_i][f] + four uniform integers) / 1000}.
 */
public final class HashedBlobs {

  private HashedBlobs() {}

  /** The points of {@code hashed_blobs(n, d, blobs, seed)}, bit for bit. */
  public static Matrix points(int n, int d, int blobs, long seed) {
    long[] centres = new long[blobs * d];
    for (int c = 0; c < centres.length; c++) {
      centres[c] = uniformInt(c, seed);
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int label = (int) Long.remainderUnsigned(splitMix(i, seed + 1), blobs);
      for (int f = 0; f < d; f++) {
        long cell = 4L * (i * (long) d + f);
        long noise = 0;
        for (int q = 0; q < 4; q++) {
          noise += uniformInt(cell + q, seed + 2);
        }
        x[i * d + f] = (3 * centres[label * d + f] + noise) / 1000.0;
      }
    }
    return Matrix.wrap(n, d, x);
  }

  /** The blob every point of {@link #points} was drawn around. */
  public static int[] labels(int n, int blobs, long seed) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (int) Long.remainderUnsigned(splitMix(i, seed + 1), blobs);
    }
    return labels;
  }

  private static long uniformInt(long counter, long seed) {
    return Long.remainderUnsigned(splitMix(counter, seed) >>> 11, 1001) - 500;
  }

  private static long splitMix(long counter, long seed) {
    long z = seed + (counter + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
