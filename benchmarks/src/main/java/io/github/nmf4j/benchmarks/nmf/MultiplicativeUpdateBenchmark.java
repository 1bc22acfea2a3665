package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
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
 * One multiplicative-update iteration (H, then W) on a dense V of 70000 x 784 (uniform on
 * [0, 1)), rank 20, from strictly positive factors scaled by {@code sqrt(mean(V) / k)}. The
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

  private SolverHandle solver;

  @Setup
  public void setUp() throws ReflectiveOperationException {
    SplittableRandom random = new SplittableRandom(42);
    Matrix v = Matrix.wrap(n, p, random.doubles((long) n * p).toArray());
    double avg = Math.sqrt(0.5 / k);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) {
      w[i] = avg * (1 - random.nextDouble());
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = avg * (1 - random.nextDouble());
    }
    Nmf config = Nmf.builder().rank(k).loss(loss).threads(threads).build();
    solver = new SolverHandle(config, v, w, h);
  }

  /** One iteration. */
  @Benchmark
  public void iteration() throws Throwable {
    solver.iterate();
  }
}
