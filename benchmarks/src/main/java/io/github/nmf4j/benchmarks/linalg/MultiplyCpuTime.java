package io.github.nmf4j.benchmarks.linalg;

import io.github.nmf4j.linalg.Kernels;
import io.github.nmf4j.linalg.Matrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The square product on one thread, timed by the thread's CPU time instead of the wall clock: on
 * a machine shared with other work, the time a thread waits for a core does not count, so the
 * figure moves far less than JMH's wall time does (it still moves with what the neighbours do to
 * the shared caches). Prints the kernels in use, then the minimum and the median per call of the
 * last two thirds of the calls, in milliseconds.
 *
 * <pre>
 * java [--add-modules jdk.incubator.vector] -cp benchmarks/target/benchmarks.jar \
 *     io.github.nmf4j.benchmarks.linalg.MultiplyCpuTime [n [calls]]
 * </pre>
 */
public final class MultiplyCpuTime {

  private MultiplyCpuTime() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    SplittableRandom random = new SplittableRandom(42);
    Matrix a = Matrix.wrap(n, n, random.doubles((long) n * n).toArray());
    Matrix b = Matrix.wrap(n, n, random.doubles((long) n * n).toArray());
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long[] nanos = new long[calls];
    double check = 0;
    for (int c = 0; c < calls; c++) {
      long t0 = bean.getCurrentThreadCpuTime();
      check += a.multiply(b, 1).get(0, 0);
      nanos[c] = bean.getCurrentThreadCpuTime() - t0;
    }
    long[] kept = Arrays.copyOfRange(nanos, calls / 3, calls);
    Arrays.sort(kept);
    System.out.println(Kernels.description());
    System.out.printf("n = %d, one thread, CPU ms per call: min %.2f, median %.2f (check %.3f)%n",
        n, kept[0] / 1e6, kept[kept.length / 2] / 1e6, check / calls);
  }
}
