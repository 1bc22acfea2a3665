package io.github.nmf4j.cluster;

import io.github.nmf4j.benchmarks.cluster.RealImage;
import io.github.nmf4j.linalg.Matrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * k-means|| ({@link KMeansInit#K_MEANS_PARALLEL}) against k-means++ seeding, and scikit-learn's
 * k-means++ (benchmarks/python/kmeans_parallel_sklearn.py), on the 273,280 pixels of {@code
 * docs/figures/input/china.png} scaled to [0, 1]: one restart, Lloyd to tolerance 1e-4 or 300
 * iterations, and the seeding plus one Lloyd iteration ({@code maxIterations(1)}) to isolate
 * the seeding. Run from the repository's root after {@code mvn -B -DskipTests package}:
 *
 * <pre>
 * OMP_NUM_THREADS=1 /usr/bin/python3 benchmarks/python/kmeans_parallel_sklearn.py 10 16
 * java -cp core/target/classes:benchmarks/target/classes \
 *     benchmarks/src/main/java/io/github/nmf4j/cluster/KMeansParallelTiming.java 10 16 1
 * </pre>
 *
 * Prints, per seeding and seed (after one warm-up fit of each), the wall and calling-thread CPU
 * seconds (all of the CPU with {@code threads} 1, the third argument), the Lloyd iterations and
 * the inertia.
 */
public final class KMeansParallelTiming {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private KMeansParallelTiming() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    double[] x = RealImage.china();
    Matrix pixels = Matrix.wrap(x.length / 3, 3, x);
    for (KMeansInit init : new KMeansInit[] {KMeansInit.K_MEANS_PARALLEL,
        KMeansInit.K_MEANS_PLUS_PLUS}) {
      for (int maxIterations : new int[] {1, 300}) {
        KMeans.Builder b = KMeans.builder().k(k).initialization(init).restarts(1)
            .maxIterations(maxIterations).threads(threads);
        b.seed(0).fit(pixels); // warm-up
        for (int seed = 0; seed < repeats; seed++) {
          long start = System.nanoTime();
          long cpuStart = CPU.getCurrentThreadCpuTime();
          KMeansModel m = b.seed(seed).fit(pixels);
          double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "nmf4j %s maxIter=%d k=%d seed=%d: %.3f s, CPU %.3f s, "
              + "%d iterations, inertia %.3f%n", init, maxIterations, k, seed, seconds, cpu,
              m.iterations(), m.inertia());
        }
      }
    }
  }
}
