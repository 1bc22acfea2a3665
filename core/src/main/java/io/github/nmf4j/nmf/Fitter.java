package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Drives a fit: validates V, initializes, iterates an {@link UpdateRule} with scikit-learn's
 * convergence test, reports progress, runs restarts and returns the best model; and the
 * transform, which iterates the solver's W-only rule from a constant start.
 */
final class Fitter {

  private Fitter() {}

  /** Receives every iteration of one restart. */
  @FunctionalInterface
  private interface Observer {
    /** {@code loss} in the caller's units when this iteration computed it, else NaN. */
    void onIteration(int iteration, double loss);
  }

  /** How the iterations of one restart went; the losses in the caller's units. */
  private record Trace(int iterations, boolean converged, double[] history) {}

  /** The outcome of one restart. */
  private record Attempt(Factors factors, Trace trace, Residuals residuals, double loss) {}

  static NmfModel fit(Nmf nmf, Matrix v) {
    Parallel par = Parallel.of(nmf.settings().threads());
    if (nmf.settings().missingValues() == MissingValues.IGNORE) {
      // Without a NaN, IGNORE is the ordinary fit (bit for bit).
      Observed observed = Observed.ofDense(v, "v", par);
      if (observed != null) {
        return fit(nmf, observed.start, observed, par);
      }
    }
    return fit(nmf, ScaledData.of(v, "v", par), null, par);
  }

  static NmfModel fit(Nmf nmf, SparseMatrix v) {
    Parallel par = Parallel.of(nmf.settings().threads());
    if (nmf.settings().missingValues() == MissingValues.IGNORE) {
      Observed observed = Observed.ofSparse(v, "v", par);
      return fit(nmf, observed.start, observed, par);
    }
    return fit(nmf, ScaledData.of(v, "v", par), null, par);
  }

  /**
   * The fit of {@code data}; with {@code observed} (missing values) the masked rules and errors
   * over the observed entries, {@code data} then being the start's data ({@link Observed}).
   */
  private static NmfModel fit(Nmf nmf, ScaledData data, Observed observed, Parallel par) {
    NmfSettings settings = nmf.settings();
    BetaMu.requirePositiveIfNeeded(settings, data, "v");
    Problem problem = new Problem(settings, data, settings.rank(), par);
    UpdateRule.Factory solver = Solvers.factory(settings);
    Initialization init = Initializer.choose(settings, data);
    boolean randomStart = init == Initialization.RANDOM || init == Initialization.NNDSVDAR;
    int runs = randomStart ? settings.restarts() : 1;
    SplittableRandom root = new SplittableRandom(settings.seed());
    // The SVD is the deterministic part of the NNDSVD starts: computed once for all restarts.
    long svdSeed = root.split().nextLong();
    Initializer.ScaledSvd svd = Initializer.needsSvd(init)
        ? Initializer.svd(data, problem.rank(), svdSeed, settings.threads()) : null;
    Monitor monitor = Monitor.of("NMF fit", nmf.listener(), runs);
    Attempt best = null;
    int bestRestart = 0;
    for (int r = 0; r < runs; r++) {
      Factors start =
          Initializer.initialize(init, settings, data, problem.rank(), svd, root.split());
      if (r == runs - 1) {
        svd = null; // U and V' (5 MB for 12,000 x 20,000 at rank 20) are not held by the fit
      }
      int restart = r;
      // the rule is no local here: its buffers may go before the residuals' are made
      Trace trace = iterate(problem,
          observed == null ? solver.fit(problem, start) : observed.rule(problem, start),
          observed == null ? data.squaredNorm : observed.squaredNorm,
          (iteration, loss) ->
              monitor.report(restart, iteration, settings.maxIterations(), loss, Double.NaN));
      Residuals residuals = observed == null ? Residuals.of(problem, start)
          : observed.residuals(start.w, start.h, start.rank, settings.epsilon(),
              settings.loss() == Loss.KULLBACK_LEIBLER, par);
      Attempt a = new Attempt(start, trace, residuals, residuals.of(settings.loss()));
      if (best == null || a.loss < best.loss) {
        best = a;
        bestRestart = r;
      }
    }
    Factors f = best.factors;
    if (settings.normalizeColumnsOfW()) {
      // W's columns sum to 1 in stored units; keep them so, and give H the whole scale 4^m.
      data.unscale(f.h);
      data.unscale(f.h);
    } else {
      f.unscale(data);
    }
    double norm = Math.sqrt(observed == null ? data.squaredNorm : observed.squaredNorm);
    double relative = norm == 0 ? 0 : Math.sqrt(best.residuals.squaredFrobenius) / norm;
    return new NmfModel(settings, init,
        Matrix.wrap(data.n, f.rank, f.w), Matrix.wrap(f.rank, data.p, f.h),
        settings.loss().toCallerUnits(best.loss, data, settings.beta()),
        relative, best.trace.iterations, best.trace.converged, best.trace.history, bestRestart);
  }

  /**
   * W for the rows of {@code x} with the model's H fixed: the solver's W-only rule with the
   * fit's loss, iteration limit and convergence test, from W = {@code sqrt(mean(x) / k)}. For a
   * model fitted with {@link MissingValues#IGNORE} and an {@code x} with NaN, the masked rule's
   * W half instead; an {@code x} with no observed entry gives zeros.
   */
  static Matrix transform(NmfModel model, Matrix x) {
    Arguments.requireNonNull(x, "x");
    requireColumns(model, x.cols(), x.shape());
    Parallel par = Parallel.of(model.settings().threads());
    if (model.settings().missingValues() == MissingValues.IGNORE) {
      // As for the fit: without a NaN, the ordinary transform (bit for bit); with nothing
      // observed, the zero row of a row without observed entries, for every row.
      Observed observed = Observed.ofDenseOrNothing(x, "x", par);
      if (observed == Observed.NOTHING) {
        Parallel.checkInterrupt(); // as every other x, which the iterations check
        return Matrix.zeros(x.rows(), model.rank());
      }
      if (observed != null) {
        return transform(model, observed, par);
      }
    }
    return transform(model, ScaledData.of(x, "x", par), par);
  }

  /** As {@link #transform(NmfModel, Matrix)} for a sparse {@code x}, never densified. */
  static Matrix transform(NmfModel model, SparseMatrix x) {
    Arguments.requireNonNull(x, "x");
    requireColumns(model, x.cols(), x.shape());
    Parallel par = Parallel.of(model.settings().threads());
    if (model.settings().missingValues() == MissingValues.IGNORE) {
      if (x.rows() > 0 && x.nonZeros() == 0) {
        // nothing observed: every row gets the zero row of a row without observed entries
        Parallel.checkInterrupt();
        return Matrix.zeros(x.rows(), model.rank());
      }
      return transform(model, Observed.ofSparse(x, "x", par), par);
    }
    return transform(model, ScaledData.of(x, "x", par), par);
  }

  /**
   * The transform of a model fitted with {@link MissingValues#IGNORE} for an {@code x} with
   * unobserved entries: the masked rule of the fit with H fixed (W alone), from W = {@code
   * sqrt(mean of the observed entries / k)}, with the fit's iteration limit and convergence
   * test.
   */
  private static Matrix transform(NmfModel model, Observed observed, Parallel par) {
    NmfSettings settings = model.settings();
    ScaledData data = observed.start;
    int shift = Initializer.transformShift(data, model.h());
    Problem problem = new Problem(settings, data, model.rank(), par, shift);
    Factors start = Initializer.forTransform(data, model.h(), observed.observedMean(), shift);
    iterate(problem, observed.rule(problem, start, false), observed.squaredNorm,
        (iteration, loss) -> { });
    Initializer.unscaleTransform(data, start.w, shift);
    return Matrix.wrap(data.n, start.rank, start.w);
  }

  private static void requireColumns(NmfModel model, int cols, String shape) {
    if (cols != model.h().cols()) {
      throw new IllegalArgumentException("x must have " + Phrases.count(model.h().cols(),
          "column") + " (as the data the model was fitted on), was " + shape);
    }
  }

  private static Matrix transform(NmfModel model, ScaledData data, Parallel par) {
    NmfSettings settings = model.settings();
    BetaMu.requirePositiveIfNeeded(settings, data, "x");
    Matrix h = model.h();
    int shift = Initializer.transformShift(data, h);
    Problem problem = new Problem(settings, data, model.rank(), par, shift);
    Factors start = Initializer.forTransform(data, h, data.mean(), shift);
    iterate(problem, Solvers.factory(settings).transform(problem, start), data.squaredNorm,
        (iteration, loss) -> { });
    Initializer.unscaleTransform(data, start.w, shift);
    return Matrix.wrap(data.n, start.rank, start.w);
  }

  /**
   * Iterates {@code rule} until scikit-learn's convergence test holds or the iterations run out:
   * every {@code checkEvery} iterations the loss is computed and the run stops when {@code
   * (previous - current) / initial < tolerance} (the values compared as {@link
   * Loss#convergenceError}, {@code initial} as {@link NmfSettings#convergenceScale} says, with
   * {@code squaredNorm} that of the data the loss is over: V in stored units, or its observed
   * entries).
   */
  private static Trace iterate(Problem problem, UpdateRule rule, double squaredNorm,
      Observer observer) {
    NmfSettings settings = problem.settings();
    Loss lossType = settings.loss();
    ScaledData data = problem.data();
    int maxIterations = settings.maxIterations();
    int checkEvery = settings.checkEvery();
    double[] history = new double[16];
    int checks = 0;
    double initial = rule.loss();
    history[checks++] = lossType.toCallerUnits(initial, data, settings.beta());
    double initialError = lossType.convergenceError(initial);
    double scale = settings.convergenceScale(initialError, squaredNorm);
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
        reported = lossType.toCallerUnits(loss, data, settings.beta());
        if (checks == history.length) {
          history = Arrays.copyOf(history, 2 * checks);
        }
        history[checks++] = reported;
        double error = lossType.convergenceError(loss);
        converged = settings.converged(previousError, error, scale);
        previousError = error;
      }
      observer.onIteration(iteration, reported);
    }
    return new Trace(iteration, converged, Arrays.copyOf(history, checks));
  }
}
