package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;

/**
 * The blocked engine behind {@link Gemm}: {@code C (R x N) = X (R x K) Y (K x N)} over strided
 * views.
 *
 * <p>Blocking (after Goto and van de Geijn, adapted to what HotSpot C2 vectorizes): the output is
 * cut into tasks of up to {@link #MC} rows by one column panel of up to {@link #NC_MAX} columns.
 * A task ({@link GemmTask}) walks the inner dimension in steps of {@link #KC}; for each step it
 * packs the {@code KC x nc} slice of Y (the L2-resident panel) and runs a micro-kernel over it,
 * keeping the task's output rows in a per-thread buffer until the task ends. The scalar task
 * ({@link ScalarGemmTask}) runs loops that C2 vectorizes on any Java 17; with the Vector API
 * present, {@link KernelChoice} runs a register-tiled one instead. Both give the same bits.
 *
 * <p>A long inner dimension with few output tasks (the NMF product {@code W^T V}, 20 x 70000 by
 * 70000 x 784) is also split into chunks of {@link #K_CHUNK}; each chunk's partial product is
 * written to its own buffer, and the buffers are summed in chunk order.
 */
final class GemmEngine {

  /** Rows of the output per task (a multiple of 4). */
  static final int MC = 64;
  /** Inner-dimension step: rows of the packed panel. */
  static final int KC = 256;
  /** Widest column panel. */
  static final int NC_MAX = 256;
  /** Inner-dimension chunk of a split reduction. */
  static final int K_CHUNK = 4096;
  /** Split the reduction only when there are fewer output tasks than this. */
  static final int FEW_TASKS = 8;
  /** Below this many multiply-adds a product runs on the calling thread. */
  static final long SERIAL_WORK = 1L << 15;

  private GemmEngine() {}

  static void product(
      int r, int k, int n,
      double[] x, int xOff, int xRow, int xCol,
      double[] y, int yOff, int yRow, int yCol,
      double[] c, int cOff, Parallel par) {
    product(r, k, n, new Strided(x, xOff, xRow, xCol), new Strided(y, yOff, yRow, yCol), c, cOff,
        par, KernelChoice.gemm());
  }

  /** {@code C = X Y} with the given task implementation (tests compare the two). */
  static void product(int r, int k, int n, Strided x, Strided y, double[] c, int cOff,
      Parallel par, GemmTask task) {
    if (empty(r, k, n, c, cOff)) {
      return;
    }
    if (n >= r || n >= NC_MAX) {
      blocked(r, k, n, x, y, new Strided(c, cOff, n, 1), par, task, false);
    } else {
      // C^T = Y^T X^T has the longer rows; write it into C through swapped output strides.
      Strided yt = new Strided(y.a(), y.off(), y.col(), y.row());
      Strided xt = new Strided(x.a(), x.off(), x.col(), x.row());
      blocked(n, k, r, yt, xt, new Strided(c, cOff, 1, n), par, task, false);
    }
  }

  /**
   * {@code C = X Y} for a symmetric result ({@code Y = X^T}, {@code r x r}): each task computes
   * its columns from its first row on, and the rest is copied from the mirror image. An element's
   * chain of multiply-adds does not depend on the task that computes it, and {@code x_ip y_pj}
   * equals {@code x_jp y_pi}, so the result has the bits of {@link #product}.
   */
  static void gram(int r, int k, Strided x, Strided y, double[] c, Parallel par) {
    if (empty(r, k, r, c, 0)) {
      return;
    }
    blocked(r, k, r, x, y, new Strided(c, 0, r, 1), par, KernelChoice.gemm(), true);
    for (int i = 1; i < r; i++) {
      for (int j = 0; j < i; j++) {
        c[i * r + j] = c[j * r + i];
      }
    }
  }

  /**
   * Whether {@code C} ({@code r x n}) has nothing to compute: no element, or an empty inner
   * dimension, in which case it is set to zeros.
   */
  private static boolean empty(int r, int k, int n, double[] c, int cOff) {
    if (r == 0 || n == 0) {
      return true;
    }
    if (k == 0) {
      Arrays.fill(c, cOff, cOff + r * n, 0.0);
      return true;
    }
    return false;
  }

  /** {@code upper}: compute only columns {@code j >= i0} of each task (see {@link #gram}). */
  private static void blocked(int r, int k, int n, Strided x, Strided y, Strided c,
      Parallel par, GemmTask task, boolean upper) {
    int rowBlocks = ceilDiv(r, MC);
    int panelWidth = panelWidth(n);
    int panels = ceilDiv(n, panelWidth);
    int outputTasks = rowBlocks * panels;
    int chunks = reductionChunks(r, k, n);
    int chunkLength = ceilDiv(k, chunks);
    Parallel run = (long) r * n * k < SERIAL_WORK ? Parallel.serial() : par;
    int pw = panelWidth;
    int cl = chunkLength;
    if (chunks == 1) {
      run.forEach(outputTasks, t -> {
        int i0 = (t / panels) * MC;
        int j0 = (t % panels) * pw;
        int from = upper ? Math.max(j0, i0) : j0;
        int to = Math.min(n, j0 + pw);
        if (from < to) {
          task.run(i0, Math.min(r, i0 + MC), from, to, 0, k, x, y, c);
        }
      });
      return;
    }
    double[] partial = new double[chunks * r * n];
    run.forEach(outputTasks * chunks, t -> {
      int chunk = t / outputTasks;
      int o = t % outputTasks;
      int i0 = (o / panels) * MC;
      int j0 = (o % panels) * pw;
      int p0 = chunk * cl;
      int from = upper ? Math.max(j0, i0) : j0;
      int to = Math.min(n, j0 + pw);
      if (from < to) {
        task.run(i0, Math.min(r, i0 + MC), from, to, p0, Math.min(k, p0 + cl),
            x, y, new Strided(partial, chunk * r * n, n, 1));
      }
    });
    // Fixed-order sum of the chunks, split by output rows (independent of the thread count).
    double[] out = c.a();
    run.forEach(r, i -> {
      for (int j = 0; j < n; j++) {
        double s = partial[i * n + j];
        for (int ch = 1; ch < chunks; ch++) {
          s += partial[ch * r * n + i * n + j];
        }
        out[c.off() + i * c.row() + j * c.col()] = s;
      }
    });
  }

  /**
   * The chunks of the inner dimension into which the product {@code (r x k) (k x n)} is cut, each
   * of {@code ceilDiv(k, chunks)} (the last shorter): more than one only for a long reduction
   * with few output tasks. {@link RowGram} cuts its sums the same way.
   */
  static int reductionChunks(int r, int k, int n) {
    int outputTasks = ceilDiv(r, MC) * ceilDiv(n, panelWidth(n));
    return outputTasks < FEW_TASKS && k >= 2 * K_CHUNK ? ceilDiv(k, K_CHUNK) : 1;
  }

  /** The width of the output's column panels. */
  private static int panelWidth(int n) {
    return roundUp(ceilDiv(n, ceilDiv(n, NC_MAX)), 8);
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static int roundUp(int a, int multiple) {
    return ceilDiv(a, multiple) * multiple;
  }
}
