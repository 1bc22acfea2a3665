package io.github.nmf4j.benchmarks.linalg;

import io.github.nmf4j.linalg.Matrix;
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
 * Each is {@code 2 * 70000 * 784 * 20} flops = 2.195 GFLOP. Through the public {@link Matrix}
 * products, which return a new matrix (as numpy's {@code @} does).
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

  private Matrix v;
  private Matrix w;
  private Matrix h;
  private Matrix hAsB;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    v = Matrix.wrap(n, p, random.doubles((long) n * p).toArray());
    w = Matrix.wrap(n, k, random.doubles((long) n * k).toArray());
    double[] hData = random.doubles((long) k * p).toArray();
    h = Matrix.wrap(k, p, hData);
    hAsB = Matrix.wrap(p, k, hData);
  }

  /** {@code W^T V}: 20 x 784 from a 70000-long reduction. */
  @Benchmark
  public Matrix transposeMultiplyWtV() {
    return w.transposeMultiply(v, threads);
  }

  /** {@code V H^T}: 70000 x 20. */
  @Benchmark
  public Matrix multiplyTransposeVHt() {
    return v.multiplyTranspose(h, threads);
  }

  /** {@code V B} with B = H^T stored as 784 x 20 (H's storage read as 784 x 20): 70000 x 20. */
  @Benchmark
  public Matrix multiplyVB() {
    return v.multiply(hAsB, threads);
  }
}
