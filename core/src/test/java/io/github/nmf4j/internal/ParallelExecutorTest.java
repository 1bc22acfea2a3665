package io.github.nmf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** {@link Parallel} with executors that the user passes through {@link Parallel#using}. */
class ParallelExecutorTest {

  private static final int TASKS = 64;

  @Test
  void helpersRunOnTheGivenExecutor() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "user-pool"));
    try {
      Set<String> threads = ConcurrentHashMap.newKeySet();
      AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
      // Until both have taken a task, a helper waits for the caller and the caller for a helper.
      CountDownLatch helperRan = new CountDownLatch(1);
      CountDownLatch callerRan = new CountDownLatch(1);
      Parallel.using(pool, () -> {
        Parallel.of(4).forEach(TASKS, t -> {
          threads.add(Thread.currentThread().getName());
          runs.incrementAndGet(t);
          boolean helper = Thread.currentThread().getName().equals("user-pool");
          (helper ? helperRan : callerRan).countDown();
          await(helper ? callerRan : helperRan);
        });
        return null;
      });
      assertEveryTaskRanOnce(runs);
      assertThat(threads).contains("user-pool", Thread.currentThread().getName())
          .allMatch(name -> name.equals("user-pool")
              || name.equals(Thread.currentThread().getName()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExecutorThatNeverRunsTheHelpersLeavesTheWorkToTheCaller() {
    List<Runnable> neverRun = new ArrayList<>();
    AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
    Parallel.using(neverRun::add, () -> {
      Parallel.of(4).forEach(TASKS, runs::incrementAndGet);
      return null;
    });
    assertEveryTaskRanOnce(runs);
    assertThat(neverRun).hasSize(3);
    neverRun.forEach(Runnable::run); // late helpers find the call closed and do nothing
    assertEveryTaskRanOnce(runs);
  }

  @Test
  void anExecutorThatRunsTasksOnTheCallerWorks() {
    AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
    Parallel.using(Runnable::run, () -> {
      Parallel.of(4).forEach(TASKS, runs::incrementAndGet);
      return null;
    });
    assertEveryTaskRanOnce(runs);
  }

  @Test
  void anExecutorThatRejectsTheHelpersWorks() {
    AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
    Parallel.using(r -> {
      throw new RejectedExecutionException("full");
    }, () -> {
      Parallel.of(4).forEach(TASKS, runs::incrementAndGet);
      return null;
    });
    assertEveryTaskRanOnce(runs);
  }

  @Test
  void aCallerOnTheExecutorsOnlyThreadDoesNotDeadlock() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
      Future<?> job = single.submit(() -> Parallel.using(single, () -> {
        Parallel.of(8).forEach(TASKS, runs::incrementAndGet);
        return null;
      }));
      job.get(30, TimeUnit.SECONDS);
      assertEveryTaskRanOnce(runs);
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void theExecutorIsScopedToTheCall() {
    List<Runnable> captured = new ArrayList<>();
    Parallel.using(captured::add, () -> Parallel.using(null, () -> {
      Parallel.of(2).forEach(4, t -> { });
      return null;
    }));
    assertThat(captured).as("null keeps the enclosing executor").hasSize(1);
    captured.clear();
    Parallel.of(2).forEach(4, t -> { });
    assertThat(captured).as("outside using, the shared pool").isEmpty();
  }

  private static void assertEveryTaskRanOnce(AtomicIntegerArray runs) {
    for (int t = 0; t < runs.length(); t++) {
      assertThat(runs.get(t)).as("runs of task %d", t).isEqualTo(1);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).as("the caller and a helper both took a task").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
