package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.Solver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * Time for nmf4j's HALS to reach the relative error scikit-learn's {@code NMF(solver='cd',
 * init='nndsvda')} reaches in a given number of iterations ({@code hals_sklearn.py} prints it).
 *
 * <pre>
 * java -Xmx4g -cp benchmarks/target/benchmarks.jar io.github.nmf4j.benchmarks.nmf.HalsDriver \
 *     dense|faces|faces-like TARGET_RELATIVE_ERROR [repeats] [threads] [START_DIR]
 * </pre>
 *
 * <p>{@code faces} are the real photographs of {@link HalsData#faces}, {@code faces-like} the
 * synthetic stand-in of earlier measurements ({@link HalsData#syntheticFaces}).
 *
 * <p>First a fit with the loss computed every iteration finds the first iteration N at which the
 * relative error {@code ||V - WH||_F / ||V||_F} is at most the target; then fits with exactly N
 * iterations (NNDSVDA start, tolerance 0) are timed after warm-up fits, and the median is
 * printed, with the time of a 1-iteration fit (the start: validation, SVD, NNDSVDA) for scale.
 * With one thread, the CPU time of the fitting thread is printed too: all the fit's work runs on
 * it, so that figure does not grow with other load on the machine. The same is done, with one
 * timed fit, for the multiplicative updates (up to 500 iterations on
 * the dense matrix, 2000 on the faces), for reference.
 *
 * <p>With {@code START_DIR}, the fits start from {@code START_DIR/w0.npy} and {@code h0.npy}
 * ({@code initialFactors}, so no SVD is timed) instead of nmf4j's NNDSVDA: {@code hals_sklearn.py
 * REPEATS faces START_DIR} writes scikit-learn's own NNDSVDA start there, so that both solvers
 * run from the same start.
 */
public final class HalsDriver {

  private HalsDriver() {}

  public static void main(String[] args) throws Exception {
    String which = args[0];
    double target = Double.parseDouble(args[1]);
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    Path startDir = args.length > 4 ? Path.of(args[4]) : null;
    boolean dense = which.equals("dense");
    Matrix v = dense ? HalsData.dense(70000, 784, 20)
        : which.equals("faces-like") ? HalsData.syntheticFaces(Path.of("."))
        : HalsData.faces(Path.of("."));
    int k = dense ? 20 : 16;
    int limit = dense ? 500 : 2000;
    System.out.printf("%s %s rank %d, target relative error %.10f, %d threads%n", which,
        v.shape(), k, target, threads);
    if (startDir != null) {
      System.out.println("  from the start in " + startDir);
    }
    for (Solver solver : Solver.values()) {
      double norm = v.frobeniusNorm();
      int[] reached = {-1};
      Nmf probe = config(k, solver, limit, threads, startDir).toBuilder().checkEvery(1)
          .listener(p -> {
            if (reached[0] < 0 && p.loss().isPresent() && p.loss().getAsDouble() / norm <= target) {
              reached[0] = p.iteration();
              p.cancel();
            }
          }).build();
      try {
        probe.fit(v);
      } catch (CancellationException reachedTarget) {
        // The listener stopped the probe at the target.
      }
      if (reached[0] < 0) {
        System.out.printf("  %s: not reached in %d iterations%n", solver, limit);
        continue;
      }
      int n = reached[0];
      // The multiplicative updates are timed once (on the dense matrix a fit takes ~20 s).
      boolean hals = solver == Solver.HALS;
      int warmups = dense ? 1 : 20;
      double[] fit = time(config(k, solver, n, threads, startDir), v, hals ? warmups : 1,
          hals ? repeats : 1);
      double[] cpu = lastCpu.clone();
      double[] start = time(config(k, solver, 1, threads, startDir), v, dense ? 0 : 5, repeats);
      System.out.printf("  %s: %d iterations to reach it; fit median %.3f s (runs %s); "
          + "1-iteration fit median %.3f s%s%n", solver, n, median(fit), Arrays.toString(fit),
          median(start), threads == 1
              ? String.format(Locale.ROOT, "; fit thread cpu median %.3f s (min %.3f)",
                  median(cpu), Arrays.stream(cpu).min().getAsDouble())
              : "");
    }
  }

  private static Nmf config(int k, Solver solver, int iterations, int threads, Path startDir)
      throws IOException {
    Nmf.Builder builder = Nmf.builder().rank(k).solver(solver)
        .maxIterations(iterations).tolerance(0).threads(threads);
    if (startDir == null) {
      builder.initialization(Initialization.NNDSVDA);
    } else {
      builder.initialFactors(MatrixIo.read(startDir.resolve("w0.npy")),
          MatrixIo.read(startDir.resolve("h0.npy")));
    }
    return builder.build();
  }

  /** CPU time (s) of the calling thread for each timed fit of the last {@link #time} call. */
  private static double[] lastCpu = new double[0];

  private static double[] time(Nmf config, Matrix v, int warmups, int repeats) {
    for (int i = 0; i < warmups; i++) {
      config.fit(v);
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[] t = new double[repeats];
    lastCpu = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long c0 = bean.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      config.fit(v);
      t[r] = Math.round((System.nanoTime() - t0) / 1e6) / 1e3;
      lastCpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    return t;
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
