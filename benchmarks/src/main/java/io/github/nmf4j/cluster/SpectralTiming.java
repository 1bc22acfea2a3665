package io.github.nmf4j.cluster;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Side-by-side timing of {@link SpectralClustering} with the k-NN affinity against scikit-learn's
 * {@code SpectralClustering(affinity='nearest_neighbors')} (benchmarks/python/spectral_sklearn.py,
 * which writes the data). Run from the repository's root after {@code mvn -B -DskipTests
 * package}:
 *
 * <pre>
 * /usr/bin/python3 benchmarks/python/spectral_sklearn.py /tmp/spectral 3
 * java -cp core/target/classes \
 *     benchmarks/src/main/java/io/github/nmf4j/cluster/SpectralTiming.java /tmp/spectral 3
 * </pre>
 *
 * Optional arguments after the repeats: the threads (default 2), the data sets, comma
 * separated (default {@code moons,digits}), and the warm-up fits before the timed ones (default
 * 1; the JIT compiles the vectorized kernels over the first ten or so fits of the digits).
 *
 * Prints each fit's seconds (after the warm-up fits), its CPU seconds on the calling thread
 * (all of it with {@code threads} 1, the third argument), the eigensolver's iterations and the
 * adjusted Rand index against the truth.
 */
public final class SpectralTiming {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private SpectralTiming() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String[] names = {"moons", "digits"};
    int[] clusters = {2, 10};
    java.util.List<String> wanted = java.util.List.of(
        (args.length > 3 ? args[3] : "moons,digits").split(","));
    int warmups = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    for (int d = 0; d < names.length; d++) {
      if (!wanted.contains(names[d])) {
        continue;
      }
      Matrix x = MatrixIo.read(dir.resolve(names[d] + ".npy"));
      int[] truth = MatrixIo.readLabels(dir.resolve(names[d] + "-labels.csv"));
      SpectralClustering sc = SpectralClustering.builder().clusters(clusters[d])
          .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(10).seed(0).threads(threads).build();
      for (int w = 0; w < warmups; w++) {
        sc.fit(x);
      }
      for (int r = 0; r < repeats; r++) {
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        SpectralModel model = sc.fit(x);
        double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT,
            "nmf4j %s %s: %.3f s, CPU %.3f s (calling thread), %d eigensolver iterations, "
            + "ARI %.4f%n", names[d], x.shape(), seconds, cpu, model.eigenIterations(),
            ClusteringMetrics.adjustedRandIndex(truth, model.labels()));
      }
    }
  }
}
