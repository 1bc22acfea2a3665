package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import org.junit.jupiter.api.Test;

/**
 * {@link ImputedHals}: HALS with missing values by imputation, the rule of a HALS fit of a dense V
 * with at most half its entries missing. The properties every masked rule has (the masked loss
 * never increases, the same result for any thread count, finite zero predictions for empty rows
 * and columns) are checked for all of them in {@link MissingValuesTest}.
 */
class ImputedHalsTest {

  @Test
  void fitsImputeUpToHalfTheEntriesMissingAndTransformsNever() {
    double nan = Double.NaN;
    Matrix half = Matrix.of(new double[][] {{1, nan, 2, nan}, {nan, 3, nan, 1}});
    Matrix more = Matrix.of(new double[][] {{1, nan, 2, nan}, {nan, 3, nan, nan}});
    assertThat(rule(half, true)).isInstanceOf(ImputedHals.class);
    assertThat(rule(more, true)).isInstanceOf(MaskedDenseHals.class);
    assertThat(rule(half, false)).isInstanceOf(MaskedDenseHals.class);
  }

  private static UpdateRule rule(Matrix v, boolean fit) {
    Observed observed = Observed.ofDense(v, "v", Parallel.serial());
    Nmf nmf = MissingValuesTest.builder(Solver.HALS, Loss.FROBENIUS, 1).build();
    Problem problem = new Problem(nmf.settings(), observed.start, 1, Parallel.serial());
    Factors start = Initializer.custom(Matrix.of(new double[][] {{1}, {1}}),
        Matrix.of(new double[][] {{1, 1, 1, 1}}), observed.start);
    return observed.rule(problem, start, fit);
  }

  /**
   * Imputation and the coordinate steps on the observed entries (the sparse V whose stored
   * entries are the observed ones) minimize the same masked loss: run long, both reach the same
   * error.
   */
  @Test
  void reachesTheErrorOfTheStepsOnTheObservedEntries() {
    Matrix dense = MissingValuesTest.hide(TestMatrices.noisyLowRank(60, 45, 4, 0.05, 21), 0.3, 22);
    double[] zeroed = dense.toRowMajorArray();
    for (int i = 0; i < zeroed.length; i++) {
      if (Double.isNaN(zeroed[i])) {
        zeroed[i] = 0;
      }
    }
    SparseMatrix sparse = SparseMatrix.of(Matrix.wrap(60, 45, zeroed));
    Nmf nmf = MissingValuesTest.builder(Solver.HALS, Loss.FROBENIUS, 4).maxIterations(3000)
        .tolerance(1e-10).build();
    double imputed = nmf.fit(dense).relativeError();
    double observed = nmf.fit(sparse).relativeError();
    assertThat(imputed).isCloseTo(observed, org.assertj.core.data.Percentage.withPercentage(0.1));
  }

  /**
   * The completed V holds the caller's units: V times {@code 4^e} gives factors {@code 2^e}
   * times as large, to the bit, also where {@code 4^e V} is far beyond the range in which
   * products are taken unscaled (from a random start: NNDSVDA's fill is in the caller's units,
   * as scikit-learn's).
   */
  @Test
  void scalesExactlyWithV() {
    Matrix v = MissingValuesTest.hide(TestMatrices.noisyLowRank(20, 15, 3, 0.1, 23), 0.25, 24);
    Nmf nmf = MissingValuesTest.builder(Solver.HALS, Loss.FROBENIUS, 3).maxIterations(40)
        .initialization(Initialization.RANDOM).build();
    NmfModel base = nmf.fit(v);
    for (int e : new int[] {-500, -3, 2, 480}) {
      double[] a = v.toRowMajorArray();
      for (int i = 0; i < a.length; i++) {
        a[i] = Math.scalb(a[i], 2 * e);
      }
      NmfModel scaled = nmf.fit(Matrix.wrap(20, 15, a));
      assertThat(scaled.w().toRowMajorArray()).as("4^%d V", e)
          .isEqualTo(scaledBy(base.w(), e));
      assertThat(scaled.h().toRowMajorArray()).as("4^%d V", e)
          .isEqualTo(scaledBy(base.h(), e));
    }
  }

  private static double[] scaledBy(Matrix m, int e) {
    double[] a = m.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], e);
    }
    return a;
  }
}
