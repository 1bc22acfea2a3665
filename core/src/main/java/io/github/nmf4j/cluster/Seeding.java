package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/** Initial centroids: k-means++ with greedy local trials, and uniform random rows. */
final class Seeding {

  private Seeding() {}

  /**
   * k-means++ (Arthur and Vassilvitskii 2007) with {@code 2 + floor(ln k)} greedy local trials
   * per centroid, as scikit-learn's {@code _kmeans_plusplus}. The data must have at least
   * {@code k} distinct rows. Sampling walks the cumulative sum of the squared distances in
   * point order, through per-chunk sums, so it is the same for any thread count.
   *
   * @return the {@code k x d} centroids, row-major
   */
  static double[] kMeansPlusPlus(
      double[] x, int n, int d, int k, SplittableRandom random, Parallel par) {
    int trials = 2 + (int) Math.log(k);
    int chunks = Chunks.count(n, trials);
    double[] centers = new double[k * d];
    double[] closest = new double[n];
    double[] chunkSums = new double[chunks];
    double[] candidates = new double[trials * d];
    double[] candidatePartials = new double[chunks * trials];
    int[] ids = new int[trials];

    System.arraycopy(x, random.nextInt(n) * d, centers, 0, d);
    double potential = updateClosest(x, n, d, centers, 0, closest, chunkSums, par);
    for (int c = 1; c < k; c++) {
      for (int t = 0; t < trials; t++) {
        ids[t] = sample(closest, n, chunks, chunkSums, random.nextDouble() * potential);
        if (ids[t] < 0) {
          ids[t] = firstNewPoint(x, n, d, centers, c);
        }
        System.arraycopy(x, ids[t] * d, candidates, t * d, d);
      }
      par.forEach(chunks, ch -> {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        for (int t = 0; t < trials; t++) {
          double s = 0;
          for (int i = from; i < to; i++) {
            s += Math.min(closest[i], NearestCentroid.squaredDistance(x, i, candidates, t, d));
          }
          candidatePartials[ch * trials + t] = s;
        }
      });
      int best = 0;
      double bestPotential = Double.POSITIVE_INFINITY;
      for (int t = 0; t < trials; t++) {
        double s = 0;
        for (int ch = 0; ch < chunks; ch++) {
          s += candidatePartials[ch * trials + t];
        }
        if (s < bestPotential) {
          bestPotential = s;
          best = t;
        }
      }
      System.arraycopy(candidates, best * d, centers, c * d, d);
      potential = updateClosest(x, n, d, centers, c, closest, chunkSums, par);
    }
    return centers;
  }

  /** Lowers {@code closest} to the distances to centroid {@code c}; returns the new potential. */
  private static double updateClosest(double[] x, int n, int d, double[] centers, int c,
      double[] closest, double[] chunkSums, Parallel par) {
    int chunks = chunkSums.length;
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      double s = 0;
      for (int i = from; i < to; i++) {
        double dist = NearestCentroid.squaredDistance(x, i, centers, c, d);
        double m = c == 0 ? dist : Math.min(closest[i], dist);
        closest[i] = m;
        s += m;
      }
      chunkSums[ch] = s;
    });
    double potential = 0;
    for (double s : chunkSums) {
      potential += s;
    }
    return potential;
  }

  /**
   * The first point whose running sum of {@code weights} exceeds {@code r}; a point of weight 0
   * is never chosen. Returns -1 if every weight is 0.
   */
  static int sample(double[] weights, int n, int chunks, double[] chunkSums, double r) {
    double before = 0;
    for (int ch = 0; ch < chunks; ch++) {
      double after = before + chunkSums[ch];
      if (after > r || ch == chunks - 1) {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        double run = before;
        int lastPositive = -1;
        for (int i = from; i < to; i++) {
          if (weights[i] > 0) {
            run += weights[i];
            lastPositive = i;
            if (run > r) {
              return i;
            }
          }
        }
        if (lastPositive >= 0) {
          return lastPositive; // r lies past this chunk's sum by rounding only
        }
        return lastPositiveBefore(weights, from);
      }
      before = after;
    }
    return -1;
  }

  private static int lastPositiveBefore(double[] weights, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The first point equal to none of the first {@code c} centroids: the fallback when every
   * squared distance underflowed to 0 although distinct points remain.
   */
  static int firstNewPoint(double[] x, int n, int d, double[] centers, int c) {
    for (int i = 0; i < n; i++) {
      boolean isNew = true;
      for (int j = 0; j < c && isNew; j++) {
        isNew = !sameRow(x, i * d, centers, j * d, d);
      }
      if (isNew) {
        return i;
      }
    }
    throw new IllegalStateException("fewer distinct points than centroids");
  }

  private static boolean sameRow(double[] a, int ao, double[] b, int bo, int d) {
    for (int f = 0; f < d; f++) {
      if (a[ao + f] != b[bo + f]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code k} distinct rows chosen uniformly at random (Floyd's sampling algorithm).
   *
   * @return the {@code k x d} centroids, row-major
   */
  static double[] random(double[] x, int n, int d, int k, SplittableRandom random) {
    Set<Integer> chosen = new LinkedHashSet<>();
    for (int j = n - k; j < n; j++) {
      int t = random.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    double[] centers = new double[k * d];
    int c = 0;
    for (int i : chosen) {
      System.arraycopy(x, i * d, centers, c++ * d, d);
    }
    return centers;
  }
}
