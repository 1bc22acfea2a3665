package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Kernels;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The cost of one NMF iteration on one thread, in CPU time of the fitting thread (which the
 * waits of a shared machine do not inflate), through the public API: fits from fixed strictly
 * positive random factors ({@code initialFactors}, scaled by {@code sqrt(mean(V) / k)}, tolerance
 * 0, {@code threads(1)}) of {@code a} and of {@code b} iterations, timed one after the other;
 * one iteration is {@code (cpu(b) - cpu(a)) / (b - a)}, so validation, the start's copies and
 * the final error cancel out. Prints the median and the range of that over the rounds. The peer
 * is {@code benchmarks/python/iteration_sklearn.py} (scikit-learn's {@code NMF(init='custom')}
 * with {@code OPENBLAS_NUM_THREADS=1}, process CPU time, same protocol).
 *
 * <p>With {@code wall THREADS} at the end, the fits run on {@code threads(THREADS)} and are timed
 * by the wall clock instead (the peer's {@code wall THREADS} likewise): the two-thread
 * targets, meaningful only on a quiet machine (load below 2 on the 2 cores).
 *
 * <pre>
 * java [--add-modules jdk.incubator.vector] -Xmx2g -cp benchmarks/target/benchmarks.jar \
 *     io.github.nmf4j.benchmarks.nmf.IterationCpuTime faces|mnist RANK hals|mu A B ROUNDS \
 *     [wall THREADS]
 * </pre>
 *
 * <p>{@code faces}: the 200 x 625 real photographs of {@link HalsData#faces} (run from the
 * repository root); {@code mnist}: 70000 x 784 uniform on [0, 1) (the shape of MNIST).
 */
public final class IterationCpuTime {

  private IterationCpuTime() {}

  public static void main(String[] args) throws Exception {
    String which = args[0];
    int k = Integer.parseInt(args[1]);
    Solver solver = args[2].equals("hals") ? Solver.HALS : Solver.MULTIPLICATIVE_UPDATE;
    int a = Integer.parseInt(args[3]);
    int b = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    boolean wall = args.length > 6 && args[6].equals("wall");
    int threads = wall ? Integer.parseInt(args[7]) : 1;
    SplittableRandom random = new SplittableRandom(42);
    Matrix v = which.equals("faces") ? HalsData.faces(Path.of("."))
        : Matrix.wrap(70000, 784, random.doubles(70000L * 784).toArray());
    int n = v.rows();
    int p = v.cols();
    double scale = Math.sqrt(v.sum() / v.size() / k);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * (1 - random.nextDouble());
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = scale * (1 - random.nextDouble());
    }
    Nmf base = Nmf.builder().rank(k).solver(solver).threads(threads).tolerance(0)
        .initialFactors(Matrix.wrap(n, k, w), Matrix.wrap(k, p, h)).maxIterations(a).build();
    Nmf shortFit = base;
    Nmf longFit = base.toBuilder().maxIterations(b).build();
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    LongSupplier clock = wall ? System::nanoTime : bean::getCurrentThreadCpuTime;
    // Warm-up: enough fits for the JIT to compile the loops.
    int warmups = which.equals("faces") ? 10 : 1;
    for (int i = 0; i < warmups; i++) {
      longFit.fit(v);
    }
    double[] perIteration = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = clock.getAsLong();
      shortFit.fit(v);
      long c1 = clock.getAsLong();
      longFit.fit(v);
      long c2 = clock.getAsLong();
      perIteration[r] = ((c2 - c1) - (c1 - c0)) / 1e6 / (b - a);
    }
    Arrays.sort(perIteration);
    System.out.println(Kernels.description());
    String what = wall ? threads + " threads: wall ms" : "one thread: CPU ms";
    System.out.printf(Locale.ROOT, "%s %d x %d rank %d %s, %s per iteration "
        + "(fits of %d and %d) median %.4f, range %.4f-%.4f over %d rounds%n", which, n, p, k,
        solver, what, a, b, perIteration[rounds / 2], perIteration[0], perIteration[rounds - 1],
        rounds);
  }
}
