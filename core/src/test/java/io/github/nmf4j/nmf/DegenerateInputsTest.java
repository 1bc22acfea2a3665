package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Degenerate but valid data (a single row or column, constant values, exactly low rank) that a
 * fit can reproduce to rounding: what the models report must stay what their Javadoc says.
 */
class DegenerateInputsTest {

  /**
   * How far above {@code sqrt(max V)} a factor entry may lie. Entries of a fit of V in [0, 3]
   * stay below 40 times it; a dead component blown up by HALS reached 1e13 to 1e15 times.
   */
  private static final double FACTOR_SCALE = 1e3;

  /** Matrices a fit of rank 1 or more reproduces exactly, up to rounding. */
  private static List<Matrix> exactlyFittable() {
    List<Matrix> out = new ArrayList<>();
    for (long seed = 1; seed <= 6; seed++) {
      out.add(TestMatrices.uniform(5, 1, 1, seed));
      out.add(TestMatrices.uniform(1, 5, 1, seed));
      Matrix u = TestMatrices.uniform(6, 1, 1, seed);
      out.add(u.multiply(TestMatrices.uniform(1, 4, 1, seed + 100)));
    }
    out.add(Matrix.of(new double[][] {{2.5}}));
    out.add(Matrix.of(new double[][] {{3, 3, 3}, {3, 3, 3}}));
    return out;
  }

  /**
   * The generalized KL divergence is non-negative, and so is the reconstruction error that
   * reports it; near an exact fit the sum's rounding used to leave MiniBatchNmf's at -4.4e-16.
   */
  @Test
  void kullbackLeiblerErrorIsNeverNegative() {
    for (Matrix v : exactlyFittable()) {
      for (int rank = 1; rank <= 3; rank++) {
        NmfModel batch = Nmf.builder().rank(rank).loss(Loss.KULLBACK_LEIBLER).seed(2).fit(v);
        NmfModel mini = MiniBatchNmf.builder().rank(rank).loss(Loss.KULLBACK_LEIBLER)
            .batchSize(3).seed(2).fit(v);
        assertThat(batch.reconstructionError()).as("Nmf %s rank %d", v, rank)
            .isGreaterThanOrEqualTo(0);
        assertThat(mini.reconstructionError()).as("MiniBatchNmf %s rank %d", v, rank)
            .isGreaterThanOrEqualTo(0);
        for (NmfModel model : List.of(batch, mini)) {
          for (double loss : model.lossHistory()) {
            assertThat(loss).as("loss history %s rank %d", v, rank).isGreaterThanOrEqualTo(0);
          }
        }
      }
    }
  }

  /** Data of rank below the fits': constant, rank 1 and 2, a zero column, duplicate rows. */
  private static List<Matrix> rankDeficient() {
    Matrix zeroColumn = TestMatrices.uniform(8, 6, 1, 1);
    double[][] a = zeroColumn.toArray();
    for (double[] row : a) {
      row[2] = 0;
    }
    double[][] b = TestMatrices.uniform(8, 6, 1, 2).toArray();
    b[1] = b[0].clone();
    return List.of(Matrix.of(new double[][] {{3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}, {3, 3, 3, 3, 3},
        {3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}, {3, 3, 3, 3, 3}}),
        TestMatrices.uniform(8, 1, 1, 3).multiply(TestMatrices.uniform(1, 6, 1, 4)),
        TestMatrices.uniform(8, 2, 1, 5).multiply(TestMatrices.uniform(2, 6, 1, 6)),
        Matrix.of(a), Matrix.of(b));
  }

  /**
   * HALS fitted above the data's rank leaves components with nothing to explain: a row of H (a
   * column of W) falls to the floor. The other factor's step for it divided by a Gram entry of
   * about 1e-32 and grew to 1e13-1e15, and the sparse fit, rounding differently, ended far from
   * the dense one. Every factor (and the transform of V) must stay on the data's scale.
   */
  @Test
  void halsFactorsStayOnTheScaleOfTheData() {
    for (Matrix v : rankDeficient()) {
      int smaller = Math.min(v.rows(), v.cols());
      double bound = FACTOR_SCALE * Math.sqrt(v.max());
      for (int rank : new int[] {smaller, smaller + 2}) {
        for (Initialization init : Initialization.values()) {
          if (init != Initialization.RANDOM && rank > smaller) {
            continue;
          }
          Nmf.Builder builder = Nmf.builder().solver(Solver.HALS).rank(rank)
              .initialization(init).seed(1);
          NmfModel dense = builder.fit(v);
          NmfModel sparse = builder.fit(SparseMatrix.of(v));
          for (Matrix factor : List.of(dense.w(), dense.h(), dense.transform(v), sparse.w(),
              sparse.h())) {
            assertThat(factor.max()).as("%s at rank %d from %s", v, rank, init)
                .isLessThanOrEqualTo(bound);
          }
        }
      }
    }
  }
}
