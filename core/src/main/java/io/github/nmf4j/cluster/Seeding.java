package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Rows;
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
    int trials = trials(k);
    int chunks = Chunks.count(n, trials);
    double[] centers = new double[k * d];
    Weights weights = new Weights(n, chunks);
    double[] closest = weights.closest;
    double[] candidates = new double[trials * d];
    double[] candidatePartials = new double[chunks * trials];

    System.arraycopy(x, random.nextInt(n) * d, centers, 0, d);
    updateClosest(x, d, centers, 0, weights, par);
    for (int c = 1; c < k; c++) {
      weights.draw(x, d, centers, c, random, candidates);
      par.forEach(chunks, ch -> {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        for (int t = 0; t < trials; t++) {
          double s = 0;
          for (int i = from; i < to; i++) {
            s += Math.min(closest[i], Rows.squaredDistance(x, i, candidates, t, d));
          }
          candidatePartials[ch * trials + t] = s;
        }
      });
      int best = bestTrial(candidatePartials, chunks, trials);
      System.arraycopy(candidates, best * d, centers, c * d, d);
      updateClosest(x, d, centers, c, weights, par);
    }
    return centers;
  }

  /** The greedy local trials per centroid, {@code 2 + floor(ln k)}, as scikit-learn. */
  static int trials(int k) {
    return 2 + (int) Math.log(k);
  }

  /** Lowers the weights to the distances to centroid {@code c} and updates their sums. */
  private static void updateClosest(double[] x, int d, double[] centers, int c, Weights weights,
      Parallel par) {
    double[] closest = weights.closest;
    int n = closest.length;
    int chunks = weights.chunkSums.length;
    par.forEach(chunks, ch -> {
      int from = Chunks.start(n, chunks, ch);
      int to = Chunks.start(n, chunks, ch + 1);
      double s = 0;
      for (int i = from; i < to; i++) {
        double dist = Rows.squaredDistance(x, i, centers, c, d);
        double m = c == 0 ? dist : Math.min(closest[i], dist);
        closest[i] = m;
        s += m;
      }
      weights.chunkSums[ch] = s;
    });
    weights.total();
  }

  /**
   * The squared distances of the points of one chunk to a step's candidates, for the seedings
   * that compute them a block at a time.
   */
  @FunctionalInterface
  interface CandidateDistances {

    /**
     * {@code out[i * m + t]}: the squared distance from point {@code i} in {@code [from, to)}
     * (of chunk {@code ch}) to candidate {@code t < m}.
     */
    void of(int ch, int from, int to, int m, double[] out);
  }

  /**
   * The weights of k-means++ sampling: the squared distance of every point to its closest
   * centre so far, their sums over the fixed chunks and the total (the potential), added in
   * chunk order.
   */
  static final class Weights {
    final double[] closest;
    final double[] chunkSums;
    private double potential;

    Weights(int n, int chunks) {
      this.closest = new double[n];
      this.chunkSums = new double[chunks];
    }

    /** The potential from the chunk sums, once these are set. */
    void total() {
      potential = Rows.sumInOrder(chunkSums);
    }

    /** The current potential: the sum of all weights. */
    double potential() {
      return potential;
    }

    /**
     * Sets the weights to the distances to the first centre, {@code distances} giving those of
     * the rows of a chunk to candidate 0, and takes their sums.
     */
    void first(Parallel par, CandidateDistances distances) {
      int n = closest.length;
      int chunks = chunkSums.length;
      par.forEach(chunks, ch -> {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        distances.of(ch, from, to, 1, closest);
        double s = 0;
        for (int i = from; i < to; i++) {
          s += closest[i];
        }
        chunkSums[ch] = s;
      });
      total();
    }

    /**
     * One greedy step of k-means++: the potential each of the {@code trials} candidates would
     * leave, from their distances to every point ({@code candidateDist}, n x trials, filled
     * here), then the weights lowered to the distances to the best one ({@link #bestTrial}).
     *
     * @param partials scratch of {@code chunks * trials}
     * @return the index of the chosen candidate
     */
    int chooseTrial(Parallel par, int trials, CandidateDistances distances,
        double[] candidateDist, double[] partials) {
      int n = closest.length;
      int chunks = chunkSums.length;
      par.forEach(chunks, ch -> {
        int from = Chunks.start(n, chunks, ch);
        int to = Chunks.start(n, chunks, ch + 1);
        distances.of(ch, from, to, trials, candidateDist);
        for (int t = 0; t < trials; t++) {
          double s = 0;
          for (int i = from; i < to; i++) {
            s += Math.min(closest[i], candidateDist[i * trials + t]);
          }
          partials[ch * trials + t] = s;
        }
      });
      int chosen = bestTrial(partials, chunks, trials);
      par.forEach(chunks, ch -> {
        for (int i = Chunks.start(n, chunks, ch), end = Chunks.start(n, chunks, ch + 1);
            i < end; i++) {
          closest[i] = Math.min(closest[i], candidateDist[i * trials + chosen]);
        }
        chunkSums[ch] = partials[ch * trials + chosen]; // the same sum, in the same order
      });
      total();
      return chosen;
    }

    /**
     * Draws the candidates of centre {@code c} into {@code candidates} (trials x d): each with
     * probability proportional to its weight ({@link #sample}, one {@code nextDouble} each), or
     * the first point equal to no centre yet if every weight is 0.
     */
    void draw(double[] x, int d, double[] centers, int c, SplittableRandom random,
        double[] candidates) {
      for (int t = 0, trials = candidates.length / d; t < trials; t++) {
        int id = sample(random);
        if (id < 0) {
          id = firstNewPoint(x, closest.length, d, centers, c);
        }
        System.arraycopy(x, id * d, candidates, t * d, d);
      }
    }

    /**
     * A point drawn with probability proportional to its weight ({@link Seeding#sample}, one
     * {@code nextDouble}), or -1 if every weight is 0.
     */
    int sample(SplittableRandom random) {
      return Seeding.sample(closest, closest.length, chunkSums.length, chunkSums,
          random.nextDouble() * potential);
    }
  }

  /**
   * The trial with the lowest potential (the first on ties), the potential of trial {@code t}
   * being the sum of {@code partials[ch * trials + t]} over the chunks in order.
   */
  static int bestTrial(double[] partials, int chunks, int trials) {
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
    return best;
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
    double[] centers = new double[k * d];
    int c = 0;
    for (int i : randomRows(n, k, random)) {
      System.arraycopy(x, i * d, centers, c++ * d, d);
    }
    return centers;
  }

  /** {@code k} distinct indices in {@code [0, n)} by Floyd's algorithm, in the order drawn. */
  static Set<Integer> randomRows(int n, int k, SplittableRandom random) {
    Set<Integer> chosen = new LinkedHashSet<>();
    for (int j = n - k; j < n; j++) {
      int t = random.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen;
  }
}
