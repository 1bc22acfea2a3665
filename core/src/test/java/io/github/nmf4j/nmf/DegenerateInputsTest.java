package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Degenerate but valid data (a single row or column, constant values, exactly low rank) that a
 * fit can reproduce to rounding: what the models report must stay what their Javadoc says.
 */
class DegenerateInputsTest {

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
}
