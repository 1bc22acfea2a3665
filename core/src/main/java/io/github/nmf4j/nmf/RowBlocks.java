package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Passes over V in blocks of {@link #BLOCK_ROWS} rows in which a block of {@code WH} is formed,
 * used and dropped, so that {@code WH} is never held whole: memory is one block per thread.
 *
 * <p>Blocks are grouped into at most {@link #MAX_CHUNKS} chunks of consecutive blocks, fixed by
 * {@code n} alone. A chunk is one parallel task and owns its slot of any partial result; callers
 * add the slots in chunk order, so results do not depend on the thread count.
 */
final class RowBlocks {

  /** Rows per block: of 32, 64, 128, 256 and 512, 128 was fastest for 70000 x 784, rank 20. */
  static final int BLOCK_ROWS = 128;
  /** Most chunks (parallel tasks and partial-result slots) per pass. */
  static final int MAX_CHUNKS = 32;

  /** What a pass does with one block. */
  interface Body {
    /**
     * Processes rows {@code [row0, row0 + rows)}; {@code chunk} names the partial-result slot;
     * {@code ws} is this task's scratch.
     */
    void block(int chunk, int row0, int rows, Workspace ws);
  }

  /**
   * One task's scratch: blocks of W, V and WH, and small buffers. The blocks of V and WH (and
   * the {@code k x p} buffer) exist only for a dense V: they have {@code BLOCK_ROWS x width}
   * elements, width {@code p} for dense and 0 for sparse data.
   */
  static final class Workspace {
    /** Rows {@code [row0, row0 + rows)} of V, {@code rows x p}, copied to the array's start. */
    final double[] v;
    /** The first row of the block of V that {@link #v} holds, or -1 (V never changes). */
    int vRow0 = -1;
    /** Rows {@code [row0, row0 + rows)} of W, {@code rows x k}. */
    final double[] w;
    /** A block of WH, then of a quantity derived from it, {@code rows x p}. */
    final double[] wh;
    /** {@code rows x k}. */
    final double[] rowsByK;
    /** {@code rows x k}. */
    final double[] rowsByK2;
    /** {@code k x p}. */
    final double[] kByP;
    /** {@code k x k}. */
    final double[] kByK;

    /** For blocks of at most {@code rows} rows, V and WH blocks {@code width} wide. */
    Workspace(int rows, int k, int width) {
      v = new double[rows * width];
      w = new double[rows * k];
      wh = new double[rows * width];
      rowsByK = new double[rows * k];
      rowsByK2 = new double[rows * k];
      kByP = new double[k * width];
      kByK = new double[k * k];
    }
  }

  final int n;
  final int p;
  final int k;
  final int chunks;
  private final int blocks;
  private final int blocksPerChunk;
  final Parallel par;
  private final ArrayBlockingQueue<Workspace> pool;

  /** Blocks with scratch for a dense V ({@code n x p}). */
  RowBlocks(int n, int p, int k, Parallel par) {
    this(n, p, k, par, p);
  }

  /** Blocks whose workspaces hold blocks of V and WH {@code width} wide (0 for a sparse V). */
  RowBlocks(int n, int p, int k, Parallel par, int width) {
    this.par = par;
    this.n = n;
    this.p = p;
    this.k = k;
    blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
    blocksPerChunk = (blocks + MAX_CHUNKS - 1) / MAX_CHUNKS;
    chunks = (blocks + blocksPerChunk - 1) / blocksPerChunk;
    int workspaces = Math.min(par.threads(), chunks);
    pool = new ArrayBlockingQueue<>(workspaces);
    for (int i = 0; i < workspaces; i++) {
      // A V of few rows (a transform of one row) needs no more than its rows.
      pool.add(new Workspace(Math.min(n, BLOCK_ROWS), k, width));
    }
  }

  /** Runs {@code body} on every block, chunks in parallel, blocks of a chunk in order. */
  void forEachBlock(Body body) {
    par.forEach(chunks, c -> {
      Workspace ws = pool.poll();
      try {
        int end = Math.min(blocks, (c + 1) * blocksPerChunk);
        for (int b = c * blocksPerChunk; b < end; b++) {
          int row0 = b * BLOCK_ROWS;
          body.block(c, row0, Math.min(BLOCK_ROWS, n - row0), ws);
        }
      } finally {
        pool.add(ws);
      }
    });
  }

  /**
   * Copies rows {@code [row0, row0 + rows)} of W into {@code ws.w} and of V into {@code ws.v},
   * and forms the block of WH in {@code ws.wh}.
   */
  void productBlock(double[] v, double[] w, double[] h, int row0, int rows, Workspace ws) {
    copyBlock(v, w, row0, rows, ws);
    Gemm.multiply(rows, k, p, ws.w, h, ws.wh, Parallel.serial());
  }

  /** Copies rows {@code [row0, row0 + rows)} of W into {@code ws.w} and of V into {@code ws.v}. */
  void copyBlock(double[] v, double[] w, int row0, int rows, Workspace ws) {
    loadV(v, row0, rows, ws);
    System.arraycopy(w, row0 * k, ws.w, 0, rows * k);
  }

  /** Makes {@code ws.v} hold rows {@code [row0, row0 + rows)} of V, copying only if it does not. */
  void loadV(double[] v, int row0, int rows, Workspace ws) {
    if (ws.vRow0 != row0) {
      System.arraycopy(v, row0 * p, ws.v, 0, rows * p);
      ws.vRow0 = row0;
    }
  }
}
