package io.github.nmf4j.linalg.kernel;

/**
 * The {@link GemmTask} on plain Java 17: the panel of Y is packed into separate row arrays and,
 * four output rows at a time, the {@link MicroKernel} runs along the rows of the panel (the loop
 * around it is {@link PackedGemmTask}'s). Every array in that loop is indexed by the bare loop
 * variable, the shape C2's SuperWord turns into fused multiply-add vectors.
 */
final class ScalarGemmTask extends PackedGemmTask<double[][]> {

  ScalarGemmTask() {
    super(() -> Packing.rows(GemmEngine.KC), 4);
  }

  @Override
  public String describe() {
    return "scalar loops vectorized by the JIT";
  }

  @Override
  void pack(Strided y, int pc, int kc, int j0, int nc, double[][] panel) {
    Packing.rowPanel(y, pc, kc, j0, nc, panel);
  }

  @Override
  int tileHeight(int left) {
    return left >= 4 ? 4 : 1;
  }

  @Override
  void tile(double[][] acc, int i, int h, double[][] panel, double[] coef, int kc, int nc) {
    if (h == 4) {
      MicroKernel.rows4(acc[i], acc[i + 1], acc[i + 2], acc[i + 3], panel, coef, kc, nc);
    } else {
      MicroKernel.rows1(acc[i], panel, coef, kc, nc);
    }
  }
}
