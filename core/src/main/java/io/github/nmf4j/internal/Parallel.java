package io.github.nmf4j.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a fixed number of independent tasks on up to {@link #threads()} threads.
 *
 * <p>Determinism is the caller's side of the contract: a task must write only its own part of
 * the output and its work must not depend on which thread runs it or on how many threads
 * there are. The split into tasks is therefore chosen from the problem's shape, never from the
 * thread count, and partial results are combined by the caller in task order.
 *
 * <p>Worker threads are daemon threads from one shared, elastic pool (idle workers exit after
 * a few seconds), or come from an {@link Executor} the user passes. The calling thread always
 * takes part in the work, so {@code threads == 1} runs everything on the caller with no hand-off
 * at all. Up to {@code threads - 1} helpers are handed to the executor; a helper that has not
 * started by the time the caller has taken the last task is abandoned (it returns at once if it
 * ever runs). So any executor works, however busy: one that runs tasks on the calling thread,
 * one whose threads are all taken (even by the caller itself), one that rejects them; the work
 * is then done by fewer threads, never deadlocked, and the results are the same. An executor
 * that fails otherwise (throws another exception than {@link RejectedExecutionException}) fails
 * the call, once the helpers it did start have finished.
 *
 * <p>Cancellation: if the calling thread is interrupted, no new task is started, the call waits
 * for the tasks already running on other threads to finish (so nothing runs on after it
 * returns), and then throws {@link CancellationException} with the interrupt flag set again.
 */
public final class Parallel {

  private static final ExecutorService WORKERS = createWorkers();
  private static final Parallel SERIAL = new Parallel(1, null);
  private static final ThreadLocal<Executor> CURRENT = new ThreadLocal<>();

  private final int threads;
  private final Executor executor;

  private Parallel(int threads, Executor executor) {
    this.threads = threads;
    this.executor = executor;
  }

  /**
   * Returns an executor that uses at most {@code threads} threads: the caller and up to {@code
   * threads - 1} helpers, run by the executor of the enclosing {@link #using} call on this
   * thread, or by the shared pool.
   *
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public static Parallel of(int threads) {
    Arguments.requireAtLeast(threads, 1, "threads");
    if (threads == 1) {
      return SERIAL;
    }
    Executor executor = CURRENT.get();
    return new Parallel(threads, executor != null ? executor : WORKERS);
  }

  /**
   * Runs {@code body} on the calling thread with {@code executor} running the helpers of every
   * {@link #of} created on this thread meanwhile (a fit's executor, set once at its entry
   * point); with {@code executor} null, just runs it.
   */
  public static <T> T using(Executor executor, Supplier<T> body) {
    if (executor == null) {
      return body.get();
    }
    Executor previous = CURRENT.get();
    CURRENT.set(executor);
    try {
      return body.get();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
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
   * the running tasks have finished); tasks not yet started are then skipped. So is an exception
   * the executor throws when handed a helper, other than {@link RejectedExecutionException}
   * (which only leaves the work to fewer threads).
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
    Run run = new Run(tasks, body);
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(run::work);
      } catch (RejectedExecutionException e) {
        break; // the caller and the helpers already handed over do the work
      } catch (RuntimeException | Error e) {
        // A broken executor: its failure is the call's, thrown only once the helpers it did
        // start have finished, which may be writing to the caller's buffers until then.
        run.fail(e);
        break;
      }
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

  /**
   * One {@link #forEach} call: a shared task counter, the helpers running, the failure. Guarded
   * by the monitor of the {@code Run}: {@code closed} and {@code running}.
   */
  private static final class Run {
    private final int tasks;
    private final IntConsumer body;
    private final AtomicInteger next = new AtomicInteger();
    private final Thread caller = Thread.currentThread();
    private volatile boolean stop;
    private Throwable failure;
    /** Set once the caller has stopped taking tasks: helpers that start later do nothing. */
    private boolean closed;
    /** Helpers that started before {@code closed} and have not finished. */
    private int running;

    Run(int tasks, IntConsumer body) {
      this.tasks = tasks;
      this.body = body;
    }

    /** A helper's loop; it also stops as soon as the caller is interrupted. */
    void work() {
      synchronized (this) {
        if (closed) {
          return;
        }
        running++;
      }
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
        synchronized (this) {
          running--;
          notifyAll();
        }
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

    /** Abandons the helpers that have not started and waits for those that have. */
    synchronized void awaitHelpers() {
      closed = true;
      boolean interrupted = false;
      while (running > 0) {
        try {
          wait();
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
