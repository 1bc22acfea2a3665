package io.github.nmf4j.nmf;

/**
 * The exact final errors of a fit, {@code ||V_s - WH||_F^2} and (when asked) the divergence of
 * the loss {@code D(V_s || WH)}, computed by the data ({@link ScaledData#residuals}; the
 * beta-divergences by a pass of {@link BetaMu}) without ever holding WH whole.
 */
final class Residuals {

  final double squaredFrobenius;
  /** {@code D(V_s || WH)} of the loss, or NaN when not asked for (Frobenius). */
  final double divergence;

  Residuals(double squaredFrobenius, double divergence) {
    this.squaredFrobenius = squaredFrobenius;
    this.divergence = divergence;
  }

  /** The final value of {@code loss} in scaled units, as {@link UpdateRule#loss()} reports it. */
  double of(Loss loss) {
    return loss == Loss.FROBENIUS ? Math.sqrt(squaredFrobenius) : divergence;
  }

  /** The errors of {@code factors}; the divergence when the problem's loss is not Frobenius. */
  static Residuals of(Problem problem, Factors factors) {
    Loss loss = problem.loss();
    Residuals r = problem.data().residuals(factors.w, factors.h, factors.rank,
        problem.epsilon(), loss == Loss.KULLBACK_LEIBLER, problem.par());
    if (loss == Loss.FROBENIUS || loss == Loss.KULLBACK_LEIBLER) {
      return r;
    }
    return new Residuals(r.squaredFrobenius, BetaMu.divergence(problem, factors));
  }
}
