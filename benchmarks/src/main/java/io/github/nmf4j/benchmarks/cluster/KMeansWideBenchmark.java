package io.github.nmf4j.benchmarks.cluster;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.linalg.Matrix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * k-means on wide data ({@link WideData}: the 1797 x 64 digits and 70000 x 784 MNIST-shaped
 * images), one restart, as scikit-learn's {@code KMeans(algorithm="lloyd", n_init=1)} in {@code
 * benchmarks/python/kmeans_wide_sklearn.py}. {@link #lloydFromGivenCentroids} starts both from
 * the same centroids (300 iterations at most, tolerance 1e-4); {@link #kMeansPlusPlus} times a
 * whole fit with k-means++ seeding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class KMeansWideBenchmark {

  @Param({"digits", "mnist"})
  public String data;

  @Param({"10", "64"})
  public int k;

  @Param({"2"})
  public int threads;

  private Matrix points;
  private KMeans fromCentroids;
  private KMeans plusPlus;

  @Setup
  public void setUp() {
    WideData.Data d = WideData.load(data);
    points = Matrix.wrap(d.rows, d.cols, d.values);
    Matrix initial = Matrix.wrap(k, d.cols, SyntheticDigits.initialCentroids(d.values, d.cols, k));
    fromCentroids = KMeans.builder().initialCentroids(initial).threads(threads).build();
    plusPlus = KMeans.builder().k(k).initialization(KMeansInit.K_MEANS_PLUS_PLUS).restarts(1)
        .seed(0).threads(threads).build();
  }

  /** Lloyd's iterations from the centroids scikit-learn also starts from. */
  @Benchmark
  public KMeansModel lloydFromGivenCentroids() {
    return fromCentroids.fit(points);
  }

  /** k-means++ seeding followed by Lloyd's iterations. */
  @Benchmark
  public KMeansModel kMeansPlusPlus() {
    return plusPlus.fit(points);
  }

  /**
   * Prints, per data set and k, the data's sum, the time, iterations, inertia and label checksum
   * of a fit from the shared centroids (to compare with the Python script's), on 2 threads.
   * Arguments: data sets (default {@code digits,mnist}), values of k (default {@code 10,64}).
   */
  public static void main(String[] args) {
    String[] sets = (args.length > 0 ? args[0] : "digits,mnist").split(",");
    String[] ks = (args.length > 1 ? args[1] : "10,64").split(",");
    for (String set : sets) {
      for (String kk : ks) {
        KMeansWideBenchmark b = new KMeansWideBenchmark();
        b.data = set;
        b.k = Integer.parseInt(kk);
        b.threads = 2;
        b.setUp();
        double sum = 0;
        for (double v : b.points.toRowMajorArray()) {
          sum += v;
        }
        KMeansModel m = null;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
          long t = System.nanoTime();
          m = b.lloydFromGivenCentroids();
          best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf("%s sum %.10f k=%d same-init: best of 3 %.1f ms, iterations %d, "
            + "inertia %.9g, checksum %d%n", set, sum, b.k, best / 1e6, m.iterations(),
            m.inertia(), WideData.checksum(m.labels()));
      }
    }
  }
}
