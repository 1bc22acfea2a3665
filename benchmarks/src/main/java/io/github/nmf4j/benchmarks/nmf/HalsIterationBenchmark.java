package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.nio.file.Path;
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
 * One HALS iteration (the H half, then the W half, each with its Gillis-Glineur inner sweeps)
 * on the two matrices of the time-to-error comparison ({@link HalsDriver}): {@code dense}, 70000
 * x 784 at rank 20, and {@code faces}, the 200 x 625 real photographs of {@link
 * HalsData#faces} at rank 16 (read from {@code docs/figures/input}, so run from the repository
 * root). Through the public API: fits of {@code iterations} iterations from fixed strictly positive
 * random factors ({@code initialFactors}, tolerance 0); one iteration costs the difference of the
 * two fits' medians divided by 20, the cost of iterations 6 to 25 (the first ones, whose inner
 * sweeps run longest, and the fixed costs of a fit cancel out).
 *
 * <p>Sample-time mode: the median (p0.50) is the figure to quote on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class HalsIterationBenchmark {

  @Param({"dense", "faces"})
  public String data;

  @Param({"1", "2"})
  public int threads;

  @Param({"5", "25"})
  public int iterations;

  private Nmf config;
  private Matrix v;

  @Setup
  public void setUp() throws Exception {
    boolean dense = data.equals("dense");
    v = dense ? HalsData.dense(70000, 784, 20) : HalsData.faces(Path.of("."));
    int k = dense ? 20 : 16;
    SplittableRandom random = new SplittableRandom(42);
    double scale = Math.sqrt(v.sum() / v.size() / k);
    double[] w = new double[v.rows() * k];
    double[] h = new double[k * v.cols()];
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * (1 - random.nextDouble());
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = scale * (1 - random.nextDouble());
    }
    config = Nmf.builder().rank(k).solver(Solver.HALS).threads(threads)
        .initialFactors(Matrix.wrap(v.rows(), k, w), Matrix.wrap(k, v.cols(), h))
        .maxIterations(iterations).tolerance(0).build();
  }

  /** A fit of {@code iterations} iterations from the fixed start. */
  @Benchmark
  public NmfModel fit() {
    return config.fit(v);
  }
}
