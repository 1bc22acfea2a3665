package io.github.nmf4j.benchmarks.metrics;

import io.github.nmf4j.benchmarks.cluster.SyntheticDigits;
import io.github.nmf4j.benchmarks.cluster.WideData;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.Silhouette;
import java.util.Arrays;
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
 * The exact silhouette score on wide data, as scikit-learn's {@code silhouette_score} in {@code
 * benchmarks/python/kmeans_wide_sklearn.py --silhouette}: all 1797 digits, or the first 10000
 * rows of the 70000 x 784 MNIST-shaped images, labelled by k-means with k = 10 from the shared
 * initial centroids (the labels both sides get).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class SilhouetteBenchmark {

  /** Rows scored at most. */
  public static final int ROWS = 10_000;

  @Param({"digits", "mnist"})
  public String data;

  @Param({"2"})
  public int threads;

  private Matrix points;
  private int[] labels;

  @Setup
  public void setUp() {
    WideData.Data d = WideData.load(data);
    Matrix all = Matrix.wrap(d.rows, d.cols, d.values);
    Matrix initial =
        Matrix.wrap(10, d.cols, SyntheticDigits.initialCentroids(d.values, d.cols, 10));
    int[] fitted = KMeans.builder().initialCentroids(initial).threads(2).fit(all).labels();
    int m = Math.min(ROWS, d.rows);
    points = Matrix.wrap(m, d.cols, Arrays.copyOf(d.values, m * d.cols));
    labels = Arrays.copyOf(fitted, m);
  }

  /** The exact mean silhouette. */
  @Benchmark
  public double score() {
    return Silhouette.score(points, labels, threads);
  }

  /** Prints the score of each data set (to compare with scikit-learn's). */
  public static void main(String[] args) {
    for (String set : new String[] {"digits", "mnist"}) {
      SilhouetteBenchmark b = new SilhouetteBenchmark();
      b.data = set;
      b.threads = 2;
      b.setUp();
      System.out.printf("%s first %d rows: silhouette %.12f%n", set, b.points.rows(), b.score());
    }
  }
}
