package io.github.nmf4j.spark;

import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.Solver;
import java.util.Arrays;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark ML parameters {@link SparkNmf} and {@link SparkNmfModel} share: their names, docs,
 * validators and defaults in one place, and the nmf4j configuration they stand for.
 */
final class NmfParams {

  static final String MU = "mu";
  static final String HALS = "hals";
  static final String FROBENIUS = "frobenius";
  static final String KULLBACK_LEIBLER = "kullback-leibler";

  private NmfParams() {}

  static IntParam rank(Params parent) {
    return new IntParam(parent, "rank", "the number of components k (>= 1)",
        ParamValidators.gtEq(1));
  }

  static IntParam maxIter(Params parent) {
    return new IntParam(parent, "maxIter", "the most iterations (>= 1)", ParamValidators.gtEq(1));
  }

  static DoubleParam tol(Params parent) {
    return new DoubleParam(parent, "tol", "the tolerance of the convergence test "
        + "(previous - current) / initial < tol, checked every 10 iterations; 0 runs all "
        + "iterations (finite, >= 0)",
        (Object x) -> (Double) x >= 0 && (Double) x < Double.POSITIVE_INFINITY);
  }

  static LongParam seed(Params parent) {
    return new LongParam(parent, "seed", "the seed of the random start");
  }

  static Param<String> solver(Params parent) {
    return new Param<>(parent, "solver", "the update rule: " + MU + " (multiplicative updates) or "
        + HALS + " (hierarchical alternating least squares, Frobenius loss only)",
        ParamValidators.inArray(new String[] {MU, HALS}));
  }

  static Param<String> loss(Params parent) {
    return new Param<>(parent, "loss", "the loss: " + FROBENIUS + " or " + KULLBACK_LEIBLER
        + " (generalized Kullback-Leibler divergence)",
        ParamValidators.inArray(new String[] {FROBENIUS, KULLBACK_LEIBLER}));
  }

  static Param<String> featuresCol(Params parent) {
    return new Param<>(parent, "featuresCol", "the column of the rows of V, "
        + "org.apache.spark.ml.linalg.Vector (dense or sparse)");
  }

  static Param<String> weightsCol(Params parent) {
    return new Param<>(parent, "weightsCol", "the column transform appends: each row's "
        + "weights W (a dense vector of k values)");
  }

  static IntParam checkpointInterval(Params parent) {
    return new IntParam(parent, "checkpointInterval", "checkpoint the rows of W every this many "
        + "iterations when the SparkContext has a checkpoint directory (>= 1), or -1 for never",
        (Object x) -> (Integer) x == -1 || (Integer) x >= 1);
  }

  /**
   * {@code value}, checked before it is set: Spark's validators cannot reject null (their
   * message calls its toString).
   *
   * @throws IllegalArgumentException if {@code value} is null (the message names {@code param})
   */
  static String requireNonNull(String value, String param) {
    if (value == null) {
      throw new IllegalArgumentException(param + " must not be null");
    }
    return value;
  }

  /** The nmf4j configuration the parameters stand for: a RANDOM start, one task per block. */
  static Nmf config(int rank, int maxIter, double tol, long seed, String solver, String loss) {
    return Nmf.builder().rank(rank).maxIterations(maxIter).tolerance(tol).seed(seed)
        .solver(HALS.equals(solver) ? Solver.HALS : Solver.MULTIPLICATIVE_UPDATE)
        .loss(KULLBACK_LEIBLER.equals(loss) ? Loss.KULLBACK_LEIBLER : Loss.FROBENIUS)
        .initialization(Initialization.RANDOM).threads(1).build();
  }

  /**
   * Checks that {@code solver} minimizes {@code loss}.
   *
   * @throws IllegalArgumentException if the solver is hals and the loss kullback-leibler
   */
  static void requireSolverForLoss(String solver, String loss) {
    if (HALS.equals(solver) && KULLBACK_LEIBLER.equals(loss)) {
      throw new IllegalArgumentException("solver hals minimizes the frobenius loss only; use "
          + "solver mu for kullback-leibler");
    }
  }

  /**
   * Checks that {@code schema} has the vector column {@code name} (named {@code what} in
   * messages).
   *
   * @throws IllegalArgumentException if it has no such column or the column is not of vectors
   */
  static void requireVectorColumn(StructType schema, String name, String what) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(what + " column '" + name + "' does not exist; the "
          + "columns are " + Arrays.toString(schema.fieldNames()));
    }
    DataType type = schema.apply(name).dataType();
    if (!(type instanceof VectorUDT)) {
      throw new IllegalArgumentException(what + " column '" + name + "' must hold "
          + "org.apache.spark.ml.linalg.Vector values, was " + describe(type));
    }
  }

  /**
   * {@code type} as a message names it, with the conversion to ml vectors where Spark has one:
   * the old mllib VectorUDT is otherwise shown as its SQL struct, which looks like ml's.
   */
  private static String describe(DataType type) {
    if (type instanceof org.apache.spark.mllib.linalg.VectorUDT) {
      return "org.apache.spark.mllib.linalg.Vector (convert it with "
          + "MLUtils.convertVectorColumnsToML)";
    }
    if (type instanceof ArrayType && ((ArrayType) type).elementType() instanceof NumericType) {
      return type.catalogString() + " (convert it with "
          + "org.apache.spark.ml.functions.array_to_vector)";
    }
    return type.catalogString();
  }

  /**
   * The column {@code name} of {@code dataset}, the name taken literally as the schema checks
   * take it: quoted, so that a dot or backtick in it is not parsed as a nested field or a quote.
   */
  static Column column(Dataset<?> dataset, String name) {
    return dataset.col("`" + name.replace("`", "``") + "`");
  }

  /**
   * {@code schema} with the weights column {@code name} appended: vectors, nullable (as the
   * transform's UDF is), and when {@code size >= 1} that size in Spark ML's attribute metadata,
   * as PCAModel's output carries it (a VectorAssembler keeping invalid rows needs it).
   *
   * @param size the vectors' length k, or 0 when unknown (the metadata is then empty)
   * @throws IllegalArgumentException if {@code schema} already has a column of that name, or
   *     (unless {@code spark.sql.caseSensitive} is true) of that name in another case, which
   *     {@code withColumn} would replace
   */
  static StructType withVectorColumn(StructType schema, String name, int size) {
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException("weights column '" + name + "' already exists");
    }
    if (!SQLConf.get().caseSensitiveAnalysis()) {
      for (String existing : schema.fieldNames()) {
        if (existing.equalsIgnoreCase(name)) {
          throw new IllegalArgumentException("weights column '" + name + "' already exists (as '"
              + existing + "': Spark SQL compares column names ignoring case unless "
              + "spark.sql.caseSensitive is true)");
        }
      }
    }
    return schema.add(new StructField(name, new VectorUDT(), true, weightsMetadata(name, size)));
  }

  /** The metadata of the weights column {@code name}: its size, if {@code size >= 1}. */
  static Metadata weightsMetadata(String name, int size) {
    return size >= 1 ? new AttributeGroup(name, size).toMetadata() : Metadata.empty();
  }
}
