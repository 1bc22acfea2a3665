package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.MiniBatchConvergence;
import io.github.nmf4j.internal.Monitor;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The loop of a {@link MiniBatchNmf} fit, scikit-learn 1.2's {@code MiniBatchNMF._fit_transform}:
 * the start, the batch steps of {@link MiniBatchSolver} in order and cyclically, the
 * convergence tests, the final W solve with fresh restarts and the model.
 */
final class MiniBatchFitter {

  private MiniBatchFitter() {}

  /** The fit of a dense V. */
  static NmfModel fit(MiniBatchNmf estimator, Matrix v) {
    Parallel par = Parallel.of(estimator.settings().threads());
    return fit(estimator, ScaledData.of(v, "v", par), par);
  }

  /** The fit of a sparse V, from its stored entries. */
  static NmfModel fit(MiniBatchNmf estimator, SparseMatrix v) {
    Parallel par = Parallel.of(estimator.settings().threads());
    return fit(estimator, ScaledData.of(v, "v", par), par);
  }

  private static NmfModel fit(MiniBatchNmf estimator, ScaledData data, Parallel par) {
    return fit(estimator, data, par, MiniBatchScale.of(data, estimator.settings().beta()));
  }

  /**
   * The fit of {@code data} in the units of {@code scale}: the solver runs on V or its scaled
   * copy, and the factors, costs and errors are returned in the caller's units.
   */
  static NmfModel fit(MiniBatchNmf estimator, ScaledData v, Parallel par,
      MiniBatchScale scale) {
    MiniBatchNmfSettings s = estimator.settings();
    NmfSettings nmf = s.asNmfSettings();
    BetaMu.requirePositiveIfNeeded(nmf, v, "v");
    ScaledData data = scale.data(v, par);
    int n = data.n;
    int p = data.p;
    int k = s.rank();
    double[][] start = start(s, nmf, data, scale, par);
    double[] w = start[0];
    double[] h = start[1];
    MiniBatchRows x = MiniBatchRows.of(data);
    int batch = Math.min(s.batchSize(), n);
    double rho = Math.pow(s.forgetFactor(), batch / (double) n);
    MiniBatchSolver solver = new MiniBatchSolver(p, k, s.beta(), s.alphaW(), s.alphaH(),
        s.l1Ratio(), scale, batch, par);
    double[] a = h.clone();
    double[] b = new double[h.length];
    Arrays.fill(b, 1);
    double[] previous = h.clone();
    double[] batchW = s.freshRestarts() ? new double[batch * k] : null;
    int stepsPerPass = (n + batch - 1) / batch;
    long maxSteps = (long) s.maxIterations() * stepsPerPass;
    MiniBatchConvergence convergence =
        new MiniBatchConvergence(s.tolerance(), s.maxNoImprovement());
    double[] history = new double[s.maxIterations()];
    Monitor monitor = Monitor.of("mini-batch NMF fit", estimator.listener(), 1);
    boolean converged = false;
    long step = 0;
    while (step < maxSteps && !converged) {
      int row0 = (int) (step % stepsPerPass) * batch;
      int rows = Math.min(batch, n - row0);
      double cost = s.freshRestarts()
          ? solver.step(x, row0, rows, batchW, 0, h, true, s.freshRestartsMaxIterations(),
              s.tolerance(), a, b, rho)
          : solver.step(x, row0, rows, w, row0 * k, h, false, 0, 0, a, b, rho);
      step++;
      double change = relativeChange(h, previous);
      converged = convergence.stop(step, Math.min(rows / (double) (n + 1L), 1), cost, change);
      double ewa = convergence.smoothedCost();
      if ((step % stepsPerPass == 0 || converged) && !Double.isNaN(ewa)) {
        history[(int) ((step - 1) / stepsPerPass)] = scale.cost(ewa);
      }
      monitor.report(0, (int) Math.min(step, Integer.MAX_VALUE),
          (int) Math.min(maxSteps, Integer.MAX_VALUE), scale.cost(cost), change);
      System.arraycopy(h, 0, previous, 0, h.length);
    }
    if (s.freshRestarts()) {
      solver.solveW(x, 0, n, h, w, 0, s.transformMaxIterations(), s.tolerance());
    }
    int passes = (int) ((step + stepsPerPass - 1) / stepsPerPass);
    double[] errors = new double[2];
    solver.errors(x, n, w, h, errors);
    double error = s.loss() == Loss.FROBENIUS ? Math.sqrt(errors[1])
        : s.loss() == Loss.KULLBACK_LEIBLER ? errors[0] : Math.sqrt(2 * Math.max(0, errors[0]));
    error = scale.error(s.loss(), error);
    double norm = Math.sqrt(data.squaredNorm) * data.sqrtScale * data.sqrtScale;
    scale.toCaller(w);
    scale.toCaller(h);
    return new NmfModel(nmf, Initializer.choose(s, data),
        Matrix.wrap(n, k, w), Matrix.wrap(k, p, h), error,
        norm == 0 ? 0 : Math.sqrt(errors[1]) / norm, passes, converged,
        Arrays.copyOf(history, passes), 0, RowSolver.MINI_BATCH);
  }

  /**
   * scikit-learn's {@code MiniBatchNMF.transform}: W for the rows of {@code x} with the model's H
   * fixed, by {@link MiniBatchSolver#solveW} with the model's iteration limit ({@code
   * transformMaxIterations}) and tolerance, in the units {@link MiniBatchScale} gives {@code x}
   * (the rows as given, unless their largest value is beyond what the arithmetic survives).
   */
  static Matrix transform(NmfModel model, ScaledData x, Parallel par) {
    NmfSettings s = model.settings();
    int k = s.rank();
    int p = model.h().cols();
    if (x.p != p) {
      throw new IllegalArgumentException("x must have " + Phrases.count(p, "column")
          + " (as the data the model was fitted on), was " + x.n + "x" + x.p);
    }
    BetaMu.requirePositiveIfNeeded(s, x, "x");
    MiniBatchScale scale = MiniBatchScale.of(x, s.beta());
    ScaledData data = scale.data(x, par);
    double[] h = model.h().toRowMajorArray();
    scale.toStored(h);
    // solveW uses none of the batch sums, so they are sized for a single row
    MiniBatchSolver solver = new MiniBatchSolver(p, k, s.beta(), s.alphaW(), s.alphaH(),
        s.l1Ratio(), scale, 1, par);
    double[] w = new double[data.n * k];
    solver.solveW(MiniBatchRows.of(data), 0, data.n, h, w, 0, s.maxIterations(), s.tolerance());
    scale.toCaller(w);
    return Matrix.wrap(data.n, k, w);
  }

  /** {@code ||H - previous||_F / ||H||_F}, scikit-learn's {@code H_diff}. */
  static double relativeChange(double[] h, double[] previous) {
    double change = 0;
    double norm = 0;
    for (int i = 0; i < h.length; i++) {
      double d = h[i] - previous[i];
      change += d * d;
      norm += h[i] * h[i];
    }
    return Math.sqrt(change) / Math.sqrt(norm);
  }

  /**
   * The starting W and H in the units of {@code scale} (the caller's for ordinary data), {@code
   * data} the data in those units: the custom factors (in the caller's units), or those the
   * initialization draws, as {@link Nmf} starts with the same seed.
   */
  static double[][] start(MiniBatchNmfSettings s, NmfSettings nmf, ScaledData data,
      MiniBatchScale scale, Parallel par) {
    int k = s.rank();
    Initialization init = Initializer.choose(s, data);
    if (init == null) {
      double[] w = s.initialW().get().toRowMajorArray();
      double[] h = s.initialH().get().toRowMajorArray();
      scale.toStored(w);
      scale.toStored(h);
      return new double[][] {w, h};
    }
    SplittableRandom root = new SplittableRandom(s.seed());
    long svdSeed = root.split().nextLong();
    Initializer.ScaledSvd svd = Initializer.needsSvd(init)
        ? Initializer.svd(data, k, svdSeed, s.threads()) : null;
    Factors f = Initializer.initialize(init, nmf, data, k, svd, root.split());
    f.unscale(data);
    return new double[][] {f.w, f.h};
  }
}
