package io.github.nmf4j.estimator;

/**
 * The builder of an estimator that iterates until a convergence test passes or an iteration
 * limit is reached: adds {@link #maxIterations} and {@link #tolerance} to the {@link #seed}.
 * What an iteration is, what the test compares with the tolerance and both defaults differ by
 * estimator: each builder's class comment gives them.
 *
 * <p>Extended by the library's builders only.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class IterativeBuilder<B extends IterativeBuilder<B>> extends SeededBuilder<B> {

  private int maxIterations;
  private double tolerance;

  /** For the library's builders: the estimator's defaults. */
  protected IterativeBuilder(int maxIterations, double tolerance) {
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /**
   * The most iterations of a fit (of each restart, where the estimator restarts); the default
   * and what an iteration is are in the builder's class comment.
   *
   * @throws IllegalArgumentException if {@code maxIterations < 1}
   */
  public final B maxIterations(int maxIterations) {
    this.maxIterations = atLeastOne(maxIterations, "maxIterations");
    return self();
  }

  /**
   * The tolerance of the convergence test, which the builder's class comment states with the
   * default; 0 turns the test off (or, for k-means, leaves only "no label changed").
   *
   * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
   */
  public final B tolerance(double tolerance) {
    if (!(tolerance >= 0 && tolerance < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, was " + tolerance);
    }
    this.tolerance = tolerance;
    return self();
  }

  /** The iteration limit set (or the default), for {@code build()}. */
  protected final int maxIterationsValue() {
    return maxIterations;
  }

  /** The tolerance set (or the default), for {@code build()}. */
  protected final double toleranceValue() {
    return tolerance;
  }
}
