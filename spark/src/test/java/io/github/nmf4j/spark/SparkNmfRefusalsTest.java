package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Input a Spark ML user can hand the estimator or model by mistake, refused with a message that
 * names the column or param and the value, before any job, and never with the caller's data
 * silently changed: regression tests of an adversarial review of the public API.
 */
class SparkNmfRefusalsTest {

  private static final Matrix V = SparkTestData.noisyLowRank(30, 6, 2, 0.1, 13);

  private static final SparkSession spark = SparkTestData.session();

  private static SparkNmfModel model() {
    return new SparkNmf().setRank(2).setSeed(1).setMaxIter(5).fit(frame(spark, V, 2, false));
  }

  @Test
  void aWeightsColumnDifferingOnlyInCaseIsRefusedNotReplaced() {
    // Spark SQL resolves names ignoring case by default: withColumn("weights") replaced the
    // caller's "Weights" column, and the output no longer matched transformSchema.
    Dataset<Row> df = frame(spark, V, 1, false).withColumn("Weights", functions.lit(1));
    SparkNmfModel model = model();
    String message = "weights column 'weights' already exists (as 'Weights': Spark SQL "
        + "compares column names ignoring case unless spark.sql.caseSensitive is true)";

    assertThatThrownBy(() -> model.transform(df)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> new SparkNmf().setRank(2).transformSchema(df.schema()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);

    spark.conf().set("spark.sql.caseSensitive", "true");
    try {
      Dataset<Row> out = model.transform(df);
      assertThat(out.columns()).containsExactly("features", "Weights", "weights");
      assertThat(out.schema()).isEqualTo(model.transformSchema(df.schema()));
    } finally {
      spark.conf().unset("spark.sql.caseSensitive");
    }
  }
}
