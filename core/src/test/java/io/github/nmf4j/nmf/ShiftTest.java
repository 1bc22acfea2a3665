package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftTest {

  /** Rounding of {@code (x + c) - c} for values and offsets of order 1. */
  private static final double ROUNDING = 1e-15;

  private static Matrix signed(int n, int p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n * p];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble(-2, 1);
    }
    return Matrix.wrap(n, p, a);
  }

  @Test
  void globalShiftAddsMinusTheMinimumEverywhere() {
    Matrix x = Matrix.of(new double[][] {{1, -3, 2}, {-0.5, 4, 0}});
    Shift shift = Shift.toNonNegative(x);
    assertThat(shift.scope()).isEqualTo(Shift.Scope.GLOBAL);
    assertThat(shift.offset()).isEqualTo(3.0);
    assertThat(shift.offsets()).containsExactly(3, 3, 3);
    assertThat(shift.shifted().toArray())
        .isDeepEqualTo(new double[][] {{4, 0, 5}, {2.5, 7, 3}});
  }

  @Test
  void perColumnShiftGivesEveryNegativeColumnAMinimumOfZero() {
    Matrix x = Matrix.of(new double[][] {{1, -3, 2}, {-0.5, 4, 0.25}});
    Shift shift = Shift.toNonNegative(x, Shift.Scope.PER_COLUMN);
    assertThat(shift.offsets()).containsExactly(0.5, 3, 0);
    assertThat(shift.shifted().toArray())
        .isDeepEqualTo(new double[][] {{1.5, 0, 2}, {0, 7, 0.25}});
    assertThatThrownBy(shift::offset).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("offsets()");
  }

  @Test
  void nonNegativeDataIsLeftAsItIs() {
    Matrix x = Matrix.of(new double[][] {{0, 1}, {2, 3}});
    assertThat(Shift.toNonNegative(x).offset()).isZero();
    assertThat(Shift.toNonNegative(x).shifted()).isEqualTo(x);
    assertThat(Shift.toNonNegative(x, Shift.Scope.PER_COLUMN).shifted()).isEqualTo(x);
  }

  @Test
  void shiftedValuesAreNeverNegativeAndTheInverseRestoresTheData() {
    for (Shift.Scope scope : Shift.Scope.values()) {
      Matrix x = signed(40, 7, 3);
      Matrix copy = Matrix.of(x.toArray());
      Shift shift = Shift.toNonNegative(x, scope);
      assertThat(shift.shifted().min()).isZero();
      Matrix back = shift.inverse(shift.shifted());
      for (int i = 0; i < x.rows(); i++) {
        for (int j = 0; j < x.cols(); j++) {
          assertThat(back.get(i, j)).isCloseTo(x.get(i, j), within(ROUNDING * 4));
        }
      }
      assertThat(x).isEqualTo(copy);
      Matrix y = signed(3, 7, 9);
      assertThat(shift.inverse(shift.apply(y)).subtract(y).frobeniusNorm())
          .isLessThan(ROUNDING * 10);
    }
  }

  @Test
  void reconstructionErrorIsTheSameInBothUnits() {
    Matrix x = signed(30, 12, 5);
    Shift shift = Shift.toNonNegative(x);
    NmfModel model = Nmf.builder().rank(3).seed(1).maxIterations(50).threads(1)
        .fit(shift.shifted());
    Matrix reconstruction = model.inverseTransform(model.w());
    double shiftedError = shift.shifted().subtract(reconstruction).frobeniusNorm();
    double originalError = x.subtract(shift.inverse(reconstruction)).frobeniusNorm();
    assertThat(originalError).isCloseTo(shiftedError, within(1e-12 * shiftedError));
    assertThat(originalError).isCloseTo(model.reconstructionError(), within(1e-6 * originalError));
  }

  @Test
  void badInputIsRejectedWithItsPositionAndValue() {
    double[][] a = {{1, 2}, {3, Double.NaN}};
    assertThatThrownBy(() -> Shift.toNonNegative(Matrix.of(a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x has NaN at row 1, column 1");
    assertThatThrownBy(() -> Shift.toNonNegative(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
    assertThatThrownBy(() -> Shift.toNonNegative(Matrix.zeros(0, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0x3");
    assertThatThrownBy(() -> Shift.toNonNegative(Matrix.zeros(2, 2), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scope must not be null");
    Shift shift = Shift.toNonNegative(Matrix.zeros(2, 2));
    assertThatThrownBy(() -> shift.inverse(Matrix.zeros(2, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y has 3 columns but the shift has 2");
    assertThatThrownBy(() -> shift.apply(Matrix.of(new double[][] {{0, Double.NEGATIVE_INFINITY}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y has -Infinity at row 0, column 1");
  }

  @Test
  void aShiftRebuiltFromItsOffsetsCopiesThemAndChecksThem() {
    Matrix x = Matrix.of(new double[][] {{-1, 2}, {3, -4}});
    Shift fitted = Shift.toNonNegative(x, Shift.Scope.PER_COLUMN);
    double[] offsets = fitted.offsets();
    Shift rebuilt = new Shift(Shift.Scope.PER_COLUMN, offsets, fitted.shifted());
    offsets[0] = 99;
    rebuilt.offsets()[1] = 99;
    assertThat(rebuilt.offsets()).containsExactly(1, 4);
    assertThat(rebuilt.inverse(rebuilt.shifted()).toRowMajorArray())
        .containsExactly(x.toRowMajorArray());
    assertThat(rebuilt).isNotEqualTo(fitted);
    Matrix two = Matrix.zeros(1, 2);
    assertThatThrownBy(() -> new Shift(Shift.Scope.GLOBAL, new double[] {1}, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offsets has 1 value but shifted has 2 columns");
    assertThatThrownBy(() -> new Shift(Shift.Scope.GLOBAL, new double[] {1, 2}, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offsets[1] must equal offsets[0] (1.0) in a GLOBAL shift, was 2.0");
    assertThatThrownBy(() -> new Shift(Shift.Scope.PER_COLUMN, new double[] {1, -2}, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offsets[1] must be finite and >= 0, was -2.0");
    assertThatThrownBy(() -> new Shift(null, new double[] {1, 1}, two))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("scope must not be null");
  }
}
