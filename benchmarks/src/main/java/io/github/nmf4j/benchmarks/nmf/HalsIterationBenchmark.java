package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Nmf;
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
 * root). The
 * iteration starts from strictly positive random factors and runs on, so later calls time
 * iterations further into the fit, as in a real one.
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

  private SolverHandle solver;

  @Setup
  public void setUp() throws Exception {
    boolean dense = data.equals("dense");
    Matrix v = dense ? HalsData.dense(70000, 784, 20) : HalsData.faces(Path.of("."));
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
    Nmf config = Nmf.builder().rank(k).solver(Solver.HALS).threads(threads).build();
    solver = new SolverHandle(config, v, w, h);
  }

  /** One iteration. */
  @Benchmark
  public void iteration() throws Throwable {
    solver.iterate();
  }
}
