package io.github.nmf4j.cluster;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;

/**
 * Agglomerative (bottom-up hierarchical) clustering with Euclidean distances: every point
 * starts as its own cluster and the two closest clusters under the {@link Linkage} merge until
 * one remains. The fit returns the whole {@link MergeTree} and the labels for the configured
 * number of clusters; {@link MergeTree#cut} gives any other number without refitting.
 *
 * <pre>{@code
 * AgglomerativeModel model = Agglomerative.builder().linkage(Linkage.AVERAGE).clusters(3)
 *     .fit(points);
 * int[] three = model.labels();
 * int[] five = model.mergeTree().cut(5);
 * }</pre>
 *
 * <p>The merges are those of scipy's {@code linkage} and scikit-learn's {@code
 * AgglomerativeClustering} (without connectivity constraints): with distinct pairwise distances
 * the labels are the same up to the numbering of the clusters.
 *
 * <p><b>Algorithms and limits.</b> Time is {@code O(n^2 d)} for every linkage (never the naive
 * {@code O(n^3)}). Memory depends on the linkage: {@link Linkage#SINGLE} (minimum spanning tree)
 * and {@link Linkage#WARD} (nearest-neighbour chain on centroids) need {@code O(n d)};
 * {@link Linkage#COMPLETE} and {@link Linkage#AVERAGE} (nearest-neighbour chain on the distance
 * matrix) need {@code n (n - 1) / 2} doubles, that is {@code 4 n^2} bytes: 400 MB for n =
 * 10,000, 1.6 GB for n = 20,000, and they refuse more than 65,536 points (the largest matrix a
 * Java array holds). For large data, cluster with {@link KMeans} or fit on a sample.
 *
 * <p>Points with values near {@code 1e154} or beyond, whose squared distances would overflow, or
 * all below about {@code 1e-77}, whose squared distances would underflow, are merged as a copy
 * scaled by an exact power of two, and the heights are scaled back.
 *
 * <p>Results do not depend on the number of threads. The {@link Builder#listener listener}
 * receives a {@link io.github.nmf4j.estimator.Progress} after every merge (step {@code m} of
 * {@code n - 1}) and may cancel. Instances are immutable and safe to share; {@code fit} never
 * modifies its input.
 */
public final class Agglomerative extends Estimator<AgglomerativeSettings> {

  /**
   * The most points {@link Linkage#COMPLETE} and {@link Linkage#AVERAGE} accept: their condensed
   * distance matrix of {@code n (n - 1) / 2} doubles must fit in one Java array. {@link
   * Linkage#WARD} and {@link Linkage#SINGLE} hold no such matrix and have no such limit.
   */
  public static final int MAX_DISTANCE_MATRIX_POINTS = MatrixChain.MAX_POINTS;

  /** Feature differences per chunk of a parallel nearest-neighbour search, at least. */
  private static final long MIN_CHUNK_WORK = 1 << 15;

  private Agglomerative(AgglomerativeSettings settings, Builder builder) {
    super(settings, builder);
  }

  /** A builder with scikit-learn's defaults: Ward linkage, 2 clusters. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds the merge tree of the rows of {@code points} and cuts it into {@code
   * settings().clusters()} clusters.
   *
   * @param points n x d, one sample per row; not modified
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns,
   *     holds NaN or an infinity, has fewer rows than {@code clusters}, or has more than 65,536
   *     rows with complete or average linkage
   * @throws java.util.concurrent.CancellationException if the listener cancelled the fit or the
   *     calling thread was interrupted (the interrupt flag stays set)
   */
  public AgglomerativeModel fit(Matrix points) {
    return Parallel.using(executor().orElse(null), () -> fitOnCaller(points));
  }

  private AgglomerativeModel fitOnCaller(Matrix points) {
    AgglomerativeSettings settings = settings();
    Linkage linkage = settings.linkage();
    int clusters = settings.clusters();
    double[] raw = Checks.finiteData(points, "points");
    int n = points.rows();
    int d = points.cols();
    Checks.atMostPoints(clusters, n, "clusters");
    // Squared distances of values near 1e154 or beyond overflow, of values all below 1e-77
    // underflow, and would tie: merge the points scaled by an exact power of two (the same
    // merges) and scale the heights back.
    int shift = Rescaling.shiftIntoRange(Rescaling.largest(raw), (long) n * d);
    double[] x = shift == 0 ? raw : Rescaling.scaled(raw, -shift);
    boolean matrix = linkage == Linkage.COMPLETE || linkage == Linkage.AVERAGE;
    if (matrix && n > MatrixChain.MAX_POINTS) {
      throw new IllegalArgumentException(linkage + " linkage needs an n x n distance matrix and "
          + "supports at most " + MatrixChain.MAX_POINTS + " points, was " + n);
    }
    Parallel par = Parallel.of(settings.threads());
    Dendrogram merges = new Dendrogram(n, Monitor.of("agglomerative clustering", listener(), 1));
    switch (linkage) {
      case SINGLE:
        SingleLinkage.merge(x, n, d, par, merges);
        break;
      case WARD:
        WardChain.merge(x, n, d, par, merges);
        break;
      default:
        MatrixChain.merge(x, n, d, linkage, par, merges);
    }
    MergeTree tree = merges.build(shift);
    return new AgglomerativeModel(settings, tree, tree.cut(clusters));
  }

  /**
   * Builds the merge tree of {@code n} points from their precomputed distances (scikit-learn's
   * {@code metric="precomputed"}, scipy's {@code linkage} of a condensed matrix) and cuts it into
   * {@code settings().clusters()} clusters. Only {@link Linkage#AVERAGE} and {@link
   * Linkage#COMPLETE} take arbitrary distances (Ward's and this library's single linkage need
   * points). Only the upper triangle is read.
   *
   * @param distances n x n, finite and non-negative above the diagonal; not modified
   * @throws IllegalArgumentException if {@code distances} is null, empty or not square, holds a
   *     negative, NaN or infinite distance above the diagonal (naming its row, column and value),
   *     has fewer rows than {@code clusters} or more than 65,536, or if the linkage is not
   *     average or complete
   * @throws java.util.concurrent.CancellationException as {@link #fit}
   */
  public AgglomerativeModel fitDistances(Matrix distances) {
    return Parallel.using(executor().orElse(null), () -> fitDistancesOnCaller(distances));
  }

  private AgglomerativeModel fitDistancesOnCaller(Matrix distances) {
    AgglomerativeSettings settings = settings();
    Linkage linkage = settings.linkage();
    if (linkage != Linkage.AVERAGE && linkage != Linkage.COMPLETE) {
      throw new IllegalArgumentException("precomputed distances need AVERAGE or COMPLETE "
          + "linkage, was " + linkage);
    }
    if (distances == null) {
      throw new IllegalArgumentException("distances must not be null");
    }
    int n = distances.rows();
    if (n == 0 || distances.cols() != n) {
      throw new IllegalArgumentException("distances must be a non-empty square matrix, was "
          + distances.shape());
    }
    Checks.atMostPoints(settings.clusters(), n, "clusters");
    if (n > MatrixChain.MAX_POINTS) {
      throw new IllegalArgumentException("precomputed distances support at most "
          + MatrixChain.MAX_POINTS + " points, was " + n);
    }
    double[] dist = new double[(int) ((long) n * (n - 1) / 2)];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double x = distances.get(i, j);
        if (!(x >= 0 && x <= Double.MAX_VALUE)) {
          throw new IllegalArgumentException("distances must be finite and non-negative, was "
              + x + " at row " + i + ", column " + j);
        }
        dist[MatrixChain.index(n, i, j)] = x;
      }
    }
    // Average linkage sums |A| d(k, A) + |B| d(k, B), which overflows for distances near
    // Double.MAX_VALUE / n: merge them scaled by an exact power of two (the same merges) and
    // scale the heights back. Complete linkage only compares distances.
    int shift = linkage == Linkage.AVERAGE ? Rescaling.sumShift(Rescaling.largest(dist), n) : 0;
    if (shift > 0) {
      dist = Rescaling.scaled(dist, -shift);
    }
    Dendrogram merges = new Dendrogram(n, Monitor.of("agglomerative clustering", listener(), 1));
    MatrixChain.mergeDistances(dist, n, linkage, merges);
    MergeTree tree = merges.build(shift);
    return new AgglomerativeModel(settings, tree, tree.cut(settings.clusters()));
  }

  /**
   * The number of chunks of a parallel nearest-neighbour search over n points, from the shape
   * only. (The search result is exact whatever the split.)
   */
  static int searchChunks(int n, int d) {
    return (int) Math.max(1, Math.min(Chunks.MAX_CHUNKS, (long) n * d / MIN_CHUNK_WORK));
  }

  /** Configures an {@link Agglomerative}; setters check their argument at once. */
  public static final class Builder extends EstimatorBuilder<Builder> {
    private Linkage linkage = Linkage.WARD;
    private int clusters = 2;

    private Builder() {}

    private Builder(Agglomerative agglomerative) {
      AgglomerativeSettings s = agglomerative.settings();
      linkage = s.linkage();
      clusters = s.clusters();
      runAs(s.threads(), agglomerative);
    }

    /**
     * The linkage (default {@link Linkage#WARD}).
     *
     * @throws IllegalArgumentException if {@code linkage} is null
     */
    public Builder linkage(Linkage linkage) {
      this.linkage = Arguments.requireNonNull(linkage, "linkage");
      return this;
    }

    /**
     * The number of clusters of the labels (default 2).
     *
     * @throws IllegalArgumentException if {@code clusters < 1}
     */
    public Builder clusters(int clusters) {
      this.clusters = Arguments.requireAtLeast(clusters, 1, "clusters");
      return this;
    }

    /** The configuration. */
    public Agglomerative build() {
      return new Agglomerative(new AgglomerativeSettings(linkage, clusters, threadCount()), this);
    }

    /**
     * Shorthand for {@code build().fit(points)}.
     *
     * @throws IllegalArgumentException as {@link Agglomerative#fit} does
     * @throws java.util.concurrent.CancellationException as {@link Agglomerative#fit} does
     */
    public AgglomerativeModel fit(Matrix points) {
      return build().fit(points);
    }
  }
}
