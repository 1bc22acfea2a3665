package io.github.nmf4j.decomposition;

import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.Arrays;
import java.util.OptionalInt;

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
 * <p>The {@link Builder#listener listener} receives a {@link io.github.nmf4j.estimator.Progress}
 * after each of two steps (the centring, then the SVD) and may cancel between them. A {@code
 * Pca} is an immutable configuration, safe to share between threads; {@code fit} never modifies
 * its input.
 */
public final class Pca extends Estimator<PcaSettings> {

  /** The steps a fit reports: the centring, then the SVD. */
  private static final int STEPS = 2;

  private Pca(PcaSettings settings, Builder builder) {
    super(settings, builder);
  }

  /** A builder with scikit-learn's defaults: all components, {@link PcaSolver#AUTO}, seed 0. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Fits the principal components of {@code x} (rows are samples).
   *
   * @throws IllegalArgumentException if {@code x} is null, has fewer than 2 rows or no columns,
   *     holds NaN or infinity, or has fewer than {@link Builder#components} rows or columns
   * @throws java.util.concurrent.CancellationException if the listener cancelled the fit or the
   *     calling thread was interrupted (the interrupt flag stays set)
   */
  public PcaModel fit(Matrix x) {
    return Parallel.using(executor().orElse(null), () -> fitOnCaller(x));
  }

  private PcaModel fitOnCaller(Matrix x) {
    PcaSettings settings = settings();
    PcaChecks.checkData(x);
    int n = x.rows();
    int p = x.cols();
    int min = Math.min(n, p);
    int k = settings.components().orElse(min);
    if (k > min) {
      throw new IllegalArgumentException("components must be <= min(rows, cols) = " + min
          + " for a " + x.shape() + " matrix, was " + k);
    }
    int threads = settings.threads();
    Monitor monitor = Monitor.of("PCA", listener(), 1);
    Parallel par = Parallel.of(threads);
    double[] raw = MatrixAccess.data(x);
    // Column sums of values near Double.MAX_VALUE overflow, and the means of values all below
    // about 1e-77 round where they are subnormal: then centre a copy scaled by an exact power
    // of two 2^-pre (the SVD gives the same vectors, and singular values times 2^-pre).
    int pre = preShift(raw, n, p);
    double[] source = pre == 0 ? raw : Rescaling.scaled(raw, -pre);
    double[] scaledMean = Centering.means("x", source, n, p, par);
    double[] data = new double[n * p];
    double scaledSquares = Centering.center(source, scaledMean, n, p, data, par);
    double[] mean = pre == 0 ? scaledMean : Rescaling.scaled(scaledMean, pre);
    double totalSquares = Math.scalb(scaledSquares, 2 * pre);
    monitor.report(0, 1, STEPS);
    // The squares of centred values beyond about 1e154 overflow and below 1e-154 underflow:
    // then the SVD runs on a copy scaled by an exact power of two 2^-shift (its singular values
    // keep their digits, which those of subnormal data would not) and the model takes the
    // variance ratios from the scaled values.
    int shift = PcaModel.squaresInRange(totalSquares) ? pre
        : pre + Rescaling.shiftIntoRange(Rescaling.largest(data), (long) n * p);
    Matrix centered = Matrix.wrap(n, p, shift == pre ? data
        : Rescaling.scaled(data, pre - shift));
    double norm = PcaModel.squaresInRange(totalSquares) ? Math.sqrt(totalSquares)
        : centered.frobeniusNorm();
    boolean exact = exact(n, p, k);
    Svd svd = exact ? Svd.exact(centered, threads)
        : Svd.truncated(centered, k, settings.seed(), threads);
    monitor.report(0, 2, STEPS);
    // the exact SVD's discarded singular values too: the model's noise variance is their mean
    double[] singular = exact ? svd.singularValues() : Arrays.copyOf(svd.singularValues(), k);
    double[] rows = svd.vt().toRowMajorArray();
    double[] comps = new double[k * p];
    System.arraycopy(rows, 0, comps, 0, k * p);
    return new PcaModel(settings, exact ? PcaSolver.EXACT : PcaSolver.RANDOMIZED,
        Matrix.wrap(k, p, comps), singular, mean, totalSquares, norm, shift, n, min);
  }

  /**
   * The exponent {@code s} of the copy {@code 2^-s x} to centre: 0 for ordinary data; where
   * column sums could overflow ({@link Rescaling#sumShift}), or every value is below about
   * {@code 1e-77} ({@link Rescaling#shiftIntoRange}), the shift into range.
   */
  private static int preShift(double[] raw, int n, int p) {
    double largest = Rescaling.largest(raw);
    if (Rescaling.sumShift(largest, n) > 0) {
      return Rescaling.shiftIntoRange(largest, (long) n * p);
    }
    return largest > 0 && largest < 0x1p-256 ? Rescaling.shiftIntoRange(largest, (long) n * p)
        : 0;
  }

  private boolean exact(int n, int p, int k) {
    switch (settings().solver()) {
      case EXACT:
        return true;
      case RANDOMIZED:
        return false;
      default:
        return Math.max(n, p) <= 500 || k >= 0.8 * Math.min(n, p);
    }
  }

  /**
   * Configures a {@link Pca}; every setter validates its argument at once.
   *
   * <p>{@link #seed}: of the randomized SVD's Gaussian test matrix, default 0.
   */
  public static final class Builder extends SeededBuilder<Builder> {
    /** Not set (null): {@code min(rows, cols)} of the data. */
    private Integer components;
    private PcaSolver solver = PcaSolver.AUTO;

    private Builder() {}

    private Builder(Pca pca) {
      PcaSettings s = pca.settings();
      components = s.components().isPresent() ? s.components().getAsInt() : null;
      solver = s.solver();
      seed(s.seed());
      runAs(s.threads(), pca);
    }

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

    /** The immutable configuration. */
    public Pca build() {
      OptionalInt k = components == null ? OptionalInt.empty() : OptionalInt.of(components);
      return new Pca(new PcaSettings(k, solver, seedValue(), threadCount()), this);
    }

    /**
     * Shorthand for {@code build().fit(x)}.
     *
     * @throws IllegalArgumentException as {@link Pca#fit}
     * @throws java.util.concurrent.CancellationException as {@link Pca#fit}
     */
    public PcaModel fit(Matrix x) {
      return build().fit(x);
    }
  }
}
