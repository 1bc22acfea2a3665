package io.github.nmf4j.linalg.kernel;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;

/**
 * The blocked engine behind {@link Gemm}: {@code C (R x N) = X (R x K) Y (K x N)} over strided
 * views.
 *
 * <p>Blocking (after Goto and van de Geijn, adapted to what HotSpot C2 vectorizes): the output is
 * cut into tasks of up to {@link #MC} rows by one column panel of up to {@link #NC_MAX} columns.
 * A task walks the inner dimension in steps of {@link #KC}; for each step it packs the
 * {@code KC x nc} slice of Y into separate row arrays (the L2-resident panel) and then, four output
 * rows at a time, runs the micro-kernel: an AXPY-shaped loop along a row of the panel that updates
 * four rows of the output with two inner-dimension steps per pass. Every array in that loop is
 * indexed by the bare loop variable, the shape C2's SuperWord turns into fused multiply-add
 * vectors. The output rows of a task live in a per-thread buffer until the task ends.
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

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  private GemmEngine() {}

  static void product(
      int r, int k, int n,
      double[] x, int xOff, int xRow, int xCol,
      double[] y, int yOff, int yRow, int yCol,
      double[] c, int cOff, Parallel par) {
    if (r == 0 || n == 0) {
      return;
    }
    if (k == 0) {
      Arrays.fill(c, cOff, cOff + r * n, 0.0);
      return;
    }
    if (n >= r || n >= NC_MAX) {
      blocked(r, k, n, x, xOff, xRow, xCol, y, yOff, yRow, yCol, c, cOff, n, 1, par);
    } else {
      // C^T = Y^T X^T has the longer rows; write it into C through swapped output strides.
      blocked(n, k, r, y, yOff, yCol, yRow, x, xOff, xCol, xRow, c, cOff, 1, n, par);
    }
  }

  private static void blocked(
      int r, int k, int n,
      double[] x, int xOff, int xRow, int xCol,
      double[] y, int yOff, int yRow, int yCol,
      double[] c, int cOff, int cRow, int cCol, Parallel par) {
    int rowBlocks = ceilDiv(r, MC);
    int panelWidth = roundUp(ceilDiv(n, ceilDiv(n, NC_MAX)), 8);
    int panels = ceilDiv(n, panelWidth);
    int outputTasks = rowBlocks * panels;
    int chunks = outputTasks < FEW_TASKS && k >= 2 * K_CHUNK ? ceilDiv(k, K_CHUNK) : 1;
    int chunkLength = ceilDiv(k, chunks);
    Parallel run = (long) r * n * k < SERIAL_WORK ? Parallel.serial() : par;
    int pw = panelWidth;
    int cl = chunkLength;
    if (chunks == 1) {
      run.forEach(outputTasks, t -> {
        int i0 = (t / panels) * MC;
        int j0 = (t % panels) * pw;
        task(i0, Math.min(r, i0 + MC), j0, Math.min(n, j0 + pw), 0, k,
            x, xOff, xRow, xCol, y, yOff, yRow, yCol, c, cOff, cRow, cCol);
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
      task(i0, Math.min(r, i0 + MC), j0, Math.min(n, j0 + pw), p0, Math.min(k, p0 + cl),
          x, xOff, xRow, xCol, y, yOff, yRow, yCol, partial, chunk * r * n, n, 1);
    });
    // Fixed-order sum of the chunks, split by output rows (independent of the thread count).
    run.forEach(r, i -> {
      for (int j = 0; j < n; j++) {
        double s = partial[i * n + j];
        for (int ch = 1; ch < chunks; ch++) {
          s += partial[ch * r * n + i * n + j];
        }
        c[cOff + i * cRow + j * cCol] = s;
      }
    });
  }

  /** Computes rows [i0, i1) and columns [j0, j1) of X[:, p0:p1] Y[p0:p1, :] into c. */
  private static void task(
      int i0, int i1, int j0, int j1, int p0, int p1,
      double[] x, int xOff, int xRow, int xCol, double[] y, int yOff, int yRow, int yCol,
      double[] c, int cOff, int cRow, int cCol) {
    int rows = i1 - i0;
    int nc = j1 - j0;
    Workspace ws = WORKSPACE.get();
    double[][] acc = ws.acc(rows, nc);
    double[][] panel = ws.panel();
    double[] coef = ws.coef();
    for (int pc = p0; pc < p1; pc += KC) {
      int kc = Math.min(KC, p1 - pc);
      packPanel(y, yOff, yRow, yCol, pc, kc, j0, nc, panel);
      int i = 0;
      for (; i + 4 <= rows; i += 4) {
        packCoefficients(x, xOff, xRow, xCol, i0 + i, 4, pc, kc, coef);
        MicroKernel.rows4(acc[i], acc[i + 1], acc[i + 2], acc[i + 3], panel, coef, kc, nc);
      }
      for (; i < rows; i++) {
        packCoefficients(x, xOff, xRow, xCol, i0 + i, 1, pc, kc, coef);
        MicroKernel.rows1(acc[i], panel, coef, kc, nc);
      }
    }
    for (int i = 0; i < rows; i++) {
      double[] row = acc[i];
      int base = cOff + (i0 + i) * cRow + j0 * cCol;
      if (cCol == 1) {
        System.arraycopy(row, 0, c, base, nc);
      } else {
        for (int j = 0; j < nc; j++) {
          c[base + j * cCol] = row[j];
        }
      }
    }
  }

  /** Copies Y[pc:pc+kc, j0:j0+nc] into the first kc row arrays of the panel. */
  private static void packPanel(double[] y, int yOff, int yRow, int yCol,
      int pc, int kc, int j0, int nc, double[][] panel) {
    if (yCol == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(y, yOff + (pc + p) * yRow + j0, panel[p], 0, nc);
      }
    } else {
      // A transposed view: read eight columns of the panel (eight sequential streams through
      // Y's storage) and write them as one cache line of each panel row.
      int j = 0;
      for (; j + 8 <= nc; j += 8) {
        int b0 = yOff + (j0 + j) * yCol + pc * yRow;
        int b1 = b0 + yCol;
        int b2 = b1 + yCol;
        int b3 = b2 + yCol;
        int b4 = b3 + yCol;
        int b5 = b4 + yCol;
        int b6 = b5 + yCol;
        int b7 = b6 + yCol;
        for (int p = 0; p < kc; p++) {
          double[] row = panel[p];
          int o = p * yRow;
          row[j] = y[b0 + o];
          row[j + 1] = y[b1 + o];
          row[j + 2] = y[b2 + o];
          row[j + 3] = y[b3 + o];
          row[j + 4] = y[b4 + o];
          row[j + 5] = y[b5 + o];
          row[j + 6] = y[b6 + o];
          row[j + 7] = y[b7 + o];
        }
      }
      for (; j < nc; j++) {
        int base = yOff + (j0 + j) * yCol + pc * yRow;
        for (int p = 0; p < kc; p++) {
          panel[p][j] = y[base + p * yRow];
        }
      }
    }
  }

  /** coef[p * rows + q] = X[i + q][pc + p] for q < rows, p < kc. */
  private static void packCoefficients(double[] x, int xOff, int xRow, int xCol,
      int i, int rows, int pc, int kc, double[] coef) {
    for (int q = 0; q < rows; q++) {
      int base = xOff + (i + q) * xRow + pc * xCol;
      for (int p = 0; p < kc; p++) {
        coef[p * rows + q] = x[base + p * xCol];
      }
    }
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static int roundUp(int a, int multiple) {
    return ceilDiv(a, multiple) * multiple;
  }

  /**
   * Per-thread scratch, allocated once and reused across calls: {@link #MC} accumulator rows,
   * then {@link #KC} panel rows, all of {@link #ROW_CAPACITY} doubles, allocated one after the
   * other.
   *
   * <p>The capacity fixes where the arrays lie relative to each other, which decides the speed
   * of the micro-kernel (it streams six of them at once and stores to four). An array of 262
   * doubles takes 8 * 262 + 16 = 2112 bytes, 33 cache lines: arrays allocated one after another
   * (as a thread-local allocation buffer places them, and as a garbage collector copying them in
   * order keeps them) all start at the same offset within a 64-byte line, so the loop that C2
   * aligns on one of them is aligned on all; and four consecutive accumulator rows lie 2112 bytes
   * apart, 128 bytes apart modulo 4096, so a store to one row is not mistaken for a dependence of a
   * load from another (4K aliasing: the CPU compares only the low 12 address bits). Rows sized to
   * the request (256 doubles, 2064 bytes) put rows {@code i} and {@code i + 2} 32 bytes apart
   * modulo 4096 and left the line offsets to chance: the kernel ran at 30-46 GFLOP/s depending on
   * where the heap placed the rows, against 53-63 with this capacity (one core, 64 x 256 x 256
   * task, thread CPU time, 8 placements each, 2026-12-04).
   */
  private static final class Workspace {
    static final int ROW_CAPACITY = NC_MAX + 6;

    private final double[][] acc = new double[MC][];
    private final double[][] panel = new double[KC][];
    private final double[] coef = new double[4 * KC];

    Workspace() {
      for (int i = 0; i < MC; i++) {
        acc[i] = new double[ROW_CAPACITY];
      }
      for (int p = 0; p < KC; p++) {
        panel[p] = new double[ROW_CAPACITY];
      }
    }

    /** Zeroed accumulator rows, at least {@code rows} of them, each used up to column n. */
    double[][] acc(int rows, int n) {
      for (int i = 0; i < rows; i++) {
        Arrays.fill(acc[i], 0, n, 0.0);
      }
      return acc;
    }

    double[][] panel() {
      return panel;
    }

    double[] coef() {
      return coef;
    }
  }
}
