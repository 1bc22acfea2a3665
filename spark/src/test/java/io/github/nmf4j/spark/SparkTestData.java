package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Seeded matrices and the Datasets that hold them, and the sessions of the tests. */
final class SparkTestData {

  private SparkTestData() {}

  private static SparkSession shared;

  /**
   * The tests' session, shared by every test class of the JVM (Surefire runs them in one), made
   * on first use and stopped by Spark's shutdown hook: starting a session costs seconds.
   * {@code local[2,3]}: two task threads, and a failed task is tried up to three times
   * (SparkNmfRecoveryTest). Its checkpoint directory is {@code target/spark-checkpoints}.
   */
  static synchronized SparkSession session() {
    if (shared == null) {
      shared = session("local[2,3]");
      shared.sparkContext().setCheckpointDir(Path.of("target", "spark-checkpoints")
          .toAbsolutePath().toString());
    }
    return shared;
  }

  /** A quiet session on {@code master} (no UI, few shuffle partitions). */
  static SparkSession session(String master) {
    return SparkSession.builder().master(master).appName("nmf4j-spark-test")
        .config("spark.ui.enabled", "false")
        // The loopback address: a fresh CI machine's host name may not resolve.
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  /** W0 H0 + noise: rows x cols, rank planted components, uniform noise in [0, noise). */
  static Matrix noisyLowRank(int rows, int cols, int rank, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Matrix w = Matrix.wrap(rows, rank, r.doubles((long) rows * rank).toArray());
    Matrix h = Matrix.wrap(rank, cols, r.doubles((long) rank * cols).toArray());
    Matrix e = Matrix.wrap(rows, cols, r.doubles((long) rows * cols, 0, noise).toArray());
    return w.multiply(h).add(e);
  }

  /**
   * A Dataset with the rows of {@code v} in column "features", in order, cut into {@code
   * partitions} consecutive slices; sparse vectors with {@code sparse}.
   */
  static Dataset<Row> frame(SparkSession spark, Matrix v, int partitions, boolean sparse) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < v.rows(); i++) {
      Vector x = Vectors.dense(v.row(i));
      rows.add(RowFactory.create(sparse ? x.toSparse() : x));
    }
    StructType schema = new StructType().add("features", new VectorUDT());
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(rows, partitions), schema);
  }

  /** {@code max |a - b| / max |b|}. */
  static double relativeDifference(Matrix a, Matrix b) {
    double[] x = a.toRowMajorArray();
    double[] y = b.toRowMajorArray();
    double diff = 0;
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      diff = Math.max(diff, Math.abs(x[i] - y[i]));
      max = Math.max(max, Math.abs(y[i]));
    }
    return diff / max;
  }
}
