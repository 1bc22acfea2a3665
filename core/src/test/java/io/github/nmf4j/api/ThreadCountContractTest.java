package io.github.nmf4j.api;

import static io.github.nmf4j.api.Fingerprints.differences;
import static io.github.nmf4j.api.Fingerprints.fingerprint;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.api.ContractCases.Fit;
import io.github.nmf4j.api.ContractCases.RunAs;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The third contract: the same data and seed give bit-identical results (labels, factors,
 * centroids, components, errors, counts) for 1, 2, 3 and 8 threads, with the shared pool and
 * with a user's executor (a fixed pool of 3 threads, one that runs the helpers on the calling
 * thread, one that never runs them), on every entry point of every estimator; also when one
 * estimator is reused or shared by threads.
 */
class ThreadCountContractTest {

  private static ExecutorService pool;

  static Stream<Fit> fits() {
    return ContractCases.fits();
  }

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /**
   * Catches work split by the number of threads instead of by the problem's shape, partial sums
   * added in the order threads finish, a random stream shared by the threads, and a result that
   * depends on which executor ran the helpers.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void sameSeedSameResultForAnyThreadCountAndExecutor(Fit fit) {
    Map<String, Object> reference = fingerprint(fit.run(RunAs.threads(1)));
    // 1 thread runs everything on the caller and hands nothing to an executor
    for (int threads : new int[] {2, 3, 8}) {
      assertThat(differences(reference, fingerprint(fit.run(RunAs.threads(threads)))))
          .as("what differs from 1 thread with %d threads", threads).isEmpty();
      RunAs onPool = new RunAs(threads, pool, ProgressListener.NONE);
      assertThat(differences(reference, fingerprint(fit.run(onPool))))
          .as("what differs from 1 thread with %d threads on a user's pool", threads).isEmpty();
    }
    RunAs inline = new RunAs(3, Runnable::run, ProgressListener.NONE);
    assertThat(differences(reference, fingerprint(fit.run(inline))))
        .as("what differs from 1 thread with an executor that runs tasks on the caller")
        .isEmpty();
    RunAs neverRuns = new RunAs(3, task -> { }, ProgressListener.NONE);
    assertThat(differences(reference, fingerprint(fit.run(neverRuns))))
        .as("what differs from 1 thread with an executor that never runs its tasks")
        .isEmpty();
  }

  /**
   * Catches a fit that uses more threads than it was given: a step that sizes its own
   * parallelism (by the processors, or a default) instead of taking the fit's thread count, so
   * that {@code threads(1)} still hands work to the executor.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void oneThreadHandsNothingToTheExecutor(Fit fit) {
    AtomicInteger handedOver = new AtomicInteger();
    Executor counting = task -> {
      handedOver.incrementAndGet();
      task.run();
    };
    fit.runSmall(new RunAs(1, counting, ProgressListener.NONE));
    assertThat(handedOver).hasValue(0);
  }

  /**
   * Catches state kept between fits: an estimator whose second fit differs from its first
   * (a random stream, a scratch buffer or a start carried over), and estimators that are not
   * safe to share, whose fits running at once on several threads disturb each other.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fits")
  void aReusedOrSharedEstimatorGivesTheSameResult(Fit fit) throws Exception {
    Estimator<?> estimator = fit.estimator().estimator(RunAs.threads(2));
    Map<String, Object> first = fingerprint(fit.runSmall(estimator));
    assertThat(differences(first, fingerprint(fit.runSmall(estimator))))
        .as("what differs in the second fit").isEmpty();
    List<Future<Object>> running = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      running.add(pool.submit(() -> fit.runSmall(estimator)));
    }
    for (Future<Object> f : running) {
      assertThat(differences(first, fingerprint(f.get())))
          .as("what differs in fits running at once").isEmpty();
    }
  }
}
