package io.github.nmf4j.nmf;

/**
 * One solver for one loss, working in place on the {@link Factors} of a {@link Problem}: W
 * ({@code n x k}) and H ({@code k x p}), row-major {@code double[]} in scaled units. {@link
 * Fitter} drives it: initial loss, iterations, convergence checks, restarts.
 *
 * <p><b>The seams.</b> A fit is put together from two strategies, so that what comes next plugs
 * in without a new flag in {@code Fitter} or a new parameter anywhere:
 *
 * <ul>
 *   <li><b>The solver</b>, an {@link UpdateRule} made by the {@link Factory} that {@link
 *       Solvers#factory} picks once from the settings' solver and loss. A new loss (the
 *       beta-divergence, scikit-learn's {@code beta_loss}) is a new rule and factory plus the
 *       loss's own {@link Loss#convergenceError} and {@link Loss#toCallerUnits}; a penalty
 *       ({@code alphaW}, {@code alphaH}, {@code l1Ratio}) is read by the rule from {@link
 *       Problem#settings()} and enters its update (the L1 part in the numerator's denominator,
 *       the L2 part on the diagonal of {@code W'W} or {@code HH'}); {@link #loss()} stays the
 *       data term, as scikit-learn's convergence test uses it.
 *   <li><b>The data</b>, {@link Problem#data()}: V validated and scaled ({@link ScaledData}).
 *       Rules reach V only through it (its products with the factors by row blocks, its squared
 *       norm and sum, the KL terms at its entries), so a sparse V or a masked V (missing values:
 *       only observed entries count in the products and the loss) is another data
 *       implementation behind the same rules, not a second family of solvers.
 * </ul>
 *
 * <p>A rule allocates its scratch in its constructor, never per iteration; it splits parallel
 * work into blocks fixed by the shapes, so that results do not depend on the thread count; and no
 * update may produce NaN or infinity. A rule may carry sums of the current factors from one
 * iteration to the next (the MU rules do), so callers must not change W or H between calls
 * unless the rule was made for it (see {@code KullbackLeiblerMu}'s {@code wChangesOutside}).
 */
interface UpdateRule {

  /** One iteration: H then W for a fit, W alone for a transform (H fixed). */
  void iterate();

  /**
   * Announces that {@link #loss()} will be called after the next {@link #iterate()}, so that a
   * rule whose loss is expensive can compute it during that iteration's pass over V.
   */
  default void requestLoss() {}

  /**
   * The loss of the current factors in scaled units: {@code ||V_s - WH||_F} for {@link
   * Loss#FROBENIUS}, {@code D(V_s || WH)} for {@link Loss#KULLBACK_LEIBLER}. Callable at any
   * time; the rule computes it right after construction and after iterations for which it was
   * {@linkplain #requestLoss() requested} at no extra pass.
   */
  double loss();

  /** Makes the rules of one solver for one loss. */
  interface Factory {

    /** A rule updating both factors, starting from {@code start} (updated in place). */
    UpdateRule fit(Problem problem, Factors start);

    /**
     * A rule updating W alone with H fixed ({@code NmfModel.transform}): it needs none of the
     * sums of an H update, and the products with the fixed H are computed once.
     */
    UpdateRule transform(Problem problem, Factors start);

    /**
     * The factory of a rule made by {@code constructor(problem, start, fit)}, {@code fit} true
     * for {@link #fit} and false for {@link #transform}.
     */
    static Factory of(Constructor constructor) {
      return new Factory() {
        @Override
        public UpdateRule fit(Problem problem, Factors start) {
          return constructor.make(problem, start, true);
        }

        @Override
        public UpdateRule transform(Problem problem, Factors start) {
          return constructor.make(problem, start, false);
        }
      };
    }
  }

  /** A rule's constructor: the problem, the start, and whether it updates both factors. */
  interface Constructor {
    UpdateRule make(Problem problem, Factors start, boolean fit);
  }
}
