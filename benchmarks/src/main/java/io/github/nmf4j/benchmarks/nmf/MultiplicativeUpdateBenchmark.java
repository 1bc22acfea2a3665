package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.util.SplittableRandom;
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
 * Multiplicative-update fits of {@code iterations} iterations (H, then W) on a dense V of 70000 x
 * 784 (uniform on [0, 1)), rank 20, from fixed strictly positive factors scaled by
 * {@code sqrt(mean(V) / k)}, through the public API ({@code initialFactors}, tolerance 0). One
 * iteration costs the difference of the two fits' medians divided by the difference of their
 * iteration counts (10): validation, the final error and the copies of the start cancel out. The
 * peer is {@code benchmarks/python/nmf_mu_sklearn.py} (scikit-learn's update alone).
 *
 * <p>Frobenius: two large products ({@code W'V}, {@code VH'}: 2 x 2.195 GFLOP) and small ones.
 * Kullback-Leibler: four ({@code WH} twice, {@code W'R}, {@code RH'}: 4 x 2.195 GFLOP) over
 * blocks of rows, plus one division per element of V per half-iteration.
 *
 * <p>Sample-time mode: every call is timed, and the median (p0.50) is the figure to quote, as
 * the shared machine's noise inflates averages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class MultiplicativeUpdateBenchmark {

  @Param({"70000"})
  public int n;

  @Param({"784"})
  public int p;

  @Param({"20"})
  public int k;

  @Param({"FROBENIUS", "KULLBACK_LEIBLER"})
  public Loss loss;

  @Param({"1", "2"})
  public int threads;

  @Param({"1", "11"})
  public int iterations;

  private Nmf config;
  private Matrix v;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    v = Matrix.wrap(n, p, random.doubles((long) n * p).toArray());
    double avg = Math.sqrt(0.5 / k);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) {
      w[i] = avg * (1 - random.nextDouble());
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = avg * (1 - random.nextDouble());
    }
    config = Nmf.builder().rank(k).loss(loss).threads(threads)
        .initialFactors(Matrix.wrap(n, k, w), Matrix.wrap(k, p, h))
        .maxIterations(iterations).tolerance(0).build();
  }

  /** A fit of {@code iterations} iterations from the fixed start. */
  @Benchmark
  public NmfModel fit() {
    return config.fit(v);
  }
}
