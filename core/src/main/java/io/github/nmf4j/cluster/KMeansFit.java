package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * One fit of a {@link KMeans}, on the caller's thread (inside {@code Parallel.using}): checks the
 * points against the settings, chooses the {@link Assignment} strategy and the seeding once, and
 * runs the restarts of {@link Lloyd}'s loop, keeping the lowest inertia. {@link KMeans} holds the
 * configuration and its documentation; this class holds the steps of a fit.
 */
final class KMeansFit {

  private final KMeansSettings settings;
  private final ProgressListener listener;
  /** The listener's inertias and shifts are the fit's times {@code 2^lossScale}. */
  private final int lossScale;

  private KMeansFit(KMeansSettings settings, ProgressListener listener, int lossScale) {
    this.settings = settings;
    this.listener = listener;
    this.lossScale = lossScale;
  }

  static KMeansFit of(KMeans kMeans) {
    return new KMeansFit(kMeans.settings(), kMeans.listener(), 0);
  }

  /** The fit of dense points: see {@link KMeans#fit(Matrix)}. */
  KMeansModel run(Matrix points) {
    int k = settings.k();
    double[] raw = Checks.finiteData(points, "points");
    int n = points.rows();
    int d = points.cols();
    boolean cosine = settings.distance() == Distance.COSINE;
    if (!cosine) {
      Matrix given = settings.initialCentroids().orElse(null);
      double largest = Math.max(Rescaling.largest(raw),
          given == null ? 0 : Rescaling.largest(given.toRowMajorArray()));
      int shift = Rescaling.shiftIntoRange(largest, (long) n * d);
      if (shift != 0) {
        return runScaled(given, shift,
            fit -> fit.run(Matrix.wrap(n, d, Rescaling.scaled(raw, -shift))));
      }
    }
    double[] x = cosine ? SphericalAssignment.unitRows(raw, n, d, "points") : raw;
    checkShape(n, d, k, () -> Checks.distinctRows(x, n, d, k));
    Parallel par = Parallel.of(settings.threads());
    double[] mean = Chunks.columnMeans(x, n, d, par);
    double absoluteTolerance = settings.tolerance() * KMeans.meanVariance(x, n, d, mean);
    double[] pointNorms = !cosine && KMeans.productForm(d, k)
        ? ProductAssignment.pointNorms(x, n, d, mean, par)
        : null;
    boolean wide = pointNorms != null;
    Assignment step = cosine
        ? new SphericalAssignment(x, n, d, k, par)
        : Assignment.choose(x, n, d, k, mean, pointNorms, par);
    Lloyd.Result best = restarts(step, d,
        absoluteTolerance, random -> settings.initialization() == KMeansInit.RANDOM
            ? Seeding.random(x, n, d, k, random)
            : settings.initialization() == KMeansInit.K_MEANS_PARALLEL
            ? ParallelSeeding.seed(x, n, d, k, settings.parallelRounds(),
                settings.oversampling(), random, par)
            : wide
                ? ProductSeeding.kMeansPlusPlus(x, n, d, k, random, par, mean, pointNorms)
                : Seeding.kMeansPlusPlus(x, n, d, k, random, par));
    return new KMeansModel(settings, d, best.centers, best.labels, best.inertia,
        best.iterations, best.converged, wide ? mean : null);
  }

  /**
   * The fit of points whose squared distances would overflow: {@code fit} runs on the points
   * times {@code 2^-shift} with the given centroids scaled alike; its listener's losses and the
   * model's centroids and inertia are scaled back ({@link Rescaling}), and the labels are those
   * of the scaled points.
   */
  private KMeansModel runScaled(Matrix given, int shift, Function<KMeansFit, KMeansModel> fit) {
    KMeansSettings s = settings;
    KMeansSettings scaled = new KMeansSettings(s.k(), s.initialization(),
        Optional.ofNullable(given).map(c -> Matrix.wrap(c.rows(), c.cols(),
            Rescaling.scaled(c.toRowMajorArray(), -shift))),
        s.restarts(), s.maxIterations(), s.tolerance(), s.seed(), s.threads(), s.distance(),
        s.parallelRounds(), s.oversampling());
    return fit.apply(new KMeansFit(scaled, listener, 2 * shift)).rescaled(settings, shift);
  }

  /** The fit of sparse points: see {@link KMeans#fit(SparseMatrix)}. */
  KMeansModel run(SparseMatrix points) {
    int k = settings.k();
    if (settings.initialization() == KMeansInit.K_MEANS_PARALLEL
        && settings.initialCentroids().isEmpty()) {
      throw new IllegalArgumentException("initialization K_MEANS_PARALLEL is not supported for"
          + " SparseMatrix points; use K_MEANS_PLUS_PLUS or RANDOM");
    }
    Arguments.requireNonNull(points, "points");
    Checks.centroidsFit(k, points.rows(), points.cols()); // before the rows are transposed
    if (settings.distance() == Distance.COSINE) {
      return runSpherical(points);
    }
    Matrix given = settings.initialCentroids().orElse(null);
    double largest = Math.max(SparseRows.largest(points),
        given == null ? 0 : Rescaling.largest(given.toRowMajorArray()));
    // the product form of the distances needs |x|^2 < Double.MAX_VALUE / (4 n)
    int shift = Rescaling.shiftIntoRange(largest, (long) points.rows() * points.cols());
    if (shift != 0) {
      return runScaled(given, shift, fit -> fit.run(SparseRows.scaled(points, -shift)));
    }
    SparseRows x = SparseRows.of(points, "points", false, true);
    checkShape(x.n, x.d, k, () -> x.distinctRows(k));
    Parallel par = Parallel.of(settings.threads());
    return runSparse(x, new SparseAssignment(x, k, par), par);
  }

  /**
   * Spherical k-means of sparse rows, the dense cosine fit's steps on a scaled copy of the
   * stored values ({@link SparseRows#unit}, no rescaling needed): the seeding of the sparse
   * Euclidean fit on the unit rows (k-means++ or random; for unit rows {@code |x - c|^2 = 2 (1 -
   * x.c)}), {@link SparseSphericalAssignment}, the tolerance relative to the unit rows' variance.
   */
  private KMeansModel runSpherical(SparseMatrix points) {
    int k = settings.k();
    SparseRows x = SparseRows.of(points, "points", false, false).unit("points", true);
    checkShape(x.n, x.d, k, () -> x.distinctRows(k));
    Parallel par = Parallel.of(settings.threads());
    return runSparse(x, new SparseSphericalAssignment(x, k, par), par);
  }

  /**
   * The restarts of {@code step} on the sparse rows {@code x}, each seeded by k-means++ or at
   * random on the rows ({@link SparseSeeding}), the tolerance relative to their variance.
   */
  private KMeansModel runSparse(SparseRows x, SparseStep step, Parallel par) {
    int k = settings.k();
    Lloyd.Result best = restarts(step, x.d, settings.tolerance() * x.meanVariance(),
        random -> settings.initialization() == KMeansInit.RANDOM
            ? SparseSeeding.random(x, k, random)
            : SparseSeeding.kMeansPlusPlus(x, k, random, par));
    return new KMeansModel(settings, x.d, best.centers, best.labels, best.inertia,
        best.iterations, best.converged, null);
  }

  /**
   * Checks {@code k} and the initial centroids against n x d points with {@code distinct}
   * distinct rows (counted up to {@code k}).
   */
  private void checkShape(int n, int d, int k, IntSupplier distinct) {
    Matrix initialCentroids = settings.initialCentroids().orElse(null);
    Checks.atMostPoints(k, n, "k");
    if (initialCentroids != null && initialCentroids.cols() != d) {
      throw new IllegalArgumentException("initialCentroids has "
          + Phrases.count(initialCentroids.cols(), "column") + " but points has " + d);
    }
    Checks.enoughDistinct(k, distinct,
        settings.distance() == Distance.COSINE ? "directions" : "rows");
  }

  /**
   * Runs every restart of Lloyd's algorithm over {@code step} from the given initial centroids
   * or from {@code seeding} (one split of the seed's stream per restart); returns the one with
   * the lowest inertia (the first on ties).
   */
  private Lloyd.Result restarts(Assignment step, int d, double absoluteTolerance,
      Function<SplittableRandom, double[]> seeding) {
    Matrix initialCentroids = settings.initialCentroids().orElse(null);
    Lloyd lloyd = new Lloyd(step, settings.k(), d);
    SplittableRandom root = new SplittableRandom(settings.seed());
    Monitor monitor = Monitor.of("k-means", listener, settings.restarts());
    Lloyd.Result best = null;
    for (int r = 0; r < settings.restarts(); r++) {
      SplittableRandom random = root.split();
      Parallel.checkInterrupt();
      double[] initial = initialCentroids != null
          ? given(initialCentroids)
          : seeding.apply(random);
      Lloyd.Result result =
          lloyd.run(initial, settings.maxIterations(), absoluteTolerance, observer(monitor, r));
      if (best == null || result.inertia < best.inertia) {
        best = result;
      }
    }
    return best;
  }

  /** The given initial centroids, scaled to unit length for the cosine distance. */
  private double[] given(Matrix centroids) {
    double[] c = centroids.toRowMajorArray();
    return settings.distance() == Distance.COSINE
        ? SphericalAssignment.unitRows(c, centroids.rows(), centroids.cols(), "initialCentroids")
        : c;
  }

  private Lloyd.Observer observer(Monitor monitor, int restart) {
    return (iteration, inertia, shift) -> {
      Parallel.checkInterrupt();
      monitor.report(restart, iteration, settings.maxIterations(),
          Math.scalb(inertia, lossScale), Math.scalb(shift, lossScale));
    };
  }
}
