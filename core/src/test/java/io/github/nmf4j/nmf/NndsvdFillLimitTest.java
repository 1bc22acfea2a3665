package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import org.junit.jupiter.api.Test;

/**
 * NNDSVDA's fill, {@code mean(V)} in the caller's units, is capped at {@code 2^16} times the SVD's
 * values ({@link Nndsvd#FILL_LIMIT}): beyond the cap the start, and so the whole fit, scales
 * exactly with V. With the cap at {@code 2^32} the fill of V near 1e16 made masked HALS reach NaN
 * and full MU end at twice the error.
 */
class NndsvdFillLimitTest {

  /** Integers 0 to 16 of rank about 3, 40 x 30, times {@code 2^e}. */
  private static Matrix counts(int e, double hidden) {
    double[] x = TestMatrices.noisyLowRank(40, 30, 3, 0.1, 3).toRowMajorArray();
    double max = 0;
    for (double y : x) {
      max = Math.max(max, y);
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.scalb(Math.round(16 * x[i] / max), e);
    }
    Matrix v = Matrix.wrap(40, 30, x);
    return hidden > 0 ? MissingValuesTest.hide(v, hidden, 5) : v;
  }

  @Test
  void beyondTheCapFitsScaleExactlyWithV() {
    for (Solver solver : Solver.values()) {
      for (double hidden : new double[] {0, 0.2, 0.6}) {
        Nmf nmf = Nmf.builder().rank(3).solver(solver).initialization(Initialization.NNDSVDA)
            .missingValues(MissingValues.IGNORE).maxIterations(200).build();
        double reference = nmf.fit(counts(40, hidden)).relativeError();
        assertThat(reference).as("%s, %s hidden, 2^40", solver, hidden).isFinite()
            .isLessThan(0.2);
        for (int e : new int[] {50, 54, 100}) {
          assertThat(nmf.fit(counts(e, hidden)).relativeError())
              .as("%s, %s hidden, 2^%d", solver, hidden, e).isEqualTo(reference);
        }
      }
    }
  }
}
