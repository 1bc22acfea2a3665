package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  @Test
  void aRankTooLargeForHIsAClearError() {
    // k p and k^2 overflow an int: the core's Nmf rejects such a rank before allocating.
    for (int rank : new int[] {Integer.MAX_VALUE, 100_000}) {
      assertThatThrownBy(() -> new SparkNmf().setRank(rank).setMaxIter(1)
          .fit(frame(spark, V, 2, false)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("rank must be <= 46340 for V with 6 columns (H and the k x k products "
              + "must each fit in a Java array), was " + rank);
    }
  }

  @Test
  void anInfiniteToleranceIsRejectedWhenSetNamingTheParam() {
    assertThatThrownBy(() -> new SparkNmf().setTol(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter tol");
  }

  @Test
  void anInterruptedFitIsCancelledAndStaysInterrupted() {
    Thread.currentThread().interrupt();
    try {
      // The interrupt reaches the first Spark job, which throws InterruptedException.
      assertThatThrownBy(() -> new SparkNmf().setRank(2).setMaxIter(5)
          .fit(frame(spark, V, 2, false)))
          .isInstanceOf(CancellationException.class).hasMessage("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aNullStringParamIsRejectedWhenSetNamingTheParam() {
    SparkNmf nmf = new SparkNmf();
    SparkNmfModel model = new SparkNmf().setRank(1).setMaxIter(1)
        .fit(frame(spark, V, 1, false));
    Object[][] cases = {
        {(Runnable) () -> nmf.setSolver(null), "solver"},
        {(Runnable) () -> nmf.setLoss(null), "loss"},
        {(Runnable) () -> nmf.setFeaturesCol(null), "featuresCol"},
        {(Runnable) () -> nmf.setWeightsCol(null), "weightsCol"},
        {(Runnable) () -> model.setFeaturesCol(null), "featuresCol"},
        {(Runnable) () -> model.setWeightsCol(null), "weightsCol"}};
    for (Object[] c : cases) {
      assertThatThrownBy(((Runnable) c[0])::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(c[1] + " must not be null");
    }
  }

  @Test
  void aColumnNameWithADotIsTakenLiterally() {
    // The schema check takes names literally; select and col parse dots (and backticks).
    Dataset<Row> dotted = frame(spark, V, 2, false).withColumnRenamed("features", "v.x`y");
    SparkNmf nmf = new SparkNmf().setRank(2).setSeed(5).setMaxIter(4).setTol(0);
    SparkNmfModel plain = nmf.fit(frame(spark, V, 2, false));

    SparkNmfModel model = nmf.setFeaturesCol("v.x`y").setWeightsCol("w.z").fit(dotted);
    List<Row> weights = model.transform(dotted).select("`w.z`").collectAsList();

    assertThat(model.components().toRowMajorArray())
        .containsExactly(plain.components().toRowMajorArray());
    assertThat(weights).isEqualTo(plain.transform(frame(spark, V, 2, false))
        .select("weights").collectAsList());
  }

  @Test
  void aModelCopiedToHalsWithKullbackLeiblerFailsInTransformNotInItsJob() {
    SparkNmfModel model = new SparkNmf().setRank(2).setMaxIter(2).fit(frame(spark, V, 1, false));
    SparkNmfModel copy = model.copy(new ParamMap().put(model.solver().w("hals"))
        .put(model.loss().w("kullback-leibler")));

    assertThatThrownBy(() -> copy.transform(frame(spark, V, 1, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("solver hals minimizes the frobenius loss only");
  }
}
