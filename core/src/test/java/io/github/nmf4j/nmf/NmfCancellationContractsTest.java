package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancellation contracts of the estimators of this package beyond {@code
 * api/CancellationContractTest} (which cancels at the first report and interrupts from the
 * listener): a listener that cancels at a middle or at the last report, an interrupt that
 * arrives while helpers are working, an interrupted online step, and executors that fail. Each
 * fit must end in {@link CancellationException} (the interrupt flag kept after an interrupt),
 * with no helper still running afterwards, no deadlock, and a shared executor still usable.
 */
class NmfCancellationContractsTest {

  /** Longest any one scenario may take before it counts as a deadlock. */
  private static final Duration DEADLOCK = Duration.ofSeconds(20);

  private static ExecutorService pool;

  /** A fit of one estimator with the given threads, executor and listener. */
  @FunctionalInterface
  private interface Fit {
    Object run(int threads, Executor executor, ProgressListener listener);
  }

  private record Named(String name, Fit fit) {}

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  /** {@link NmfDeterminismContractsTest#data}. */
  private static Matrix data(int n, int p, long seed, double nan) {
    return NmfDeterminismContractsTest.data(n, p, seed, nan);
  }

  /** Every fit of this package, small enough for milliseconds, large enough for several tasks. */
  private static List<Named> fits() {
    Matrix v = data(600, 200, 1, 0);
    SparseMatrix sparse = SparseMatrix.of(v);
    Matrix missing = data(600, 200, 2, 0.1);
    List<Named> fits = new ArrayList<>();
    for (Solver solver : Solver.values()) {
      Nmf.Builder nmf = Nmf.builder().rank(4).solver(solver).initialization(Initialization.RANDOM)
          .restarts(2).maxIterations(5).checkEvery(2).seed(3);
      fits.add(new Named("Nmf " + solver + " dense", (t, e, l) ->
          nmf.threads(t).executor(e).listener(l).fit(v)));
      fits.add(new Named("Nmf " + solver + " sparse", (t, e, l) ->
          nmf.threads(t).executor(e).listener(l).fit(sparse)));
      fits.add(new Named("Nmf " + solver + " missing", (t, e, l) -> nmf.threads(t).executor(e)
          .listener(l).missingValues(MissingValues.IGNORE).build().fit(missing)));
      fits.add(new Named("Nmf " + solver + " missing sparse", (t, e, l) -> nmf.threads(t)
          .executor(e).listener(l).missingValues(MissingValues.IGNORE).build().fit(sparse)));
    }
    for (boolean fresh : new boolean[] {false, true}) {
      MiniBatchNmf.Builder mb = MiniBatchNmf.builder().rank(4).batchSize(70).maxIterations(2)
          .freshRestarts(fresh).maxNoImprovement(0).seed(3);
      fits.add(new Named("MiniBatchNmf fresh " + fresh, (t, e, l) ->
          mb.threads(t).executor(e).listener(l).fit(v)));
      fits.add(new Named("MiniBatchNmf sparse fresh " + fresh, (t, e, l) ->
          mb.threads(t).executor(e).listener(l).fit(sparse)));
    }
    fits.add(new Named("RankSelection", (t, e, l) -> RankSelection.builder().ranks(1, 2, 3)
        .repeats(2).nmf(Nmf.builder().maxIterations(5)).threads(t).executor(e).listener(l)
        .fit(missing)));
    fits.add(new Named("Consensus", (t, e, l) -> Consensus.builder().rank(2).runs(3)
        .nmf(Nmf.builder().maxIterations(5)).threads(t).executor(e).listener(l).fit(v)));
    return fits;
  }

  /**
   * Catches a fit that checks the listener's cancel only before its first step or only within
   * a restart (a cancel at the last report of the last restart, or at the last fit of a rank
   * selection or consensus, returns a model), and one that runs on after the cancel or leaves
   * the executor it shares with the caller's other work unusable.
   */
  @Test
  void aCancelAtTheFirstMiddleOrLastReportEndsEveryFit() {
    assertTimeoutPreemptively(DEADLOCK, () -> {
      for (Named f : fits()) {
        AtomicInteger reports = new AtomicInteger();
        f.fit().run(3, pool, p -> reports.incrementAndGet());
        int last = reports.get();
        assertThat(last).as("%s: reports", f.name()).isGreaterThan(2);
        for (int at : new int[] {1, last / 2, last}) {
          AtomicInteger seen = new AtomicInteger();
          Throwable thrown = catchThrowable(() -> f.fit().run(3, pool, p -> {
            if (seen.incrementAndGet() == at) {
              p.cancel();
            }
          }));
          assertThat(thrown).as("%s cancelled at report %d of %d", f.name(), at, last)
              .isInstanceOf(CancellationException.class);
          assertThat(seen).as("%s: reports after the cancel at %d", f.name(), at).hasValue(at);
          assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
      }
      assertThat(pool.submit(() -> 42).get(5, TimeUnit.SECONDS)).isEqualTo(42);
    });
  }

  /**
   * An executor that interrupts the calling thread when it is handed its {@code k}-th helper
   * (and runs no helper), so that the interrupt arrives inside a parallel section, after the
   * helpers were handed over, at a point the test chooses. Catches a fit that notices an
   * interrupt only between its steps or clears the flag, and a step that swallows the
   * cancellation of one of its parallel sections.
   */
  @Test
  void anInterruptInsideAParallelSectionCancelsEveryFitAndKeepsTheFlag() {
    assertTimeoutPreemptively(DEADLOCK, () -> {
      for (Named f : fits()) {
        AtomicInteger handed = new AtomicInteger();
        f.fit().run(2, task -> handed.incrementAndGet(), ProgressListener.NONE);
        int last = handed.get();
        assertThat(last).as("%s: helpers handed over", f.name()).isPositive();
        for (int k : new int[] {1, (last + 1) / 2, last}) {
          AtomicInteger count = new AtomicInteger();
          Executor interrupting = task -> {
            if (count.incrementAndGet() == k) {
              Thread.currentThread().interrupt();
            }
          };
          Throwable thrown = catchThrowable(() ->
              f.fit().run(2, interrupting, ProgressListener.NONE));
          assertThat(Thread.interrupted()).as("%s: the interrupt flag after hand-over %d of %d",
              f.name(), k, last).isTrue();
          assertThat(thrown).as("%s interrupted at hand-over %d of %d", f.name(), k, last)
              .isInstanceOf(CancellationException.class);
        }
      }
    });
  }

  /**
   * Catches an online step that, interrupted in the middle, has already changed H or the step
   * count: the next batch would then continue from a half-done update.
   */
  @Test
  void anInterruptedOnlineStepLeavesTheOnlineFitAsItWas() {
    Matrix first = data(200, 150, 4, 0);
    Matrix second = data(200, 150, 5, 0);
    Matrix third = data(200, 150, 6, 0);
    OnlineNmf reference = MiniBatchNmf.builder().rank(3).threads(2).seed(2).start(150);
    reference.partialFit(first);
    reference.partialFit(third);
    AtomicInteger handed = new AtomicInteger();
    OnlineNmf counted = MiniBatchNmf.builder().rank(3).threads(2).seed(2)
        .executor(task -> handed.incrementAndGet()).start(150);
    counted.partialFit(first);
    int before = handed.get();
    counted.partialFit(second);
    int last = handed.get() - before;
    assertThat(last).isGreaterThan(2);
    for (int k : new int[] {1, (last + 1) / 2, last}) {
      AtomicInteger count = new AtomicInteger(Integer.MIN_VALUE);
      OnlineNmf online = MiniBatchNmf.builder().rank(3).threads(2).seed(2).executor(task -> {
        if (count.incrementAndGet() == k) {
          Thread.currentThread().interrupt();
        }
      }).start(150);
      online.partialFit(first);
      Matrix h = online.components();
      count.set(0);
      Throwable thrown = catchThrowable(() -> online.partialFit(second));
      assertThat(Thread.interrupted()).as("the interrupt flag").isTrue();
      assertThat(thrown).as("interrupted at hand-over %d of %d", k, last)
          .isInstanceOf(CancellationException.class);
      count.set(Integer.MIN_VALUE);
      assertThat(online.components()).as("H after hand-over %d", k).isEqualTo(h);
      assertThat(online.steps()).isEqualTo(1);
      online.partialFit(third);
      assertThat(online.components()).isEqualTo(reference.components());
    }
  }

  /**
   * The first batch of an online fit is interrupted inside its step, after the start of H was
   * drawn from it. Catches a cancelled first batch that leaves that start behind: {@code
   * components()} then returns an H although no batch was taken, and the next batch continues
   * from the start of the cancelled one instead of starting H itself.
   */
  @Test
  void anInterruptedFirstOnlineStepLeavesNoStartBehind() {
    Matrix first = data(200, 150, 4, 0);
    Matrix next = data(200, 150, 6, 0);
    OnlineNmf reference = MiniBatchNmf.builder().rank(3).threads(2).seed(2).start(150);
    reference.partialFit(next);
    AtomicInteger handed = new AtomicInteger();
    MiniBatchNmf.builder().rank(3).threads(2).seed(2)
        .executor(task -> handed.incrementAndGet()).start(150).partialFit(first);
    int last = handed.get();
    assertThat(last).isPositive();
    for (int k : new int[] {1, (last + 1) / 2, last}) {
      AtomicInteger count = new AtomicInteger();
      AtomicBoolean armed = new AtomicBoolean(true);
      OnlineNmf online = MiniBatchNmf.builder().rank(3).threads(2).seed(2).executor(task -> {
        if (armed.get() && count.incrementAndGet() == k) {
          Thread.currentThread().interrupt();
        }
      }).start(150);
      Throwable thrown = catchThrowable(() -> online.partialFit(first));
      assertThat(Thread.interrupted()).as("the interrupt flag").isTrue();
      assertThat(thrown).as("interrupted at hand-over %d of %d", k, last)
          .isInstanceOf(CancellationException.class);
      armed.set(false);
      assertThat(online.steps()).isZero();
      assertThat(catchThrowable(online::components)).as("components() after hand-over %d", k)
          .isInstanceOf(IllegalStateException.class);
      online.partialFit(next);
      assertThat(online.components()).isEqualTo(reference.components());
    }
  }

  /**
   * Catches a transform that, with nothing observed in {@code x} (all NaN, or a sparse x that
   * stores nothing), returns its zero rows to an interrupted caller instead of the {@link
   * CancellationException} its Javadoc promises, as every other {@code x} gives.
   */
  @Test
  void anInterruptedTransformIsCancelledAlsoWhenNothingIsObserved() {
    NmfModel model = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).maxIterations(5)
        .fit(data(30, 6, 7, 0.2));
    double[] nothing = new double[12];
    Arrays.fill(nothing, Double.NaN);
    Matrix allNaN = Matrix.wrap(2, 6, nothing);
    SparseMatrix noneStored = SparseMatrix.of(Matrix.zeros(2, 6));
    assertThat(model.transform(allNaN)).isEqualTo(Matrix.zeros(2, 2));
    Thread.currentThread().interrupt();
    assertThat(catchThrowable(() -> model.transform(allNaN)))
        .isInstanceOf(CancellationException.class);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
    assertThat(catchThrowable(() -> model.transform(noneStored)))
        .isInstanceOf(CancellationException.class);
    assertThat(Thread.interrupted()).isTrue();
  }

  /**
   * An executor that runs its helpers on a pool until it is handed one while an earlier helper
   * is working on the fit's code (so within one parallel section); then it throws, as a broken
   * or misconfigured executor may (with another exception than {@link
   * java.util.concurrent.RejectedExecutionException}). Catches a fit that lets that exception
   * out while the earlier helper still works on the fit's buffers, which breaks the promise that
   * no worker thread keeps running after {@code fit} returns or throws.
   */
  @Test
  void anExecutorThatThrowsLeavesNoHelperRunningAfterTheFit() {
    Matrix v = data(1500, 700, 8, 0);
    assertTimeoutPreemptively(DEADLOCK, () -> {
      // A fit whose hand-overs never meet a helper inside the library's code (each helper done
      // before the executor saw it there) does not reach the broken hand-over; that happened
      // once in CI. So up to five fits, until one does.
      Throwable thrown = null;
      for (int attempt = 0; attempt < 5 && thrown == null; attempt++) {
        thrown = fitWithAnExecutorThatBreaks(v);
      }
      assertThat(thrown).isNotNull();
    });
  }

  /**
   * One fit of {@code v} with an executor that throws once it is handed a helper while an
   * earlier helper works on the fit's code; returns what the fit threw (null if it never met
   * that hand-over), after checking that it was the executor's exception and that no helper
   * still runs the fit's code.
   */
  private static Throwable fitWithAnExecutorThatBreaks(Matrix v) {
    IllegalStateException broken = new IllegalStateException("the executor broke");
    AtomicReference<Thread> working = new AtomicReference<>();
    AtomicBoolean armed = new AtomicBoolean();
    // the helper started by the previous hand-over, and whether its task has returned
    AtomicReference<Thread> started = new AtomicReference<>();
    AtomicBoolean returned = new AtomicBoolean(true);
    Executor executor = task -> {
      if (armed.get() && !returned.get()) {
        // The caller is held here, so the helper it started has the tasks to itself: wait
        // until it is inside one of them (not for timing: the caller does no task meanwhile),
        // then fail the hand-over while it works.
        while (!returned.get()) {
          Thread helper = started.get();
          if (helper != null && runsLibraryCode(helper)) {
            working.set(helper);
            throw broken;
          }
        }
      }
      returned.set(false);
      started.set(null);
      pool.execute(() -> {
        started.set(Thread.currentThread());
        try {
          task.run();
        } finally {
          returned.set(true);
        }
      });
    };
    // armed after the first iteration, so that it throws in the heavy products of an update
    Throwable thrown = catchThrowable(() -> Nmf.builder().rank(30)
        .maxIterations(3).threads(3).executor(executor).listener(p -> armed.set(true))
        .fit(v));
    if (thrown == null) {
      return null;
    }
    boolean stillWorking = false;
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    while (working.get() != null && !stillWorking && System.nanoTime() < end) {
      stillWorking = runsLibraryCode(working.get());
    }
    assertThat(thrown).isSameAs(broken);
    assertThat(stillWorking).as("the helper runs the fit's code after the fit threw")
        .isFalse();
    return thrown;
  }

  /**
   * Whether {@code thread} is inside a task of the library: a frame of nmf4j other than the
   * parallel layer's loop and this test's executor.
   */
  private static boolean runsLibraryCode(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      String c = frame.getClassName();
      if (c.startsWith("io.github.nmf4j.") && !c.startsWith("io.github.nmf4j.internal.Parallel")
          && !c.startsWith(NmfCancellationContractsTest.class.getName())) {
        return true;
      }
    }
    return false;
  }
}
