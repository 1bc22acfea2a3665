package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static io.github.nmf4j.spark.SparkTestData.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.DistributedNmf;
import io.github.nmf4j.nmf.DistributedNmfModel;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.NmfSettings;
import io.github.nmf4j.nmf.Solver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SparkNmf's contracts beyond hostile input: determinism over partitionings and row orders, the
 * same bits as the core's DistributedNmf over the same blocks, persistence, transform's output,
 * copies and the params' defaults.
 */
class SparkNmfContractsTest {

  /** docs/spark.md: H within this of the core's, relative to H's largest entry. */
  private static final double SAME = 1e-9;

  private static final Matrix V = SparkTestData.noisyLowRank(90, 14, 3, 0.1, 31);

  private static final SparkSession spark = SparkTestData.session();

  @TempDir static Path dir;

  // ---- determinism

  @Test
  void sameBitsAsTheCoresDistributedNmfOverTheSamePartitions() {
    // Up to 3 partitions the ordered sum adds the partitions one after the other, as the
    // in-memory blocks below do; a tolerance makes both stop on the same test.
    Nmf config = NmfParams.config(3, 200, 2e-2, 6, NmfParams.MU, NmfParams.FROBENIUS);
    for (int partitions : new int[] {1, 2, 3}) {
      DistributedNmfModel core = DistributedNmf.of(config).fit(new SlicedBlocks(V, partitions));

      SparkNmfModel model = new SparkNmf().setRank(3).setSeed(6).setTol(2e-2)
          .fit(frame(spark, V, partitions, false));

      String as = partitions + " partitions";
      assertThat(model.components().toRowMajorArray()).as(as)
          .containsExactly(core.components().toRowMajorArray());
      assertThat(model.reconstructionError()).as(as).isEqualTo(core.reconstructionError());
      assertThat(model.relativeError()).as(as).isEqualTo(core.relativeError());
      assertThat(model.iterations()).as(as).isEqualTo(core.iterations());
      assertThat(model.converged()).as(as).isEqualTo(core.converged()).isTrue();
      assertThat(model.lossHistory()).as(as).containsExactly(core.lossHistory());
    }
  }

  @Test
  void withAToleranceEveryPartitioningStopsWhereTheCoreStops() {
    NmfModel core = Nmf.builder().rank(3).seed(3).tolerance(2e-2)
        .initialization(Initialization.RANDOM).fit(V);
    assertThat(core.converged()).isTrue();

    for (int partitions : new int[] {1, 2, 3, 7}) {
      SparkNmfModel model = new SparkNmf().setRank(3).setSeed(3).setTol(2e-2)
          .fit(frame(spark, V, partitions, partitions == 7));

      assertThat(model.iterations()).as(partitions + " partitions").isEqualTo(core.iterations());
      assertThat(model.converged()).isTrue();
      assertThat(relativeDifference(model.components(), core.h())).isLessThan(SAME);
    }
  }

  @Test
  void aRepartitionedDatasetIsFitAsTheMatrixOfItsRowsInOrder() {
    // Row i of V is the i-th row of the Dataset: a shuffle changes V's order, hence W's start.
    Dataset<Row> shuffled = frame(spark, V, 2, false).repartition(3);
    List<Row> order = shuffled.collectAsList();
    double[][] rows = new double[order.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = ((Vector) order.get(i).get(0)).toArray();
    }
    Matrix reordered = Matrix.of(rows);
    NmfModel core = Nmf.builder().rank(3).seed(4).maxIterations(15).tolerance(0)
        .initialization(Initialization.RANDOM).fit(reordered);

    SparkNmf nmf = new SparkNmf().setRank(3).setSeed(4).setMaxIter(15).setTol(0);
    SparkNmfModel first = nmf.fit(shuffled);
    SparkNmfModel again = nmf.fit(shuffled);

    assertThat(relativeDifference(first.components(), core.h())).isLessThan(SAME);
    assertThat(again.components().toRowMajorArray())
        .containsExactly(first.components().toRowMajorArray());
    // As docs/spark.md says: another order is another V, and another fit.
    SparkNmfModel inOrder = nmf.fit(frame(spark, V, 3, false));
    assertThat(relativeDifference(first.components(), inOrder.components())).isGreaterThan(1e-3);
  }

  // ---- persistence

  @Test
  void aSavedModelLoadsEqualInEveryParamAndFigure() throws IOException {
    SparkNmfModel model = new SparkNmf().setRank(3).setSeed(-8).setTol(2e-2).setLoss(
        "kullback-leibler").setFeaturesCol("v").setCheckpointInterval(-1)
        .fit(frame(spark, V, 2, false).withColumnRenamed("features", "v"))
        .setWeightsCol("w");
    String path = dir.resolve("model").toString();

    model.write().save(path);
    SparkNmfModel loaded = SparkNmfModel.load(path);

    assertThat(loaded.uid()).isEqualTo(model.uid());
    assertSameParams(loaded, model);
    assertThat(loaded.components().toRowMajorArray())
        .containsExactly(model.components().toRowMajorArray());
    assertThat(loaded.reconstructionError()).isEqualTo(model.reconstructionError());
    assertThat(loaded.relativeError()).isEqualTo(model.relativeError());
    assertThat(loaded.iterations()).isEqualTo(model.iterations());
    assertThat(loaded.converged()).isEqualTo(model.converged()).isTrue();
    assertThat(loaded.lossHistory()).containsExactly(model.lossHistory());
    assertThat(loaded.rows()).isEqualTo(model.rows());
  }

  @Test
  void anUnfittedEstimatorLoadsWithTheSameParamsSetAndDefaulted() throws IOException {
    SparkNmf[] estimators = {new SparkNmf(), new SparkNmf().setRank(2).setSeed(3)
        .setWeightsCol("w")};
    for (int i = 0; i < estimators.length; i++) {
      String path = dir.resolve("estimator-" + i).toString();
      estimators[i].save(path);

      SparkNmf loaded = SparkNmf.load(path);

      assertThat(loaded.uid()).isEqualTo(estimators[i].uid());
      assertSameParams(loaded, estimators[i]);
    }
  }

  @Test
  void savingOverAnExistingPathNeedsOverwrite() throws IOException {
    SparkNmfModel one = new SparkNmf().setRank(1).setMaxIter(3).fit(frame(spark, V, 1, false));
    SparkNmfModel two = new SparkNmf().setRank(2).setMaxIter(3).fit(frame(spark, V, 1, false));
    String path = dir.resolve("overwritten").toString();
    one.save(path);

    // MLWriter: "Path ... already exists. To overwrite it, please use write.overwrite().save".
    assertThatThrownBy(() -> two.save(path)).isInstanceOf(IOException.class)
        .hasMessageContaining("already exists");
    assertThat(SparkNmfModel.load(path).components().toRowMajorArray())
        .containsExactly(one.components().toRowMajorArray());

    two.write().overwrite().save(path);
    assertThat(SparkNmfModel.load(path).components().toRowMajorArray())
        .containsExactly(two.components().toRowMajorArray());
  }

  @Test
  void loadingAnotherClassesSaveIsAClearError() throws IOException {
    String model = dir.resolve("a-model").toString();
    String estimator = dir.resolve("an-estimator").toString();
    new SparkNmf().setRank(1).setMaxIter(1).fit(frame(spark, V, 1, false)).save(model);
    new SparkNmf().save(estimator);

    assertThatThrownBy(() -> SparkNmf.load(model)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expected class name " + SparkNmf.class.getName())
        .hasMessageContaining("found class name " + SparkNmfModel.class.getName());
    assertThatThrownBy(() -> SparkNmfModel.load(estimator))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Expected class name " + SparkNmfModel.class.getName());
  }

  /** Each param of {@code a} is set in {@code b} as in {@code a}, with the same value. */
  private static void assertSameParams(Params a, Params b) {
    assertThat(names(a)).isEqualTo(names(b));
    for (Param<?> p : a.params()) {
      Param<Object> q = b.getParam(p.name());
      assertThat(a.isSet(p)).as(p.name() + " set").isEqualTo(b.isSet(q));
      assertThat(a.hasDefault(p)).as(p.name() + " default").isEqualTo(b.hasDefault(q));
      assertThat(a.isDefined(p)).as(p.name() + " defined").isEqualTo(b.isDefined(q));
      if (a.isDefined(p)) {
        assertThat((Object) a.getOrDefault(p)).as(p.name()).isEqualTo(b.getOrDefault(q));
      }
    }
    assertThat(a.explainParams()).isEqualTo(b.explainParams());
  }

  private static List<String> names(Params params) {
    List<String> out = new ArrayList<>();
    for (Param<?> p : params.params()) {
      out.add(p.name());
    }
    return out;
  }

  // ---- transform

  @Test
  void transformAppendsTheSchemaTransformSchemaGives() {
    Dataset<Row> df = frame(spark, V, 2, false);
    SparkNmf nmf = new SparkNmf().setRank(3).setMaxIter(5).setWeightsCol("w");
    SparkNmfModel model = nmf.fit(df);

    Dataset<Row> out = model.transform(df);

    assertThat(out.schema()).isEqualTo(model.transformSchema(df.schema()));
    assertThat(out.schema().fieldNames()).containsExactly("features", "w");
    assertThat(out.schema().apply("w").dataType()).isInstanceOf(VectorUDT.class);
    // Spark ML: an estimator's transformSchema is the schema its model's transform gives.
    assertThat(nmf.transformSchema(df.schema())).isEqualTo(out.schema());
    // fit itself does not need the weights column to be free.
    assertThat(nmf.fit(out).rows()).isEqualTo(90);
  }

  @Test
  void aPipelineStageAfterSparkNmfCanReadTheWeights() {
    Dataset<Row> df = frame(spark, V, 2, false);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new SparkNmf().setRank(3).setMaxIter(5),
        new Normalizer().setInputCol("weights").setOutputCol("unit")});

    PipelineModel fitted = pipeline.fit(df);

    assertThat(fitted.transform(df).schema().fieldNames())
        .containsExactly("features", "weights", "unit");
  }

  @Test
  void theWeightsColumnCarriesItsSizeAsSparkMlsProjectionsDo() {
    // As PCAModel's output: the size in the column's metadata, which a VectorAssembler that
    // keeps invalid rows needs (it cannot look at the first row then).
    Dataset<Row> df = frame(spark, V, 2, false);
    SparkNmf nmf = new SparkNmf().setRank(3).setMaxIter(5);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {nmf,
        new VectorAssembler().setInputCols(new String[] {"weights"}).setOutputCol("all")
            .setHandleInvalid("keep")});

    Dataset<Row> out = pipeline.fit(df).transform(df);

    assertThat(AttributeGroup.fromStructField(out.schema().apply("weights")).size())
        .isEqualTo(3);
    assertThat(((Vector) out.select("all").first().get(0)).size()).isEqualTo(3);
    assertThat(AttributeGroup.fromStructField(nmf.transformSchema(df.schema())
        .apply("weights")).size()).isEqualTo(3);
  }

  @Test
  void denseAndSparseRowsAndZeroRowsGiveTheSameWeights() {
    SparkNmfModel model = new SparkNmf().setRank(3).setMaxIter(20).fit(frame(spark, V, 2, false));
    double[] a = SparkTestData.noisyLowRank(6, 14, 3, 0.1, 5).toRowMajorArray();
    Arrays.fill(a, 2 * 14, 3 * 14, 0);
    for (int j = 0; j < 14; j += 2) {
      a[4 * 14 + j] = 0;
    }
    Matrix x = Matrix.wrap(6, 14, a);

    List<Row> dense = model.transform(frame(spark, x, 2, false)).select("weights")
        .collectAsList();
    List<Row> sparse = model.transform(frame(spark, x, 3, true)).select("weights")
        .collectAsList();

    Matrix expected = DistributedNmf.transformRows(Nmf.builder().rank(3).maxIterations(20)
        .initialization(Initialization.RANDOM).build(), model.components(), x);
    for (int i = 0; i < 6; i++) {
      assertThat(((Vector) dense.get(i).get(0)).toArray()).as("row " + i)
          .containsExactly(expected.row(i));
      assertThat(((Vector) sparse.get(i).get(0)).toArray()).as("row " + i)
          .containsExactly(expected.row(i));
    }
    assertThat(expected.row(2)).containsOnly(0.0);
  }

  @Test
  void aBadRowInTransformIsNamedWithItsColumn() {
    SparkNmfModel model = new SparkNmf().setRank(2).setMaxIter(3).fit(frame(spark, V, 1, false))
        .setFeaturesCol("pixels");
    StructType schema = new StructType().add("pixels", new VectorUDT());
    Dataset<Row> narrow = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2))),
        schema);
    Dataset<Row> nulls = spark.createDataFrame(List.of(RowFactory.create((Object) null)),
        schema);
    Dataset<Row> negative = spark.createDataFrame(List.of(RowFactory.create(
        Vectors.sparse(14, new int[] {5}, new double[] {-2}))), schema);

    assertThatThrownBy(() -> model.transform(narrow).collectAsList())
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("pixels must have 14 values (as the rows the model was fitted "
            + "on), had 2");
    assertThatThrownBy(() -> model.transform(nulls).collectAsList())
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("pixels is null");
    assertThatThrownBy(() -> model.transform(negative).collectAsList())
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("negative value -2.0 at column 5 of pixels (NMF needs finite, "
            + "non-negative values)");
  }

  @Test
  void fitAndTransformLeaveTheirInputAndTheCacheAsTheyWere() {
    Dataset<Row> df = frame(spark, V, 2, true).cache();
    List<Row> before = df.collectAsList();
    StructType schema = df.schema();
    int persisted = spark.sparkContext().getPersistentRDDs().size();

    SparkNmfModel model = new SparkNmf().setRank(3).setMaxIter(5).fit(df);
    model.transform(df).collectAsList();

    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(persisted);
    assertThat(df.storageLevel().useMemory()).isTrue();
    assertThat(df.schema()).isEqualTo(schema);
    assertThat(df.collectAsList()).isEqualTo(before);
    df.unpersist();
  }

  // ---- copies and params

  @Test
  void theDefaultsAreTheCoreBuildersAndTheModelsAreTheEstimators() {
    NmfSettings core = Nmf.builder().rank(1).build().settings();
    SparkNmf nmf = new SparkNmf();
    SparkNmfModel model = nmf.setRank(1).setMaxIter(1).fit(frame(spark, V, 1, false));
    SparkNmf fresh = new SparkNmf();

    assertThat(fresh.getOrDefault(fresh.maxIter())).isEqualTo(core.maxIterations());
    assertThat(fresh.getOrDefault(fresh.tol())).isEqualTo(core.tolerance());
    assertThat(fresh.getOrDefault(fresh.seed())).isEqualTo(core.seed());
    assertThat(fresh.getOrDefault(fresh.solver())).isEqualTo(
        core.solver() == Solver.HALS ? "hals" : "mu");
    assertThat(fresh.getOrDefault(fresh.loss())).isEqualTo(core.loss().toString().toLowerCase()
        .replace('_', '-'));
    for (Param<?> p : fresh.params()) {
      if (fresh.hasDefault(p)) {
        Param<Object> q = model.getParam(p.name());
        assertThat(model.getDefault(q).get()).as(p.name()).isEqualTo(fresh.getDefault(p).get());
      }
    }
  }

  @Test
  void explainParamsStatesTheDefaultsOfTheDocs() {
    String explained = new SparkNmf().explainParams();

    assertThat(explained).contains("maxIter: the most iterations (>= 1) (default: 200)",
        "(default: 1.0E-4)", "seed: the seed of the random start (default: 0)",
        "(default: mu)", "(default: frobenius)", "(default: features)", "(default: weights)",
        "(default: 10)", "rank: the number of components k (>= 1) (undefined)");
  }

  @Test
  void aCopyTakesTheExtraParamsAndLeavesTheOriginal() {
    Dataset<Row> df = frame(spark, V, 2, false);
    SparkNmf nmf = new SparkNmf().setRank(2).setMaxIter(10).setTol(0);
    ParamMap extra = new ParamMap().put(nmf.rank().w(3)).put(nmf.seed().w(9L));

    SparkNmf copy = nmf.copy(extra);
    SparkNmfModel viaFit = nmf.fit(df, extra);
    SparkNmfModel direct = new SparkNmf().setRank(3).setSeed(9).setMaxIter(10).setTol(0).fit(df);

    assertThat(nmf.getOrDefault(nmf.rank())).isEqualTo(2);
    assertThat(nmf.isSet(nmf.seed())).isFalse();
    assertThat(copy.getOrDefault(copy.rank())).isEqualTo(3);
    assertThat(copy.getOrDefault(copy.maxIter())).isEqualTo(10);
    assertThat(viaFit.components().toRowMajorArray())
        .containsExactly(direct.components().toRowMajorArray());
  }

  @Test
  void aModelCopyCannotClaimAnotherRankThanItsComponents() {
    SparkNmfModel model = new SparkNmf().setRank(2).setMaxIter(3).fit(frame(spark, V, 1, false));

    assertThatThrownBy(() -> model.copy(new ParamMap().put(model.rank().w(5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rank is the fitted model's, 2; a copy cannot set it to 5");
    SparkNmfModel same = model.copy(new ParamMap().put(model.rank().w(2))
        .put(model.maxIter().w(7)));
    assertThat(same.getOrDefault(same.maxIter())).isEqualTo(7);
    assertThat(model.getOrDefault(model.maxIter())).isEqualTo(3);
  }
}
