package io.github.nmf4j.internal;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One fit's side of the progress contract: hands a {@link Progress} to the listener after every
 * step and throws {@link CancellationException} once the listener (or anyone holding a progress
 * of this fit) has cancelled, or once the calling thread is interrupted. One per fit; used on
 * the thread that called {@code fit}.
 */
public final class Monitor {

  private final String what;
  private final ProgressListener listener;
  private final int restarts;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private Monitor(String what, ProgressListener listener, int restarts) {
    this.what = what;
    this.listener = listener;
    this.restarts = restarts;
  }

  /**
   * A monitor for a fit named {@code what} in the cancellation message ("NMF fit", "k-means")
   * that runs {@code restarts} restarts.
   */
  public static Monitor of(String what, ProgressListener listener, int restarts) {
    return new Monitor(what, listener, restarts);
  }

  /**
   * Reports that step {@code iteration} of {@code maxIterations} of restart {@code restart} has
   * finished; {@code loss} and {@code change} are NaN when not measured.
   *
   * <p>The interrupt flag is checked after the listener has run: an interrupt that arrives
   * during a report (the last one included, after which a fit may have no parallel work left
   * to notice it) cancels the fit like one that arrives during a step.
   *
   * @throws CancellationException if the fit was cancelled or the calling thread is interrupted
   *     (the interrupt flag stays set)
   */
  public void report(int restart, int iteration, int maxIterations, double loss, double change) {
    if (listener != ProgressListener.NONE) {
      listener.onProgress(new Step(restart, iteration, maxIterations, loss, change));
    }
    if (cancelled.get()) {
      throw new CancellationException(what + " cancelled by its listener");
    }
    Parallel.checkInterrupt();
  }

  /** {@link #report} without loss or change. */
  public void report(int restart, int iteration, int maxIterations) {
    report(restart, iteration, maxIterations, Double.NaN, Double.NaN);
  }

  private final class Step implements Progress {
    private final int restart;
    private final int iteration;
    private final int maxIterations;
    private final double loss;
    private final double change;

    Step(int restart, int iteration, int maxIterations, double loss, double change) {
      this.restart = restart;
      this.iteration = iteration;
      this.maxIterations = maxIterations;
      this.loss = loss;
      this.change = change;
    }

    @Override
    public int iteration() {
      return iteration;
    }

    @Override
    public int maxIterations() {
      return maxIterations;
    }

    @Override
    public int restart() {
      return restart;
    }

    @Override
    public int restarts() {
      return restarts;
    }

    @Override
    public OptionalDouble loss() {
      return optional(loss);
    }

    @Override
    public OptionalDouble change() {
      return optional(change);
    }

    @Override
    public void cancel() {
      cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }

    private OptionalDouble optional(double x) {
      return Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(x);
    }

    @Override
    public String toString() {
      return "Progress[" + what + ", restart " + restart + "/" + restarts + ", step "
          + iteration + "/" + maxIterations + (Double.isNaN(loss) ? "" : ", loss " + loss)
          + (Double.isNaN(change) ? "" : ", change " + change) + "]";
    }
  }
}
