package io.github.nmf4j.estimator;

/**
 * Receives a {@link Progress} after every step of a fit, on the thread that called {@code fit};
 * it may cancel the fit with {@link Progress#cancel()}. Every estimator takes one through its
 * builder's {@link EstimatorBuilder#listener}.
 *
 * <p>The listener runs inside the fit: keep it quick. An exception it throws ends the fit and
 * propagates to the caller of {@code fit}.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that does nothing (the default). */
  ProgressListener NONE = progress -> { };

  /** Called after each step with the state of the fit. */
  void onProgress(Progress progress);
}
