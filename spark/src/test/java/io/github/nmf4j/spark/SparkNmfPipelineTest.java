package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark ML persistence of the estimator, and SparkNmf as a stage of a Pipeline that is saved,
 * loaded and fitted (which needs every stage to be writable).
 */
class SparkNmfPipelineTest {

  private static final Matrix V = SparkTestData.noisyLowRank(60, 12, 3, 0.1, 21);

  private static final SparkSession spark = SparkTestData.session();

  @TempDir static Path dir;

  @Test
  void aSavedEstimatorLoadsWithItsParameters() throws Exception {
    SparkNmf nmf = new SparkNmf().setRank(3).setMaxIter(7).setTol(0.5).setSeed(-4)
        .setSolver("hals").setFeaturesCol("v").setWeightsCol("w").setCheckpointInterval(-1);
    String path = dir.resolve("estimator").toString();

    nmf.save(path);
    SparkNmf loaded = SparkNmf.load(path);

    assertThat(loaded.uid()).isEqualTo(nmf.uid());
    assertThat(loaded.extractParamMap().toString()).isEqualTo(nmf.extractParamMap().toString()
        .replace(nmf.uid(), loaded.uid()));
    assertThat(loaded.getOrDefault(loaded.rank())).isEqualTo(3);
    assertThat(loaded.getOrDefault(loaded.solver())).isEqualTo("hals");
    assertThat(loaded.getOrDefault(loaded.checkpointInterval())).isEqualTo(-1);
  }

  @Test
  void aPipelineWithSparkNmfIsSavedLoadedAndFitted() throws Exception {
    Dataset<Row> df = frame(spark, V, 2, false);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new SparkNmf().setRank(3).setSeed(5).setMaxIter(10).setTol(0)});
    String path = dir.resolve("pipeline").toString();

    pipeline.save(path);
    PipelineModel fitted = Pipeline.load(path).fit(df);
    fitted.save(dir.resolve("pipeline-model").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("pipeline-model").toString());

    SparkNmfModel direct = new SparkNmf().setRank(3).setSeed(5).setMaxIter(10).setTol(0).fit(df);
    SparkNmfModel stage = (SparkNmfModel) loaded.stages()[0];
    assertThat(stage.components().toRowMajorArray())
        .containsExactly(direct.components().toRowMajorArray());
    List<Row> out = loaded.transform(df).select("weights").collectAsList();
    assertThat(out).hasSize(60);
    assertThat(((Vector) out.get(0).get(0)).size()).isEqualTo(3);
  }
}
