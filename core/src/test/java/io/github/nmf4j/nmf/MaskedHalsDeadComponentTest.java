package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Datasets;
import org.junit.jupiter.api.Test;

/**
 * Masked HALS on the digits, whose border pixels are (almost) always 0: a component whose row of
 * H dies (falls to the floor) must not make its column of W explode, or the entries that were
 * held out get predictions of 1e26 (found by {@code nmf4j rank} on digits.npy at rank 12).
 */
class MaskedHalsDeadComponentTest {

  @Test
  void heldOutPredictionsStayOnTheScaleOfTheData() {
    Matrix v = Datasets.digits(1797);
    RankSelectionResult r = RankSelection.builder().ranks(12, 16, 20).seed(0).threads(1)
        .nmf(Nmf.builder().solver(Solver.HALS)).fit(v);
    // the mean squared error of predicting the column means is about 18 on these pixels (0..16)
    for (double e : r.testErrors()) {
      assertThat(e).as(r.toString()).isLessThan(18);
    }
  }
}
