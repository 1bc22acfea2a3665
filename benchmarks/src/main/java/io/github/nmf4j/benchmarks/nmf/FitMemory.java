package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The peak heap of one NMF fit: builds V ({@code n x p}, uniform on [0, 1), generated straight
 * into its array and wrapped without a copy), fits it, and prints the bytes of V, the heap limit,
 * and the sum of the heap pools' peak usages (an upper bound of the peak heap). Run it with
 * {@code -Xmx} set to 1.5 x the bytes of V (658560000 for 70000 x 784): finishing at all shows
 * that the fit never needed more live heap than that.
 *
 * <pre>
 * java -Xmx658560000 -cp benchmarks/target/benchmarks.jar \
 *     io.github.nmf4j.benchmarks.nmf.FitMemory 70000 784 20 50 FROBENIUS NNDSVDA
 * </pre>
 */
public final class FitMemory {

  private FitMemory() {}

  /** Arguments: n p k iterations [loss [initialization [threads]]]. */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int p = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    int iterations = Integer.parseInt(args[3]);
    Loss loss = args.length > 4 ? Loss.valueOf(args[4]) : Loss.FROBENIUS;
    Initialization init = args.length > 5 ? Initialization.valueOf(args[5])
        : Initialization.NNDSVDA;
    int threads = args.length > 6 ? Integer.parseInt(args[6])
        : Runtime.getRuntime().availableProcessors();

    double[] values = new double[n * p];
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble();
    }
    Matrix v = Matrix.wrap(n, p, values);
    long vBytes = 8L * n * p;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long start = System.nanoTime();
    NmfModel model = Nmf.builder().rank(k).loss(loss).initialization(init)
        .maxIterations(iterations).tolerance(0).threads(threads).fit(v);
    double seconds = (System.nanoTime() - start) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    System.out.printf(Locale.ROOT,
        "%dx%d rank %d, %s, %s, %d iterations on %d threads in %.1f s, relative error %.4f%n",
        n, p, k, loss, init, model.iterations(), threads, seconds, model.relativeError());
    System.out.printf(Locale.ROOT,
        "V: %.1f MB; heap limit (-Xmx): %.1f MB = %.2f x V; sum of heap pool peaks: %.1f MB"
            + " = %.2f x V%n",
        vBytes / 1e6, max / 1e6, (double) max / vBytes, peak / 1e6, (double) peak / vBytes);
  }
}
