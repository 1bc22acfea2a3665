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
 * Square products {@code C = A B} of size n: the naive triple loop, the blocked kernel on one
 * thread and on all threads. GFLOP/s = {@code 2 n^3 / time}; docs/benchmarks.md derives it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class MultiplyBenchmark {

  @Param({"256", "512", "1024"})
  public int n;

  private double[] a;
  private double[] b;
  private double[] c;
  private Parallel all;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    a = random.doubles((long) n * n).toArray();
    b = random.doubles((long) n * n).toArray();
    c = new double[n * n];
    all = Parallel.defaultThreads();
  }

  @Benchmark
  public double[] naive() {
    Gemm.naiveMultiply(n, n, n, a, b, c);
    return c;
  }

  @Benchmark
  public double[] blockedSerial() {
    Gemm.multiply(n, n, n, a, b, c, Parallel.serial());
    return c;
  }

  @Benchmark
  public double[] blockedAllThreads() {
    Gemm.multiply(n, n, n, a, b, c, all);
    return c;
  }
}
