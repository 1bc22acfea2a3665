package io.github.nmf4j.decomposition;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import io.github.nmf4j.linalg.kernel.MatrixAccess;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Principal component analysis (Pearson 1901; Hotelling 1933) by the singular value
 * decomposition of the centered data, with scikit-learn's {@code PCA} conventions.
 *
 * <p>For data {@code X} ({@code n} samples as rows, {@code p} features), {@code fit} subtracts the
 * column means {@code mu}, computes {@code X - 1 mu^T ~ U S V^T} truncated to {@code k}
 * components, and keeps the rows of {@code V^T} as the components, with explained variances
 * {@code s_j^2 / (n - 1)} and their ratios to the total variance {@code sum_f var(X_f)} (both with
 * {@code n - 1} in the denominator). Signs follow scikit-learn's {@code svd_flip} (u-based): the
 * largest-magnitude entry of each column of {@code U} is positive. The SVD is exact for small
 * inputs and randomized for large ones ({@link PcaSolver}).
 *
 * <pre>{@code
 * PcaModel pca = Pca.builder().components(10).fit(x);
 * Matrix z = pca.transform(x);            // n x 10 scores
 * Matrix back = pca.inverseTransform(z);  // n x p, the rank-10 approximation
 * }</pre>
 *
 * <p>A {@code Pca} is an immutable configuration, safe to share between threads; {@code fit}
 * never modifies its input.
 */
public final class Pca {

  private final int components;
  private final PcaSolver solver;
  private final long seed;
  private final int threads;
  private final Executor executor;

  private Pca(Builder b) {
    this.components = b.components;
    this.solver = b.solver;
    this.seed = b.seed;
    this.threads = b.threads;
    this.executor = b.executor;
  }

  /** A builder with scikit-learn's defaults: all components, {@link PcaSolver#AUTO}, seed 0. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Fits the principal components of {@code x} (rows are samples).
   *
   * @throws IllegalArgumentException if {@code x} is null, has fewer than 2 rows or no columns,
   *     holds NaN or infinity, or has fewer than {@link Builder#components} rows or columns
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  public PcaModel fit(Matrix x) {
    return Parallel.using(executor, () -> fitOnCaller(x));
  }

  private PcaModel fitOnCaller(Matrix x) {
    PcaChecks.checkData(x);
    int n = x.rows();
    int p = x.cols();
    int min = Math.min(n, p);
    int k = components == 0 ? min : components;
    if (k > min) {
      throw new IllegalArgumentException("components must be <= min(rows, cols) = " + min
          + " for a " + x.shape() + " matrix, was " + k);
    }
    Parallel par = Parallel.of(threads);
    double[] raw = MatrixAccess.data(x);
    double[] mean = Centering.means("x", raw, n, p, par);
    double[] data = new double[n * p];
    double totalSquares = Centering.center(raw, mean, n, p, data, par);
    Matrix centered = Matrix.wrap(n, p, data);
    Svd svd = exact(n, p, k) ? Svd.exact(centered, threads)
        : Svd.truncated(centered, k, seed, threads);
    double[] s = svd.singularValues();
    double[] singular = new double[k];
    System.arraycopy(s, 0, singular, 0, k);
    double[] rows = svd.vt().toRowMajorArray();
    double[] comps = new double[k * p];
    System.arraycopy(rows, 0, comps, 0, k * p);
    return new PcaModel(Matrix.wrap(k, p, comps), singular, mean, totalSquares, n, min, threads,
        executor);
  }

  private boolean exact(int n, int p, int k) {
    switch (solver) {
      case EXACT:
        return true;
      case RANDOMIZED:
        return false;
      default:
        return Math.max(n, p) <= 500 || k >= 0.8 * Math.min(n, p);
    }
  }

  /** The number of components, 0 meaning {@code min(rows, cols)} of the data. */
  public int components() {
    return components;
  }

  /** The SVD solver. */
  public PcaSolver solver() {
    return solver;
  }

  /** The seed of the randomized SVD. */
  public long seed() {
    return seed;
  }

  /** The thread count of the products. */
  public int threads() {
    return threads;
  }

  /** The executor that runs the helper threads, if one was set. */
  public Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  @Override
  public String toString() {
    return "Pca[components=" + (components == 0 ? "all" : components) + ", solver=" + solver
        + ", seed=" + seed + ", threads=" + threads + "]";
  }

  /** Configures a {@link Pca}; every setter validates its argument at once. */
  public static final class Builder {
    private int components;
    private PcaSolver solver = PcaSolver.AUTO;
    private long seed;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Executor executor;

    private Builder() {}

    /**
     * The number of components {@code k}; by default {@code min(rows, cols)} of the data.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Builder components(int k) {
      this.components = Arguments.requireAtLeast(k, 1, "components");
      return this;
    }

    /**
     * The SVD solver; {@link PcaSolver#AUTO} by default.
     *
     * @throws IllegalArgumentException if {@code solver} is null
     */
    public Builder solver(PcaSolver solver) {
      this.solver = Arguments.requireNonNull(solver, "solver");
      return this;
    }

    /** The seed of the randomized SVD's Gaussian test matrix; 0 by default. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * The most threads the products use; the available processors by default. Results do not
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
     * thread) of a fit and of the model's {@code transform} and {@code inverseTransform}; default:
     * a shared pool of daemon threads. Any executor works, even a busy one or one that runs tasks
     * on the calling thread: a helper that has not started when the caller has taken the last piece
     * of work is skipped. Results do not depend on it. Null restores the default.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /** The immutable configuration. */
    public Pca build() {
      return new Pca(this);
    }

    /**
     * Shorthand for {@code build().fit(x)}.
     *
     * @throws IllegalArgumentException as {@link Pca#fit}
     */
    public PcaModel fit(Matrix x) {
      return build().fit(x);
    }
  }
}
