package io.github.nmf4j.linalg.kernel;

import java.util.function.Supplier;

/**
 * The loop both {@link GemmTask}s share: the task's output rows live in per-thread accumulator
 * rows; for each {@link GemmEngine#KC}-long step of the inner dimension the slice of Y is packed
 * (the L2-resident panel, in the implementation's layout), then, tile by tile down the rows, the
 * tile's coefficients of X are packed and the implementation's micro-kernel adds the tile's
 * products into its accumulator rows; at the end the rows are written to C. Tiles are as tall as
 * the implementation's {@link #tileHeight} allows, the last ones shorter.
 *
 * @param <P> the implementation's packed panel
 */
abstract class PackedGemmTask<P> implements GemmTask {

  private final ThreadLocal<Workspace<P>> workspace;

  /**
   * @param panel allocates one thread's panel
   * @param maxTileHeight the tallest tile, the largest {@link #tileHeight}
   */
  PackedGemmTask(Supplier<P> panel, int maxTileHeight) {
    workspace = ThreadLocal.withInitial(() -> new Workspace<>(panel, maxTileHeight));
  }

  @Override
  public final void run(int i0, int i1, int j0, int j1, int p0, int p1, Strided x, Strided y,
      Strided c) {
    int rows = i1 - i0;
    int nc = j1 - j0;
    Workspace<P> ws = workspace.get();
    double[][] acc = ws.acc;
    Packing.zero(acc, rows, nc);
    for (int pc = p0; pc < p1; pc += GemmEngine.KC) {
      int kc = Math.min(GemmEngine.KC, p1 - pc);
      pack(y, pc, kc, j0, nc, ws.panel);
      for (int i = 0, h; i < rows; i += h) {
        h = tileHeight(rows - i);
        Packing.coefficients(x, i0 + i, h, pc, kc, ws.coef);
        tile(acc, i, h, ws.panel, ws.coef, kc, nc);
      }
    }
    Packing.writeBack(acc, rows, nc, c, i0, j0);
  }

  /** Copies {@code Y[pc:pc+kc, j0:j0+nc]} into {@code panel}. */
  abstract void pack(Strided y, int pc, int kc, int j0, int nc, P panel);

  /** The height of the next tile when {@code left >= 1} rows remain: from 1 to left. */
  abstract int tileHeight(int left);

  /**
   * {@code acc[i + q][j] += sum_p coef[p * h + q] * panel[p][j]} for the tile's rows {@code q <
   * h}, {@code p < kc}, {@code j < nc}: one chain of fused multiply-adds per element, in the
   * order of p.
   */
  abstract void tile(double[][] acc, int i, int h, P panel, double[] coef, int kc, int nc);

  /**
   * Per-thread scratch, allocated once in this order: accumulator rows, panel, coefficients (the
   * rows' capacity and the order are explained at {@link Packing#ROW_CAPACITY}).
   */
  private static final class Workspace<P> {
    final double[][] acc;
    final P panel;
    final double[] coef;

    Workspace(Supplier<P> panel, int maxTileHeight) {
      acc = Packing.rows(GemmEngine.MC);
      this.panel = panel.get();
      coef = new double[maxTileHeight * GemmEngine.KC];
    }
  }
}
