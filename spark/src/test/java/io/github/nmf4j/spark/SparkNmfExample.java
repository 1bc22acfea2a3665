package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The example of docs/spark.md, compiled: its body between the markers is the page's sample
 * ({@code SparkNmfDocTest} checks that they agree and runs it). Run it with {@code spark-submit
 * --class io.github.nmf4j.spark.SparkNmfExample} and a Parquet file of a "features" column.
 */
public final class SparkNmfExample {

  private SparkNmfExample() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().appName("nmf4j-spark example").getOrCreate();
    run(spark, args[0], args[1]);
    spark.stop();
  }

  /** Fits the rows of the Parquet file {@code input}, saves the model to {@code modelPath}. */
  static SparkNmfModel run(SparkSession spark, String input, String modelPath) throws Exception {
    // sample begins
    Dataset<Row> rows = spark.read().parquet(input);           // a "features" column of vectors
    SparkNmfModel model = new SparkNmf()
        .setRank(10)
        .setSeed(7)
        .setMaxIter(50)
        .setTol(1e-4)
        .fit(rows);
    Matrix h = model.components();                             // k x p, an nmf4j Matrix
    System.out.println(model.iterations() + " iterations, error " + model.reconstructionError()
        + ", H " + h.shape());
    model.transform(rows).select("weights").show(3, false);    // each row's W
    model.write().overwrite().save(modelPath);
    SparkNmfModel again = SparkNmfModel.load(modelPath);
    // sample ends
    return again;
  }
}
