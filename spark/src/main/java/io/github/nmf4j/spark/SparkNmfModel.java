package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted {@link SparkNmf}: the components H ({@code k x p}), how well WH reconstructs V, how the
 * fit went, and {@link #transform} that appends each row's weights. W itself is not kept (it is
 * as large as V has rows); {@code transform} of the training Dataset recomputes it row by row.
 * Spark ML persistence: {@code model.write().save(path)}, {@code SparkNmfModel.load(path)}.
 */
public class SparkNmfModel extends Model<SparkNmfModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final int rank;
  private final int cols;
  private final double[] components;
  private final double reconstructionError;
  private final double relativeError;
  private final int iterations;
  private final boolean converged;
  private final double[] lossHistory;
  private final long rows;
  private final IntParam rankParam;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final LongParam seed;
  private final Param<String> solver;
  private final Param<String> loss;
  private final Param<String> featuresCol;
  private final Param<String> weightsCol;
  private final IntParam checkpointInterval;

  SparkNmfModel(String uid, int rank, int cols, double[] components, double reconstructionError,
      double relativeError, int iterations, boolean converged, double[] lossHistory, long rows) {
    this.uid = uid;
    this.rank = rank;
    this.cols = cols;
    this.components = components;
    this.reconstructionError = reconstructionError;
    this.relativeError = relativeError;
    this.iterations = iterations;
    this.converged = converged;
    this.lossHistory = lossHistory;
    this.rows = rows;
    rankParam = NmfParams.rank(this);
    maxIter = NmfParams.maxIter(this);
    tol = NmfParams.tol(this);
    seed = NmfParams.seed(this);
    solver = NmfParams.solver(this);
    loss = NmfParams.loss(this);
    featuresCol = NmfParams.featuresCol(this);
    weightsCol = NmfParams.weightsCol(this);
    checkpointInterval = NmfParams.checkpointInterval(this);
    setDefault(rankParam, rank);
    setDefault(maxIter, 200);
    setDefault(tol, 1e-4);
    setDefault(seed, 0L);
    setDefault(solver, NmfParams.MU);
    setDefault(loss, NmfParams.FROBENIUS);
    setDefault(featuresCol, "features");
    setDefault(weightsCol, "weights");
    setDefault(checkpointInterval, 10);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** H, {@code k x p}: the components, one per row (a copy). */
  public Matrix components() {
    return Matrix.wrap(rank, cols, components.clone());
  }

  /**
   * The final loss, computed exactly from the final factors: {@code ||V - WH||_F} for the
   * Frobenius loss, the generalized divergence {@code D(V || WH)} for Kullback-Leibler.
   */
  public double reconstructionError() {
    return reconstructionError;
  }

  /** {@code ||V - WH||_F / ||V||_F}, whatever the loss. */
  public double relativeError() {
    return relativeError;
  }

  /** The iterations the fit ran. */
  public int iterations() {
    return iterations;
  }

  /** Whether the convergence test was met before maxIter ran out. */
  public boolean converged() {
    return converged;
  }

  /** The initial loss, then the loss every 10 iterations (a copy). */
  public double[] lossHistory() {
    return lossHistory.clone();
  }

  /** The number of rows of V. */
  public long rows() {
    return rows;
  }

  /** The rank k the model was fitted with. */
  public IntParam rank() {
    return rankParam;
  }

  /** As {@link SparkNmf#maxIter()}; transform uses it for each row. */
  public IntParam maxIter() {
    return maxIter;
  }

  /** As {@link SparkNmf#tol()}; transform uses it for each row. */
  public DoubleParam tol() {
    return tol;
  }

  /** As {@link SparkNmf#seed()}. */
  public LongParam seed() {
    return seed;
  }

  /** As {@link SparkNmf#solver()}; transform uses it. */
  public Param<String> solver() {
    return solver;
  }

  /** As {@link SparkNmf#loss()}; transform uses it. */
  public Param<String> loss() {
    return loss;
  }

  /** The column transform reads. */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** The column transform appends. */
  public Param<String> weightsCol() {
    return weightsCol;
  }

  /** As {@link SparkNmf#checkpointInterval()} (not used by the model). */
  public IntParam checkpointInterval() {
    return checkpointInterval;
  }

  /** Sets {@link #featuresCol()}. */
  public SparkNmfModel setFeaturesCol(String value) {
    set(featuresCol, NmfParams.requireNonNull(value, "featuresCol"));
    return this;
  }

  /** Sets {@link #weightsCol()}. */
  public SparkNmfModel setWeightsCol(String value) {
    set(weightsCol, NmfParams.requireNonNull(value, "weightsCol"));
    return this;
  }

  /**
   * {@code dataset} with the weights column appended: for each row, its W ({@code k} values)
   * with H fixed, solved by the fit's solver and loss from {@code sqrt(mean(row) / k)} with the
   * fit's maxIter and tol, each row alone: row i gets what nmf4j-core's {@code
   * NmfModel.transform} gives for that row alone. Lazy, as Spark transforms are: a bad row (of
   * another length than H's rows, or with a negative, NaN or infinite value) fails the job that
   * reads it, and that job's exception is caused by an {@link IllegalArgumentException} naming
   * the problem and the features column by its name. A length the column's ML attribute
   * metadata gives (as a VectorAssembler's output has) is checked here, before any job.
   *
   * @throws IllegalArgumentException if the features column is missing, not of vectors or of
   *     vectors of another length than H's rows by its ML attribute metadata, the
   *     weights column exists (in any case, unless {@code spark.sql.caseSensitive} is true:
   *     {@code withColumn} would replace it), or (in a copy with other params) the solver is hals
   *     with the kullback-leibler loss
   */
  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    RowTransformer t = new RowTransformer(rank, cols, components,
        (Integer) getOrDefault(maxIter), (Double) getOrDefault(tol), (Long) getOrDefault(seed),
        getOrDefault(solver), getOrDefault(loss), getOrDefault(featuresCol));
    UserDefinedFunction weights = functions.udf((UDF1<Vector, Vector>) t::apply,
        new VectorUDT());
    String name = getOrDefault(weightsCol);
    return dataset.withColumn(name,
        weights.apply(NmfParams.column(dataset, getOrDefault(featuresCol))),
        NmfParams.weightsMetadata(name, rank));
  }

  /**
   * The output schema: the input's with the weights column (vectors of k values, k in its
   * Spark ML attribute metadata).
   *
   * @throws IllegalArgumentException as {@link #transform}
   */
  @Override
  public StructType transformSchema(StructType schema) {
    String features = getOrDefault(featuresCol);
    NmfParams.requireVectorColumn(schema, features, "features");
    // The length in the column's metadata (a VectorAssembler's output has it), when known.
    int size = AttributeGroup.fromStructField(schema.apply(features)).size();
    if (size >= 0 && size != cols) {
      throw new IllegalArgumentException("features column '" + features + "' holds vectors of "
          + size + " values (its ML attribute metadata); the model was fitted on rows of "
          + cols);
    }
    NmfParams.requireSolverForLoss(getOrDefault(solver), getOrDefault(loss));
    return NmfParams.withVectorColumn(schema, getOrDefault(weightsCol), rank);
  }

  /**
   * A copy with the same components and figures and the params of {@code extra} set: a
   * transform param (maxIter, tol, solver, loss, the columns) changes what the copy's transform
   * does; the rank is the components' and cannot change.
   *
   * @throws IllegalArgumentException if {@code extra} sets the rank to another value than H's
   *     number of rows
   */
  @Override
  public SparkNmfModel copy(ParamMap extra) {
    if (extra.contains(rankParam) && (Integer) extra.apply(rankParam) != rank) {
      throw new IllegalArgumentException("rank is the fitted model's, " + rank + "; a copy "
          + "cannot set it to " + extra.apply(rankParam));
    }
    SparkNmfModel copy = new SparkNmfModel(uid, rank, cols, components, reconstructionError,
        relativeError, iterations, converged, lossHistory, rows);
    return copyValues(copy, extra).setParent(parent());
  }

  /** A writer that saves the parameters (Spark ML metadata) and H with the fit's figures. */
  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  /** The reader of saved models. */
  public static MLReader<SparkNmfModel> read() {
    return new Reader();
  }

  /**
   * The model saved at {@code path} by {@code write().save(path)}.
   *
   * @throws IllegalArgumentException if {@code path} holds a saved object of another class, or
   *     a corrupt or hand-edited model: H not of its rank times columns values, not finite and
   *     non-negative, or a rank in the metadata other than H's rows (Spark's {@code
   *     AnalysisException}, undeclared, if it holds nothing)
   */
  public static SparkNmfModel load(String path) {
    return read().load(path);
  }

  @Override
  public void save(String path) throws IOException {
    write().save(path);
  }

  @Override
  public String toString() {
    return "SparkNmfModel[" + uid + ", " + rows + "x" + cols + ", rank " + rank
        + ", reconstructionError " + reconstructionError + ", iterations " + iterations + "]";
  }

  private static final StructType DATA = new StructType()
      .add("rank", DataTypes.IntegerType, false)
      .add("cols", DataTypes.IntegerType, false)
      .add("components", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("reconstructionError", DataTypes.DoubleType, false)
      .add("relativeError", DataTypes.DoubleType, false)
      .add("iterations", DataTypes.IntegerType, false)
      .add("converged", DataTypes.BooleanType, false)
      .add("lossHistory", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("rows", DataTypes.LongType, false);

  private static final class Writer extends MLWriter {
    private final SparkNmfModel model;

    Writer(SparkNmfModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
      Row row = RowFactory.create(model.rank, model.cols, model.components,
          model.reconstructionError, model.relativeError, model.iterations, model.converged,
          model.lossHistory, model.rows);
      sparkSession().createDataFrame(Collections.singletonList(row), DATA).repartition(1)
          .write().parquet(path + "/data");
    }
  }

  /**
   * Spark's metadata reader (which checks the class and sets the params) and the data row, with
   * H checked against its shape, its values and the rank the metadata sets: a hand-edited or
   * corrupt save would otherwise load and fail in every task of a later transform.
   */
  private static final class Reader extends MLReader<SparkNmfModel> {
    @Override
    public SparkNmfModel load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path,
          sparkSession(), SparkNmfModel.class.getName());
      Row r = sparkSession().read().parquet(path + "/data").head();
      int rank = r.getInt(0);
      int cols = r.getInt(1);
      double[] components = doubles(r.getList(2));
      requireValidComponents(path, rank, cols, components);
      SparkNmfModel model = new SparkNmfModel(metadata.uid(), rank, cols, components,
          r.getDouble(3), r.getDouble(4), r.getInt(5), r.getBoolean(6), doubles(r.getList(7)),
          r.getLong(8));
      metadata.getAndSetParams(model, metadata.getAndSetParams$default$2());
      int claimed = (Integer) model.getOrDefault(model.rankParam);
      int claimedDefault = (Integer) model.getDefault(model.rankParam).get();
      if (claimed != rank || claimedDefault != rank) {
        throw corrupt(path, "its metadata sets rank " + (claimed != rank ? claimed
            : claimedDefault) + ", its components have " + rank + " rows");
      }
      return model;
    }

    /** @throws IllegalArgumentException unless H is a finite, non-negative rank x cols matrix */
    private static void requireValidComponents(String path, int rank, int cols,
        double[] components) {
      if (rank < 1 || cols < 1) {
        throw corrupt(path, "rank " + rank + " and " + cols + " columns (both must be >= 1)");
      }
      if (components.length != (long) rank * cols) {
        throw corrupt(path, "its components have " + components.length + " values, H of rank "
            + rank + " with " + cols + " columns needs " + (long) rank * cols);
      }
      for (int i = 0; i < components.length; i++) {
        double x = components[i];
        if (!(x >= 0 && x <= Double.MAX_VALUE)) {
          throw corrupt(path, RowBlock.describe(x) + " at row " + i / cols + ", column " + i % cols
              + " of its components (H must be finite and non-negative)");
        }
      }
    }

    private static IllegalArgumentException corrupt(String path, String what) {
      return new IllegalArgumentException("the SparkNmfModel saved at " + path + " is corrupt: "
          + what);
    }

    private static double[] doubles(List<Double> list) {
      double[] out = new double[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    }
  }
}
