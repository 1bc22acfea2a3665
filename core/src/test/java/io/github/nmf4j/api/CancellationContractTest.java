package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.nmf4j.api.ContractCases.Fit;
import io.github.nmf4j.api.ContractCases.RunAs;
import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second contract: every fit, on every entry point (dense, sparse, distances, image), stops
 * with {@link CancellationException} when its listener cancels, without another step; and when
 * the calling thread is interrupted, before or during the fit, it stops the same way and leaves
 * the interrupt flag set.
 */
class CancellationContractTest {

  static Stream<Fit> fits() {
    return ContractCases.fits();
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  /**
   * Catches a fit that ignores {@link Progress#cancel()} (it returns a model, or reports another
   * step after the cancel), and an entry point that never reports to the listener.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void aListenerThatCancelsAtItsFirstReportStopsTheFit(Fit fit) {
    AtomicInteger reports = new AtomicInteger();
    ProgressListener cancel = p -> {
      reports.incrementAndGet();
      p.cancel();
    };
    Throwable thrown = catchThrowable(() -> fit.runSmall(RunAs.listening(cancel)));
    assertThat(thrown).isInstanceOf(CancellationException.class);
    assertThat(reports).as("reports, the cancelling one included").hasValue(1);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  /**
   * Catches a fit that swallows, wraps or defers an exception its listener throws (which must
   * end the fit and reach the caller as it is), for instance by running the listener on a helper
   * thread or inside a {@code catch} meant for the fit's own errors.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void anExceptionOfTheListenerEndsTheFitAndReachesTheCaller(Fit fit) {
    IllegalArgumentException failure = new IllegalArgumentException("from the listener");
    AtomicInteger reports = new AtomicInteger();
    Throwable thrown = catchThrowable(() -> fit.runSmall(RunAs.listening(p -> {
      reports.incrementAndGet();
      throw failure;
    })));
    assertThat(thrown).isSameAs(failure);
    assertThat(reports).hasValue(1);
  }

  /**
   * Catches reports that contradict the {@link Progress} contract: a step outside {@code [1,
   * maxIterations]}, a restart outside {@code [0, restarts)}, steps of a restart that do not
   * increase, a fit reported as cancelled that was not, a report from another thread than the
   * caller's.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void theReportsOfAFitAreConsistent(Fit fit) {
    List<Progress> seen = new ArrayList<>();
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();
    fit.runSmall(RunAs.listening(p -> {
      seen.add(p);
      threads.add(Thread.currentThread());
    }));
    assertThat(seen).isNotEmpty();
    assertThat(threads).containsOnly(caller);
    Progress previous = null;
    for (Progress p : seen) {
      assertThat(p.iteration()).as("%s", p).isBetween(1, p.maxIterations());
      assertThat(p.restart()).as("%s", p).isBetween(0, p.restarts() - 1);
      assertThat(p.isCancelled()).as("%s", p).isFalse();
      if (previous != null && previous.restart() == p.restart()) {
        assertThat(p.iteration()).as("%s after %s", p, previous)
            .isGreaterThan(previous.iteration());
      }
      previous = p;
    }
  }

  /**
   * Catches a fit that never looks at the interrupt flag (it runs to the end and returns a
   * model), and one that clears the flag on its way out (by {@code Thread.interrupted()} or by
   * catching {@link InterruptedException}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void anInterruptedCallerCancelsTheFit(Fit fit) {
    AtomicInteger reports = new AtomicInteger();
    Thread.currentThread().interrupt();
    Throwable thrown = catchThrowable(
        () -> fit.runSmall(RunAs.listening(p -> reports.incrementAndGet())));
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag").isTrue();
    assertThat(thrown).isInstanceOf(CancellationException.class);
    assertThat(reports).as("steps reported after the interrupt").hasValueLessThanOrEqualTo(1);
  }

  /**
   * The listener interrupts the calling thread at the first report, as an interrupt from another
   * thread arriving in the middle of a fit would. Catches a fit that checks the flag only when it
   * starts, or only in some of its phases.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void anInterruptDuringTheFitCancelsIt(Fit fit) {
    AtomicInteger reports = new AtomicInteger();
    ProgressListener interrupt = p -> {
      if (reports.incrementAndGet() == 1) {
        Thread.currentThread().interrupt();
      }
    };
    Throwable thrown = catchThrowable(() -> fit.runSmall(RunAs.listening(interrupt)));
    assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag").isTrue();
    assertThat(thrown).isInstanceOf(CancellationException.class);
    assertThat(reports.get() - 1).as("steps reported after the interrupt")
        .isLessThanOrEqualTo(1);
  }
}
