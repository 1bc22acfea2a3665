package io.github.nmf4j.nmf;

/**
 * One solver for one loss, working in place on the stored factors of a {@link ScaledData}: W
 * ({@code n x k}) and H ({@code k x p}), row-major {@code double[]} in scaled units. {@link
 * Fitter} drives it: initial loss, iterations, convergence checks, restarts.
 *
 * <p>A new solver (e.g. HALS) implements this interface and is chosen in {@link
 * Fitter#rule}. It allocates its scratch in its constructor, never per iteration; it splits
 * parallel work into blocks fixed by the shapes, so that results do not depend on the thread
 * count; and no update may produce NaN or infinity. A rule may carry sums of the current factors
 * from one iteration to the next (the MU rules do), so callers must not change W or H between
 * calls unless the rule was made for it (see {@code KullbackLeiblerMu}'s {@code wChangesOutside}).
 */
interface UpdateRule {

  /** One iteration: H then W, or W alone when the rule was made with H fixed. */
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
}
