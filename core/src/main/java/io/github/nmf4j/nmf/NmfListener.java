package io.github.nmf4j.nmf;

/**
 * Receives an {@link NmfProgress} after every iteration of a fit, on the thread that called
 * {@code fit}. It may cancel the fit with {@link NmfProgress#cancel()}.
 *
 * <p>The listener runs inside the fit: keep it quick. An exception it throws ends the fit and
 * propagates to the caller of {@code fit}.
 */
@FunctionalInterface
public interface NmfListener {

  /** A listener that does nothing. */
  NmfListener NONE = progress -> { };

  /** Called after each iteration with the state of the fit. */
  void onIteration(NmfProgress progress);
}
