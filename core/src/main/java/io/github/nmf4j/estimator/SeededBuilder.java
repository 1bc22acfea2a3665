package io.github.nmf4j.estimator;

/**
 * The builder of an estimator that draws random numbers: adds the {@link #seed} to what every
 * {@link EstimatorBuilder} sets. What the estimator draws (its starting points, samples,
 * held-out sets) is said in its class comment.
 *
 * <p>Extended by the library's builders only.
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class SeededBuilder<B extends SeededBuilder<B>> extends EstimatorBuilder<B> {

  private long seed;

  /** For the library's builders. */
  protected SeededBuilder() {}

  /**
   * The seed every random stream of a fit is split from; default 0. The same data and seed give
   * bit-identical results for any thread count and executor; nothing reads a global generator.
   */
  public final B seed(long seed) {
    this.seed = seed;
    return self();
  }

  /** The seed set (or the default 0), for {@code build()}. */
  protected final long seedValue() {
    return seed;
  }
}
