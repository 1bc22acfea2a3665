package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.CentredProducts;
import io.github.nmf4j.linalg.kernel.Rows;

/**
 * The fixed split of {@code n} points into contiguous chunks used by every parallel loop of the
 * package. The split depends only on the problem's shape, never on the thread count, and
 * partial results are combined in chunk order, so results are bit-identical for any number of
 * threads.
 */
final class Chunks {

  /** Points per chunk at least (below this, one thread's overhead would dominate). */
  static final int MIN_POINTS = 4096;
  /** Chunks at most: enough to balance a few dozen threads. */
  static final int MAX_CHUNKS = 64;
  /** Doubles of per-chunk partial sums allowed in all (32 MB). */
  static final long MAX_PARTIAL_DOUBLES = 1L << 22;

  private Chunks() {}

  /**
   * The number of chunks for {@code n} points when each chunk keeps {@code partialDoubles}
   * doubles of partial sums.
   */
  static int count(int n, long partialDoubles) {
    return count(n, MIN_POINTS, partialDoubles);
  }

  /**
   * The number of chunks for {@code n} points when each chunk should hold at least {@code
   * minPoints} points and keeps {@code partialDoubles} doubles of partial sums.
   */
  static int count(int n, int minPoints, long partialDoubles) {
    long byPoints = (n + (long) minPoints - 1) / minPoints;
    long byMemory = MAX_PARTIAL_DOUBLES / Math.max(1, partialDoubles);
    return (int) Math.max(1, Math.min(Math.min(byPoints, MAX_CHUNKS), byMemory));
  }

  /** The first point of chunk {@code c} (chunk {@code chunks} gives {@code n}). */
  static int start(int n, int chunks, int c) {
    return (int) ((long) n * c / chunks);
  }

  /**
   * The mean of the rows of {@code x} (n x d), over the fixed chunks ({@link Rows#columnMeans}).
   */
  static double[] columnMeans(double[] x, int n, int d, Parallel par) {
    return Rows.columnMeans(x, n, d, count(n, d), par);
  }

  /** {@code |x_i - mean|^2} for every row, over the fixed chunks. */
  static double[] centredNorms(double[] x, int n, int d, double[] mean, Parallel par) {
    return CentredProducts.centredNorms(x, n, d, mean, count(n, 1), par);
  }

  /** How a prediction labels point {@code i}; {@code scratch} is its chunk's. */
  @FunctionalInterface
  interface PointLabel {
    int label(int i, double[] scratch);
  }

  /**
   * The labels of {@code m} points by {@code rule}, over the fixed chunks for {@code scratch}
   * doubles per chunk ({@link #count(int, long)}), each chunk with its own scratch array of that
   * length: the loop of the predictions.
   */
  static int[] labels(int m, int scratch, Parallel par, PointLabel rule) {
    int[] out = new int[m];
    int chunks = count(m, scratch);
    par.forEach(chunks, ch -> {
      double[] buffer = new double[scratch];
      for (int i = start(m, chunks, ch), to = start(m, chunks, ch + 1); i < to; i++) {
        out[i] = rule.label(i, buffer);
      }
    });
    return out;
  }

  /** Whether some chunk changed a label: {@code partialChanged[ch]} for any chunk. */
  static boolean any(boolean[] partialChanged) {
    for (boolean c : partialChanged) {
      if (c) {
        return true;
      }
    }
    return false;
  }
}
