package io.github.nmf4j.benchmarks.cluster;

import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.Linkage;
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
 * Agglomerative clustering of the first {@code n} pixels of every 37th pixel of {@link
 * SyntheticImage} (3 features), as {@code benchmarks/python/agglomerative_sklearn.py} does with
 * scikit-learn's {@code AgglomerativeClustering(n_clusters=8, linkage=...)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class AgglomerativeBenchmark {

  @Param({"5000"})
  public int n;

  @Param({"SINGLE", "COMPLETE", "AVERAGE", "WARD"})
  public Linkage linkage;

  @Param({"2"})
  public int threads;

  private Matrix points;
  private Agglomerative agglomerative;

  @Setup
  public void setUp() {
    points = sample(n);
    agglomerative = Agglomerative.builder().linkage(linkage).clusters(8).threads(threads).build();
  }

  /** Pixels 0, 37, 74, ... of the synthetic image: {@code n} x 3. */
  static Matrix sample(int n) {
    double[] pixels = SyntheticImage.pixels(42);
    double[] x = new double[n * 3];
    for (int i = 0; i < n; i++) {
      System.arraycopy(pixels, 3 * (37 * i), x, 3 * i, 3);
    }
    return Matrix.wrap(n, 3, x);
  }

  @Benchmark
  public AgglomerativeModel fit() {
    return agglomerative.fit(points);
  }
}
