package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static io.github.nmf4j.spark.SparkTestData.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.DistributedNmf;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator in local[2]: the core's result for any partitioning, input checks, the model. */
class SparkNmfTest {

  /** The contract: H within this of the core's, relative to H's largest entry. */
  private static final double SAME = 1e-9;

  private static final Matrix V = SparkTestData.noisyLowRank(300, 40, 10, 0.1, 11);

  private static final SparkSession spark = SparkTestData.session();

  @TempDir static Path dir;

  @Test
  void theCoreResultForAnyNumberOfPartitions() {
    NmfModel core = Nmf.builder().rank(10).seed(7).maxIterations(50).tolerance(0)
        .initialization(Initialization.RANDOM).fit(V);

    for (int partitions : new int[] {1, 2, 3, 7}) {
      SparkNmfModel model = new SparkNmf().setRank(10).setSeed(7).setMaxIter(50).setTol(0)
          .fit(frame(spark, V, partitions, false));

      assertThat(relativeDifference(model.components(), core.h())).as(partitions + " partitions")
          .isLessThan(SAME);
      assertThat(model.reconstructionError()).isCloseTo(core.reconstructionError(),
          within(SAME * core.reconstructionError()));
      assertThat(model.iterations()).isEqualTo(50);
      assertThat(model.rows()).isEqualTo(300);
      assertThat(model.lossHistory()).hasSize(6);
      for (int i = 0; i < 6; i++) {
        assertThat(model.lossHistory()[i]).isCloseTo(core.lossHistory()[i],
            within(SAME * core.lossHistory()[i]));
      }
    }
  }

  @Test
  void kullbackLeiblerAsTheCoreForAnyNumberOfPartitions() {
    NmfModel kl = Nmf.builder().rank(6).seed(3).maxIterations(30).tolerance(0)
        .loss(Loss.KULLBACK_LEIBLER).initialization(Initialization.RANDOM).fit(V);

    for (int partitions : new int[] {1, 2, 3, 7}) {
      SparkNmfModel sparkKl = new SparkNmf().setRank(6).setSeed(3).setMaxIter(30).setTol(0)
          .setLoss("kullback-leibler").fit(frame(spark, V, partitions, false));

      assertThat(relativeDifference(sparkKl.components(), kl.h())).as(partitions + " partitions")
          .isLessThan(SAME);
      assertThat(sparkKl.reconstructionError()).isCloseTo(kl.reconstructionError(),
          within(SAME * kl.reconstructionError()));
    }
  }

  @Test
  void halsAsTheCoreForAnyNumberOfPartitions() {
    // HALS stops its sweeps of W per 256 rows of V: partitions of 640 rows in 3 or 7 cut those
    // groups, and their rows are moved (once) to the block where their group starts.
    Matrix v = SparkTestData.noisyLowRank(640, 30, 5, 0.1, 2);
    NmfModel hals = Nmf.builder().rank(5).seed(3).maxIterations(30).tolerance(0)
        .solver(Solver.HALS).initialization(Initialization.RANDOM).fit(v);

    for (int partitions : new int[] {1, 2, 3, 7}) {
      SparkNmfModel sparkHals = new SparkNmf().setRank(5).setSeed(3).setMaxIter(30).setTol(0)
          .setSolver("hals").fit(frame(spark, v, partitions, partitions == 3));

      assertThat(relativeDifference(sparkHals.components(), hals.h()))
          .as(partitions + " partitions").isLessThan(SAME);
      assertThat(sparkHals.reconstructionError()).isCloseTo(hals.reconstructionError(),
          within(SAME * hals.reconstructionError()));
      assertThat(sparkHals.rows()).isEqualTo(640);
    }
  }

  @Test
  void sparsePartitionsGiveTheCoreSparseFit() {
    // Four entries in five are 0: each partition is held in CSR form (RowBlockTest).
    double[] a = V.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      if (i % 5 != 2) {
        a[i] = 0;
      }
    }
    Matrix holes = Matrix.wrap(300, 40, a);
    NmfModel core = Nmf.builder().rank(6).seed(5).maxIterations(20).tolerance(0)
        .initialization(Initialization.RANDOM).fit(SparseMatrix.of(holes));

    for (int partitions : new int[] {1, 2, 3, 7}) {
      SparkNmfModel model = new SparkNmf().setRank(6).setSeed(5).setMaxIter(20).setTol(0)
          .fit(frame(spark, holes, partitions, partitions % 2 == 1));

      assertThat(relativeDifference(model.components(), core.h())).as(partitions + " partitions")
          .isLessThan(SAME);
      assertThat(model.reconstructionError()).isCloseTo(core.reconstructionError(),
          within(SAME * core.reconstructionError()));
    }

    NmfModel kl = Nmf.builder().rank(6).seed(5).maxIterations(20).tolerance(0)
        .loss(Loss.KULLBACK_LEIBLER).initialization(Initialization.RANDOM)
        .fit(SparseMatrix.of(holes));
    SparkNmfModel sparkKl = new SparkNmf().setRank(6).setSeed(5).setMaxIter(20).setTol(0)
        .setLoss("kullback-leibler").fit(frame(spark, holes, 3, true));
    assertThat(relativeDifference(sparkKl.components(), kl.h())).isLessThan(SAME);
    assertThat(sparkKl.reconstructionError()).isCloseTo(kl.reconstructionError(),
        within(SAME * kl.reconstructionError()));
  }

  @Test
  void convergenceStopsWhereTheCoreStops() {
    NmfModel core = Nmf.builder().rank(4).seed(1).tolerance(1e-2)
        .initialization(Initialization.RANDOM).fit(V);
    SparkNmfModel model = new SparkNmf().setRank(4).setSeed(1).setTol(1e-2)
        .fit(frame(spark, V, 2, false));

    assertThat(core.converged()).isTrue();
    assertThat(model.converged()).isTrue();
    assertThat(model.iterations()).isEqualTo(core.iterations());
  }

  @Test
  void transformGivesEachRowTheCoreTransformOfThatRow() {
    SparkNmfModel model = new SparkNmf().setRank(4).setMaxIter(30).setTol(1e-3)
        .fit(frame(spark, V, 2, false));
    Matrix x = SparkTestData.noisyLowRank(5, 40, 4, 0.2, 9);

    List<Row> out = model.transform(frame(spark, x, 2, true)).collectAsList();

    Nmf config = Nmf.builder().rank(4).maxIterations(30).tolerance(1e-3)
        .initialization(Initialization.RANDOM).build();
    Matrix expected = DistributedNmf.transformRows(config, model.components(), x);
    assertThat(out).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Vector weights = out.get(i).getAs("weights");
      assertThat(weights.toArray()).as("row " + i).containsExactly(expected.row(i));
    }
  }

  @Test
  void transformRejectsBadRowsAndColumnsWithClearMessages() {
    SparkNmfModel model = new SparkNmf().setRank(2).setMaxIter(5).fit(frame(spark, V, 2, false));
    double[] a = SparkTestData.noisyLowRank(3, 40, 2, 0.1, 5).toRowMajorArray();
    a[40 + 3] = -1;

    // Lazy, as Spark's transforms: the job that reads the bad row fails, caused by the check.
    Dataset<Row> bad = model.transform(frame(spark, Matrix.wrap(3, 40, a), 1, true));
    assertThatThrownBy(bad::collectAsList)
        .hasRootCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage("negative value -1.0 at column 3 of features (NMF needs finite, "
            + "non-negative values)");
    Dataset<Row> narrow = model.transform(frame(spark, Matrix.wrap(1, 3, new double[3]), 1,
        false));
    assertThatThrownBy(narrow::collectAsList)
        .hasRootCauseMessage("features must have 40 values (as the rows the model was fitted "
            + "on), had 3");

    assertThatThrownBy(() -> model.transform(model.transform(frame(spark, V, 1, false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weights column 'weights' already exists");
    assertThatThrownBy(() -> model.setFeaturesCol("v").transform(frame(spark, V, 1, false)))
        .hasMessage("features column 'v' does not exist; the columns are [features]");
  }

  @Test
  void aSavedModelLoadsWithItsComponentsAndParameters() throws Exception {
    SparkNmfModel model = new SparkNmf().setRank(3).setMaxIter(10).setSolver("hals")
        .setWeightsCol("w").fit(frame(spark, V, 2, false));
    String path = dir.resolve("model").toString();

    model.write().save(path);
    SparkNmfModel loaded = SparkNmfModel.load(path);

    assertThat(loaded.uid()).isEqualTo(model.uid());
    assertThat(loaded.components().toRowMajorArray())
        .containsExactly(model.components().toRowMajorArray());
    assertThat(loaded.reconstructionError()).isEqualTo(model.reconstructionError());
    assertThat(loaded.relativeError()).isEqualTo(model.relativeError());
    assertThat(loaded.iterations()).isEqualTo(10);
    assertThat(loaded.lossHistory()).containsExactly(model.lossHistory());
    assertThat(loaded.rows()).isEqualTo(300);
    assertThat(loaded.getOrDefault(loaded.solver())).isEqualTo("hals");
    assertThat(loaded.getOrDefault(loaded.weightsCol())).isEqualTo("w");
    assertThat(loaded.getOrDefault(loaded.rank())).isEqualTo(3);
  }

  @Test
  void checkpointsEveryIntervalWithoutChangingTheResult() throws IOException {
    SparkNmf nmf = new SparkNmf().setRank(3).setMaxIter(12).setTol(0);
    long before = checkpointedRdds();
    SparkNmfModel plain = nmf.setCheckpointInterval(-1).fit(frame(spark, V, 3, false));
    assertThat(checkpointedRdds()).isEqualTo(before);

    SparkNmfModel checkpointed = nmf.setCheckpointInterval(2).fit(frame(spark, V, 3, false));

    // The start, 12 updates and the residual step: 14 steps, W checkpointed after every second.
    assertThat(checkpointedRdds() - before).isEqualTo(7);
    assertThat(checkpointed.components().toRowMajorArray())
        .containsExactly(plain.components().toRowMajorArray());
  }

  /** The RDDs written to the session's checkpoint directory so far. */
  private static long checkpointedRdds() throws IOException {
    Path root = Path.of(URI.create(spark.sparkContext().getCheckpointDir().get()));
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> Files.isDirectory(f)
          && f.getFileName().toString().startsWith("rdd-")).count();
    }
  }

  /** Steps run by {@link CountingSteps} fits (local mode: the tasks run in this JVM). */
  private static final AtomicInteger STEPS = new AtomicInteger();

  /** An estimator that counts the steps (the start, iterations) its partitions run. */
  static final class CountingSteps extends SparkNmf {
    private static final long serialVersionUID = 1L;

    @Override
    StepRunner stepRunner() {
      return (step, index, block, w) -> {
        STEPS.incrementAndGet();
        return StepRunner.DIRECT.run(step, index, block, w);
      };
    }
  }

  @Test
  void badInputIsRejectedBeforeAnyIteration() {
    double[] a = V.toRowMajorArray();
    a[205 * 40 + 7] = -1;
    STEPS.set(0);
    assertThatThrownBy(() -> new CountingSteps().setRank(2)
        .fit(frame(spark, Matrix.wrap(300, 40, a), 3, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative value -1.0 at row 205, column 7 of features (NMF needs "
            + "finite, non-negative values)");
    assertThat(STEPS.get()).as("steps run before the rejection").isZero();
    new CountingSteps().setRank(2).setMaxIter(1).fit(frame(spark, V, 3, false));
    // The start, one iteration and the residual step, on 3 partitions each.
    assertThat(STEPS.get()).as("steps of a fit of one iteration").isEqualTo(9);

    double[] b = V.toRowMajorArray();
    b[299 * 40 + 39] = Double.NaN;
    assertThatThrownBy(() -> new SparkNmf().setRank(2)
        .fit(frame(spark, Matrix.wrap(300, 40, b), 7, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NaN at row 299, column 39 of features (NMF needs finite, non-negative "
            + "values)");

    assertThatThrownBy(() -> new SparkNmf().setRank(2).setFeaturesCol("rows")
        .fit(frame(spark, V, 1, false)))
        .hasMessage("features column 'rows' does not exist; the columns are [features]");

    StructType schema = new StructType().add("features", DataTypes.StringType);
    Dataset<Row> strings = spark.createDataFrame(List.of(RowFactory.create("1 2")), schema);
    assertThatThrownBy(() -> new SparkNmf().setRank(2).fit(strings))
        .hasMessage("features column 'features' must hold org.apache.spark.ml.linalg.Vector "
            + "values, was string");

    List<Row> lengths = List.of(RowFactory.create(Vectors.dense(1, 2)),
        RowFactory.create(Vectors.dense(1, 2)), RowFactory.create(Vectors.dense(1, 2, 3)));
    // In one partition (read as the block is built) and across partitions (their statistics).
    for (int partitions : new int[] {1, 3}) {
      Dataset<Row> df = spark.createDataFrame(JavaSparkContext.fromSparkContext(
          spark.sparkContext()).parallelize(lengths, partitions),
          new StructType().add("features", new VectorUDT()));
      assertThatThrownBy(() -> new SparkNmf().setRank(2).fit(df))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("features at row 2 has 3 values, row 0 has 2 (all rows of V must have "
              + "the same length)");
    }

    assertThatThrownBy(() -> new SparkNmf().fit(frame(spark, V, 1, false)))
        .hasMessage("rank must be set (setRank)");
    assertThatThrownBy(() -> new SparkNmf().setRank(2).setSolver("hals")
        .setLoss("kullback-leibler").fit(frame(spark, V, 1, false)))
        .hasMessageStartingWith("solver hals minimizes the frobenius loss only");
  }
}
