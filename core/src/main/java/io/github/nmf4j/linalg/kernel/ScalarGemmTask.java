package io.github.nmf4j.linalg.kernel;

/**
 * The {@link GemmTask} on plain Java 17: the task's output rows live in per-thread accumulator
 * rows; for each {@link GemmEngine#KC}-long step of the inner dimension the slice of Y is packed
 * into separate row arrays (the L2-resident panel) and then, four output rows at a time, the
 * {@link MicroKernel} runs along the rows of the panel. Every array in that loop is indexed by the
 * bare loop variable, the shape C2's SuperWord turns into fused multiply-add vectors.
 */
final class ScalarGemmTask implements GemmTask {

  private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);

  @Override
  public void run(int i0, int i1, int j0, int j1, int p0, int p1, Strided x, Strided y,
      Strided c) {
    int rows = i1 - i0;
    int nc = j1 - j0;
    Workspace ws = workspace.get();
    double[][] acc = ws.acc;
    Packing.zero(acc, rows, nc);
    for (int pc = p0; pc < p1; pc += GemmEngine.KC) {
      int kc = Math.min(GemmEngine.KC, p1 - pc);
      Packing.rowPanel(y, pc, kc, j0, nc, ws.panel);
      int i = 0;
      for (; i + 4 <= rows; i += 4) {
        Packing.coefficients(x, i0 + i, 4, pc, kc, ws.coef);
        MicroKernel.rows4(acc[i], acc[i + 1], acc[i + 2], acc[i + 3], ws.panel, ws.coef, kc, nc);
      }
      for (; i < rows; i++) {
        Packing.coefficients(x, i0 + i, 1, pc, kc, ws.coef);
        MicroKernel.rows1(acc[i], ws.panel, ws.coef, kc, nc);
      }
    }
    Packing.writeBack(acc, rows, nc, c, i0, j0);
  }

  @Override
  public String describe() {
    return "scalar loops vectorized by the JIT";
  }

  /**
   * Per-thread scratch, allocated once, accumulator rows then panel rows one after the other
   * (their capacity is explained at {@link Packing#ROW_CAPACITY}).
   */
  private static final class Workspace {
    final double[][] acc = Packing.rows(GemmEngine.MC);
    final double[][] panel = Packing.rows(GemmEngine.KC);
    final double[] coef = new double[4 * GemmEngine.KC];
  }
}
