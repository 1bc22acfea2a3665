package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cost of missing values: CPU time per iteration of a fit with a share of the entries hidden
 * (NaN, {@code missingValues(IGNORE)}) against the same fit of the full matrix, one thread, on
 * the real photographs of {@link HalsData#faces} (run from the repository root). Each round times
 * fits of {@code a} and {@code b} iterations (tolerance 0, the same default start) of the full
 * and of the masked matrix, interleaved; one iteration is {@code (cpu(b) - cpu(a)) / (b - a)},
 * so validation, copies and the start cancel out. Prints the medians and their ratio.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.nmf4j.benchmarks.nmf.MissingValuesCpuTime \
 *     RANK hals|mu|kl MISSING_SHARE A B ROUNDS
 * </pre>
 */
public final class MissingValuesCpuTime {

  private MissingValuesCpuTime() {}

  public static void main(String[] args) throws Exception {
    int k = Integer.parseInt(args[0]);
    String which = args[1];
    double share = Double.parseDouble(args[2]);
    int a = Integer.parseInt(args[3]);
    int b = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    Matrix full = HalsData.faces(Path.of("."));
    double[] values = full.toRowMajorArray();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < values.length; i++) {
      if (random.nextDouble() < share) {
        values[i] = Double.NaN;
      }
    }
    Matrix masked = Matrix.wrap(full.rows(), full.cols(), values);
    Nmf.Builder builder = Nmf.builder().rank(k).threads(1).tolerance(0).seed(0)
        .missingValues(MissingValues.IGNORE)
        .solver(which.equals("hals") ? Solver.HALS : Solver.MULTIPLICATIVE_UPDATE);
    if (which.equals("kl")) {
      builder.loss(io.github.nmf4j.nmf.Loss.KULLBACK_LEIBLER);
    }
    Nmf shortFit = builder.maxIterations(a).build();
    Nmf longFit = builder.maxIterations(b).build();
    for (int i = 0; i < 5; i++) {
      longFit.fit(full);
      longFit.fit(masked);
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[] fullTimes = new double[rounds];
    double[] maskedTimes = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      fullTimes[r] = perIteration(bean, shortFit, longFit, full, b - a);
      maskedTimes[r] = perIteration(bean, shortFit, longFit, masked, b - a);
    }
    Arrays.sort(fullTimes);
    Arrays.sort(maskedTimes);
    double f = fullTimes[rounds / 2];
    double m = maskedTimes[rounds / 2];
    System.out.printf(Locale.ROOT, "faces %d x %d rank %d %s, %.0f%% missing, one thread, CPU ms "
        + "per iteration (fits of %d and %d, %d rounds): full median %.4f (%.4f-%.4f), "
        + "masked median %.4f (%.4f-%.4f), ratio %.2f%n", full.rows(), full.cols(), k, which,
        100 * share, a, b, rounds, f, fullTimes[0], fullTimes[rounds - 1], m, maskedTimes[0],
        maskedTimes[rounds - 1], m / f);
  }

  private static double perIteration(ThreadMXBean bean, Nmf shortFit, Nmf longFit, Matrix v,
      int iterations) {
    long c0 = bean.getCurrentThreadCpuTime();
    shortFit.fit(v);
    long c1 = bean.getCurrentThreadCpuTime();
    longFit.fit(v);
    long c2 = bean.getCurrentThreadCpuTime();
    return ((c2 - c1) - (c1 - c0)) / 1e6 / iterations;
  }
}
