package io.github.nmf4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark runs here: the pinned Scala library and Surefire's {@code --add-opens} flags let a
 * {@code local[2]} session start on Java 17 and run a two-partition job.
 */
class SparkSessionSmokeTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("smoke")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void runsAJob() {
    long n = new JavaSparkContext(spark.sparkContext())
        .parallelize(Arrays.asList(1, 2, 3, 4), 2).map(x -> x * 2).count();
    assertThat(n).isEqualTo(4);
  }
}
