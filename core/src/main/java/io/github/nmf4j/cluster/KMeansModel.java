package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.concurrent.Executor;

/**
 * A fitted k-means clustering: the centroids, the training labels and the inertia of the best
 * restart, and the {@link KMeansSettings} it came from.
 *
 * <p>Immutable and safe to share between threads; every accessor returns a copy.
 *
 * <p><b>Threads.</b> {@link #predict} and {@link #transform} use up to {@code
 * settings().threads()} threads: the calling thread and helpers from the shared pool, or from
 * the {@link Executor} given to their overloads. The model keeps no executor and no listener,
 * only the data-only {@link #settings()} record; results do not depend on the threads.
 */
public final class KMeansModel {

  private final KMeansSettings settings;
  private final int d;
  private final int k;
  private final double[] centroids;
  private final int[] labels;
  private final double inertia;
  private final int iterations;
  private final boolean converged;
  /** For a fit in product form (wide data, see {@link KMeans}), its centring; null otherwise. */
  private final double[] mean;

  KMeansModel(KMeansSettings settings, int d, double[] centroids, int[] labels, double inertia,
      int iterations, boolean converged, double[] mean) {
    this.settings = settings;
    this.mean = mean;
    this.d = d;
    this.k = centroids.length / d;
    this.centroids = centroids;
    this.labels = labels;
    this.inertia = inertia;
    this.iterations = iterations;
    this.converged = converged;
  }

  /**
   * This model of points scaled by {@code 2^-shift} as the model of the points themselves, with
   * {@code settings}: centroids times {@code 2^shift}, inertia times {@code 2^(2 shift)}, the
   * labels as they are ({@link Rescaling}).
   */
  KMeansModel rescaled(KMeansSettings settings, int shift) {
    return new KMeansModel(settings, d, Rescaling.scaled(centroids, shift), labels,
        Math.scalb(inertia, 2 * shift), iterations, converged,
        mean == null ? null : Rescaling.scaled(mean, shift));
  }

  /** The settings this model was fitted with (seed included; no executor or listener). */
  public KMeansSettings settings() {
    return settings;
  }

  /** The number of clusters. */
  public int k() {
    return k;
  }

  /** The number of features (columns) of the training points. */
  public int features() {
    return d;
  }

  /** The {@code k x d} centroids, one per row (a copy). */
  public Matrix centroids() {
    return Matrix.wrap(k, d, centroids.clone());
  }

  /** The cluster of every training point, in {@code [0, k)} (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The sum of squared distances from the training points to their centroid; for a {@link
   * Distance#COSINE} fit, the sum of their cosine distances {@code 1 - cos(x, c)}.
   */
  public double inertia() {
    return inertia;
  }

  /** The number of Lloyd iterations the kept restart ran. */
  public int iterations() {
    return iterations;
  }

  /**
   * Whether the kept restart stopped because no label changed or the centroids moved less than
   * the tolerance, rather than by reaching the maximum number of iterations.
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The nearest centroid of every row of {@code x} (ties to the lowest index), found as the fit
   * finds it: in product form {@code |c|^2 - 2 x.c} if the fit used it (wide data, see {@link
   * KMeans}), otherwise from distances computed directly; for a {@link Distance#COSINE} fit,
   * the centroid of largest {@code x.c} once the row is scaled to unit length. A training point
   * gets its training label, unless the centroids, scaled back from tiny data, were rounded below
   * {@code Double.MIN_NORMAL} (see {@link KMeans}): then the rounded centroids may rank it
   * otherwise.
   *
   * @param x m x d points, possibly no rows; not modified
   * @throws IllegalArgumentException if {@code x} is null, its number of columns differs from
   *     the training points', it holds NaN or an infinity, or (cosine) it has a zero row
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public int[] predict(Matrix x) {
    return predict(x, null);
  }

  /**
   * {@link #predict(Matrix)} with its helper threads run by {@code executor} (null: the shared
   * pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #predict(Matrix)}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public int[] predict(Matrix x, Executor executor) {
    double[] a = check(x);
    int m = x.rows();
    Parallel par = parallel(executor);
    if (cosine()) {
      return SphericalAssignment.predict(SphericalAssignment.unitRows(a, m, d, "x"), m, d,
          centroids, par);
    }
    int shift = shift(a);
    double[] points = shift == 0 ? a : Rescaling.scaled(a, -shift);
    double[] c = shift == 0 ? centroids : Rescaling.scaled(centroids, -shift);
    return mean != null
        ? ProductAssignment.predict(points, m, d, c, shift == 0 ? mean
            : Rescaling.scaled(mean, -shift), par)
        : NearestCentroid.predict(points, m, d, c, par);
  }

  /**
   * The {@link Rescaling#shiftIntoRange} that keeps the squared distances between the rows of
   * {@code a} and the centroids finite and normal: 0 unless either holds values near {@code
   * 1e154} or beyond, or both only values below about {@code 1e-77}.
   */
  private int shift(double[] a) {
    return Rescaling.shiftIntoRange(Math.max(Rescaling.largest(a), Rescaling.largest(centroids)),
        d);
  }

  /**
   * The Euclidean distance from every row of {@code x} to every centroid, as scikit-learn's
   * {@code transform}, computed directly from the differences (not in product form); for a
   * {@link Distance#COSINE} fit, the cosine distance {@code 1 - x.c / |x|} (a zero row is an
   * error).
   *
   * @param x m x d points, possibly no rows; not modified
   * @return m x k distances
   * @throws IllegalArgumentException if {@code x} is null, its number of columns differs from
   *     the training points', it holds NaN or an infinity, or {@code m x k} is too large for a
   *     {@link Matrix}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public Matrix transform(Matrix x) {
    return transform(x, null);
  }

  /**
   * {@link #transform(Matrix)} with its helper threads run by {@code executor} (null: the shared
   * pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #transform(Matrix)}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public Matrix transform(Matrix x, Executor executor) {
    double[] a = check(x);
    int m = x.rows();
    checkDistances(m);
    double[] out = new double[m * k];
    int chunks = Chunks.count(m, 1);
    Parallel par = parallel(executor);
    if (cosine()) {
      double[] unit = SphericalAssignment.unitRows(a, m, d, "x");
      par.forEach(chunks, ch -> SphericalAssignment.distances(unit, d,
          Chunks.start(m, chunks, ch), Chunks.start(m, chunks, ch + 1), centroids, k, out));
      return Matrix.wrap(m, k, out);
    }
    int shift = shift(a);
    double[] points = shift == 0 ? a : Rescaling.scaled(a, -shift);
    double[] c = shift == 0 ? centroids : Rescaling.scaled(centroids, -shift);
    par.forEach(chunks, ch -> NearestCentroid.distances(points, d,
        Chunks.start(m, chunks, ch), Chunks.start(m, chunks, ch + 1), c, k, out));
    if (shift != 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.scalb(out[i], shift);
      }
    }
    return Matrix.wrap(m, k, out);
  }

  /**
   * The nearest centroid of every sparse row of {@code x} (ties to the lowest index), ranked as
   * a sparse fit ranks them ({@link KMeans#fit(SparseMatrix)}): by {@code |c|^2 - 2 x.c} from
   * the stored entries, never densifying {@code x}. A training point of a sparse fit gets its
   * training label; for a model fitted on dense points the labels are those of {@link
   * #predict(Matrix)} except for near-ties within the rounding of either formula. For a {@link
   * Distance#COSINE} fit, the centroid of largest {@code x.c} once the row is scaled to unit
   * length (a scaled copy of its stored values), the products from the stored entries as a
   * sparse cosine fit computes them.
   *
   * @param x m x d points, possibly no rows; not modified
   * @throws IllegalArgumentException if {@code x} is null, its number of columns differs from
   *     the training points', or (cosine) it has a zero row
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public int[] predict(SparseMatrix x) {
    return predict(x, null);
  }

  /**
   * {@link #predict(SparseMatrix)} with its helper threads run by {@code executor} (null: the
   * shared pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #predict(SparseMatrix)}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public int[] predict(SparseMatrix x, Executor executor) {
    SparseRows rows = checkSparse(x);
    if (cosine()) {
      return SparseSphericalAssignment.predict(rows.unit("x", false), centroids, k,
          parallel(executor));
    }
    int shift = shift(x);
    if (shift != 0) {
      // the product form overflows: rank the points and centroids scaled by 2^-shift
      return SparseAssignment.predict(SparseRows.of(SparseRows.scaled(x, -shift), "x", true,
          false), Rescaling.scaled(centroids, -shift), k, parallel(executor));
    }
    return SparseAssignment.predict(rows, centroids, k, parallel(executor));
  }

  /**
   * The Euclidean distance from every sparse row of {@code x} to every centroid, as {@link
   * #transform(Matrix)}, computed from the differences at the stored entries plus the centroid's
   * squared norm elsewhere ({@code nonZeros k} operations; {@code x} is never densified). For a
   * {@link Distance#COSINE} fit, the cosine distance {@code 1 - x.c / |x|} from the stored
   * entries of the row scaled to unit length (a zero row is an error); equal to {@link
   * #transform(Matrix)} of the dense rows up to rounding.
   *
   * @param x m x d points, possibly no rows; not modified
   * @return m x k distances
   * @throws IllegalArgumentException if {@code x} is null, its number of columns differs from
   *     the training points', (cosine) it has a zero row, or {@code m x k} is too large for a
   *     {@link Matrix}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public Matrix transform(SparseMatrix x) {
    return transform(x, null);
  }

  /**
   * {@link #transform(SparseMatrix)} with its helper threads run by {@code executor} (null: the
   * shared pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #transform(SparseMatrix)}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public Matrix transform(SparseMatrix x, Executor executor) {
    SparseRows checked = checkSparse(x);
    int m = checked.n;
    checkDistances(m);
    if (cosine()) {
      return Matrix.wrap(m, k, SparseSphericalAssignment.distances(checked.unit("x", false),
          centroids, k, parallel(executor)));
    }
    int shift = shift(x);
    SparseRows rows = shift == 0 ? checked
        : SparseRows.of(SparseRows.scaled(x, -shift), "x", true, false);
    double[] c = shift == 0 ? centroids : Rescaling.scaled(centroids, -shift);
    double[] norms = centroidNorms(c);
    double[] out = new double[m * k];
    int chunks = Chunks.count(m, 1);
    parallel(executor).forEach(chunks, ch -> {
      for (int i = Chunks.start(m, chunks, ch), to = Chunks.start(m, chunks, ch + 1); i < to;
          i++) {
        for (int j = 0; j < k; j++) {
          out[i * k + j] = Math.scalb(Math.sqrt(rows.distance(i, c, j, norms[j])), shift);
        }
      }
    });
    return Matrix.wrap(m, k, out);
  }

  private boolean cosine() {
    return settings.distance() == Distance.COSINE;
  }

  private SparseRows checkSparse(SparseMatrix x) {
    Arguments.requireNonNull(x, "x");
    if (x.cols() != d) {
      throw new IllegalArgumentException(
          "x has " + Phrases.count(x.cols(), "column") + " but the model was fitted on " + d);
    }
    return SparseRows.of(x, "x", true, false);
  }

  /**
   * The {@link Rescaling#shiftIntoRange} that keeps the product form {@code |x|^2 - 2 x.c +
   * |c|^2} of the sparse rows of {@code x} and the centroids finite and normal: 0 unless either
   * holds values near {@code 1e154} or beyond, or both only values below about {@code 1e-77}.
   */
  private int shift(SparseMatrix x) {
    return Rescaling.shiftIntoRange(
        Math.max(SparseRows.largest(x), Rescaling.largest(centroids)), d);
  }

  /** {@code |c_j|^2} for every centroid of {@code c}, each summed over the features in order. */
  private double[] centroidNorms(double[] c) {
    double[] norms = new double[k];
    for (int j = 0; j < k; j++) {
      double s = 0;
      for (int f = j * d; f < (j + 1) * d; f++) {
        s = Math.fma(c[f], c[f], s);
      }
      norms[j] = s;
    }
    return norms;
  }

  private void checkDistances(int m) {
    if ((long) m * k > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "x has " + m + " rows: " + m + "x" + k + " distances do not fit in a Matrix");
    }
  }

  /** The threads of the fit's settings, on {@code executor} (null: the shared pool). */
  private Parallel parallel(Executor executor) {
    return Parallel.using(executor, () -> Parallel.of(settings.threads()));
  }

  private double[] check(Matrix x) {
    Arguments.requireNonNull(x, "x");
    if (x.cols() != d) {
      throw new IllegalArgumentException(
          "x has " + Phrases.count(x.cols(), "column") + " but the model was fitted on " + d);
    }
    double[] a = MatrixAccess.data(x);
    Arguments.requireFinite(a, d, "x");
    return a;
  }

  @Override
  public String toString() {
    return "KMeansModel[k=" + k + ", features=" + d + ", inertia=" + inertia + ", iterations="
        + iterations + ", converged=" + converged + "]";
  }
}
