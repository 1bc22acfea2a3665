package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import org.junit.jupiter.api.Test;

/**
 * Masked HALS after a start whose W and H are far apart in size: the proximal damping of the
 * masked steps (in the data's units) must not freeze the fit ({@link MaskedHalsRule}).
 */
class MaskedHalsBalanceTest {

  private static final double N = Double.NaN;

  /** Entries up to 1e12 and two missing: NNDSVDA puts the mean of V in W where the SVD has 0. */
  @Test
  void aWideRangeWithMissingEntriesIsFittedFromTheDefaultStart() {
    Matrix v = Matrix.of(new double[][] {{1, 2, N}, {N, 0, 3}, {1e12, 2, 1}});
    for (Initialization init : Initialization.values()) {
      NmfModel m = Nmf.builder().rank(1).solver(Solver.HALS).initialization(init).seed(0)
          .missingValues(MissingValues.IGNORE).fit(v);
      // rank 1 fits V's observed entries to ||V|| 1e-11 (1.0 was W = 0's error)
      assertThat(m.relativeError()).as("%s", init).isLessThan(1e-9);
    }
  }

  /**
   * A custom start with a few entries near 1e7 on data in [0, 1): the dense rule (which keeps
   * WH at the missing entries between loss checks) and the rule on the observed entries (the
   * same V as a sparse matrix) both reach a fit within 1e-4 of the data, whatever the checks.
   */
  @Test
  void aStartWithAFewHugeEntriesIsFittedByBothRules() {
    Matrix v = Matrix.of(new double[][] {
        {0.29, N, 0.93}, {N, N, N}, {0.55, 0.45, 0.18}, {0.51, 0.28, 0.95}, {0.35, 0.41, N}});
    Matrix w0 = Matrix.of(new double[][] {{3.6e7, 0.78, 0.86}, {0.73, 0.015, 0.57},
        {0.037, 1.0, 0.19}, {0.95, 0.91, 1.9e7}, {0.5, 3.8e7, 0.87}});
    Matrix h0 = Matrix.of(new double[][] {
        {0.69, 8.5e7, 0.091}, {0.18, 0.45, 0.49}, {0.92, 0.75, 3.6e7}});
    SparseMatrix observed = SparseMatrix.fromTriplets(5, 3,
        new int[] {0, 0, 2, 2, 2, 3, 3, 3, 4, 4}, new int[] {0, 2, 0, 1, 2, 0, 1, 2, 0, 1},
        new double[] {0.29, 0.93, 0.55, 0.45, 0.18, 0.51, 0.28, 0.95, 0.35, 0.41});
    Nmf.Builder b = Nmf.builder().solver(Solver.HALS).missingValues(MissingValues.IGNORE)
        .initialFactors(w0, h0).maxIterations(300).tolerance(0);
    // before, the damped steps stopped moving: 0.918 (dense) and 0.550 (sparse); now 3e-16 and
    // 2e-16 (and with the default tolerance the dense fit had stopped at 3.17, its loss history
    // reading 0.0)
    assertThat(b.checkEvery(10).build().fit(v).reconstructionError()).isLessThan(1e-4);
    assertThat(b.build().fit(observed).reconstructionError()).isLessThan(1e-4);
  }
}
