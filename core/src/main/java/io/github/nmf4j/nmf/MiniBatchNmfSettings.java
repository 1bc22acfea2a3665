package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import java.util.Optional;

/**
 * The settings of a {@link MiniBatchNmf}, as validated by its builder: every value that
 * determines a fit's result, and {@code threads} (results do not depend on it). See {@link
 * MiniBatchNmf.Builder} for what each value means and its default; the names are scikit-learn's
 * {@code MiniBatchNMF} parameters in camel case.
 *
 * @param rank the number of components k
 * @param loss the loss minimized
 * @param beta the beta of the loss's beta-divergence (2 Frobenius, 1 Kullback-Leibler, 0
 *     Itakura-Saito)
 * @param batchSize the rows per mini-batch
 * @param forgetFactor the weight of the past batches' statistics over a whole pass
 * @param maxIterations the most passes over the data
 * @param tolerance the relative change of H below which the fit stops (0: never)
 * @param maxNoImprovement the steps without a new lowest smoothed cost after which the fit
 *     stops (0: never)
 * @param freshRestarts whether each step solves the batch's W from scratch
 * @param freshRestartsMaxIterations the most W updates of such a solve
 * @param transformMaxIterations the most W updates of the final solve and of {@code transform}
 * @param alphaW the weight of the elastic-net penalty on W
 * @param alphaH the weight of the penalty on H (resolved: equal to {@code alphaW} when left at
 *     "same")
 * @param l1Ratio the share of the L1 part in both penalties
 * @param initialization the initialization chosen; empty for the default rule or custom factors
 * @param initialW the initial W of a custom start, if any
 * @param initialH the initial H of a custom start, if any
 * @param seed the seed of every random value
 * @param threads the most threads a fit uses
 */
public record MiniBatchNmfSettings(int rank, Loss loss, double beta, int batchSize,
    double forgetFactor, int maxIterations, double tolerance, int maxNoImprovement,
    boolean freshRestarts, int freshRestartsMaxIterations, int transformMaxIterations,
    double alphaW, double alphaH, double l1Ratio, Optional<Initialization> initialization,
    Optional<Matrix> initialW, Optional<Matrix> initialH, long seed, int threads)
    implements FactorizationSettings {

  /**
   * The {@link Nmf} settings of the models this fit returns: the same rank, loss, penalties and
   * seed, the multiplicative update, and {@code transformMaxIterations} as its iteration limit,
   * so that {@link NmfModel#transform} solves W as this estimator does.
   */
  NmfSettings asNmfSettings() {
    Nmf.Builder b = Nmf.builder().rank(rank).betaLoss(beta).alphaW(alphaW).alphaH(alphaH)
        .l1Ratio(l1Ratio).maxIterations(transformMaxIterations).tolerance(tolerance)
        .seed(seed).threads(threads);
    initialization.ifPresent(b::initialization);
    return b.build().settings();
  }
}
