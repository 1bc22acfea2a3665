package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.IterativeBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;

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
 * <p><b>Sparse rows.</b> {@link #fit(SparseMatrix)} never densifies its input: a batch is a list
 * of row indices, ranked against the dense centroids by {@code |x|^2 - 2 x.c + |c|^2} from the
 * stored entries, and a centroid moves by the sum of its batch rows' stored entries. It draws
 * the same random numbers as {@link #fit(Matrix)}, so both give the same labels and centroids
 * equal to rounding for the same seed.
 *
 * <p>Points whose squared distances would overflow (values near {@code 1e154} or beyond; for
 * sparse rows, whose product form would) or underflow (all values below about {@code 1e-77})
 * are fitted as a copy scaled by a power of two and the results scaled back, as by {@link
 * KMeans}.
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

  @Override
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

  /**
   * Clusters the rows of sparse {@code points} without forming them densely: a batch is the
   * indices of its rows, ranked against the dense centroids by {@code |x|^2 - 2 x.c + |c|^2}
   * from the stored entries (as {@link KMeans#fit(SparseMatrix)} ranks them), the centroids
   * move by the sums of the stored entries, and seeding runs sparse k-means++ on sampled rows.
   * The random stream is drawn as in {@link #fit(Matrix)}, so the same seed gives the labels and
   * centroids of the dense fit of the same values, up to rounding (a near tie between two
   * centroids may be ranked the other way). The centroids are dense, {@code k x d}.
   *
   * @param points n x d, one sample per row; not modified
   * @return the fitted model
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns,
   *     has fewer rows, or fewer distinct rows, than {@code k}, or has so many columns that
   *     {@code k} dense centroids would not fit in a Java array
   * @throws CancellationException as {@link #fit(Matrix)} does
   */
  public KMeansModel fit(SparseMatrix points) {
    return Parallel.using(executor().orElse(null), () -> fitSparse(points));
  }

  private KMeansModel fitOnCaller(Matrix points) {
    double[] raw = Checks.finiteData(points, "points");
    int n = points.rows();
    int d = points.cols();
    // points whose squared distances would overflow are fitted scaled by 2^-shift (Rescaling)
    int shift = Rescaling.shiftIntoRange(Rescaling.largest(raw), (long) n * d);
    double[] x = shift == 0 ? raw : Rescaling.scaled(raw, -shift);
    checkShape(n, () -> Checks.distinctRows(x, n, d, settings().k()));
    Parallel par = Parallel.of(settings().threads());
    return run(n, d, shift, par, new MiniBatchLoop(x, n, d, settings().k(), batch(n), par),
        random -> MiniBatchSeeding.seed(MiniBatchSeeding.dense(x, n, d), settings().k(),
            initSize(n), settings().restarts(), random, par),
        () -> KMeans.meanVariance(x, n, d, Chunks.columnMeans(x, n, d, par)),
        (centers, labels) -> MiniBatchLoop.label(x, n, d, centers, labels, par));
  }

  private KMeansModel fitSparse(SparseMatrix points) {
    Arguments.requireNonNull(points, "points");
    Checks.centroidsFit(settings().k(), points.rows(), points.cols());
    // the product form of the distances needs |x|^2 < Double.MAX_VALUE / (4 n) (Rescaling)
    int scale = Rescaling.shiftIntoRange(SparseRows.largest(points),
        (long) points.rows() * points.cols());
    SparseRows x = SparseRows.of(scale == 0 ? points : SparseRows.scaled(points, -scale),
        "points", false, settings().tolerance() > 0);
    int n = x.n;
    checkShape(n, () -> x.distinctRows(settings().k()));
    Parallel par = Parallel.of(settings().threads());
    return run(n, x.d, scale, par, new MiniBatchLoop(x, settings().k(), batch(n), par),
        random -> MiniBatchSeeding.seed(MiniBatchSeeding.sparse(x), settings().k(), initSize(n),
            settings().restarts(), random, par),
        x::meanVariance,
        (centers, labels) -> MiniBatchLoop.label(x, centers, labels, par));
  }

  private void checkShape(int n, IntSupplier distinctRows) {
    int k = settings().k();
    Checks.atMostPoints(k, n, "k");
    Checks.enoughDistinct(k, distinctRows);
  }

  private int batch(int n) {
    return Math.min(settings().batchSize(), n);
  }

  private int initSize(int n) {
    return (int) Math.min(n, Math.max(3L * batch(n), 3L * settings().k()));
  }

  /** Labels every point for {@code centers} into {@code labels}; returns the inertia. */
  private interface Labelling {
    double label(double[] centers, int[] labels);
  }

  /**
   * The steps and the model, shared by the dense and the sparse fit, of points scaled by
   * {@code 2^-scale}: the listener's inertias and shifts and the model are scaled back.
   */
  private KMeansModel run(int n, int d, int scale, Parallel par, MiniBatchLoop loop,
      Function<SplittableRandom, double[]> seeding, DoubleSupplier meanVariance,
      Labelling labelling) {
    MiniBatchKMeansSettings s = settings();
    int k = s.k();
    int batch = batch(n);
    SplittableRandom random = new SplittableRandom(s.seed());
    double[] centers = seeding.apply(random);
    double tolerance = s.tolerance() > 0 ? s.tolerance() * meanVariance.getAsDouble() : 0;
    long steps = Math.max(1, (long) s.maxIterations() * n / batch);
    int reportedSteps = (int) Math.min(Integer.MAX_VALUE, steps);
    Monitor monitor = Monitor.of("mini-batch k-means", listener(), 1);
    MiniBatchLoop.Outcome outcome = loop.run(centers, steps, s.maxNoImprovement(),
        s.reassignmentRatio(), tolerance, random, (step, inertia, shift) -> {
          Parallel.checkInterrupt();
          monitor.report(0, (int) Math.min(Integer.MAX_VALUE, step), reportedSteps,
              Math.scalb(inertia, 2 * scale), Math.scalb(shift, 2 * scale));
        });
    int[] labels = new int[n];
    double inertia = labelling.label(centers, labels);
    int passes = (int) Math.min(Integer.MAX_VALUE, (outcome.steps() * batch + n - 1) / n);
    KMeansSettings asKMeans = new KMeansSettings(k, KMeansInit.K_MEANS_PLUS_PLUS,
        Optional.empty(), s.restarts(), s.maxIterations(), s.tolerance(), s.seed(), s.threads());
    KMeansModel model = new KMeansModel(asKMeans, d, centers, labels, inertia,
        passes, outcome.converged(), null);
    return scale == 0 ? model : model.rescaled(asKMeans, scale);
  }

  /**
   * Configures a {@link MiniBatchKMeans}. Setters check their argument at once.
   *
   * <p>{@link #maxIterations}: the most passes over the data, default 100: the fit runs at most
   * {@code floor(maxIterations n / batchSize)} steps. {@link #tolerance}: the fit stops when a
   * step moves the centroids by a summed squared distance of at most {@code tolerance} times
   * the mean per-feature variance; default 0 (never). {@link #seed}: of every random stream of
   * a fit (the samples, the seedings), default 0.
   */
  public static final class Builder extends IterativeBuilder<Builder> {
    private int k = 8;
    private int batchSize = 1024;
    private int maxNoImprovement = 10;
    private double reassignmentRatio = 0.01;
    private int restarts = 3;

    private Builder() {
      super(100, 0);
    }

    private Builder(MiniBatchKMeans estimator) {
      this();
      MiniBatchKMeansSettings s = estimator.settings();
      k = s.k();
      batchSize = s.batchSize();
      maxIterations(s.maxIterations()).tolerance(s.tolerance()).seed(s.seed());
      maxNoImprovement = s.maxNoImprovement();
      reassignmentRatio = s.reassignmentRatio();
      restarts = s.restarts();
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

    /** The configuration. */
    public MiniBatchKMeans build() {
      return new MiniBatchKMeans(new MiniBatchKMeansSettings(k, batchSize,
          maxIterationsValue(), maxNoImprovement, reassignmentRatio, restarts, toleranceValue(),
          seedValue(), threadCount()), this);
    }

    /**
     * Shorthand for {@code build().fit(points)}.
     *
     * @throws IllegalArgumentException as {@link MiniBatchKMeans#fit(Matrix)} does
     * @throws CancellationException as {@link MiniBatchKMeans#fit(Matrix)} does
     */
    public KMeansModel fit(Matrix points) {
      return build().fit(points);
    }

    /**
     * Shorthand for {@code build().fit(points)} on sparse points.
     *
     * @throws IllegalArgumentException as {@link MiniBatchKMeans#fit(SparseMatrix)} does
     * @throws CancellationException as {@link MiniBatchKMeans#fit(SparseMatrix)} does
     */
    public KMeansModel fit(SparseMatrix points) {
      return build().fit(points);
    }
  }
}
