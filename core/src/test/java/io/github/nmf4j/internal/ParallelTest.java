package io.github.nmf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void runsEveryTaskExactlyOnce() {
    for (int threads : new int[] {1, 2, 3, 8}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(1000);
      Parallel.of(threads).forEach(1000, runs::incrementAndGet);
      for (int t = 0; t < 1000; t++) {
        assertThat(runs.get(t)).as("task %d with %d threads", t, threads).isEqualTo(1);
      }
    }
  }

  @Test
  void zeroTasksIsANoOp() {
    Parallel.of(4).forEach(0, t -> {
      throw new AssertionError("must not run");
    });
  }

  @Test
  void rejectsFewerThanOneThread() {
    assertThatThrownBy(() -> Parallel.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be >= 1, was 0");
  }

  @Test
  void rethrowsTheFirstFailureAfterTheRunningTasksEnd() {
    AtomicInteger started = new AtomicInteger();
    assertThatThrownBy(() -> Parallel.of(4).forEach(100, t -> {
      started.incrementAndGet();
      if (t == 3) {
        throw new IllegalStateException("task 3 failed");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("task 3 failed");
    assertThat(started.get()).isLessThanOrEqualTo(100);
  }

  @Test
  void anInterruptedCallerCancelsAndLeavesNothingRunning() throws Exception {
    CountDownLatch firstTaskRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicInteger runningAfterReturn = new AtomicInteger(-1);
    Thread caller = new Thread(() -> {
      try {
        Parallel.of(2).forEach(1000, t -> {
          running.incrementAndGet();
          firstTaskRunning.countDown();
          while (release.getCount() > 0) {
            Thread.onSpinWait(); // keeps the caller's interrupt flag as the interrupt left it
          }
          running.decrementAndGet();
          finished.incrementAndGet();
        });
      } catch (Throwable e) {
        thrown.set(e);
      }
      runningAfterReturn.set(running.get());
    });
    caller.start();
    firstTaskRunning.await();
    caller.interrupt();
    release.countDown();
    caller.join();
    assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    assertThat(runningAfterReturn.get()).isZero();
    assertThat(finished.get()).isLessThan(1000);
  }

  @Test
  void serialRunsOnTheCallingThread() {
    Thread me = Thread.currentThread();
    Parallel.serial().forEach(10, t -> assertThat(Thread.currentThread()).isSameAs(me));
  }
}
