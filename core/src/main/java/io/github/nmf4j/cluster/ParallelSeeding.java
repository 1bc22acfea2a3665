package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means|| seeding (Bahmani, Moseley, Vattani, Kumar and Vassilvitskii, "Scalable k-means++",
 * VLDB 2012), the initialization Spark's k-means uses: a few rounds that each sample many
 * candidates at once, in one pass over the data, instead of k-means++'s {@code k} passes.
 *
 * <ol>
 *   <li>The first candidate is a point chosen uniformly; {@code phi} is the sum over all points
 *       of the squared distance to the nearest candidate.
 *   <li>Each of {@code rounds} rounds keeps every point independently with probability {@code
 *       min(1, l d^2(x) / phi)}, {@code l = oversampling k}, adds the kept points to the
 *       candidates (about {@code l} a round) and updates the distances and {@code phi}.
 *   <li>If fewer than {@code k} distinct candidates result, the points farthest from the
 *       candidates (lowest index on ties) are added until there are {@code k}.
 *   <li>Each candidate is weighted by the number of points nearest to it (ties to the earliest
 *       candidate), and the weighted candidates are reduced to {@code k} centroids by weighted
 *       k-means++ (with scikit-learn's greedy local trials, which Spark does without) followed by
 *       at most {@value #LOCAL_ITERATIONS} weighted Lloyd iterations on the candidates alone,
 *       as Spark does.
 * </ol>
 *
 * <p>The coin of point {@code i} in a round is a hash of the round's seed (drawn from the fit's
 * stream on the calling thread) and {@code i}, and the candidates of a round are kept in point
 * order, so the result is the same for any thread count.
 */
final class ParallelSeeding {

  /** Weighted Lloyd iterations on the candidates at most (Spark's LocalKMeans uses 30). */
  static final int LOCAL_ITERATIONS = 30;

  private ParallelSeeding() {}

  /**
   * The {@code k x d} initial centroids for the rows of {@code x} (n x d, at least {@code k}
   * distinct).
   */
  static double[] seed(double[] x, int n, int d, int k, int rounds, double oversampling,
      SplittableRandom random, Parallel par) {
    int chunks = Chunks.count(n, 1);
    double[] closest = new double[n];
    int[] nearest = new int[n];
    double[] partial = new double[chunks];
    Candidates cand = new Candidates(d);
    cand.add(x, random.nextInt(n));
    update(x, n, d, cand, 0, closest, nearest, chunks, partial, par);
    double l = oversampling * k;
    for (int r = 0; r < rounds; r++) {
      double phi = Rows.sumInOrder(partial);
      if (phi == 0) {
        break;
      }
      long roundSeed = random.nextLong();
      int[][] kept = new int[chunks][];
      par.forEach(chunks, ch -> {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        int[] mine = new int[16];
        int count = 0;
        for (int i = from; i < to; i++) {
          if (closest[i] > 0 && uniform(roundSeed, i) < l * closest[i] / phi) {
            if (count == mine.length) {
              mine = Arrays.copyOf(mine, 2 * count);
            }
            mine[count++] = i;
          }
        }
        kept[ch] = Arrays.copyOf(mine, count);
      });
      int first = cand.count;
      for (int[] chunk : kept) {
        for (int i : chunk) {
          cand.add(x, i);
        }
      }
      update(x, n, d, cand, first, closest, nearest, chunks, partial, par);
    }
    // Points with d^2 > 0 are new directions; top up with the farthest until k exist.
    while (Checks.distinctRows(cand.rows, cand.count, d, k) < k) {
      int far = 0;
      for (int i = 1; i < n; i++) {
        if (closest[i] > closest[far]) {
          far = i;
        }
      }
      int first = cand.count;
      cand.add(x, far);
      update(x, n, d, cand, first, closest, nearest, chunks, partial, par);
    }
    double[] weights = new double[cand.count];
    for (int i = 0; i < n; i++) {
      weights[nearest[i]]++;
    }
    return reduce(cand.rows, cand.count, d, k, weights, random);
  }

  /** Lowers every point's distance to the candidates from {@code first} on, in fixed chunks. */
  private static void update(double[] x, int n, int d, Candidates cand, int first,
      double[] closest, int[] nearest, int chunks, double[] partial, Parallel par) {
    double[] c = cand.rows;
    int count = cand.count;
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      double s = 0;
      for (int i = from; i < to; i++) {
        double best = first == 0 ? Double.POSITIVE_INFINITY : closest[i];
        int label = first == 0 ? 0 : nearest[i];
        for (int j = first; j < count; j++) {
          double dist = Rows.squaredDistance(x, i, c, j, d);
          if (dist < best) {
            best = dist;
            label = j;
          }
        }
        closest[i] = best;
        nearest[i] = label;
        s += best;
      }
      partial[ch] = s;
    });
  }

  /**
   * Weighted k-means++ on the {@code m} candidates, with {@code 2 + floor(ln k)} greedy local
   * trials per centroid as scikit-learn's (Spark draws once), then weighted Lloyd iterations
   * until no label changes; a cluster left empty keeps its centroid.
   */
  static double[] reduce(double[] c, int m, int d, int k, double[] w, SplittableRandom random) {
    double[] centers = new double[k * d];
    double[] closest = new double[m];
    double[] mass = new double[m];
    int trials = 2 + (int) Math.log(k);
    int first = sampleWeighted(w, m, random.nextDouble() * Rows.sumInOrder(w, m));
    System.arraycopy(c, first * d, centers, 0, d);
    for (int i = 0; i < m; i++) {
      closest[i] = Rows.squaredDistance(c, i, centers, 0, d);
    }
    for (int j = 1; j < k; j++) {
      double total = 0;
      for (int i = 0; i < m; i++) {
        mass[i] = w[i] * closest[i];
        total += mass[i];
      }
      if (total == 0) {
        System.arraycopy(c, Seeding.firstNewPoint(c, m, d, centers, j) * d, centers, j * d, d);
      } else {
        // Greedy local trials, as scikit-learn's k-means++: the best of a few draws.
        int best = -1;
        double bestPotential = Double.POSITIVE_INFINITY;
        for (int t = 0; t < trials; t++) {
          int candidate = sampleWeighted(mass, m, random.nextDouble() * total);
          double potential = 0;
          for (int i = 0; i < m; i++) {
            potential += w[i] * Math.min(closest[i], Rows.squaredDistance(c, i, c, candidate, d));
          }
          if (potential < bestPotential) {
            bestPotential = potential;
            best = candidate;
          }
        }
        System.arraycopy(c, best * d, centers, j * d, d);
      }
      for (int i = 0; i < m; i++) {
        closest[i] = Math.min(closest[i], Rows.squaredDistance(c, i, centers, j, d));
      }
    }
    int[] labels = new int[m];
    Arrays.fill(labels, -1);
    double[] sums = new double[k * d];
    double[] weightSums = new double[k];
    for (int it = 0; it < LOCAL_ITERATIONS; it++) {
      boolean changed = false;
      Arrays.fill(sums, 0);
      Arrays.fill(weightSums, 0);
      for (int i = 0; i < m; i++) {
        int label = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double dist = Rows.squaredDistance(c, i, centers, j, d);
          if (dist < best) {
            best = dist;
            label = j;
          }
        }
        changed |= labels[i] != label;
        labels[i] = label;
        weightSums[label] += w[i];
        for (int f = 0; f < d; f++) {
          sums[label * d + f] += w[i] * c[i * d + f];
        }
      }
      if (!changed) {
        break;
      }
      for (int j = 0; j < k; j++) {
        if (weightSums[j] > 0) {
          for (int f = 0; f < d; f++) {
            double mean = sums[j * d + f] / weightSums[j];
            centers[j * d + f] = Double.isFinite(mean) ? mean : centers[j * d + f];
          }
        }
      }
    }
    return centers;
  }

  /** The first index whose running sum of {@code w} exceeds {@code r} (the last positive one). */
  private static int sampleWeighted(double[] w, int m, double r) {
    double run = 0;
    int last = 0;
    for (int i = 0; i < m; i++) {
      if (w[i] > 0) {
        run += w[i];
        last = i;
        if (run > r) {
          return i;
        }
      }
    }
    return last;
  }

  /** A uniform double in [0, 1) from {@code seed} and {@code i} (SplitMix64's finalizer). */
  static double uniform(long seed, int i) {
    long z = seed + (i + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** The candidates, rows appended to a growing array. */
  private static final class Candidates {
    private final int d;
    double[] rows;
    int count;

    Candidates(int d) {
      this.d = d;
      this.rows = new double[16 * d];
    }

    void add(double[] x, int i) {
      if ((count + 1) * d > rows.length) {
        rows = Arrays.copyOf(rows, 2 * rows.length);
      }
      System.arraycopy(x, i * d, rows, count * d, d);
      count++;
    }
  }
}
