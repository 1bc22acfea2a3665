package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.nmf4j.api.ContractCases.Fit;
import io.github.nmf4j.api.ContractCases.RunAs;
import io.github.nmf4j.estimator.ProgressListener;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cancellation contract of the estimators outside {@code nmf} (k-means, mini-batch k-means,
 * spectral and agglomerative clustering, PCA, segmentation) at the steps {@link
 * CancellationContractTest} does not reach: a listener that cancels, or interrupts the calling
 * thread, at the middle or the last of the fit's reports. Each fit runs on a fixed pool of the
 * test's, which must be idle when the fit has ended (no helper runs on after it).
 */
class ClusterContractsTest {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static ThreadPoolExecutor pool;

  @BeforeAll
  static void startPool() {
    pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /** The fits of {@link ContractCases} whose estimators live outside {@code nmf}. */
  static Stream<Fit> fits() {
    return ContractCases.fits().filter(f -> !f.estimator().estimator(RunAs.threads(1))
        .getClass().getPackageName().endsWith(".nmf"));
  }

  /**
   * Catches a fit that ignores a cancel at a later report than the first (a phase that does not
   * test the flag; the last report returning the model anyway), and one that leaves a helper
   * running on the user's executor after it has thrown.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void aListenerThatCancelsAtTheMiddleOrLastReportStopsTheFit(Fit fit) {
    assertTimeoutPreemptively(LIMIT, () -> {
      int reports = reports(fit);
      for (int at : new int[] {(reports + 1) / 2, reports}) {
        AtomicInteger seen = new AtomicInteger();
        Throwable thrown = run(fit, seen, i -> i == at, false);
        assertThat(thrown).as("cancelled at report %d of %d", at, reports)
            .isInstanceOf(CancellationException.class);
        assertThat(seen).as("reports, the cancelling one included").hasValue(at);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertPoolIdle();
      }
    });
  }

  /**
   * The listener interrupts the calling thread at the last report, as an interrupt from another
   * thread arriving at the end of a fit would. Catches a fit that tests the interrupt flag only
   * inside its parallel work or before a report, so that an interrupt during its last report
   * returns a model as if nothing had happened.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void anInterruptDuringTheLastReportCancelsTheFit(Fit fit) {
    assertTimeoutPreemptively(LIMIT, () -> {
      int reports = reports(fit);
      AtomicInteger seen = new AtomicInteger();
      Throwable thrown = run(fit, seen, i -> i == reports, true);
      boolean interrupted = Thread.interrupted();
      assertThat(thrown).as("interrupted at the last of %d reports", reports)
          .isInstanceOf(CancellationException.class);
      assertThat(interrupted).as("the interrupt flag").isTrue();
      assertThat(seen).hasValue(reports);
      assertPoolIdle();
    });
  }

  /**
   * Checks that no helper runs on the pool once a fit has ended: the pool's count of active
   * threads falls to 0 within a second (a thread that has finished its task is counted active
   * a moment longer).
   */
  private static void assertPoolIdle() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
    while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(pool.getActiveCount()).as("helpers still running after the fit").isZero();
  }

  /** The number of reports of an undisturbed small fit on the pool. */
  private static int reports(Fit fit) {
    AtomicInteger seen = new AtomicInteger();
    fit.runSmall(new RunAs(3, pool, p -> seen.incrementAndGet()));
    assertThat(seen.get()).isPositive();
    return seen.get();
  }

  /**
   * Runs a small fit on the pool whose listener counts the reports into {@code seen} and, at the
   * reports {@code when} accepts, cancels (or interrupts the calling thread); returns what it
   * threw (null if it returned).
   */
  private static Throwable run(Fit fit, AtomicInteger seen, IntPredicate when,
      boolean interrupt) {
    ProgressListener listener = p -> {
      if (when.test(seen.incrementAndGet())) {
        if (interrupt) {
          Thread.currentThread().interrupt();
        } else {
          p.cancel();
        }
      }
    };
    return catchThrowable(() -> fit.runSmall(new RunAs(3, pool, listener)));
  }
}
