package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times the same fit in nmf4j-core (2 threads) and in SparkNmf on local[2], interleaved, for
 * docs/spark.md: {@code java -cp ... io.github.nmf4j.spark.SparkVsCore IMAGES ROWS RANK
 * PARTITIONS ROUNDS [parallelize]}, where IMAGES is an IDX image file ({@code .gz}, as Fashion-MNIST's
 * {@code t10k-images-idx3-ubyte.gz}) whose first ROWS images, pixels / 255, are the rows of V.
 * Each round fits with 10 and with 60 iterations on both sides; the per-iteration time is the
 * difference over 50, in wall time and in the process's CPU time (all threads: Spark's driver
 * and task threads run in this JVM). Spark reads V from a Parquet copy in a temporary
 * directory, PARTITIONS files (or, with a sixth argument {@code parallelize}, from a cached
 * Dataset of the driver's rows). Prints one line per measurement and the medians.
 */
public final class SparkVsCore {

  private SparkVsCore() {}

  public static void main(String[] args) throws IOException {
    Matrix v = images(Path.of(args[0]), Integer.parseInt(args[1]));
    int k = Integer.parseInt(args[2]);
    int partitions = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    SparkSession spark = SparkTestData.session("local[2]");
    // Read from Parquet, as an application reads V: a Dataset made from a driver-side list
    // (parallelize) carries its rows in its partitions, which every task of every iteration
    // would then ship (measured: most of Spark's time per iteration, see docs/spark.md).
    // With a sixth argument "parallelize", V is such a Dataset (cached), for comparison.
    Dataset<Row> df;
    if (args.length > 5 && args[5].equals("parallelize")) {
      df = SparkTestData.frame(spark, v, partitions, false).cache();
      df.count();
      System.out.printf("V parallelized from the driver in %d partitions%n", partitions);
    } else {
      Path parquet = Files.createTempDirectory("spark-vs-core").resolve("v.parquet");
      SparkTestData.frame(spark, v, partitions, false).write().parquet(parquet.toString());
      df = spark.read().parquet(parquet.toString());
      System.out.printf("V read from %s in %d partitions%n", parquet,
          df.javaRDD().getNumPartitions());
    }
    double[][] coreShort = new double[2][rounds];
    double[][] coreLong = new double[2][rounds];
    double[][] sparkShort = new double[2][rounds];
    double[][] sparkLong = new double[2][rounds];
    // One warm-up of each, not counted.
    core(v, k, 10);
    spark(df, k, 10);
    for (int r = 0; r < rounds; r++) {
      put(coreShort, r, core(v, k, 10));
      put(sparkShort, r, spark(df, k, 10));
      put(coreLong, r, core(v, k, 60));
      put(sparkLong, r, spark(df, k, 60));
      System.out.printf("round %d: core %.3f / %.3f s (cpu %.3f / %.3f), spark %.3f / %.3f s "
          + "(cpu %.3f / %.3f) (10 / 60 it)%n", r, coreShort[0][r], coreLong[0][r],
          coreShort[1][r], coreLong[1][r], sparkShort[0][r], sparkLong[0][r], sparkShort[1][r],
          sparkLong[1][r]);
    }
    System.out.printf("%dx%d rank %d, %d partitions, medians of %d rounds:%n", v.rows(),
        v.cols(), k, partitions, rounds);
    String[] what = {"wall", "cpu "};
    for (int m = 0; m < 2; m++) {
      System.out.printf("%s core : fit of 60 iterations %.3f s, per iteration %.1f ms%n",
          what[m], median(coreLong[m]),
          1000 * (median(coreLong[m]) - median(coreShort[m])) / 50);
      System.out.printf("%s spark: fit of 60 iterations %.3f s, per iteration %.1f ms%n",
          what[m], median(sparkLong[m]),
          1000 * (median(sparkLong[m]) - median(sparkShort[m])) / 50);
    }
    spark.stop();
  }

  /** The first {@code rows} images of an IDX file (gzipped), one per row, pixels / 255. */
  static Matrix images(Path file, int rows) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16))) {
      if (in.readInt() != 0x803) {
        throw new IOException(file + " is not an IDX file of images");
      }
      int count = in.readInt();
      int pixels = in.readInt() * in.readInt();
      int n = Math.min(rows, count);
      byte[] b = new byte[n * pixels];
      in.readFully(b);
      double[] a = new double[b.length];
      for (int i = 0; i < b.length; i++) {
        a[i] = (b[i] & 0xff) / 255.0;
      }
      return Matrix.wrap(n, pixels, a);
    }
  }

  private static void put(double[][] into, int r, double[] wallCpu) {
    into[0][r] = wallCpu[0];
    into[1][r] = wallCpu[1];
  }

  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static double[] core(Matrix v, int k, int iterations) {
    long t = System.nanoTime();
    double c = cpu();
    NmfModel m = Nmf.builder().rank(k).seed(1).maxIterations(iterations).tolerance(0).threads(2)
        .initialization(Initialization.RANDOM).fit(v);
    double[] s = {(System.nanoTime() - t) / 1e9, cpu() - c};
    if (m.iterations() != iterations) {
      throw new AssertionError();
    }
    return s;
  }

  private static double[] spark(Dataset<Row> df, int k, int iterations) {
    long t = System.nanoTime();
    double c = cpu();
    SparkNmfModel m = new SparkNmf().setRank(k).setSeed(1).setMaxIter(iterations).setTol(0)
        .fit(df);
    double[] s = {(System.nanoTime() - t) / 1e9, cpu() - c};
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
