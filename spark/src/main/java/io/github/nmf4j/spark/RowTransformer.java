package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.DistributedNmf;
import io.github.nmf4j.nmf.Nmf;
import java.io.Serializable;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;

/**
 * A row's weights with H fixed ({@link DistributedNmf#transformRows} of that row alone), shipped
 * to the executors inside the transform's UDF: H and the settings as plain values, the nmf4j
 * objects rebuilt once per executor.
 */
final class RowTransformer implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int rank;
  private final int cols;
  private final double[] components;
  private final int maxIter;
  private final double tol;
  private final long seed;
  private final String solver;
  private final String loss;
  /** The features column's name, for messages. */
  private final String column;
  /**
   * The settings and H, rebuilt on first use: one object with final fields, read once per row,
   * so that a thread sharing this instance sees both or neither (two lazy fields could be seen
   * half set).
   */
  private transient Rebuilt rebuilt;

  private record Rebuilt(Nmf config, Matrix h) {}

  RowTransformer(int rank, int cols, double[] components, int maxIter, double tol, long seed,
      String solver, String loss, String column) {
    this.rank = rank;
    this.cols = cols;
    this.components = components;
    this.maxIter = maxIter;
    this.tol = tol;
    this.seed = seed;
    this.solver = solver;
    this.loss = loss;
    this.column = column;
  }

  /**
   * The weights of one row.
   *
   * @throws IllegalArgumentException if the row is null, not of p values, or holds a negative,
   *     NaN or infinite value (the message names the features column and the value's index)
   */
  Vector apply(Vector features) {
    if (features == null) {
      throw new IllegalArgumentException(column + " is null");
    }
    if (features.size() != cols) {
      throw new IllegalArgumentException(column + " must have " + cols + " values (as the rows "
          + "the model was fitted on), had " + features.size());
    }
    Rebuilt r = rebuilt;
    if (r == null) {
      r = new Rebuilt(NmfParams.config(rank, maxIter, tol, seed, solver, loss),
          Matrix.wrap(rank, cols, components));
      rebuilt = r;
    }
    double[] row;
    if (features instanceof DenseVector) {
      row = ((DenseVector) features).values().clone();
      for (int j = 0; j < cols; j++) {
        RowBlock.check(row[j], j, column);
      }
    } else {
      row = new double[cols];
      SparseVector s = (SparseVector) features;
      for (int j = 0; j < s.indices().length; j++) {
        RowBlock.check(s.values()[j], s.indices()[j], column);
        row[s.indices()[j]] = s.values()[j];
      }
    }
    return Vectors.dense(DistributedNmf.transformRows(r.config(), r.h(),
        Matrix.wrap(1, cols, row)).row(0));
  }
}
