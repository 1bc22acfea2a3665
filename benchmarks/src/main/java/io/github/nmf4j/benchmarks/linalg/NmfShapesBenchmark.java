package io.github.nmf4j.benchmarks.linalg;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
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
 * The products of one NMF iteration on MNIST-sized data, V (70000 x 784), rank k = 20:
 * {@code W^T V} as {@code transposeMultiply} (20 x 70000 times 70000 x 784), {@code V H^T} as
 * {@code multiplyTranspose} and {@code V B} as {@code multiply} (70000 x 784 times 784 x 20).
 * Each is {@code 2 * 70000 * 784 * 20} flops = 2.195 GFLOP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class NmfShapesBenchmark {

  @Param({"70000"})
  public int n;

  @Param({"784"})
  public int p;

  @Param({"20"})
  public int k;

  @Param({"1", "2"})
  public int threads;

  private double[] v;
  private double[] w;
  private double[] h;
  private double[] kxp;
  private double[] nxk;
  private Parallel par;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    v = random.doubles((long) n * p).toArray();
    w = random.doubles((long) n * k).toArray();
    h = random.doubles((long) k * p).toArray();
    kxp = new double[k * p];
    nxk = new double[n * k];
    par = Parallel.of(threads);
  }

  /** {@code W^T V}: 20 x 784 from a 70000-long reduction. */
  @Benchmark
  public double[] transposeMultiplyWtV() {
    Gemm.transposeMultiply(n, k, p, w, v, kxp, par);
    return kxp;
  }

  /** {@code V H^T}: 70000 x 20. */
  @Benchmark
  public double[] multiplyTransposeVHt() {
    Gemm.multiplyTranspose(n, p, k, v, h, nxk, par);
    return nxk;
  }

  /** {@code V B} with B = H^T stored as 784 x 20: 70000 x 20. */
  @Benchmark
  public double[] multiplyVB() {
    Gemm.multiply(n, p, k, v, h, nxk, par);
    return nxk;
  }
}
