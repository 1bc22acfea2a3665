package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.SplittableRandom;

/**
 * The steps of k-means++ with greedy local trials ({@link Seeding#kMeansPlusPlus}) for the
 * seedings that compute the squared distances from the points to a step's candidates a chunk at
 * a time, in product form ({@link ProductSeeding} for dense wide data, {@link SparseSeeding} for
 * sparse rows). The steps, and the use of the random stream, are those of {@link
 * Seeding#kMeansPlusPlus}: one integer for the first centre, then per centre {@code trials}
 * doubles, one per candidate ({@link Seeding#sample}, the first point equal to no centre yet if
 * every weight is 0), the candidate chosen by {@link Seeding.Weights#chooseTrial}. A subclass
 * says how a point becomes a candidate, how the candidates are prepared for {@link #distances}
 * and how the distances are computed. Chunks depend only on the data's shape, so the centres are
 * the same for any thread count.
 */
abstract class GreedySeeding {

  /** The number of points. */
  final int n;
  /** The number of features. */
  final int d;
  /** The candidates of a step, dense, {@code trials x d}, row-major. */
  final double[] candidates;

  GreedySeeding(int n, int d, int trials) {
    this.n = n;
    this.d = d;
    this.candidates = new double[trials * d];
  }

  /** Writes point {@code i}, dense, as candidate {@code t}. */
  abstract void load(int i, int t);

  /**
   * The first point equal to none of the first {@code c} centres: the fall-back when every
   * weight is 0 although distinct points remain.
   */
  abstract int firstNewPoint(double[] centers, int c);

  /** Prepares the first {@code m} candidates for {@link #distances}. */
  abstract void prepare(int m);

  /**
   * {@code out[i * m + t]}: the squared distance from point {@code i} in {@code [from, to)} (of
   * chunk {@code ch}) to prepared candidate {@code t < m}.
   */
  abstract void distances(int ch, int from, int to, int m, double[] out);

  /**
   * The {@code k x d} centroids, row-major, for points with at least {@code k} distinct rows;
   * the candidates array must hold {@link Seeding#trials trials(k)} rows.
   */
  final double[] kMeansPlusPlus(int k, int chunks, SplittableRandom random, Parallel par) {
    int trials = candidates.length / d;
    double[] centers = new double[k * d];
    Seeding.Weights weights = new Seeding.Weights(n, chunks);
    double[] candidateDist = new double[n * trials];
    double[] partials = new double[chunks * trials];

    load(random.nextInt(n), 0);
    System.arraycopy(candidates, 0, centers, 0, d);
    prepare(1);
    weights.first(par, this::distances);
    for (int c = 1; c < k; c++) {
      for (int t = 0; t < trials; t++) {
        int id = weights.sample(random);
        load(id >= 0 ? id : firstNewPoint(centers, c), t);
      }
      prepare(trials);
      int chosen = weights.chooseTrial(par, trials, this::distances, candidateDist, partials);
      System.arraycopy(candidates, chosen * d, centers, c * d, d);
    }
    return centers;
  }
}
