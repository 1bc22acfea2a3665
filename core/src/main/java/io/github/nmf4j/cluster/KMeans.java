package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.IterativeBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * k-means clustering by Lloyd's algorithm: an immutable, reusable configuration whose {@link
 * #fit} returns a {@link KMeansModel}.
 *
 * <pre>{@code
 * KMeansModel model = KMeans.builder().k(16).seed(42).fit(points); // points: n x d, rows = samples
 * int[] labels = model.labels();
 * }</pre>
 *
 * <p>The fit minimizes the inertia {@code sum_i min_j |x_i - c_j|^2}. Each restart chooses
 * initial centroids ({@link KMeansInit#K_MEANS_PLUS_PLUS} by default, {@link KMeansInit#RANDOM},
 * {@link KMeansInit#K_MEANS_PARALLEL}, or the {@link Builder#initialCentroids} given), then
 * alternates Lloyd's two steps (Lloyd 1982): assign every point to its nearest centroid (ties to
 * the lowest index), and move every centroid to the mean of its points. A restart stops when no
 * label changes, or when the summed squared centroid shift is at most {@code tolerance} times the
 * mean per-feature variance of the data, or after {@code maxIterations} iterations; then, unless no
 * label changed, a final assignment step makes the labels match the final centroids. These are
 * scikit-learn's rules ({@code KMeans(algorithm="lloyd")}), so from the same initial centroids both
 * give the same clustering up to rounding. The restart with the lowest inertia is kept (the first
 * on ties).
 *
 * <p><b>Empty clusters.</b> A cluster left without points is re-seeded at the point farthest
 * from its assigned centroid (ties to the lowest index), taken from a cluster that keeps other
 * points; no centroid is ever NaN.
 *
 * <p><b>Fewer distinct points than k.</b> {@code fit} throws {@link IllegalArgumentException}
 * when the data has fewer than {@code k} distinct rows (scikit-learn instead warns and returns
 * duplicate centroids): k clusters cannot all be non-empty then.
 *
 * <p><b>Threads and determinism.</b> The points are split into fixed chunks that depend only on
 * the data's shape, and partial sums are combined in chunk order: the same seed gives
 * bit-identical centroids, labels and inertia for any {@code threads}. Random streams derive
 * from {@code seed} only ({@link SplittableRandom}, one split per restart).
 *
 * <p><b>Cost: two assignment paths.</b> An iteration of plain Lloyd compares {@code n k}
 * distances of {@code d} features. With fewer than {@value #WIDE_FEATURES} features (pixels,
 * low-dimensional tables) they are computed directly as {@code sum_f (x_f - c_f)^2}. From
 * {@value #WIDE_FEATURES} features on, and from {@value #WIDE_FEATURES_MANY_CLUSTERS} features
 * when {@code k >= }{@value #MANY_CLUSTERS} (the switch-over measured on this project's benchmark
 * machine; see docs/benchmarks.md), the centroids are ranked by the product form {@code |c|^2 -
 * 2 x.c} of the expansion {@code |x - c|^2 = |x|^2 - 2 x.c + |c|^2}, with the products of blocks
 * of 128 points and all centroids from one matrix product, on data and centroids centred by the
 * data's mean, as scikit-learn does (unless values beyond about {@code 1e150} could make it
 * overflow). On both paths bounds on the distances let most points skip
 * the other {@code k - 1} distances once the centroids settle: Hamerly's single lower bound per
 * point (Hamerly, "Making k-means even faster", SDM 2010), or on the product path Elkan's bound
 * per point and centroid (Elkan, "Using the triangle inequality to accelerate k-means", ICML
 * 2003) when those {@code n k} numbers take at most a quarter of the input's memory or at most
 * 32 MB. The bounds have margins above the rounding of the formula used, so the labels,
 * centroids and inertias are bit-identical to plain Lloyd's on that path (tested). On the
 * product path a point whose label the bounds prove is not even read, and the cluster sums are
 * updated only for the points that change cluster. Memory is the input plus three arrays of
 * {@code n} numbers (labels, distances, bounds), on the product path two more ({@code |x -
 * mean|^2}, upper bounds) and the Elkan bounds, and at most 32 MB of partial sums.
 *
 * <p><b>Inertia.</b> {@link KMeansModel#inertia()} sums squared distances computed directly
 * from the differences, never from the product form. The inertia reported to a listener on each
 * iteration ({@link io.github.nmf4j.estimator.Progress#loss()}) is computed directly too on the
 * direct path; on the product path it is, per cluster, the expanded formula {@code
 * sum_i |x'_i|^2 - 2 c'_j . sum_i x'_i + n_j |c'_j|^2} over the cluster's centred points,
 * clamped at 0, from statistics kept across iterations (so that points whose label is proved
 * unchanged are not read at all). On the product path, two centroids whose squared distances to
 * a point differ by less than about {@code 4 (d + 8) 2^-53 (|x - mean| + max |c - mean|)^2} may
 * be ranked in either order, so the inertia may rise by that much, plus the rounding of the
 * expanded formula, from one iteration to the next.
 *
 * <p><b>Spherical k-means.</b> With {@link Builder#distance distance(Distance.COSINE)} the fit
 * minimizes {@code sum_i (1 - x_i.c_j / |x_i|)} over unit-length centroids (Dhillon and Modha,
 * "Concept decompositions for large sparse text data using clustering", Machine Learning 42,
 * 2001): the rows are scaled to unit length (a copy; a zero row is an error), seeded as above
 * on the unit rows (where {@code |x - c|^2 = 2 (1 - x.c)}, so k-means++ samples by cosine
 * distance), and Lloyd's loop assigns each point to the centroid of largest {@code x.c} (ties
 * to the lowest index) and moves each centroid to the mean of its points scaled to unit length.
 * The tolerance is relative to the variance of the unit rows; the inertia, {@link
 * KMeansModel#predict} and {@link KMeansModel#transform} use the cosine distance. Every point
 * compares all {@code k} centroids on every iteration (no bounds). Sparse rows are clustered
 * without densifying them ({@link #fit(SparseMatrix)}).
 *
 * <p><b>Very large values.</b> Squared distances of values near {@code 1e154} or beyond would
 * overflow and tie. Dense points whose largest magnitude reaches {@code 2^((1021 - b) / 2)}
 * ({@code b} the bits of {@code n d}; about {@code 1e150} for a million values), or such
 * initial centroids, are clustered as a copy scaled by a power of two, exactly, with the
 * centroids, the inertia and the listener's losses scaled back: the labels are those of the
 * scaled points, and the inertia is {@code Infinity} where it exceeds {@code
 * Double.MAX_VALUE}. {@link KMeansModel#predict(Matrix)} and {@link
 * KMeansModel#transform(Matrix)} do the same, and so do the fit, {@code predict} and {@code
 * transform} of sparse rows, whose product form {@code |x|^2 - 2 x.c + |c|^2} would overflow
 * there too. <b>Very small values</b> likewise: points (and initial centroids) whose largest
 * magnitude is below {@code 2^-256} (about {@code 1e-77}), whose squared distances would
 * underflow towards 0 and tie, are clustered scaled up by a power of two; centroids and inertia
 * scaled back may then round where they fall below {@code Double.MIN_NORMAL}.
 *
 * <p>Instances are immutable and safe to share between threads; {@code fit} never modifies
 * its input.
 */
public final class KMeans extends Estimator<KMeansSettings> {

  /**
   * The number of features from which the assignment step computes distances in product form
   * from matrix products ({@link ProductAssignment}) instead of directly with Hamerly's bounds.
   */
  static final int WIDE_FEATURES = 16;

  /** The number of clusters from which the product form pays with fewer features. */
  static final int MANY_CLUSTERS = 32;

  /** The number of features from which the product form is used with many clusters. */
  static final int WIDE_FEATURES_MANY_CLUSTERS = 8;

  /**
   * The restarts as the builder was given them: null when left to the default, so that {@link
   * #toBuilder()} keeps the default rule (a copy switched to random seeding gets 10 restarts).
   */
  private final Integer restartsGiven;

  private KMeans(KMeansSettings settings, Builder builder) {
    super(settings, builder);
    this.restartsGiven = builder.restarts;
  }

  /** A builder with scikit-learn's defaults: k = 8, k-means++, 300 iterations, tolerance 1e-4. */
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
   * @return the fitted model of the restart with the lowest inertia
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns,
   *     holds NaN or an infinity, has fewer rows than {@code k} or fewer distinct rows than
   *     {@code k}, if the initial centroids have a different number of columns, or ({@link
   *     Distance#COSINE}) if a row is zero or the rows have fewer than {@code k} distinct
   *     directions
   * @throws CancellationException if the listener cancelled the fit or the calling thread was
   *     interrupted (the interrupt flag stays set)
   */
  public KMeansModel fit(Matrix points) {
    return Parallel.using(executor().orElse(null), () -> KMeansFit.of(this).run(points));
  }

  /**
   * Clusters sparse rows without densifying them: Lloyd's algorithm as for dense points, with
   * the distances of the assignment and of k-means++ seeding in product form {@code |x|^2 - 2
   * x.c + |c|^2} from the stored entries ({@link SparseAssignment}, {@link SparseSeeding}, not
   * centred, as scikit-learn on CSR input), at {@code nonZeros k} multiply-adds per iteration.
   * Centroids are dense ({@code k x d}). Two centroids whose squared distances to a point differ
   * by less than about {@code 4 (d + 8) 2^-53 (|x| + |c|)^2} may be ranked in either order, so
   * the labels may differ from a dense fit of the same rows only for such near-ties; otherwise
   * the clustering is the dense one up to rounding (tested). The final inertia sums {@code
   * |x - c|^2} from the differences at the stored entries plus the centroid's squared norm
   * elsewhere. Memory beyond the input: the rows' transpose (12 bytes per stored value; a copy
   * of the rows too if they store explicit zeros), a few arrays of {@code n} numbers and, at
   * the peak, five of {@code k d} (six from the second restart on), one of them as {@code d}
   * rows of {@code k} (20 bytes more per column): 4.1 GB at {@code d = 5,000,000}, {@code k =
   * 20}.
   *
   * <p>With {@link Distance#COSINE}, spherical k-means as for dense points, on a copy of the
   * stored values scaled so that every row has unit length (bit for bit the dense unit rows; a
   * zero row is an error): seeded as above on the unit rows, each point goes to the centroid of
   * largest {@code x.c} from the stored entries ({@link SparseSphericalAssignment}), each
   * centroid is the mean of its unit rows scaled to unit length. The products and the cluster
   * sums are added in another order than on the dense path, so the fit equals the dense cosine
   * fit of the same rows to rounding, not bit for bit: the same labels except for centroids
   * within rounding of a tie, centroids and inertia to about {@code 1e-12} relative (tested).
   * Memory beyond the input: the unit values and their transpose (20 bytes per stored value).
   *
   * @param points n x d, one sample per row; not modified (explicit zeros are ignored)
   * @return the fitted model of the restart with the lowest inertia
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns,
   *     stores NaN or an infinity, has fewer rows than {@code k} or fewer distinct rows than
   *     {@code k}, has so many columns that {@code k} dense centroids would not fit in a Java
   *     array, if the initial centroids have a different number of columns, if the
   *     initialization is {@link KMeansInit#K_MEANS_PARALLEL} (dense points only), or (cosine)
   *     if a row is zero or the rows have fewer than {@code k} distinct directions
   * @throws CancellationException if the listener cancelled the fit or the calling thread was
   *     interrupted (the interrupt flag stays set)
   */
  public KMeansModel fit(SparseMatrix points) {
    return Parallel.using(executor().orElse(null), () -> KMeansFit.of(this).run(points));
  }

  /**
   * Whether the assignment step ranks the centroids in product form (from matrix products) for
   * {@code d} features and {@code k} clusters: from {@value #WIDE_FEATURES} features, or from
   * {@value #WIDE_FEATURES_MANY_CLUSTERS} with at least {@value #MANY_CLUSTERS} clusters, where
   * {@code AssignmentSwitchOver} in benchmarks/ measured it faster than direct distances.
   */
  static boolean productForm(int d, int k) {
    return d >= WIDE_FEATURES || (k >= MANY_CLUSTERS && d >= WIDE_FEATURES_MANY_CLUSTERS);
  }

  /**
   * The mean over features of the (biased) variance of each column, as numpy's var. The rows
   * are read in order (one pass over memory); each column's sum still runs over the rows in
   * order.
   */
  static double meanVariance(double[] x, int n, int d, double[] mean) {
    double[] squares = new double[d];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      for (int f = 0; f < d; f++) {
        double t = x[o + f] - mean[f];
        squares[f] += t * t;
      }
    }
    double total = 0;
    for (int f = 0; f < d; f++) {
      total += squares[f] / n;
    }
    return total / d;
  }

  /**
   * Configures a {@link KMeans}. Setters check their argument at once; {@link #build()} checks
   * how the settings combine.
   *
   * <p>{@link #maxIterations}: the most Lloyd iterations per restart, default 300. {@link
   * #tolerance}: relative to the mean per-feature variance, default 1e-4: a restart stops when
   * the summed squared centroid shift is at most {@code tolerance} times that variance; 0 stops
   * only when no label changes. {@link #seed}: of every random stream of a fit (the seeding,
   * one split per restart), default 0.
   */
  public static final class Builder extends IterativeBuilder<Builder> {
    /** Not set (null): 8, or the number of initial centroids. */
    private Integer k;
    private KMeansInit initialization = KMeansInit.K_MEANS_PLUS_PLUS;
    private Matrix initialCentroids;
    /** Not set (null): 1, or 10 with random seeding. */
    private Integer restarts;
    private Distance distance = Distance.EUCLIDEAN;
    private int parallelRounds = 5;
    private double oversampling = 2;

    private Builder() {
      super(300, 1e-4);
    }

    /**
     * The settings of {@code kMeans}: k as resolved, the restarts as given (left to the default
     * rule when they were, so that a copy with another initialization gets that one's default).
     */
    private Builder(KMeans kMeans) {
      this();
      KMeansSettings s = kMeans.settings();
      k = s.k();
      initialization = s.initialization();
      initialCentroids = s.initialCentroids().orElse(null);
      restarts = kMeans.restartsGiven;
      maxIterations(s.maxIterations()).tolerance(s.tolerance()).seed(s.seed());
      distance = s.distance();
      parallelRounds = s.parallelRounds();
      oversampling = s.oversampling();
      runAs(s.threads(), kMeans);
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
     * How each restart chooses its initial centroids (default k-means++); replaces any {@link
     * #initialCentroids}, as {@code Nmf.Builder.initialization} replaces initial factors (so
     * that {@code toBuilder().initialization(...)} of a fit from given centroids seeds again).
     *
     * @throws IllegalArgumentException if {@code initialization} is null
     */
    public Builder initialization(KMeansInit initialization) {
      this.initialization = Arguments.requireNonNull(initialization, "initialization");
      this.initialCentroids = null;
      return this;
    }

    /**
     * Starts the (single) restart from these centroids, one per row, instead of seeding; sets
     * {@code k} to their number of rows unless {@link #k} says otherwise (an error). Replaces
     * the {@link #initialization} until that is set again.
     *
     * @throws IllegalArgumentException if {@code centroids} is null, empty or not finite
     */
    public Builder initialCentroids(Matrix centroids) {
      Checks.finiteData(centroids, "initialCentroids");
      this.initialCentroids = centroids;
      return this;
    }

    /**
     * The number of restarts from different seeds, keeping the lowest inertia. Default as
     * scikit-learn's {@code n_init="auto"} (its default from version 1.4): 1 with k-means++ or
     * given centroids, 10 with random seeding.
     *
     * @throws IllegalArgumentException if {@code restarts < 1}
     */
    public Builder restarts(int restarts) {
      this.restarts = Arguments.requireAtLeast(restarts, 1, "restarts");
      return this;
    }

    /**
     * The dissimilarity to minimize (default {@link Distance#EUCLIDEAN}); {@link
     * Distance#COSINE} is spherical k-means, on dense or sparse points (see {@link KMeans}).
     *
     * @throws IllegalArgumentException if {@code distance} is null
     */
    public Builder distance(Distance distance) {
      this.distance = Arguments.requireNonNull(distance, "distance");
      return this;
    }

    /**
     * The sampling rounds of {@link KMeansInit#K_MEANS_PARALLEL} (default 5, as Bahmani et al.
     * found enough; Spark uses 2); ignored by the other initializations.
     *
     * @throws IllegalArgumentException if {@code rounds < 1}
     */
    public Builder parallelRounds(int rounds) {
      this.parallelRounds = Arguments.requireAtLeast(rounds, 1, "parallelRounds");
      return this;
    }

    /**
     * The expected points {@link KMeansInit#K_MEANS_PARALLEL} samples per round, as a multiple
     * {@code l / k} of the number of clusters (default 2, Spark's {@code 2 k}); ignored by the
     * other initializations.
     *
     * @throws IllegalArgumentException if {@code factor} is not finite and positive
     */
    public Builder oversampling(double factor) {
      this.oversampling = Arguments.requireFinitePositive(factor, "oversampling");
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException if initial centroids are combined with more than one
     *     restart or with a different {@code k}
     */
    public KMeans build() {
      int effectiveK = k == null ? 8 : k;
      int effectiveRestarts;
      if (initialCentroids != null) {
        if (k != null && k != initialCentroids.rows()) {
          throw new IllegalArgumentException("k = " + k + " does not match initialCentroids with "
              + Phrases.count(initialCentroids.rows(), "row"));
        }
        if (restarts != null && restarts > 1) {
          throw new IllegalArgumentException(
              "restarts must be 1 with initialCentroids, was " + restarts);
        }
        effectiveK = initialCentroids.rows();
        effectiveRestarts = 1;
      } else {
        effectiveRestarts = restarts != null ? restarts
            : initialization == KMeansInit.RANDOM ? 10 : 1;
      }
      KMeansSettings settings = new KMeansSettings(effectiveK, initialization,
          Optional.ofNullable(initialCentroids), effectiveRestarts, maxIterationsValue(),
          toleranceValue(), seedValue(), threadCount(), distance, parallelRounds, oversampling);
      return new KMeans(settings, this);
    }

    /**
     * Shorthand for {@code build().fit(points)}.
     *
     * @throws IllegalArgumentException as {@link #build()} and {@link KMeans#fit} do
     * @throws CancellationException as {@link KMeans#fit} does
     */
    public KMeansModel fit(Matrix points) {
      return build().fit(points);
    }

    /**
     * Shorthand for {@code build().fit(points)} on sparse rows.
     *
     * @throws IllegalArgumentException as {@link #build()} and {@link KMeans#fit(SparseMatrix)} do
     * @throws CancellationException as {@link KMeans#fit(SparseMatrix)} does
     */
    public KMeansModel fit(SparseMatrix points) {
      return build().fit(points);
    }
  }
}
