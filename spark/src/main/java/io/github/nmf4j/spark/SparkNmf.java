package io.github.nmf4j.spark;

import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.DistributedNmf;
import io.github.nmf4j.nmf.DistributedNmfModel;
import io.github.nmf4j.nmf.Nmf;
import java.util.concurrent.CancellationException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Non-negative matrix factorization {@code V ~ W H} of a distributed V, as a Spark ML estimator:
 * the rows of V are the vectors of a Dataset's features column (dense or sparse {@code
 * org.apache.spark.ml.linalg.Vector}, all of one length p), and the fit finds H ({@code k x p},
 * the components) with nmf4j-core's solvers running inside each partition ({@link
 * DistributedNmf}: Lee and Seung's multiplicative updates, 2001, or HALS, Cichocki and Phan
 * 2009).
 *
 * <p>For the same seed the result is the core's: {@code new SparkNmf().setRank(10).setSeed(7)
 * .setMaxIter(50).setTol(0).fit(df)} gives the H of {@code Nmf.builder().rank(10).seed(7)
 * .maxIterations(50).tolerance(0).initialization(Initialization.RANDOM).fit(v)} within {@code
 * 1e-9} relative, whatever the number of partitions, where row i of v is the i-th row of the
 * Dataset (partition by partition). The Dataset is read twice (once to count each partition's
 * rows), so it must give the same rows in the same order each time (cache it otherwise).
 *
 * <p>Each iteration runs one Spark job: H is broadcast, each partition updates its rows of W
 * and returns {@code W_p' V_p} and {@code W_p' W_p} ({@code k p + k^2} values), which are added
 * in partition order; V is cached and never shuffled. With a checkpoint directory set on the
 * SparkContext, the rows of W are checkpointed every {@code checkpointInterval} iterations.
 *
 * <p>Spark ML persistence: {@code nmf.save(path)} ({@code write()}) and {@link #load}, so that a
 * Pipeline holding the estimator can be saved; the listener is not saved.
 */
public class SparkNmf extends Estimator<SparkNmfModel> implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final IntParam rank;
  private final IntParam maxIter;
  private final DoubleParam tol;
  private final LongParam seed;
  private final Param<String> solver;
  private final Param<String> loss;
  private final Param<String> featuresCol;
  private final Param<String> weightsCol;
  private final IntParam checkpointInterval;
  /** Not a Spark ML param: it is neither saved nor sent to the executors. */
  private transient ProgressListener listener = ProgressListener.NONE;

  /** An estimator with the default parameters and a random uid. */
  public SparkNmf() {
    this(Identifiable.randomUID("SparkNmf"));
  }

  /** An estimator with the default parameters and the given uid. */
  public SparkNmf(String uid) {
    this.uid = uid;
    rank = NmfParams.rank(this);
    maxIter = NmfParams.maxIter(this);
    tol = NmfParams.tol(this);
    seed = NmfParams.seed(this);
    solver = NmfParams.solver(this);
    loss = NmfParams.loss(this);
    featuresCol = NmfParams.featuresCol(this);
    weightsCol = NmfParams.weightsCol(this);
    checkpointInterval = NmfParams.checkpointInterval(this);
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

  /** The number of components k (>= 1); required. */
  public IntParam rank() {
    return rank;
  }

  /** The most iterations (>= 1); default 200. */
  public IntParam maxIter() {
    return maxIter;
  }

  /**
   * The tolerance of the convergence test {@code (previous - current) / initial < tol}, checked
   * every 10 iterations as scikit-learn does ({@code initial} at most {@code ||V||} for HALS, as
   * in the core's {@code Nmf}); finite and >= 0, 0 running all iterations; default 1e-4.
   */
  public DoubleParam tol() {
    return tol;
  }

  /** The seed of the random start; default 0 (the core's default). */
  public LongParam seed() {
    return seed;
  }

  /** {@code "mu"} (multiplicative updates, the default) or {@code "hals"} (Frobenius only). */
  public Param<String> solver() {
    return solver;
  }

  /** {@code "frobenius"} (the default) or {@code "kullback-leibler"}. */
  public Param<String> loss() {
    return loss;
  }

  /** The column of the rows of V; default {@code "features"}. */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** The column the model's transform appends; default {@code "weights"}. */
  public Param<String> weightsCol() {
    return weightsCol;
  }

  /** Checkpoint every this many iterations (>= 1), or -1 for never; default 10. */
  public IntParam checkpointInterval() {
    return checkpointInterval;
  }

  /** Sets {@link #rank()}. */
  public SparkNmf setRank(int value) {
    set(rank, value);
    return this;
  }

  /** Sets {@link #maxIter()}. */
  public SparkNmf setMaxIter(int value) {
    set(maxIter, value);
    return this;
  }

  /** Sets {@link #tol()}. */
  public SparkNmf setTol(double value) {
    set(tol, value);
    return this;
  }

  /** Sets {@link #seed()}. */
  public SparkNmf setSeed(long value) {
    set(seed, value);
    return this;
  }

  /** Sets {@link #solver()}: {@code "mu"} or {@code "hals"}. */
  public SparkNmf setSolver(String value) {
    set(solver, NmfParams.requireNonNull(value, "solver"));
    return this;
  }

  /** Sets {@link #loss()}: {@code "frobenius"} or {@code "kullback-leibler"}. */
  public SparkNmf setLoss(String value) {
    set(loss, NmfParams.requireNonNull(value, "loss"));
    return this;
  }

  /** Sets {@link #featuresCol()}. */
  public SparkNmf setFeaturesCol(String value) {
    set(featuresCol, NmfParams.requireNonNull(value, "featuresCol"));
    return this;
  }

  /** Sets {@link #weightsCol()}. */
  public SparkNmf setWeightsCol(String value) {
    set(weightsCol, NmfParams.requireNonNull(value, "weightsCol"));
    return this;
  }

  /** Sets {@link #checkpointInterval()}. */
  public SparkNmf setCheckpointInterval(int value) {
    set(checkpointInterval, value);
    return this;
  }

  /**
   * Sets the listener of the fit, nmf4j-core's progress contract as {@code Nmf}'s: after every
   * iteration it receives a {@code Progress} (the iteration, the loss every 10 iterations in the
   * units of {@link SparkNmfModel#reconstructionError()}) on the thread that called {@link
   * #fit}, and {@code progress.cancel()} ends the fit after the running iteration: {@code fit}
   * then throws {@link CancellationException} and frees what it cached.
   * Not a Spark ML param: a copy keeps it, a saved estimator or model does not.
   *
   * @throws IllegalArgumentException if {@code listener} is null
   */
  public SparkNmf setListener(ProgressListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null (use ProgressListener.NONE)");
    }
    this.listener = listener;
    return this;
  }

  /** The listener of the fit; {@link ProgressListener#NONE} by default. */
  public ProgressListener getListener() {
    return listener == null ? ProgressListener.NONE : listener;
  }

  /**
   * Fits V, the features column of {@code dataset}.
   *
   * @throws IllegalArgumentException before any iteration if the rank is not set, the column
   *     is missing, not of vectors or empty, a vector is null or of another length than the first,
   *     or a value is negative, NaN or infinite (the message names the row, from 0, and column), or
   *     the solver is hals with the kullback-leibler loss
   * @throws CancellationException if the listener cancelled the fit or the calling thread was
   *     interrupted
   */
  @Override
  public SparkNmfModel fit(Dataset<?> dataset) {
    // Not transformSchema: a Dataset that already has the weights column can still be fitted.
    validate(dataset.schema());
    if (!isDefined(rank)) {
      throw new IllegalArgumentException("rank must be set (setRank)");
    }
    Nmf config = NmfParams.config((Integer) getOrDefault(rank), (Integer) getOrDefault(maxIter),
        (Double) getOrDefault(tol), (Long) getOrDefault(seed), getOrDefault(solver),
        getOrDefault(loss)).toBuilder().listener(getListener()).build();
    JavaRDD<Vector> vectors = dataset.select(NmfParams.column(dataset, getOrDefault(featuresCol)))
        .javaRDD().map(row -> (Vector) row.get(0));
    DistributedNmf fit = DistributedNmf.of(config);
    // HALS blocks start on multiples of 256 rows, where the core's sweeps of W stop.
    int alignment = fit.rowAlignment();
    DistributedNmfModel result;
    try (SparkBlocks blocks = SparkBlocks.of(vectors, getOrDefault(featuresCol), alignment,
        (Integer) getOrDefault(checkpointInterval), stepRunner())) {
      result = fit.fit(blocks);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // Spark's actions throw SparkException (checked, but undeclared in Java) for a failed job.
      throw unwrap(e);
    }
    Matrix h = result.components();
    SparkNmfModel model = new SparkNmfModel(uid, h.rows(), h.cols(), h.toRowMajorArray(),
        result.reconstructionError(), result.relativeError(), result.iterations(),
        result.converged(), result.lossHistory(), result.rows());
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  /** How each partition runs a step: the step itself; a seam for the failure test. */
  StepRunner stepRunner() {
    return StepRunner.DIRECT;
  }

  /**
   * For a job that failed on bad input: an {@link IllegalArgumentException} with the task's
   * message (the cause is {@code e}); for an interrupted job a {@link CancellationException}
   * (the thread's interrupt status set again); otherwise {@code e} as an {@link
   * IllegalStateException}.
   */
  static RuntimeException unwrap(Exception e) {
    if (e instanceof InterruptedException) {
      // As the core's fits: a CancellationException, and the thread stays interrupted.
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("interrupted");
      c.initCause(e);
      return c;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException) {
        return new IllegalArgumentException(t.getMessage(), e);
      }
    }
    return new IllegalStateException(e.getMessage(), e);
  }

  /**
   * The schema the fitted model's {@code transform} gives for {@code schema} (the input's with
   * the weights column appended, its size k in the metadata once the rank is set), as a Spark ML
   * estimator's is: a {@code Pipeline} checks its stages with it, so that a later stage can
   * read the weights column.
   *
   * @throws IllegalArgumentException if the features column is missing or not of vectors, the
   *     solver is hals with the kullback-leibler loss, or the weights column exists (in any
   *     case, unless {@code spark.sql.caseSensitive} is true)
   */
  @Override
  public StructType transformSchema(StructType schema) {
    validate(schema);
    return NmfParams.withVectorColumn(schema, getOrDefault(weightsCol),
        isDefined(rank) ? (Integer) getOrDefault(rank) : 0);
  }

  /** Checks that {@code schema} holds the features column of vectors and the solver the loss. */
  private void validate(StructType schema) {
    NmfParams.requireVectorColumn(schema, getOrDefault(featuresCol), "features");
    NmfParams.requireSolverForLoss(getOrDefault(solver), getOrDefault(loss));
  }

  /** The reader of saved estimators. */
  public static MLReader<SparkNmf> read() {
    return new Reader();
  }

  /**
   * The estimator saved at {@code path} by {@code save(path)} (or {@code write().save(path)}),
   * with its uid and parameters.
   *
   * @throws IllegalArgumentException if {@code path} holds a saved object of another class (a
   *     SparkNmfModel, say; Spark's {@code AnalysisException}, undeclared, if it holds nothing)
   */
  public static SparkNmf load(String path) {
    return read().load(path);
  }

  /**
   * Spark's {@link DefaultParamsReader} with the class checked: that reader instantiates
   * whatever class the metadata names, so a model's path failed with an undeclared {@code
   * NoSuchMethodException} and another estimator's would be returned as a SparkNmf.
   */
  private static final class Reader extends MLReader<SparkNmf> {
    @Override
    public SparkNmf load(String path) {
      DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path,
          sparkSession(), SparkNmf.class.getName());
      SparkNmf nmf = new SparkNmf(metadata.uid());
      metadata.getAndSetParams(nmf, metadata.getAndSetParams$default$2());
      return nmf;
    }
  }

  @Override
  public SparkNmf copy(ParamMap extra) {
    SparkNmf copy = defaultCopy(extra);
    copy.listener = getListener();
    return copy;
  }
}
