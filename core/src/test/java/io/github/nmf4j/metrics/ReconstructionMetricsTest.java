package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconstructionMetricsTest {

  private static final double ROUNDING = 1e-14;

  @Test
  void handComputedValues() {
    Matrix a = Matrix.of(new double[][] {{3, 0}, {0, 4}});
    Matrix b = Matrix.of(new double[][] {{3, 1}, {0, 4}});
    assertThat(ReconstructionMetrics.meanSquaredError(a, b)).isCloseTo(0.25, within(ROUNDING));
    assertThat(ReconstructionMetrics.relativeError(a, b)).isCloseTo(0.2, within(ROUNDING));
    // 10 log10(1 / 0.25) and 10 log10(255^2 / 0.25)
    assertThat(ReconstructionMetrics.psnr(a, b, 1)).isCloseTo(6.020599913279624, within(1e-12));
    assertThat(ReconstructionMetrics.psnr(a, b, 255))
        .isCloseTo(54.15140352195873, within(1e-12));
  }

  @Test
  void agreesWithTheNaiveFormulasOnRandomMatrices() {
    SplittableRandom random = new SplittableRandom(2);
    double[] x = random.doubles(60).toArray();
    double[] y = random.doubles(60).toArray();
    Matrix a = Matrix.wrap(6, 10, x);
    Matrix b = Matrix.wrap(6, 10, y);
    double sq = 0;
    double norm = 0;
    for (int i = 0; i < 60; i++) {
      sq += (x[i] - y[i]) * (x[i] - y[i]);
      norm += x[i] * x[i];
    }
    double mse = ReconstructionMetrics.meanSquaredError(a, b);
    assertThat(mse).isCloseTo(sq / 60, within(sq / 60 * ROUNDING));
    assertThat(ReconstructionMetrics.relativeError(a, b))
        .isCloseTo(Math.sqrt(sq / norm), within(ROUNDING));
    assertThat(ReconstructionMetrics.psnr(a, b, 1))
        .isCloseTo(10 * Math.log10(1 / (sq / 60)), within(1e-12));
  }

  @Test
  void extremesAndNoOverflow() {
    Matrix a = Matrix.of(new double[][] {{1e200, -1e200}});
    Matrix b = Matrix.of(new double[][] {{-1e200, 1e200}});
    assertThat(ReconstructionMetrics.relativeError(a, b)).isCloseTo(2, within(ROUNDING));
    assertThat(ReconstructionMetrics.psnr(a, a, 1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ReconstructionMetrics.relativeError(a, a)).isZero();
    Matrix zero = Matrix.zeros(1, 2);
    assertThat(ReconstructionMetrics.relativeError(zero, zero)).isZero();
    assertThat(ReconstructionMetrics.relativeError(zero, a)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ReconstructionMetrics.psnr(a, b, 1e200)).isCloseTo(-10 * Math.log10(4), within(1e-12));
  }

  @Test
  void valuesNearTheLargestDoubleGiveFiniteScores() {
    Matrix big = Matrix.of(new double[][] {{1e308, 1e308}, {1e308, 1e308}});
    Matrix zero = Matrix.zeros(2, 2);
    // ||big|| = 2e308 overflows, the ratio of the norms does not
    assertThat(ReconstructionMetrics.relativeError(big, zero)).isCloseTo(1, within(ROUNDING));
    Matrix a = Matrix.of(new double[][] {{1e308, -1e308}});
    Matrix b = Matrix.of(new double[][] {{-1e308, 1e308}});
    // a - b = 2e308 overflows element by element
    assertThat(ReconstructionMetrics.relativeError(a, b)).isCloseTo(2, within(ROUNDING));
    assertThat(ReconstructionMetrics.psnr(a, b, 1e308))
        .isCloseTo(-10 * Math.log10(4), within(1e-12));
    assertThat(ReconstructionMetrics.meanSquaredError(a, b)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void rejectsBadInput() {
    Matrix a = Matrix.zeros(2, 3);
    assertThatThrownBy(() -> ReconstructionMetrics.relativeError(a, Matrix.zeros(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("original is 2x3 but reconstruction is 3x2");
    assertThatThrownBy(() -> ReconstructionMetrics.psnr(a, a, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("peak must be positive and finite, was 0.0");
    assertThatThrownBy(() -> ReconstructionMetrics.psnr(a, null, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconstruction must not be null");
    assertThatThrownBy(() -> ReconstructionMetrics.meanSquaredError(Matrix.zeros(0, 3),
            Matrix.zeros(0, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("original must not be empty, was 0x3");
    Matrix nan = Matrix.of(new double[][] {{0, 0, 0}, {0, Double.NaN, 0}});
    assertThatThrownBy(() -> ReconstructionMetrics.psnr(a, nan, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconstruction has NaN at row 1, column 1; values must be finite");
  }
}
