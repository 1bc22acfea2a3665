package io.github.nmf4j.linalg.kernel;

/**
 * One task of {@link GemmEngine}: rows {@code [i0, i1)} (at most {@link GemmEngine#MC}) and
 * columns {@code [j0, j1)} (at most {@link GemmEngine#NC_MAX}) of {@code X[:, p0:p1] Y[p0:p1, :]},
 * written to (not added into) {@code c}. Two implementations: {@link ScalarGemmTask}, loops that
 * HotSpot C2 vectorizes on any Java 17, and the Vector API one ({@code VectorGemmTask}, used when
 * the JVM runs with {@code jdk.incubator.vector}); {@link KernelChoice} picks one per JVM. Each
 * output element is one chain of fused multiply-adds in the order of the inner index, whatever
 * the implementation, so both give bit-identical results.
 */
interface GemmTask {

  void run(int i0, int i1, int j0, int j1, int p0, int p1, Strided x, Strided y, Strided c);

  /** What the implementation is, for the log and {@code Kernels.description()}. */
  String describe();
}
