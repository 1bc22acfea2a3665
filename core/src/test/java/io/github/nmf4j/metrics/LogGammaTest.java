package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.testing.Fixture;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class LogGammaTest {

  /**
   * Relative error against mpmath's loggamma at 40 digits: a few ulps in every region (measured
   * at most 3.6e-16 over the 64 points of the fixture, which SciPy's gammaln misses by up to
   * 3e-7 relative just below 1 and 2).
   */
  private static final double REFERENCE_RELATIVE = 1e-15;

  /** log(k!) of an exact factorial: a few ulps of the result. */
  private static final double FACTORIAL_RELATIVE = 4e-16;

  @Test
  void matchesMpmath() {
    Fixture f = Fixture.load("metrics/log_gamma.txt");
    double[] x = f.doubles("x");
    double[] expected = f.doubles("loggamma");
    for (int i = 0; i < x.length; i++) {
      double tolerance = REFERENCE_RELATIVE * Math.abs(expected[i]);
      assertThat(LogGamma.of(x[i])).as("lgamma(%s)", x[i])
          .isCloseTo(expected[i], within(tolerance));
    }
  }

  @Test
  void logFactorialMatchesTheExactFactorial() {
    BigInteger factorial = BigInteger.ONE;
    for (int k = 0; k <= 3000; k++) {
      if (k > 0) {
        factorial = factorial.multiply(BigInteger.valueOf(k));
      }
      if (k <= 30 || k % 97 == 0) {
        double exact = log(factorial);
        assertThat(LogGamma.logFactorial(k)).as("log(%d!)", k)
            .isCloseTo(exact, within(FACTORIAL_RELATIVE * Math.max(1, exact)));
        assertThat(LogGamma.of(k + 1.0)).isEqualTo(LogGamma.logFactorial(k));
      }
    }
    assertThat(LogGamma.of(1)).isZero();
    assertThat(LogGamma.of(2)).isZero();
  }

  /** The natural logarithm of a positive BigInteger to double precision. */
  private static double log(BigInteger v) {
    int shift = Math.max(0, v.bitLength() - 60);
    double mantissa = new BigDecimal(v.shiftRight(shift))
        .add(new BigDecimal(v.subtract(v.shiftRight(shift).shiftLeft(shift)))
            .divide(new BigDecimal(BigInteger.ONE.shiftLeft(shift)), MathContext.DECIMAL64))
        .doubleValue();
    return Math.log(mantissa) + shift * Math.log(2);
  }

  @Test
  void satisfiesTheRecurrenceAndTheReflectionAtOneHalf() {
    assertThat(LogGamma.of(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(2e-16));
    for (double x = 0.01; x < 40; x += 0.37) {
      assertThat(LogGamma.of(x + 1)).as("x = %s", x)
          .isCloseTo(LogGamma.of(x) + Math.log(x), within(5e-15 * Math.max(1, LogGamma.of(x))));
    }
  }

  @Test
  void rejectsArgumentsOutsideTheDomain() {
    for (double x : new double[] {0, -1, Double.NaN}) {
      assertThatThrownBy(() -> LogGamma.of(x)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x must be > 0, was " + x);
    }
    assertThat(LogGamma.of(Double.MAX_VALUE)).isInfinite();
  }
}
