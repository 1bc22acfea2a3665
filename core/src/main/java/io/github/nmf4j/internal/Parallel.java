package io.github.nmf4j.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs a fixed number of independent tasks on up to {@link #threads()} threads.
 *
 * <p>Determinism is the caller's side of the contract: a task must write only its own part of
 * the output and its work must not depend on which thread runs it or on how many threads
 * there are. The split into tasks is therefore chosen from the problem's shape, never from the
 * thread count, and partial results are combined by the caller in task order.
 *
 * <p>Worker threads are daemon threads from one shared, elastic pool (idle workers exit after
 * a few seconds). The calling thread always takes part in the work, so {@code threads == 1}
 * runs everything on the caller with no hand-off at all.
 *
 * <p>Cancellation: if the calling thread is interrupted, no new task is started, the call waits
 * for the tasks already running on other threads to finish (so nothing runs on after it
 * returns), and then throws {@link CancellationException} with the interrupt flag set again.
 */
public final class Parallel {

  private static final ExecutorService WORKERS = createWorkers();
  private static final Parallel SERIAL = new Parallel(1);

  private final int threads;

  private Parallel(int threads) {
    this.threads = threads;
  }

  /**
   * Returns an executor that uses at most {@code threads} threads.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static Parallel of(int threads) {
    Arguments.requireAtLeast(threads, 1, "threads");
    return threads == 1 ? SERIAL : new Parallel(threads);
  }

  /** Returns an executor that runs everything on the calling thread. */
  public static Parallel serial() {
    return SERIAL;
  }

  /** Returns an executor sized by {@link Runtime#availableProcessors()}. */
  public static Parallel defaultThreads() {
    return of(defaultThreadCount());
  }

  /** The number of threads a component uses when the user does not say. */
  public static int defaultThreadCount() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The maximum number of threads this executor uses, the caller included. */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body.accept(t)} for every {@code t} in {@code [0, tasks)}, each exactly once,
   * and returns when all have finished. The first exception thrown by a task is rethrown (after
   * the running tasks have finished); tasks not yet started are then skipped.
   *
   * @throws CancellationException if the calling thread is interrupted
   */
  public void forEach(int tasks, IntConsumer body) {
    if (tasks <= 0) {
      return;
    }
    int helpers = Math.min(threads, tasks) - 1;
    if (helpers == 0) {
      for (int t = 0; t < tasks; t++) {
        checkInterrupt();
        body.accept(t);
      }
      return;
    }
    Run run = new Run(tasks, body, helpers);
    for (int h = 0; h < helpers; h++) {
      WORKERS.execute(run::work);
    }
    try {
      run.workOnCaller();
    } catch (RuntimeException | Error e) {
      run.fail(e);
    }
    run.awaitHelpers();
    run.rethrow();
  }

  /**
   * Throws {@link CancellationException} if the current thread has been interrupted, keeping
   * the interrupt flag set so that the caller's caller can see it too.
   */
  public static void checkInterrupt() {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("interrupted");
    }
  }

  /** One {@link #forEach} call: a shared task counter, a latch for the helpers, the failure. */
  private static final class Run {
    private final int tasks;
    private final IntConsumer body;
    private final AtomicInteger next = new AtomicInteger();
    private final CountDownLatch helpersDone;
    private final Thread caller = Thread.currentThread();
    private volatile boolean stop;
    private Throwable failure;

    Run(int tasks, IntConsumer body, int helpers) {
      this.tasks = tasks;
      this.body = body;
      this.helpersDone = new CountDownLatch(helpers);
    }

    /** A helper's loop; it also stops as soon as the caller is interrupted. */
    void work() {
      try {
        int t;
        while (!stop && (t = next.getAndIncrement()) < tasks) {
          if (caller.isInterrupted()) {
            fail(new CancellationException("interrupted"));
            return;
          }
          body.accept(t);
        }
      } catch (RuntimeException | Error e) {
        fail(e);
      } finally {
        helpersDone.countDown();
      }
    }

    void workOnCaller() {
      int t;
      while (!stop && (t = next.getAndIncrement()) < tasks) {
        if (Thread.currentThread().isInterrupted()) {
          fail(new CancellationException("interrupted"));
          return;
        }
        body.accept(t);
      }
    }

    synchronized void fail(Throwable e) {
      stop = true;
      if (failure == null) {
        failure = e;
      }
    }

    void awaitHelpers() {
      boolean interrupted = false;
      while (true) {
        try {
          helpersDone.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          fail(new CancellationException("interrupted"));
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized void rethrow() {
      if (failure instanceof RuntimeException) {
        throw (RuntimeException) failure;
      }
      if (failure instanceof Error) {
        throw (Error) failure;
      }
    }
  }

  private static ExecutorService createWorkers() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, "nmf4j-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    return new ThreadPoolExecutor(
        0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
  }
}
