package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.kernel.Lobpcg;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Spectral clustering (Shi and Malik, "Normalized cuts and image segmentation", IEEE PAMI 22(8),
 * 2000; von Luxburg, "A tutorial on spectral clustering", Statistics and Computing 17, 2007) with
 * scikit-learn's semantics ({@code sklearn.cluster.SpectralClustering}): it finds clusters that
 * k-means cannot, such as two interleaved moons or two concentric circles, because it partitions
 * a graph of similar points instead of cutting space into convex cells.
 *
 * <pre>{@code
 * SpectralModel model = SpectralClustering.builder().clusters(2)
 *     .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(10).seed(0).fit(points);
 * int[] labels = model.labels();
 * }</pre>
 *
 * <p><b>Algorithm.</b>
 * <ol>
 *   <li>The affinity graph {@code A}: the RBF kernel {@code exp(-gamma |x_i - x_j|^2)}, dense, or
 *       the symmetrized k-nearest-neighbour graph {@code (C + C') / 2}, sparse (see {@link
 *       Affinity}).
 *   <li>The normalized Laplacian {@code L = I - D^-1/2 A D^-1/2}, {@code D} the degrees (self
 *       loops left out, as scipy's {@code csgraph.laplacian(normed=True)}).
 *   <li>The eigenvectors {@code u_1..u_c} of its {@code c = clusters} smallest eigenvalues, by
 *       LOBPCG (Knyazev 2001) on a block of {@code min(n, c + 2)} vectors started from
 *       {@code D^1/2 1} (the eigenvector of eigenvalue 0 of a connected graph) and Gaussian
 *       vectors from the seed, until every residual {@code |L u - lambda u|} is at most {@link
 *       Builder#eigenTolerance}. The sparse graph is only multiplied by blocks of vectors: 20,000
 *       points never need an {@code n x n} matrix.
 *   <li>The embedding {@code e_j = D^-1/2 u_j} (the eigenvectors of the random-walk Laplacian,
 *       as scikit-learn returns them), each column's sign chosen so that its entry of largest
 *       magnitude is positive: {@link SpectralModel#embedding()}, {@code n x c}.
 *   <li>Labels from the rows of the embedding, by k-means (k-means++, 10 restarts) or by Yu and
 *       Shi's discretization (see {@link LabelAssignment}); the discretization normalizes the rows
 *       to unit length first.
 * </ol>
 *
 * <p>The eigensolver differs from scikit-learn's (ARPACK in shift-invert mode), and k-means
 * draws its own random numbers, so labels agree with scikit-learn's up to a renumbering of the
 * clusters when the clustering is clear-cut, not bit for bit (the tests check an adjusted Rand
 * index of at least 0.99 on moons, circles and blobs).
 *
 * <p><b>Limits.</b> {@link Affinity#RBF} holds the {@code n x n} kernel: {@code 8 n^2} bytes,
 * 80 MB for 3,000 points, 800 MB for 10,000, 3.2 GB for 20,000; the fit refuses more than {@value
 * #MAX_DENSE_POINTS} points with it (the largest square a Java array holds), and the JVM's heap
 * usually ends it earlier. {@link Affinity#NEAREST_NEIGHBORS} needs {@code O(n neighbors)}
 * memory; its exact neighbour search costs about {@code n^1.5 d} on low-dimensional data and
 * {@code n^2 d} on wide data. A graph of several connected components gives eigenvalue 0 once
 * per component; the block eigensolver handles that, and each component then tends to become a
 * cluster.
 *
 * <p><b>Scale.</b> With {@link Affinity#NEAREST_NEIGHBORS}, points whose squared distances
 * would overflow (values near {@code 1e154} or beyond) or underflow (all values below about
 * {@code 1e-77}) are searched as a copy scaled by an exact power of two, so points scaled by any
 * power of two give the same graph, embedding and labels. {@link Affinity#RBF}'s {@code gamma}
 * is absolute: scaling the points changes the kernel.
 *
 * <p><b>Determinism.</b> Every random number derives from {@code seed}, and every parallel sum
 * uses fixed chunks: the same seed gives the same labels and embedding for any {@code threads}
 * and any executor.
 *
 * <p><b>Progress.</b> The {@link EstimatorBuilder#listener listener} receives a {@link
 * io.github.nmf4j.estimator.Progress} after the affinity graph is built (step 1), after every
 * eigensolver iteration (steps 2, 3, ..., with the largest residual norm of the wanted
 * eigenvectors as the loss) and after the labels (the last step); {@code maxIterations} is
 * {@code maxEigenIterations + 2}. It may cancel at any step. Instances are immutable and safe to
 * share between threads; {@code fit} never modifies its input.
 */
public final class SpectralClustering extends Estimator<SpectralSettings> {

  /** The most points {@link Affinity#RBF} accepts: an n x n double array must fit in Java. */
  public static final int MAX_DENSE_POINTS = 46_340;

  /**
   * Extra vectors in the eigensolver's block beyond {@code clusters}. More vectors take fewer
   * iterations but cost more each: on one thread, the digits (10 clusters) took 0.147 CPU s
   * with 10 extra vectors (30 iterations) and 0.105 s with 2 (46), the 10,000 moons (2
   * clusters, two components) 1.92 s with 8 extra (182 iterations) and 1.25 s with 2 (471).
   */
  static final int EXTRA_VECTORS = 2;

  /** Restarts of k-means label assignment (scikit-learn's {@code n_init}). */
  static final int KMEANS_RESTARTS = 10;

  private SpectralClustering(SpectralSettings settings, Builder builder) {
    super(settings, builder);
  }

  /**
   * A builder with scikit-learn's defaults: 8 clusters, RBF affinity with gamma 1, 10 neighbours
   * for the k-NN affinity, k-means label assignment.
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
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns, holds
   *     NaN or an infinity, has fewer rows than {@code clusters}, has at most {@code neighbors}
   *     rows with {@link Affinity#NEAREST_NEIGHBORS}, or more than {@value #MAX_DENSE_POINTS}
   *     rows with {@link Affinity#RBF}
   * @throws CancellationException if the listener cancelled the fit or the calling thread was
   *     interrupted (the interrupt flag stays set)
   */
  public SpectralModel fit(Matrix points) {
    return Parallel.using(executor().orElse(null), () -> fitOnCaller(points));
  }

  private SpectralModel fitOnCaller(Matrix points) {
    SpectralSettings s = settings();
    int clusters = s.clusters();
    double[] x = Checks.finiteData(points, "points");
    int n = points.rows();
    int d = points.cols();
    Checks.atMostPoints(clusters, n, "clusters");
    if (s.affinity() == Affinity.NEAREST_NEIGHBORS && s.neighbors() >= n) {
      throw new IllegalArgumentException(
          "neighbors must be < the number of points (" + n + "), was " + s.neighbors());
    }
    if (s.affinity() == Affinity.RBF && n > MAX_DENSE_POINTS) {
      throw new IllegalArgumentException("the RBF affinity holds an n x n matrix and supports at "
          + "most " + MAX_DENSE_POINTS + " points, was " + n + "; use NEAREST_NEIGHBORS");
    }
    Monitor monitor = Monitor.of("spectral clustering", listener(), 1);
    int steps = (int) Math.min(Integer.MAX_VALUE, s.maxEigenIterations() + 2L);
    Parallel par = Parallel.of(s.threads());
    NormalizedLaplacian laplacian = s.affinity() == Affinity.RBF
        ? NormalizedLaplacian.rbf(x, n, d, s.gamma(), par)
        : NormalizedLaplacian.of(NeighborGraph.of(inRange(x, n, d), n, d, s.neighbors(), par),
            par);
    Parallel.checkInterrupt();
    monitor.report(0, 1, steps);
    SplittableRandom random = new SplittableRandom(s.seed());
    double[] root = laplacian.sqrtDegrees();
    int block = Math.min(n, clusters + EXTRA_VECTORS);
    double[] start = new double[block * n];
    System.arraycopy(root, 0, start, 0, n);
    SplittableRandom startRandom = random.split();
    for (int i = n; i < start.length; i++) {
      start[i] = gaussian(startRandom);
    }
    Lobpcg.Result eigen = Lobpcg.smallest(laplacian, n, clusters, start, s.eigenTolerance(),
        s.maxEigenIterations(), par, (iteration, residual) -> {
          Parallel.checkInterrupt();
          monitor.report(0, (int) Math.min(steps, iteration + 1L), steps, residual, Double.NaN);
        });
    double[] embedding = embedding(eigen.vectors, root, n, clusters);
    SplittableRandom labelRandom = random.split();
    int[] labels = s.labelAssignment() == LabelAssignment.KMEANS
        ? KMeans.builder().k(clusters).restarts(KMEANS_RESTARTS).seed(labelRandom.nextLong())
            .threads(s.threads()).executor(executor().orElse(null))
            .fit(Matrix.wrap(n, clusters, embedding)).labels()
        : Discretization.labels(embedding, n, clusters, labelRandom);
    monitor.report(0, (int) Math.min(steps, eigen.iterations + 2L), steps);
    return new SpectralModel(s, labels, Matrix.wrap(n, clusters, embedding), eigen.values,
        eigen.iterations, eigen.converged);
  }

  /**
   * The {@code n x c} row-major embedding {@code u_j / sqrt(degree)}, each column flipped so that
   * its entry of largest magnitude (the first, on ties) is positive, as scikit-learn's {@code
   * _deterministic_vector_sign_flip}.
   */
  static double[] embedding(double[] vectors, double[] root, int n, int c) {
    double[] e = new double[n * c];
    for (int j = 0; j < c; j++) {
      double largest = -1;
      double sign = 1;
      for (int i = 0; i < n; i++) {
        double v = vectors[j * n + i] / root[i];
        e[i * c + j] = v;
        if (Math.abs(v) > largest) {
          largest = Math.abs(v);
          sign = v < 0 ? -1 : 1;
        }
      }
      if (sign < 0) {
        for (int i = 0; i < n; i++) {
          e[i * c + j] = -e[i * c + j];
        }
      }
    }
    return e;
  }

  /** A standard normal number by Box-Muller (one of the pair), from the stream only. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * {@code x}, or where its squared distances would overflow (values near {@code 1e154} or
   * beyond) or underflow (all values below about {@code 1e-77}) and tie, a copy scaled by an
   * exact power of two: the nearest neighbours, hence the graph, are those of the scaled copy.
   */
  private static double[] inRange(double[] x, int n, int d) {
    int shift = Rescaling.shiftIntoRange(Rescaling.largest(x), (long) n * d);
    return shift == 0 ? x : Rescaling.scaled(x, -shift);
  }

  /**
   * Configures a {@link SpectralClustering}; setters check their argument at once.
   *
   * <p>{@link #seed}: of the eigensolver's start and of the label assignment, default 0.
   */
  public static final class Builder extends SeededBuilder<Builder> {
    private int clusters = 8;
    private Affinity affinity = Affinity.RBF;
    private double gamma = 1.0;
    private int neighbors = 10;
    private LabelAssignment labelAssignment = LabelAssignment.KMEANS;
    private double eigenTolerance = 1e-6;
    private int maxEigenIterations = 2000;

    private Builder() {}

    private Builder(SpectralClustering spectral) {
      SpectralSettings s = spectral.settings();
      clusters = s.clusters();
      affinity = s.affinity();
      gamma = s.gamma();
      neighbors = s.neighbors();
      labelAssignment = s.labelAssignment();
      eigenTolerance = s.eigenTolerance();
      maxEigenIterations = s.maxEigenIterations();
      seed(s.seed());
      runAs(s.threads(), spectral);
    }

    /**
     * The number of clusters, also the width of the embedding (default 8).
     *
     * @throws IllegalArgumentException if {@code clusters < 1}
     */
    public Builder clusters(int clusters) {
      this.clusters = Arguments.requireAtLeast(clusters, 1, "clusters");
      return this;
    }

    /**
     * The affinity graph (default {@link Affinity#RBF}, as scikit-learn).
     *
     * @throws IllegalArgumentException if {@code affinity} is null
     */
    public Builder affinity(Affinity affinity) {
      this.affinity = Arguments.requireNonNull(affinity, "affinity");
      return this;
    }

    /**
     * The RBF kernel's coefficient in {@code exp(-gamma |x_i - x_j|^2)} (default 1.0).
     *
     * @throws IllegalArgumentException if {@code gamma} is not finite and positive
     */
    public Builder gamma(double gamma) {
      this.gamma = Arguments.requireFinitePositive(gamma, "gamma");
      return this;
    }

    /**
     * Neighbours per point in the k-NN affinity, the point itself included as scikit-learn
     * counts them (default 10).
     *
     * @throws IllegalArgumentException if {@code neighbors < 1}
     */
    public Builder neighbors(int neighbors) {
      this.neighbors = Arguments.requireAtLeast(neighbors, 1, "neighbors");
      return this;
    }

    /**
     * How labels are drawn from the embedding (default {@link LabelAssignment#KMEANS}).
     *
     * @throws IllegalArgumentException if {@code labelAssignment} is null
     */
    public Builder labelAssignment(LabelAssignment labelAssignment) {
      this.labelAssignment = Arguments.requireNonNull(labelAssignment, "labelAssignment");
      return this;
    }

    /**
     * The eigensolver stops when every residual {@code |L u - lambda u|} of the wanted unit
     * eigenvectors is at most this (default 1e-6).
     *
     * @throws IllegalArgumentException if {@code tolerance} is not finite and positive
     */
    public Builder eigenTolerance(double tolerance) {
      this.eigenTolerance = Arguments.requireFinitePositive(tolerance, "eigenTolerance");
      return this;
    }

    /**
     * The most eigensolver iterations (default 2000); a fit that reaches it keeps the vectors
     * it has and says so in {@link SpectralModel#converged()}.
     *
     * @throws IllegalArgumentException if {@code maxIterations < 1}
     */
    public Builder maxEigenIterations(int maxIterations) {
      this.maxEigenIterations = Arguments.requireAtLeast(maxIterations, 1,
          "maxEigenIterations");
      return this;
    }

    /** The configuration. */
    public SpectralClustering build() {
      return new SpectralClustering(new SpectralSettings(clusters, affinity, gamma, neighbors,
          labelAssignment, eigenTolerance, maxEigenIterations, seedValue(), threadCount()),
          this);
    }

    /**
     * Shorthand for {@code build().fit(points)}.
     *
     * @throws IllegalArgumentException as {@link SpectralClustering#fit} does
     * @throws CancellationException as {@link SpectralClustering#fit} does
     */
    public SpectralModel fit(Matrix points) {
      return build().fit(points);
    }
  }
}
