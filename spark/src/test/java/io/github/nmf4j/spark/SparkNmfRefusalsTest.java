package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input a Spark ML user can hand the estimator or model by mistake, refused with a message that
 * names the column or param and the value, before any job, and never with the caller's data
 * silently changed: regression tests of an adversarial review of the public API.
 */
class SparkNmfRefusalsTest {

  private static final Matrix V = SparkTestData.noisyLowRank(30, 6, 2, 0.1, 13);

  private static final SparkSession spark = SparkTestData.session();

  @TempDir static Path dir;

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

  @Test
  void aFeaturesColumnWhoseMetadataGivesAnotherLengthIsRefusedBeforeAnyJob() {
    // A VectorAssembler's output carries its length; transform was lazy about it and the
    // length was found in the tasks of the first job that read the weights.
    Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[] {"a", "b"})
        .setOutputCol("features").transform(spark.sql("select 1.0d as a, 2.0d as b"));
    SparkNmfModel model = model();
    String message = "features column 'features' holds vectors of 2 values (its ML attribute "
        + "metadata); the model was fitted on rows of 6";

    assertThatThrownBy(() -> model.transform(assembled))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    assertThatThrownBy(() -> model.transformSchema(assembled.schema()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    // A column without the metadata is still checked row by row, in the job.
    assertThat(model.transform(frame(spark, V, 1, false)).count()).isEqualTo(30);
  }

  @Test
  void mllibVectorsAndArraysAreRefusedWithTheConversionToUse() {
    // Both were refused as "was struct<type:tinyint,size:int,indices:array<int>,..." (the
    // mllib VectorUDT's SQL type) and "was array<double>", with no word of what to do.
    Dataset<Row> mllib = spark.createDataFrame(List.of(RowFactory.create(
        org.apache.spark.mllib.linalg.Vectors.dense(1, 2))), new StructType().add("features",
        new org.apache.spark.mllib.linalg.VectorUDT()));
    Dataset<Row> arrays = spark.sql("select array(1.0d, 2.0d) as features");
    SparkNmfModel model = model();
    String mllibMessage = "features column 'features' must hold "
        + "org.apache.spark.ml.linalg.Vector values, was org.apache.spark.mllib.linalg.Vector "
        + "(convert it with MLUtils.convertVectorColumnsToML)";

    assertThatThrownBy(() -> new SparkNmf().setRank(1).fit(mllib))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(mllibMessage);
    assertThatThrownBy(() -> model.transform(mllib))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(mllibMessage);
    assertThatThrownBy(() -> new SparkNmf().setRank(1).fit(arrays))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("features column 'features' must hold org.apache.spark.ml.linalg.Vector "
            + "values, was array<double> (convert it with "
            + "org.apache.spark.ml.functions.array_to_vector)");
  }

  @Test
  void fitNamesTheFeaturesColumnByItsNameAsTransformDoes() {
    // fit said "features at row 1 is null" and "... of v" whatever the column was called,
    // while transform's messages name the column ("pixels is null").
    SparkNmf nmf = new SparkNmf().setRank(1).setFeaturesCol("pixels");
    Vector ok = Vectors.dense(1, 2);
    Object[][] cases = {
        {new Vector[] {ok, null, ok}, "pixels at row 1 is null"},
        {new Vector[] {ok, Vectors.dense(-1, 2)}, "negative value -1.0 at row 1, column 0 of "
            + "pixels (NMF needs finite, non-negative values)"},
        {new Vector[] {Vectors.dense(new double[0])}, "pixels at row 0 has no values"},
        {new Vector[] {ok, ok, Vectors.dense(1, 2, 3)}, "pixels at row 2 has 3 values, row 0 has "
            + "2 (all rows of V must have the same length)"}};
    for (Object[] c : cases) {
      // One partition (the rows are checked as the block is built) and one per row (the
      // lengths are compared across partitions on the driver).
      for (int partitions : new int[] {1, ((Vector[]) c[0]).length}) {
        Dataset<Row> df = pixels((Vector[]) c[0], partitions);
        assertThatThrownBy(() -> nmf.fit(df)).as(partitions + " partitions")
            .isInstanceOf(IllegalArgumentException.class).hasMessage((String) c[1]);
      }
    }
  }

  private static Dataset<Row> pixels(Vector[] rows, int partitions) {
    List<Row> list = new ArrayList<>();
    for (Vector v : rows) {
      list.add(RowFactory.create(v));
    }
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(list, partitions), new StructType().add("pixels", new VectorUDT()));
  }

  @Test
  void aSavedModelWhoseComponentsDisagreeWithItsShapeIsRefusedWhenLoaded() throws IOException {
    // Loaded without a word before: components() then failed, and transform failed inside
    // every task of its job (or, for a NaN in H, gave NaN weights).
    String shortH = dir.resolve("short-h").toString();
    new SparkNmfModel("u", 3, 6, new double[12], 0, 0, 1, false, new double[0], 30)
        .save(shortH);
    String nanH = dir.resolve("nan-h").toString();
    double[] h = new double[12];
    h[11] = Double.NaN;
    new SparkNmfModel("u", 2, 6, h, 0, 0, 1, false, new double[0], 30).save(nanH);
    String noColumns = dir.resolve("no-columns").toString();
    new SparkNmfModel("u", 2, 0, new double[0], 0, 0, 1, false, new double[0], 30)
        .save(noColumns);

    assertThatThrownBy(() -> SparkNmfModel.load(shortH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the SparkNmfModel saved at " + shortH + " is corrupt: its components have "
            + "12 values, H of rank 3 with 6 columns needs 18");
    assertThatThrownBy(() -> SparkNmfModel.load(nanH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the SparkNmfModel saved at " + nanH + " is corrupt: NaN at row 1, column 5 "
            + "of its components (H must be finite and non-negative)");
    assertThatThrownBy(() -> SparkNmfModel.load(noColumns))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the SparkNmfModel saved at " + noColumns + " is corrupt: rank 2 and 0 "
            + "columns (both must be >= 1)");
  }

  @Test
  void aSavedModelWhoseMetadataClaimsAnotherRankIsRefusedWhenLoaded() throws IOException {
    // Loaded before with rank() 5 and a 2 x 6 H: a model copy() cannot make.
    String path = dir.resolve("edited-rank").toString();
    model().save(path);
    editMetadata(path, "\"rank\":2", "\"rank\":5");

    assertThatThrownBy(() -> SparkNmfModel.load(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the SparkNmfModel saved at " + path + " is corrupt: its metadata sets rank "
            + "5, its components have 2 rows");
  }

  /** Replaces {@code from} by {@code to} in the Spark ML metadata saved at {@code path}. */
  private static void editMetadata(String path, String from, String to) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(path, "metadata"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(".crc")) {
          Files.delete(f);  // Hadoop's checksum would refuse the edited file
        } else if (name.startsWith("part-")) {
          String json = Files.readString(f);
          assertThat(json).contains(from);
          Files.writeString(f, json.replace(from, to));
        }
      }
    }
  }
}
