package io.github.nmf4j.nmf;

import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of a fit after one iteration, handed to an {@link NmfListener}: which iteration of
 * which restart, and the loss when this iteration computed it (every {@code checkEvery}
 * iterations). Calling {@link #cancel()} stops the fit, which then throws {@link
 * java.util.concurrent.CancellationException}.
 */
public final class NmfProgress {

  private final int iteration;
  private final int maxIterations;
  private final int restart;
  private final int restarts;
  private final double loss;
  private final AtomicBoolean cancelled;

  NmfProgress(
      int iteration, int maxIterations, int restart, int restarts, double loss,
      AtomicBoolean cancelled) {
    this.iteration = iteration;
    this.maxIterations = maxIterations;
    this.restart = restart;
    this.restarts = restarts;
    this.loss = loss;
    this.cancelled = cancelled;
  }

  /** The iteration just finished, from 1 to {@link #maxIterations()}. */
  public int iteration() {
    return iteration;
  }

  /** The most iterations this restart may run. */
  public int maxIterations() {
    return maxIterations;
  }

  /** Which restart is running, from 0 to {@link #restarts()} - 1. */
  public int restart() {
    return restart;
  }

  /** How many restarts the fit runs. */
  public int restarts() {
    return restarts;
  }

  /**
   * The loss after this iteration, in the units of {@link NmfModel#reconstructionError()}, when
   * this iteration computed it (every {@code checkEvery} iterations); empty otherwise.
   */
  public OptionalDouble loss() {
    return Double.isNaN(loss) ? OptionalDouble.empty() : OptionalDouble.of(loss);
  }

  /**
   * Asks the fit to stop: it ends after this listener call returns (or, if called later from
   * another thread, after the iteration then running) and {@code fit} throws {@link
   * java.util.concurrent.CancellationException}.
   */
  public void cancel() {
    cancelled.set(true);
  }

  @Override
  public String toString() {
    return "NmfProgress[restart " + restart + "/" + restarts + ", iteration " + iteration + "/"
        + maxIterations + (Double.isNaN(loss) ? "" : ", loss " + loss) + "]";
  }
}
