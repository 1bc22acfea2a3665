package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Mini-batch k-means (Sculley, "Web-scale k-means clustering", WWW 2010) with scikit-learn 1.2's
 * update, reassignment and stopping rules ({@code MiniBatchKMeans}): an immutable, reusable
 * configuration whose {@link #fit} returns a {@link KMeansModel}. Each step looks at a random
 * batch of points instead of all of them, so a fit costs a few passes over the data or less,
 * for an inertia usually within a few percent of {@link KMeans}'s.
 *
 * <pre>{@code
 * KMeansModel model = MiniBatchKMeans.builder().k(16).seed(42).fit(pixels); // n x d
 * }</pre>
 *
 * <p><b>Seeding.</b> {@code initSize = min(n, max(3 batchSize, 3 k))} points are drawn (with
 * replacement) as a validation sample; then each of {@code restarts} seedings runs k-means++
 * ({@link KMeansInit#K_MEANS_PLUS_PLUS}) on a fresh sample of {@code initSize} points, and the
 * seeding with the lowest inertia on the validation sample is kept.
 *
 * <p><b>Steps.</b> Each step draws {@code b = min(batchSize, n)} points with replacement and
 * assigns them to the nearest centroid (ties to the lowest index). With {@code w_j} the number
 * of points centroid {@code j} has been given so far and {@code m_j} its points of this batch,
 * summing to {@code s_j}, the centroid moves to {@code (w_j c_j + s_j) / (w_j + m_j)}: a step of
 * learning rate {@code m_j / (w_j + m_j)} towards its batch mean, which shrinks as the centroid
 * sees more points. After every {@code 10 k} points drawn, or while some centroid has seen no
 * point, the centroids whose count is below {@code reassignmentRatio} times the largest count
 * (at most {@code b / 2}, the smallest counts first) move to distinct batch points chosen
 * uniformly and take the smallest count of the others.
 *
 * <p><b>Stopping.</b> At most {@code floor(maxIterations n / b)} steps (so {@code
 * maxIterations} counts passes over the data). The mean squared distance of a step's batch to
 * the centroids it was assigned to is smoothed, from the second step on, by an exponentially
 * weighted average of weight {@code min(1, 2 b / (n + 1))}; the fit stops after {@code
 * maxNoImprovement} steps in a row without a new minimum of that average, or when a step moves
 * the centroids by a summed squared distance of at most {@code tolerance} times the mean
 * per-feature variance of the data (if {@code tolerance > 0}; default 0). Then every point is
 * labelled once for the final centroids, and the model's inertia is computed directly from the
 * differences, as {@link KMeans}'s.
 *
 * <p><b>The model.</b> {@link KMeansModel#iterations()} is the number of passes the steps
 * amount to, {@code ceil(steps b / n)}; {@link KMeansModel#converged()} says whether the fit
 * stopped early; {@link KMeansModel#settings()} holds the {@link KMeansSettings} of the same
 * {@code k}, restarts, {@code maxIterations}, tolerance, seed and threads (k-means++ seeding),
 * and this estimator's {@link #settings()} the mini-batch ones. {@code predict} and {@code
 * transform} compute distances directly.
 *
 * <p><b>Progress.</b> The listener sees every step: {@link
 * io.github.nmf4j.estimator.Progress#iteration()} is the step, {@code loss()} the mean squared
 * distance of the step's batch to the centroids before the step, {@code change()} the summed
 * squared distance the centroids moved.
 *
 * <p><b>Threads and determinism.</b> Every random number is drawn on the calling thread from
 * one {@link SplittableRandom} stream of {@code seed}; threads share the labelling of each
 * batch (when it is large enough to pay) and of all points over fixed chunks, summed in chunk
 * order, so the same seed gives bit-identical results for any {@code threads}.
 *
 * <p>Instances are immutable and safe to share between threads; {@code fit} never modifies its
 * input.
 */
public final class MiniBatchKMeans extends Estimator<MiniBatchKMeansSettings> {

  private MiniBatchKMeans(MiniBatchKMeansSettings settings, Builder builder) {
    super(settings, builder);
  }

  /**
   * A builder with scikit-learn 1.2's defaults: k = 8, batches of 1024, 100 passes, stop after
   * 10 steps without improvement, reassignment ratio 0.01, 3 seedings, tolerance 0.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration, its executor and listener, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Clusters the rows of {@code points}.
   *
   * @param points n x d, one sample per row; not modified
   * @return the fitted model
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns,
   *     holds NaN or an infinity, or has fewer rows, or fewer distinct rows, than {@code k}
   * @throws CancellationException if the listener cancelled the fit or the calling thread was
   *     interrupted (the interrupt flag stays set)
   */
  public KMeansModel fit(Matrix points) {
    return Parallel.using(executor().orElse(null), () -> fitOnCaller(points));
  }

  private KMeansModel fitOnCaller(Matrix points) {
    MiniBatchKMeansSettings s = settings();
    int k = s.k();
    double[] x = Checks.finiteData(points, "points");
    int n = points.rows();
    int d = points.cols();
    if (k > n) {
      throw new IllegalArgumentException(
          "k must be <= the number of points (" + n + "), was " + k);
    }
    int distinct = Checks.distinctRows(x, n, d, k);
    if (distinct < k) {
      throw new IllegalArgumentException(
          "points has only " + distinct + " distinct rows, fewer than k = " + k);
    }
    Parallel par = Parallel.of(s.threads());
    int batch = Math.min(s.batchSize(), n);
    int initSize = (int) Math.min(n, Math.max(3L * batch, 3L * k));
    SplittableRandom random = new SplittableRandom(s.seed());
    double[] centers = seed(x, n, d, k, initSize, random, par);
    double tolerance = 0;
    if (s.tolerance() > 0) {
      double[] mean = Chunks.columnMeans(x, n, d, par);
      tolerance = s.tolerance() * KMeans.meanVariance(x, n, d, mean);
    }
    long steps = Math.max(1, (long) s.maxIterations() * n / batch);
    int reportedSteps = (int) Math.min(Integer.MAX_VALUE, steps);
    Monitor monitor = Monitor.of("mini-batch k-means", listener(), 1);
    MiniBatchLoop loop = new MiniBatchLoop(x, n, d, k, batch, par);
    MiniBatchLoop.Outcome outcome = loop.run(centers, steps, s.maxNoImprovement(),
        s.reassignmentRatio(), tolerance, random, (step, inertia, shift) -> {
          Parallel.checkInterrupt();
          monitor.report(0, (int) Math.min(Integer.MAX_VALUE, step), reportedSteps, inertia,
              shift);
        });
    int[] labels = new int[n];
    double inertia = MiniBatchLoop.label(x, n, d, centers, labels, par);
    int passes = (int) Math.min(Integer.MAX_VALUE, (outcome.steps() * batch + n - 1) / n);
    KMeansSettings asKMeans = new KMeansSettings(k, KMeansInit.K_MEANS_PLUS_PLUS,
        Optional.empty(), s.restarts(), s.maxIterations(), s.tolerance(), s.seed(), s.threads());
    return new KMeansModel(asKMeans, executor().orElse(null), d, centers, labels, inertia,
        passes, outcome.converged(), null);
  }

  /**
   * scikit-learn's seeding: a validation sample, then {@code restarts} k-means++ seedings on
   * samples of {@code initSize} points, keeping the lowest validation inertia (the first on
   * ties). A sample with fewer than {@code k} distinct points is seeded from all the points.
   */
  private double[] seed(double[] x, int n, int d, int k, int initSize, SplittableRandom random,
      Parallel par) {
    double[] validation = sample(x, n, d, random, new double[initSize * d]);
    int[] validationLabels = new int[initSize];
    double[] sample = new double[initSize * d];
    double[] best = null;
    double bestInertia = Double.POSITIVE_INFINITY;
    for (int r = 0; r < settings().restarts(); r++) {
      Parallel.checkInterrupt();
      sample(x, n, d, random, sample);
      SplittableRandom seeding = random.split();
      double[] centers = Checks.distinctRows(sample, initSize, d, k) >= k
          ? Seeding.kMeansPlusPlus(sample, initSize, d, k, seeding, par)
          : Seeding.kMeansPlusPlus(x, n, d, k, seeding, par);
      double inertia = MiniBatchLoop.label(validation, initSize, d, centers, validationLabels, par);
      if (inertia < bestInertia) {
        bestInertia = inertia;
        best = centers;
      }
    }
    return best;
  }

  /** Fills {@code out} with rows of {@code x} drawn uniformly with replacement. */
  private static double[] sample(double[] x, int n, int d, SplittableRandom random,
      double[] out) {
    for (int i = 0, size = out.length / d; i < size; i++) {
      System.arraycopy(x, random.nextInt(n) * d, out, i * d, d);
    }
    return out;
  }

  /**
   * Configures a {@link MiniBatchKMeans}. Setters check their argument at once.
   */
  public static final class Builder extends EstimatorBuilder<Builder> {
    private int k = 8;
    private int batchSize = 1024;
    private int maxIterations = 100;
    private int maxNoImprovement = 10;
    private double reassignmentRatio = 0.01;
    private int restarts = 3;
    private double tolerance;
    private long seed;

    private Builder() {}

    private Builder(MiniBatchKMeans estimator) {
      MiniBatchKMeansSettings s = estimator.settings();
      k = s.k();
      batchSize = s.batchSize();
      maxIterations = s.maxIterations();
      maxNoImprovement = s.maxNoImprovement();
      reassignmentRatio = s.reassignmentRatio();
      restarts = s.restarts();
      tolerance = s.tolerance();
      seed = s.seed();
      runAs(s.threads(), estimator);
    }

    /**
     * The number of clusters (default 8).
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Builder k(int k) {
      this.k = Arguments.requireAtLeast(k, 1, "k");
      return this;
    }

    /**
     * The points each step draws, with replacement (default 1024, scikit-learn's); at most
     * the number of points is used.
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = Arguments.requireAtLeast(batchSize, 1, "batchSize");
      return this;
    }

    /**
     * The most passes over the data (default 100): the fit runs at most {@code
     * floor(maxIterations n / batchSize)} steps.
     *
     * @throws IllegalArgumentException if {@code maxIterations < 1}
     */
    public Builder maxIterations(int maxIterations) {
      this.maxIterations = Arguments.requireAtLeast(maxIterations, 1, "maxIterations");
      return this;
    }

    /**
     * The steps in a row without a new minimum of the smoothed batch inertia after which the
     * fit stops (default 10); 0 turns this stop off (scikit-learn's {@code None}).
     *
     * @throws IllegalArgumentException if {@code maxNoImprovement < 0}
     */
    public Builder maxNoImprovement(int maxNoImprovement) {
      this.maxNoImprovement = Arguments.requireAtLeast(maxNoImprovement, 0, "maxNoImprovement");
      return this;
    }

    /**
     * The fraction of the largest centroid count below which a centroid is moved to a random
     * batch point (default 0.01); 0 never moves one.
     *
     * @throws IllegalArgumentException if {@code ratio} is not in [0, 1]
     */
    public Builder reassignmentRatio(double ratio) {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException(
            "reassignmentRatio must be in [0, 1], was " + ratio);
      }
      this.reassignmentRatio = ratio;
      return this;
    }

    /**
     * The k-means++ seedings tried, each on its own sample, keeping the best on a validation
     * sample (default 3, scikit-learn 1.2's {@code n_init}).
     *
     * @throws IllegalArgumentException if {@code restarts < 1}
     */
    public Builder restarts(int restarts) {
      this.restarts = Arguments.requireAtLeast(restarts, 1, "restarts");
      return this;
    }

    /**
     * Stop when a step moves the centroids by a summed squared distance of at most {@code
     * tolerance} times the mean per-feature variance (default 0: never).
     *
     * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
     */
    public Builder tolerance(double tolerance) {
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException(
            "tolerance must be finite and >= 0, was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** The seed of every random stream of a fit (default 0). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The configuration. */
    public MiniBatchKMeans build() {
      return new MiniBatchKMeans(new MiniBatchKMeansSettings(k, batchSize, maxIterations,
          maxNoImprovement, reassignmentRatio, restarts, tolerance, seed, threadCount()), this);
    }

    /**
     * Shorthand for {@code build().fit(points)}.
     *
     * @throws IllegalArgumentException as {@link MiniBatchKMeans#fit} does
     * @throws CancellationException as {@link MiniBatchKMeans#fit} does
     */
    public KMeansModel fit(Matrix points) {
      return build().fit(points);
    }
  }
}
