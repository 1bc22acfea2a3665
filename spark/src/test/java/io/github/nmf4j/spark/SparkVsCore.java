package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times the same fit in nmf4j-core (2 threads) and in SparkNmf on local[2], interleaved, for
 * docs/spark.md: {@code java -cp ... io.github.nmf4j.spark.SparkVsCore ROWS COLS RANK PARTITIONS
 * ROUNDS}. Each round fits with 10 and with 60 iterations on both sides; the per-iteration time
 * is the difference over 50. Prints one line per measurement and the medians.
 */
public final class SparkVsCore {

  private SparkVsCore() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int p = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    int partitions = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    Matrix v = SparkTestData.noisyLowRank(n, p, k, 0.1, 1);
    SparkSession spark = SparkTestData.session("local[2]");
    Dataset<Row> df = SparkTestData.frame(spark, v, partitions, false).cache();
    df.count();
    double[] coreShort = new double[rounds];
    double[] coreLong = new double[rounds];
    double[] sparkShort = new double[rounds];
    double[] sparkLong = new double[rounds];
    // One warm-up of each, not counted.
    core(v, k, 10);
    spark(df, k, 10);
    for (int r = 0; r < rounds; r++) {
      coreShort[r] = core(v, k, 10);
      sparkShort[r] = spark(df, k, 10);
      coreLong[r] = core(v, k, 60);
      sparkLong[r] = spark(df, k, 60);
      System.out.printf("round %d: core %.3f / %.3f s, spark %.3f / %.3f s (10 / 60 it)%n", r,
          coreShort[r], coreLong[r], sparkShort[r], sparkLong[r]);
    }
    System.out.printf("%dx%d rank %d, %d partitions, medians of %d rounds:%n", n, p, k,
        partitions, rounds);
    System.out.printf("core : fit of 60 iterations %.3f s, per iteration %.1f ms%n",
        median(coreLong), 1000 * (median(coreLong) - median(coreShort)) / 50);
    System.out.printf("spark: fit of 60 iterations %.3f s, per iteration %.1f ms%n",
        median(sparkLong), 1000 * (median(sparkLong) - median(sparkShort)) / 50);
    spark.stop();
  }

  private static double core(Matrix v, int k, int iterations) {
    long t = System.nanoTime();
    NmfModel m = Nmf.builder().rank(k).seed(1).maxIterations(iterations).tolerance(0).threads(2)
        .initialization(Initialization.RANDOM).fit(v);
    double s = (System.nanoTime() - t) / 1e9;
    if (m.iterations() != iterations) {
      throw new AssertionError();
    }
    return s;
  }

  private static double spark(Dataset<Row> df, int k, int iterations) {
    long t = System.nanoTime();
    SparkNmfModel m = new SparkNmf().setRank(k).setSeed(1).setMaxIter(iterations).setTol(0)
        .fit(df);
    double s = (System.nanoTime() - t) / 1e9;
    if (m.iterations() != iterations) {
      throw new AssertionError();
    }
    return s;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
