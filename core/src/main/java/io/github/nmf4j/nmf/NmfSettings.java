package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;

/**
 * The settings of an {@link Nmf}, as validated by its builder: every value that determines a
 * fit's result, and nothing about how it runs besides {@code threads} (no executor, no listener).
 * {@link NmfModel#settings()} keeps the record of the fit it came from. See {@link Nmf.Builder}
 * for what each value means and its default.
 *
 * @param rank the number of components k
 * @param loss the loss minimized
 * @param solver the solver
 * @param initialization the initialization chosen; empty for the default rule (NNDSVDA when
 *     {@code rank <= min(n, p)}, else RANDOM) or when initial factors are given
 * @param initialW the initial W of a custom start, if any
 * @param initialH the initial H of a custom start, if any
 * @param maxIterations the most iterations per restart
 * @param tolerance the relative-improvement tolerance of the convergence test (0: run all)
 * @param checkEvery the iterations between two loss evaluations
 * @param epsilon the guard added to every denominator of a multiplicative update
 * @param seed the seed of every random value of a fit
 * @param restarts the number of restarts from random starts; the lowest final loss is kept
 * @param threads the most threads a fit uses (results do not depend on it)
 * @param normalizeColumnsOfW whether the Kullback-Leibler update normalizes W's columns to sum 1
 *     (Lee and Seung 1999)
 * @param alphaW the weight of the elastic-net penalty on W, scikit-learn's {@code alpha_W} (0:
 *     none)
 * @param alphaH the weight of the penalty on H, {@code alpha_H} (resolved: equal to {@code
 *     alphaW} when the builder was left at scikit-learn's {@code "same"})
 * @param l1Ratio the share of the L1 part in both penalties, from 0 (L2 alone) to 1 (L1 alone)
 * @param beta the beta of the loss's beta-divergence, scikit-learn's {@code beta_loss}: 2 for
 *     {@link Loss#FROBENIUS}, 1 for {@link Loss#KULLBACK_LEIBLER}, 0 for {@link
 *     Loss#ITAKURA_SAITO}, the value given to {@link Nmf.Builder#betaLoss} for {@link
 *     Loss#BETA_DIVERGENCE}
 * @param missingValues what a fit does with NaN entries of V (and a sparse V's unstored ones)
 */
public record NmfSettings(int rank, Loss loss, Solver solver,
    Optional<Initialization> initialization, Optional<Matrix> initialW,
    Optional<Matrix> initialH, int maxIterations, double tolerance, int checkEvery,
    double epsilon, long seed, int restarts, int threads, boolean normalizeColumnsOfW,
    double alphaW, double alphaH, double l1Ratio, double beta,
    MissingValues missingValues) implements FactorizationSettings {

  /** These settings with {@code threads} threads. */
  NmfSettings withThreads(int threads) {
    return new NmfSettings(rank, loss, solver, initialization, initialW, initialH, maxIterations,
        tolerance, checkEvery, epsilon, seed, restarts, threads, normalizeColumnsOfW, alphaW,
        alphaH, l1Ratio, beta, missingValues);
  }

  /**
   * The denominator of the convergence test {@code (previous - current) / initial} for a start
   * whose error (as {@link Loss#convergenceError}) is {@code initialError}: that error, as
   * scikit-learn's test for the multiplicative updates, but for HALS at most {@code ||V||} (the
   * error of {@code W = 0}; {@code squaredNorm} is {@code ||V||^2} in the loss's units, over the
   * observed entries of a masked fit). scikit-learn's cd tests its projected gradient, not the
   * loss; with the start's error alone, an NNDSVDA start at a high rank, whose weak components
   * hold its fill {@code mean(V)} in every entry, made the test stop HALS far from convergence
   * (the digits at rank 32: a start 34 times {@code ||V||}, stopped after 50 iterations at a
   * relative error of 0.151; capped, 150 iterations and 0.136, cd 0.135 in 200). A V of zeros
   * (over its observed entries) has no such scale: the start's error stays the denominator, so
   * that a start away from 0 is still fitted rather than declared converged at the first test.
   */
  double convergenceScale(double initialError, double squaredNorm) {
    return solver == Solver.HALS && squaredNorm > 0
        ? Math.min(initialError, Math.sqrt(squaredNorm)) : initialError;
  }

  /**
   * The convergence test at a check: {@code (previousError - error) / scale < tolerance}, {@code
   * scale} from {@link #convergenceScale}; a scale of 0 stops at once, a tolerance of 0 never.
   */
  boolean converged(double previousError, double error, double scale) {
    return tolerance > 0 && (scale == 0 || (previousError - error) / scale < tolerance);
  }

  /** Whether a penalty is set ({@code alphaW} or {@code alphaH} positive). */
  boolean penalized() {
    return alphaW > 0 || alphaH > 0;
  }

  @Override
  public String toString() {
    return "Nmf[rank=" + rank + ", loss=" + loss
        + (loss == Loss.BETA_DIVERGENCE ? ", beta=" + beta : "") + ", solver=" + solver
        + ", initialization="
        + (initialW.isPresent() ? "custom" : initialization.map(Enum::name).orElse("default"))
        + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", checkEvery="
        + checkEvery + ", epsilon=" + epsilon + ", seed=" + seed + ", restarts=" + restarts
        + ", threads=" + threads + (normalizeColumnsOfW ? ", normalizeColumnsOfW" : "")
        + (penalized() ? ", alphaW=" + alphaW + ", alphaH=" + alphaH + ", l1Ratio=" + l1Ratio
            : "")
        + (missingValues == MissingValues.IGNORE ? ", missingValues=IGNORE" : "") + "]";
  }
}
