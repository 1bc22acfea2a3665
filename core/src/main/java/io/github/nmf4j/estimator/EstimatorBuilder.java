package io.github.nmf4j.estimator;

import java.util.concurrent.Executor;

/**
 * What the builder of every estimator ({@code Nmf}, {@code KMeans}, {@code Agglomerative},
 * {@code Pca}, ...) shares: how a fit runs, as opposed to what it computes. Results never depend
 * on these settings: the same data and seed give bit-identical results for any thread count and
 * executor.
 *
 * <p>Extended by the library's builders only; each adds its own settings, {@code build()} (an
 * {@link Estimator}) and {@code fit}. The settings several estimators share are set once, in
 * the bases between this class and the builders: {@link SeededBuilder} (the seed, where the
 * estimator draws random numbers) and {@link IterativeBuilder} (the iteration limit and the
 * convergence tolerance, where it iterates).
 *
 * @param <B> the concrete builder, returned by every setter so that calls chain
 */
public abstract class EstimatorBuilder<B extends EstimatorBuilder<B>> {

  private int threads = Runtime.getRuntime().availableProcessors();
  private Executor executor;
  private ProgressListener listener = ProgressListener.NONE;

  /** For the library's builders. */
  protected EstimatorBuilder() {}

  /**
   * The most threads a fit uses, the calling thread included, and the model's {@code transform}
   * and {@code predict} after it (a record of the settings keeps it); default {@link
   * Runtime#availableProcessors()}. Results do not depend on it.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public final B threads(int threads) {
    this.threads = atLeastOne(threads, "threads");
    return self();
  }

  /**
   * The executor that runs the helper threads of a fit, up to {@code threads - 1} beside the
   * calling thread; default: a shared pool of daemon threads. A model keeps no executor: its
   * {@code transform}, {@code inverseTransform} and {@code predict} take one as an argument. Any
   * executor works, even one whose threads are all busy or one that runs tasks on the calling
   * thread: a helper that has not started by the time the caller has taken the last piece of work
   * is skipped, so the work is never stuck behind a helper, and results do not depend on which
   * threads ran it. An executor that rejects a helper ({@link
   * java.util.concurrent.RejectedExecutionException}, as a shut-down {@code ExecutorService}
   * does) leaves its work to the other threads; any other exception it throws ends the fit and
   * reaches the caller of {@code fit}. The library never shuts an executor down. Null restores
   * the default.
   */
  public final B executor(Executor executor) {
    this.executor = executor;
    return self();
  }

  /**
   * Receives the {@link Progress} after every step of a fit and may cancel it; default {@link
   * ProgressListener#NONE}.
   *
   * @throws IllegalArgumentException if {@code listener} is null
   */
  public final B listener(ProgressListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    this.listener = listener;
    return self();
  }

  /** The thread count set (or the default), for {@code build()}. */
  protected final int threadCount() {
    return threads;
  }

  /** The executor set, or null for the shared pool. */
  final Executor executorOrNull() {
    return executor;
  }

  /** The listener set (or {@link ProgressListener#NONE}). */
  final ProgressListener progressListener() {
    return listener;
  }

  /**
   * Takes the thread count {@code threads} and the executor and listener of {@code estimator},
   * for an estimator's {@code toBuilder()}.
   */
  protected final B runAs(int threads, Estimator<?> estimator) {
    return threads(threads).executor(estimator.executor().orElse(null))
        .listener(estimator.listener());
  }

  /**
   * {@code value}, checked to be at least 1 (the check of {@link #threads} and of the bases'
   * counts; this package depends on nothing, so not on the library's argument checks).
   *
   * @throws IllegalArgumentException naming {@code name} if {@code value < 1}
   */
  static int atLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
    return value;
  }

  /** This builder as its concrete type, for the setters of the bases. */
  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }
}
