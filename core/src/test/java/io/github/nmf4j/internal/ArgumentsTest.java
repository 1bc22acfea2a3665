package io.github.nmf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

  @Test
  void requireAtLeastNamesTheArgumentAndValue() {
    assertThat(Arguments.requireAtLeast(3, 1, "rank")).isEqualTo(3);
    assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireAtLeast(0, 1, "rank"))
        .withMessage("rank must be >= 1, was 0");
  }

  @Test
  void requireNonNullNamesTheArgument() {
    assertThat(Arguments.requireNonNull("x", "loss")).isEqualTo("x");
    assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireNonNull(null, "loss"))
        .withMessage("loss must not be null");
  }

  @Test
  void requireFiniteNamesTheFirstBadValueByRowAndColumn() {
    double[] x = {1, 2, 3, 4, Double.NEGATIVE_INFINITY, Double.NaN};
    assertThatIllegalArgumentException().isThrownBy(() -> Arguments.requireFinite(x, 3, "v"))
        .withMessage("v has -Infinity at row 1, column 1; values must be finite");
    assertThat(x[4]).isEqualTo(Double.NEGATIVE_INFINITY);
    Arguments.requireFinite(new double[] {0, -1, Double.MAX_VALUE}, 1, "v");
  }
}
