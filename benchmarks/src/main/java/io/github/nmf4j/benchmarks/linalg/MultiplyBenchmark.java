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
 * Square products {@code C = A B} of size n: the naive triple loop, and {@link
 * Matrix#multiply(Matrix, int)} (the blocked kernel) on one thread and on all threads. Like numpy's
 * {@code a @ b}, the library's product returns a new matrix, so its allocation is part of the time.
 * GFLOP/s = {@code 2 n^3 / time}; docs/benchmarks.md derives it.
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
  private Matrix ma;
  private Matrix mb;
  private int all;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    a = random.doubles((long) n * n).toArray();
    b = random.doubles((long) n * n).toArray();
    c = new double[n * n];
    ma = Matrix.wrap(n, n, a);
    mb = Matrix.wrap(n, n, b);
    all = Runtime.getRuntime().availableProcessors();
  }

  @Benchmark
  public double[] naive() {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < n; p++) {
          s += a[i * n + p] * b[p * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  @Benchmark
  public Matrix blockedSerial() {
    return ma.multiply(mb, 1);
  }

  @Benchmark
  public Matrix blockedAllThreads() {
    return ma.multiply(mb, all);
  }
}
