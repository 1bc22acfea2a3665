package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Edge values of the public API: the smallest checkpoint interval, ranks and tolerances. */
class SparkNmfEdgeTest {

  private static final Matrix V = SparkTestData.noisyLowRank(40, 6, 2, 0.1, 3);

  private static final SparkSession spark = SparkTestData.session();

  @Test
  void checkpointingEveryIterationGivesTheUncheckpointedResult() {
    SparkNmf nmf = new SparkNmf().setRank(2).setSeed(5).setMaxIter(4).setTol(0);
    double[] plain = nmf.setCheckpointInterval(-1).fit(frame(spark, V, 3, false)).components()
        .toRowMajorArray();

    // The start step is checkpointed too: its RDD keeps its function (and broadcast) after.
    double[] everyStep = nmf.setCheckpointInterval(1).fit(frame(spark, V, 3, false))
        .components().toRowMajorArray();

    assertThat(everyStep).containsExactly(plain);
  }
}
