package io.github.nmf4j.decomposition;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.concurrent.Executor;

/**
 * A fitted principal component analysis: the components (rows of {@code V^T} of the centered
 * data's SVD), their variances and the feature means. Immutable and safe to share between
 * threads; every accessor returns a copy or an immutable matrix.
 *
 * <p>{@link #transform} projects onto the components, {@code Z = (X - 1 mu^T) C^T}; {@link
 * #inverseTransform} maps back, {@code X' = Z C + 1 mu^T}, which is exact when all {@code
 * min(n, p)} components are kept.
 *
 * <p><b>Threads.</b> {@link #transform} and {@link #inverseTransform} use up to {@code
 * settings().threads()} threads: the calling thread and helpers from the shared pool, or from
 * the {@link Executor} given to their overloads. The model keeps no executor and no listener,
 * only the data-only {@link #settings()} record; results do not depend on the threads.
 */
public final class PcaModel {

  private final Matrix components;
  private final double[] singularValues;
  private final double[] mean;
  private final double[] explainedVariance;
  private final double[] explainedVarianceRatio;
  private final double noiseVariance;
  private final int samples;
  private final PcaSettings settings;
  private final PcaSolver solverUsed;
  private final int threads;

  /**
   * {@code totalSquares} is {@code ||X - 1 mu^T||_F^2} summed plainly; where it overflowed or
   * underflowed ({@link #squaresInRange}) the SVD ran on the centred data times {@code
   * 2^-shift}, whose singular values {@code scaledSingular} and norm {@code norm} give the
   * ratios, and the singular values are {@code scaledSingular} times {@code 2^shift}. {@code
   * scaledSingular} holds the {@code k = components.rows()} kept values, then, from an exact
   * SVD, all the discarded ones (whose mean variance is the noise variance).
   */
  PcaModel(PcaSettings settings, PcaSolver solverUsed, Matrix components,
      double[] scaledSingular, double[] mean, double totalSquares, double norm, int shift,
      int samples, int maxComponents) {
    this.settings = settings;
    this.solverUsed = solverUsed;
    this.threads = settings.threads();
    this.components = components;
    int k = components.rows();
    double[] singularValues = new double[k];
    for (int j = 0; j < k; j++) {
      singularValues[j] = Math.scalb(scaledSingular[j], shift);
    }
    this.singularValues = singularValues;
    this.mean = mean;
    this.samples = samples;
    explainedVariance = new double[k];
    explainedVarianceRatio = new double[k];
    double totalVariance = totalSquares / (samples - 1);
    double kept = 0;
    double keptShare = 0;
    boolean plain = squaresInRange(totalSquares);
    // every direction the SVD gives: the k kept ones, then (exact SVD) the discarded ones, whose
    // variances (plain) or shares of the squared norm (otherwise) add up to the noise variance
    double discarded = 0;
    for (int j = 0; j < scaledSingular.length; j++) {
      double s = Math.scalb(scaledSingular[j], shift);
      double variance = s * s / (samples - 1);
      double share = 0;
      if (plain) {
        share = variance / totalVariance;
      } else if (norm > 0) {
        double r = scaledSingular[j] / norm;
        share = r * r;
      }
      if (j < k) {
        explainedVariance[j] = variance;
        explainedVarianceRatio[j] = share;
        kept += variance;
        keptShare += share;
      } else {
        discarded += plain ? variance : share;
      }
    }
    double dataNorm = Math.scalb(norm, shift);
    if (k == maxComponents) {
      noiseVariance = 0;
    } else if (scaledSingular.length == maxComponents) {
      // scikit-learn's full solver: the mean of the discarded variances, which keeps the digits
      // that the total minus the kept variance cancels (to 0 for a discarded share below 1e-16)
      noiseVariance = plain ? discarded / (maxComponents - k)
          : discarded * dataNorm / (samples - 1) * dataNorm / (maxComponents - k);
    } else if (plain) {
      noiseVariance = Math.max(0, totalVariance - kept) / (maxComponents - k);
    } else {
      noiseVariance = Math.max(0, 1 - keptShare) * dataNorm / (samples - 1) * dataNorm
          / (maxComponents - k);
    }
  }

  /**
   * Whether a plain sum of squares {@code totalSquares} neither overflowed nor underflowed
   * (and is not 0: constant data), so that variances can be divided by it.
   */
  static boolean squaresInRange(double totalSquares) {
    return totalSquares >= Double.MIN_NORMAL && totalSquares <= Double.MAX_VALUE;
  }

  /**
   * The solver that ran: {@link PcaSolver#EXACT} or {@link PcaSolver#RANDOMIZED}, the one asked
   * for or, for {@link PcaSolver#AUTO} (which {@link #settings()} keeps), the one its rule chose
   * (scikit-learn's {@code _fit_svd_solver}). A randomized SVD of a small input is itself
   * computed exactly ({@link io.github.nmf4j.linalg.Svd#truncated}).
   */
  public PcaSolver solverUsed() {
    return solverUsed;
  }

  /** The settings this model was fitted with (seed included; no executor or listener). */
  public PcaSettings settings() {
    return settings;
  }

  /** The number of components {@code k}. */
  public int componentCount() {
    return singularValues.length;
  }

  /** The components as rows, {@code k x p}, orthonormal, by decreasing explained variance. */
  public Matrix components() {
    return components;
  }

  /**
   * The variance of the data along each component, {@code s_j^2 / (n - 1)} (infinite where it
   * exceeds {@code Double.MAX_VALUE}, 0 where it is below the smallest double).
   */
  public double[] explainedVariance() {
    return explainedVariance.clone();
  }

  /**
   * Each component's share of the total variance (0 for constant data); computed with scaling
   * when the variances themselves overflow or underflow, so it is finite for any finite data.
   */
  public double[] explainedVarianceRatio() {
    return explainedVarianceRatio.clone();
  }

  /**
   * The average variance of the discarded directions (scikit-learn's {@code noise_variance_},
   * Tipping and Bishop 1999); 0 when all components are kept. As scikit-learn: after an exact
   * SVD the mean of the discarded variances {@code s_j^2 / (n - 1)}; after a randomized one,
   * which has not computed them, the total variance minus the kept variance, divided by {@code
   * min(n, p) - k} (0 where the discarded share is below double's precision, about 1e-16).
   */
  public double noiseVariance() {
    return noiseVariance;
  }

  /** The singular values of the centered data for the kept components. */
  public double[] singularValues() {
    return singularValues.clone();
  }

  /** The feature means {@code mu} subtracted before the SVD. */
  public double[] mean() {
    return mean.clone();
  }

  /** The number of samples the model was fitted on. */
  public int samples() {
    return samples;
  }

  /**
   * The scores {@code (X - 1 mu^T) C^T}, {@code n x k}. A score within the double range is
   * finite even where centred values overflow (data of either sign near {@code
   * Double.MAX_VALUE}); only a score beyond it is infinite.
   *
   * @throws IllegalArgumentException if {@code x} is null, does not have {@code p} columns, or
   *     holds NaN or infinity
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
    return Parallel.using(executor, () -> transformOnCaller(x));
  }

  private Matrix transformOnCaller(Matrix x) {
    int p = mean.length;
    PcaChecks.checkColumns("x", x, p, "one per feature");
    double[] data = new double[x.rows() * p];
    Centering.center(MatrixAccess.data(x), mean, x.rows(), p, data, Parallel.of(threads));
    Matrix scores = Matrix.wrap(x.rows(), p, data).multiplyTranspose(components, threads);
    return allFinite(scores) ? scores : scaledTransform(x);
  }

  /**
   * The scores of finite data whose centred values or their sums overflow (values of either
   * sign near {@code Double.MAX_VALUE}): computed on {@code x} and {@code mu} scaled by an exact
   * power of two {@code 2^-s} and scaled back, so that a score within the double range is
   * finite; only a score beyond it is infinite.
   */
  private Matrix scaledTransform(Matrix x) {
    int p = mean.length;
    double[] raw = MatrixAccess.data(x);
    double largest = Math.max(Rescaling.largest(raw), Rescaling.largest(mean));
    int shift = Math.max(1, Rescaling.shift(largest, (long) x.rows() * p));
    double[] data = new double[x.rows() * p];
    Centering.center(Rescaling.scaled(raw, -shift), Rescaling.scaled(mean, -shift), x.rows(), p,
        data, Parallel.of(threads));
    double[] scores = Matrix.wrap(x.rows(), p, data).multiplyTranspose(components, threads)
        .toRowMajorArray();
    return Matrix.wrap(x.rows(), componentCount(), Rescaling.scaled(scores, shift));
  }

  private static boolean allFinite(Matrix m) {
    for (double v : MatrixAccess.data(m)) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Maps scores back to the data space, {@code Z C + 1 mu^T}, {@code n x p}.
   *
   * @throws IllegalArgumentException if {@code z} is null, does not have {@code k} columns, or
   *     holds NaN or infinity
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public Matrix inverseTransform(Matrix z) {
    return inverseTransform(z, null);
  }

  /**
   * {@link #inverseTransform(Matrix)} with its helper threads run by {@code executor} (null: the
   * shared pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #inverseTransform(Matrix)}
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted (the
   *     interrupt flag stays set)
   */
  public Matrix inverseTransform(Matrix z, Executor executor) {
    PcaChecks.checkColumns("z", z, componentCount(), "one per component");
    int p = mean.length;
    double[] data = Parallel.using(executor, () -> z.multiply(components, threads))
        .toRowMajorArray();
    for (int i = 0; i < z.rows(); i++) {
      for (int j = 0; j < p; j++) {
        data[i * p + j] += mean[j];
      }
    }
    return Matrix.wrap(z.rows(), p, data);
  }

  @Override
  public String toString() {
    return "PcaModel[" + componentCount() + " components of " + mean.length + " features, "
        + samples + " samples]";
  }
}
