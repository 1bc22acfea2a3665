package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives a fit: validates V, initializes, iterates an {@link UpdateRule} with scikit-learn's
 * convergence test, reports progress, runs restarts and returns the best model.
 */
final class Fitter {

  private Fitter() {}

  /** The outcome of one restart, in scaled units. */
  private static final class Attempt {
    final double[] w;
    final double[] h;
    final int iterations;
    final boolean converged;
    final double[] history;
    final Residuals residuals;
    /** The final loss in scaled units, the restarts' ranking key (NaN for a transform). */
    final double loss;

    Attempt(double[] w, double[] h, int iterations, boolean converged, double[] history,
        Residuals residuals, Loss lossType) {
      this.w = w;
      this.h = h;
      this.iterations = iterations;
      this.converged = converged;
      this.history = history;
      this.residuals = residuals;
      this.loss = residuals == null ? Double.NaN : lossType == Loss.FROBENIUS
          ? Math.sqrt(residuals.squaredFrobenius) : residuals.divergence;
    }
  }

  static NmfModel fit(Nmf config, Matrix v) {
    Parallel par = Parallel.of(config.threads());
    ScaledData data = ScaledData.of(v, "v", par);
    int k = config.rank();
    Initialization init = chooseInitialization(config, data);
    boolean randomStart = init == Initialization.RANDOM || init == Initialization.NNDSVDAR;
    int runs = randomStart ? config.restarts() : 1;
    SplittableRandom root = new SplittableRandom(config.seed());
    // The SVD is the deterministic part of the NNDSVD starts: computed once for all restarts.
    long svdSeed = root.split().nextLong();
    int[] svdHalfExponent = new int[1];
    Svd svd = Initializer.needsSvd(init)
        ? Initializer.svd(v, data, k, svdSeed, config.threads(), svdHalfExponent) : null;
    AtomicBoolean cancelled = new AtomicBoolean();
    Attempt best = null;
    int bestRestart = 0;
    for (int r = 0; r < runs; r++) {
      double[][] f = Initializer.initialize(init, config, data, k, svd, svdHalfExponent[0],
          root.split());
      Attempt a = run(config, data, k, f[0], f[1], true, r, runs, config.listener(), cancelled,
          par);
      if (best == null || a.loss < best.loss) {
        best = a;
        bestRestart = r;
      }
    }
    if (config.normalizesColumnsOfW()) {
      // W's columns sum to 1 in stored units; keep them so, and give H the whole scale 4^m.
      data.unscale(best.h);
      data.unscale(best.h);
    } else {
      data.unscale(best.w);
      data.unscale(best.h);
    }
    double norm = Math.sqrt(data.squaredNorm);
    double relative = norm == 0 ? 0 : Math.sqrt(best.residuals.squaredFrobenius) / norm;
    return new NmfModel(config, init, Matrix.wrap(data.n, k, best.w),
        Matrix.wrap(k, data.p, best.h), unscale(best.loss, data), relative, best.iterations,
        best.converged, best.history, bestRestart);
  }

  /**
   * W for the rows of {@code x} with the model's H fixed: the same solver, loss, iteration limit
   * and convergence test as the fit, from W = {@code sqrt(mean(x) / k)}.
   */
  static Matrix transform(NmfModel model, Matrix x) {
    Nmf config = model.config();
    Matrix hm = model.h();
    Arguments.requireNonNull(x, "x");
    if (x.cols() != hm.cols()) {
      throw new IllegalArgumentException("x must have " + hm.cols()
          + " columns (as the data the model was fitted on), was " + x.shape());
    }
    Parallel par = Parallel.of(config.threads());
    ScaledData data = ScaledData.of(x, "x", par);
    int k = model.rank();
    double[] h = hm.toRowMajorArray();
    data.scale(h);
    double[] w = Initializer.constant(data, k);
    run(config, data, k, w, h, false, 0, 1, NmfListener.NONE, new AtomicBoolean(), par);
    data.unscale(w);
    return Matrix.wrap(data.n, k, w);
  }

  private static Initialization chooseInitialization(Nmf config, ScaledData data) {
    int k = config.rank();
    if (config.initialW().isPresent()) {
      Matrix w0 = config.initialW().get();
      Matrix h0 = config.initialH().get();
      if (w0.rows() != data.n || h0.cols() != data.p) {
        throw new IllegalArgumentException("initial factors must be " + data.n + "x" + k
            + " and " + k + "x" + data.p + " for a " + data.n + "x" + data.p
            + " matrix at rank " + k + ", were " + w0.shape() + " and " + h0.shape());
      }
      return null;
    }
    int smaller = Math.min(data.n, data.p);
    Initialization init = config.initialization().orElse(
        k <= smaller ? Initialization.NNDSVDA : Initialization.RANDOM);
    if (init != Initialization.RANDOM && k > smaller) {
      throw new IllegalArgumentException(init + " needs rank <= min(n, p) = " + smaller
          + " for a " + data.n + "x" + data.p + " matrix, was " + k);
    }
    return init;
  }

  static UpdateRule rule(Nmf config, ScaledData data, double[] w, double[] h, int k,
      boolean updateH, Parallel par) {
    double eps = config.epsilon();
    switch (config.solver()) {
      case MULTIPLICATIVE_UPDATE:
        return config.loss() == Loss.FROBENIUS
            ? new FrobeniusMu(data, w, h, k, eps, updateH, par)
            : config.normalizesColumnsOfW() && updateH
            ? new ColumnNormalizedW(
                new KullbackLeiblerMu(data, w, h, k, eps, updateH, true, par), data, w, k)
            : new KullbackLeiblerMu(data, w, h, k, eps, updateH, par);
      case HALS:
        return new FrobeniusHals(data, w, h, k, updateH, par);
      default:
        throw new AssertionError(config.solver());
    }
  }

  private static Attempt run(Nmf config, ScaledData data, int k, double[] w, double[] h,
      boolean updateH, int restart, int restarts, NmfListener listener,
      AtomicBoolean cancelled, Parallel par) {
    UpdateRule rule = rule(config, data, w, h, k, updateH, par);
    Loss lossType = config.loss();
    int maxIterations = config.maxIterations();
    int checkEvery = config.checkEvery();
    double tolerance = config.tolerance();
    double[] history = new double[16];
    int checks = 0;
    double initial = rule.loss();
    history[checks++] = unscale(initial, data);
    double initialError = convergenceError(lossType, initial);
    double previousError = initialError;
    boolean converged = false;
    int iteration = 0;
    while (iteration < maxIterations && !converged) {
      Parallel.checkInterrupt();
      if ((iteration + 1) % checkEvery == 0) {
        rule.requestLoss();
      }
      rule.iterate();
      iteration++;
      double reported = Double.NaN;
      if (iteration % checkEvery == 0) {
        double loss = rule.loss();
        reported = unscale(loss, data);
        if (checks == history.length) {
          history = Arrays.copyOf(history, 2 * checks);
        }
        history[checks++] = reported;
        double error = convergenceError(lossType, loss);
        converged = tolerance > 0
            && (initialError == 0 || (previousError - error) / initialError < tolerance);
        previousError = error;
      }
      listener.onIteration(
          new NmfProgress(iteration, maxIterations, restart, restarts, reported, cancelled));
      if (cancelled.get()) {
        throw new CancellationException("NMF fit cancelled by its listener");
      }
    }
    // A transform (H fixed) reports no errors, so it skips the final pass.
    Residuals residuals = !updateH ? null : Residuals.of(
        data, w, h, k, config.epsilon(), lossType == Loss.KULLBACK_LEIBLER, par);
    return new Attempt(w, h, iteration, converged, Arrays.copyOf(history, checks), residuals,
        lossType);
  }

  /** The value scikit-learn's convergence test compares: the norm, or {@code sqrt(2 D)}. */
  private static double convergenceError(Loss loss, double value) {
    return loss == Loss.FROBENIUS ? value : Math.sqrt(2 * value);
  }

  /** A loss in scaled units to the caller's units (both losses scale linearly with V). */
  private static double unscale(double loss, ScaledData data) {
    return Math.scalb(loss, 2 * data.halfExponent);
  }
}
