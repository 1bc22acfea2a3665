package io.github.nmf4j.nmf;

/**
 * The exact final errors of a fit, {@code ||V_s - WH||_F^2} and (when asked) the generalized KL
 * divergence {@code D(V_s || WH)}, computed by the data ({@link ScaledData#residuals}) without
 * ever holding WH whole.
 */
final class Residuals {

  final double squaredFrobenius;
  /** {@code D(V_s || WH)}, or NaN when not asked for. */
  final double divergence;

  Residuals(double squaredFrobenius, double divergence) {
    this.squaredFrobenius = squaredFrobenius;
    this.divergence = divergence;
  }

  /** The final value of {@code loss} in scaled units, as {@link UpdateRule#loss()} reports it. */
  double of(Loss loss) {
    return loss == Loss.FROBENIUS ? Math.sqrt(squaredFrobenius) : divergence;
  }

  /** The errors of {@code factors}; the divergence only when the problem's loss is KL. */
  static Residuals of(Problem problem, Factors factors) {
    return problem.data().residuals(factors.w, factors.h, factors.rank, problem.epsilon(),
        problem.loss() == Loss.KULLBACK_LEIBLER, problem.par());
  }
}
