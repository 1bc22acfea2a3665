package io.github.nmf4j.estimator;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What every estimator ({@code Nmf}, {@code KMeans}, {@code Agglomerative}, {@code Pca}, ...)
 * shares: an immutable record of its settings, and how its fits run (the executor and the
 * progress listener), as set on its {@link EstimatorBuilder}. Each estimator adds {@code
 * builder()} and {@code fit}, and returns its own builder from {@link #toBuilder()}.
 * Instances are immutable and safe to share between threads.
 *
 * <p>Extended by the library's estimators only.
 *
 * @param <S> the record of the settings: every value that determines a fit's result
 */
public abstract class Estimator<S extends Record> {

  private final S settings;
  private final Executor executor;
  private final ProgressListener listener;

  /** For the library's estimators: {@code settings} and the run settings of {@code builder}. */
  protected Estimator(S settings, EstimatorBuilder<?> builder) {
    this.settings = settings;
    this.executor = builder.executorOrNull();
    this.listener = builder.progressListener();
  }

  /**
   * A builder holding this estimator's settings, executor and listener, to derive a changed
   * copy: {@code toBuilder().build()} is an estimator equal in every setting to this one.
   */
  public abstract EstimatorBuilder<?> toBuilder();

  /**
   * The settings: every value that determines a fit's result, the seed included; the models
   * this estimator fits keep the same record.
   */
  public final S settings() {
    return settings;
  }

  /** The executor that runs the helper threads of a fit, if one was set. */
  public final Optional<Executor> executor() {
    return Optional.ofNullable(executor);
  }

  /** The progress listener ({@link ProgressListener#NONE} if none was set). */
  public final ProgressListener listener() {
    return listener;
  }

  /** The settings record's text. */
  @Override
  public String toString() {
    return settings.toString();
  }
}
