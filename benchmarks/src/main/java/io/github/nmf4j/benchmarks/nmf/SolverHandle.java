package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Nmf;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * One NMF solver (an {@code io.github.nmf4j.nmf.UpdateRule}, package-private in the library)
 * reached by reflection, so that a benchmark can time a single iteration without the rest of a
 * fit (validation, initialization, the final error pass). Benchmarks run on the class path, where
 * this access is allowed.
 */
final class SolverHandle {

  private final Object rule;
  private final MethodHandle iterate;
  private final MethodHandle loss;

  /**
   * The solver of {@code config} (loss, solver, epsilon, threads) on {@code v}, working in place
   * on {@code w} ({@code n x k}) and {@code h} ({@code k x p}).
   */
  SolverHandle(Nmf config, Matrix v, double[] w, double[] h) throws ReflectiveOperationException {
    Parallel par = Parallel.of(config.settings().threads());
    Class<?> scaledData = Class.forName("io.github.nmf4j.nmf.ScaledData");
    Method of = scaledData.getDeclaredMethod("of", Matrix.class, String.class, Parallel.class);
    of.setAccessible(true);
    Object data = of.invoke(null, v, "v", par);
    Class<?> solvers = Class.forName("io.github.nmf4j.nmf.Solvers");
    Method create = solvers.getDeclaredMethod("fitRule", Nmf.class, scaledData, double[].class,
        double[].class, Parallel.class);
    create.setAccessible(true);
    rule = create.invoke(null, config, data, w, h, par);
    Class<?> updateRule = Class.forName("io.github.nmf4j.nmf.UpdateRule");
    Method it = updateRule.getDeclaredMethod("iterate");
    it.setAccessible(true);
    Method ls = updateRule.getDeclaredMethod("loss");
    ls.setAccessible(true);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    iterate = lookup.unreflect(it);
    loss = lookup.unreflect(ls);
  }

  /** One iteration (H, then W). */
  void iterate() throws Throwable {
    iterate.invoke(rule);
  }

  /** The current loss, in the solver's scaled units. */
  double loss() throws Throwable {
    return (double) loss.invoke(rule);
  }
}
