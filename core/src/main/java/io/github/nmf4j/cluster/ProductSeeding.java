package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.SplittableRandom;

/**
 * k-means++ seeding for wide data: {@link Seeding#kMeansPlusPlus} with the squared distances
 * from all points to the candidate centres of a step taken in product form, {@code |x'|^2 +
 * |c'|^2 - 2 x'.c'} on points and candidates centred by the data's mean, clamped at 0, the
 * products of a block of points with all candidates coming from one matrix product ({@link
 * Gemm#multiplyTranspose}), as scikit-learn's {@code _kmeans_plusplus} computes them. The
 * distances to the chosen candidate are kept, so each step reads the data once.
 *
 * <p>A value below the formula's rounding bound ({@code (d + 8) 2^-52 (|x'| + |c'|)^2}, see
 * {@link ProductAssignment}) is recomputed directly from the differences, so a point equal to a
 * centre has weight exactly 0 and is never drawn again. The random stream is used exactly as in
 * {@link Seeding#kMeansPlusPlus} (one integer, then {@code 2 + floor(ln k)} doubles per step);
 * blocks and chunks depend only on the data's shape, so the centres are the same for any thread
 * count.
 */
final class ProductSeeding {

  private ProductSeeding() {}

  /**
   * k-means++ with greedy local trials on the rows of {@code x} (n x d), which must have at
   * least {@code k} distinct rows.
   *
   * @param mean the centring vector (the data's mean)
   * @param pointNorms {@code |x_i - mean|^2} for every row
   * @return the {@code k x d} centroids, row-major
   */
  static double[] kMeansPlusPlus(double[] x, int n, int d, int k, SplittableRandom random,
      Parallel par, double[] mean, double[] pointNorms) {
    int trials = 2 + (int) Math.log(k);
    int chunks = ProductAssignment.chunks(n, d, trials, trials);
    double[] centers = new double[k * d];
    double[] closest = new double[n];
    double[] chunkSums = new double[chunks];
    double[] candidates = new double[trials * d];
    double[] centred = new double[trials * d];
    double[] norms = new double[trials];
    double[] candidateDist = new double[n * trials];
    double[] partials = new double[chunks * trials];
    double[][] blocks = new double[chunks][];
    double[][] dots = new double[chunks][];
    int[] ids = new int[trials];
    double gamma = 2 * (d + 8) * 0x1p-53;

    System.arraycopy(x, random.nextInt(n) * d, centers, 0, d);
    System.arraycopy(centers, 0, candidates, 0, d);
    double radius = WideRows.centreRows(candidates, 1, d, mean, centred, norms);
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      distances(x, d, from, to, mean, pointNorms, candidates, centred, norms, 1, radius, gamma,
          scratch(blocks, dots, ch, d, trials), dots[ch], closest);
      double s = 0;
      for (int i = from; i < to; i++) {
        s += closest[i];
      }
      chunkSums[ch] = s;
    });
    double potential = sumInOrder(chunkSums);
    for (int c = 1; c < k; c++) {
      for (int t = 0; t < trials; t++) {
        ids[t] = Seeding.sample(closest, n, chunks, chunkSums, random.nextDouble() * potential);
        if (ids[t] < 0) {
          ids[t] = Seeding.firstNewPoint(x, n, d, centers, c);
        }
        System.arraycopy(x, ids[t] * d, candidates, t * d, d);
      }
      double r = WideRows.centreRows(candidates, trials, d, mean, centred, norms);
      par.forEach(chunks, ch -> {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        distances(x, d, from, to, mean, pointNorms, candidates, centred, norms, trials, r, gamma,
            scratch(blocks, dots, ch, d, trials), dots[ch], candidateDist);
        for (int t = 0; t < trials; t++) {
          double s = 0;
          for (int i = from; i < to; i++) {
            s += Math.min(closest[i], candidateDist[i * trials + t]);
          }
          partials[ch * trials + t] = s;
        }
      });
      int best = 0;
      double bestPotential = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double s = 0;
        for (int ch = 0; ch < chunks; ch++) {
          s += partials[ch * trials + t];
        }
        if (s < bestPotential) {
          bestPotential = s;
          best = t;
        }
      }
      System.arraycopy(candidates, best * d, centers, c * d, d);
      int chosen = best;
      par.forEach(chunks, ch -> {
        for (int i = Chunks.start(n, chunks, ch), end = Chunks.start(n, chunks, ch + 1);
            i < end; i++) {
          closest[i] = Math.min(closest[i], candidateDist[i * trials + chosen]);
        }
        chunkSums[ch] = partials[ch * trials + chosen]; // the same sum, in the same order
      });
      potential = sumInOrder(chunkSums);
    }
    return centers;
  }

  private static double[] scratch(double[][] blocks, double[][] dots, int ch, int d, int trials) {
    if (blocks[ch] == null) {
      blocks[ch] = new double[ProductAssignment.BLOCK * d];
      dots[ch] = new double[ProductAssignment.BLOCK * trials];
    }
    return blocks[ch];
  }

  /**
   * {@code out[i * m + t]}: the squared distance from point {@code i} in {@code [from, to)} to
   * candidate {@code t < m}, in product form clamped at 0, or computed directly when below the
   * rounding bound of the product form.
   */
  private static void distances(double[] x, int d, int from, int to, double[] mean,
      double[] pointNorms, double[] candidates, double[] centred, double[] norms, int m,
      double radius, double gamma, double[] block, double[] dots, double[] out) {
    for (int start = from; start < to; start += ProductAssignment.BLOCK) {
      int count = Math.min(ProductAssignment.BLOCK, to - start);
      for (int r = 0; r < count; r++) {
        int xo = (start + r) * d;
        int bo = r * d;
        for (int f = 0; f < d; f++) {
          block[bo + f] = x[xo + f] - mean[f];
        }
      }
      Gemm.multiplyTranspose(count, d, m, block, centred, dots, Parallel.serial());
      for (int r = 0; r < count; r++) {
        int i = start + r;
        double pn = pointNorms[i];
        double bound = Math.sqrt(pn) + radius;
        bound *= gamma * bound;
        for (int t = 0; t < m; t++) {
          double v = pn + (norms[t] - 2 * dots[r * m + t]);
          out[i * m + t] = v > bound ? v : WideRows.squaredDistance(x, i, candidates, t, d);
        }
      }
    }
  }

  private static double sumInOrder(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
