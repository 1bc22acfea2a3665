package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Agglomerative (bottom-up hierarchical) clustering with Euclidean distances: every point
 * starts as its own cluster and the two closest clusters under the {@link Linkage} merge until
 * one remains. The fit returns the whole {@link MergeTree} and the labels for the configured
 * number of clusters; {@link MergeTree#cut} gives any other number without refitting.
 *
 * <pre>{@code
 * AgglomerativeModel model = Agglomerative.builder().linkage(Linkage.AVERAGE).clusters(3).fit(points);
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
 * <p>Results do not depend on the number of threads. Instances are immutable and safe to share;
 * {@code fit} never modifies its input.
 */
public final class Agglomerative {

  /** Feature differences per chunk of a parallel nearest-neighbour search, at least. */
  private static final long MIN_CHUNK_WORK = 1 << 15;

  private final Linkage linkage;
  private final int clusters;
  private final int threads;
  private final Executor executor;

  private Agglomerative(Builder b) {
    this.linkage = b.linkage;
    this.clusters = b.clusters;
    this.threads = b.threads;
    this.executor = b.executor;
  }

  /** A builder with scikit-learn's defaults: Ward linkage, 2 clusters. */
  public static Builder builder() {
    return new Builder();
  }

  /** The linkage. */
  public Linkage linkage() {
    return linkage;
  }

  /** The number of clusters of {@link AgglomerativeModel#labels()}. */
  public int clusters() {
    return clusters;
  }

  /** The maximum number of threads a fit uses. */
  public int threads() {
    return threads;
  }

  /** The executor that runs a fit's helper threads, if one was set. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /**
   * Builds the merge tree of the rows of {@code points} and cuts it into {@link #clusters()}
   * clusters.
   *
   * @param points n x d, one sample per row; not modified
   * @throws IllegalArgumentException if {@code points} is null, has no rows or no columns,
   *     holds NaN or an infinity, has fewer rows than {@code clusters}, or has more than 65,536
   *     rows with complete or average linkage
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  public AgglomerativeModel fit(Matrix points) {
    return Parallel.using(executor, () -> fitOnCaller(points));
  }

  private AgglomerativeModel fitOnCaller(Matrix points) {
    double[] x = Checks.finiteData(points, "points");
    int n = points.rows();
    int d = points.cols();
    if (clusters > n) {
      throw new IllegalArgumentException(
          "clusters must be <= the number of points (" + n + "), was " + clusters);
    }
    boolean matrix = linkage == Linkage.COMPLETE || linkage == Linkage.AVERAGE;
    if (matrix && n > MatrixChain.MAX_POINTS) {
      throw new IllegalArgumentException(linkage + " linkage needs an n x n distance matrix and "
          + "supports at most " + MatrixChain.MAX_POINTS + " points, was " + n);
    }
    Parallel par = Parallel.of(threads);
    MergeTree tree;
    switch (linkage) {
      case SINGLE:
        tree = SingleLinkage.tree(x, n, d, par);
        break;
      case WARD:
        tree = WardChain.tree(x, n, d, par);
        break;
      default:
        tree = MatrixChain.tree(x, n, d, linkage, par);
    }
    return new AgglomerativeModel(this, tree, tree.cut(clusters));
  }

  /**
   * The number of chunks of a parallel nearest-neighbour search over n points, from the shape
   * only. (The search result is exact whatever the split.)
   */
  static int searchChunks(int n, int d) {
    return (int) Math.max(1, Math.min(Chunks.MAX_CHUNKS, (long) n * d / MIN_CHUNK_WORK));
  }

  @Override
  public String toString() {
    return "Agglomerative[linkage=" + linkage + ", clusters=" + clusters + ", threads="
        + threads + "]";
  }

  /** Configures an {@link Agglomerative}; setters check their argument at once. */
  public static final class Builder {
    private Linkage linkage = Linkage.WARD;
    private int clusters = 2;
    private int threads = Parallel.defaultThreadCount();
    private Executor executor;

    private Builder() {}

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

    /**
     * The maximum number of threads (default: the available processors). Results do not
     * depend on it.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      this.threads = Arguments.requireAtLeast(threads, 1, "threads");
      return this;
    }

    /**
     * The executor that runs the helper threads (up to {@code threads - 1} beside the calling
     * thread) of a fit; default: a shared pool of daemon threads. Any executor works, even a busy
     * one or one that runs tasks on the calling thread: a helper that has not started when the
     * caller has taken the last piece of work is skipped. Results do not depend on it. Null
     * restores the default.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The configuration. */
    public Agglomerative build() {
      return new Agglomerative(this);
    }

    /**
     * Shorthand for {@code build().fit(points)}.
     *
     * @throws IllegalArgumentException as {@link Agglomerative#fit} does
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public AgglomerativeModel fit(Matrix points) {
      return build().fit(points);
    }
  }
}
