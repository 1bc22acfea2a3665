package io.github.nmf4j.metrics;

/**
 * The natural logarithm of the gamma function for {@code x > 0}, which the JDK lacks; the
 * expected mutual information ({@link MutualInformation#expected}) needs it for {@code
 * log(k!) = lgamma(k + 1)} with {@code k} up to the number of samples.
 *
 * <p>Four regions, each computed where it is accurate:
 *
 * <ul>
 *   <li>{@code x >= 10}: Stirling's series {@code lgamma(x) = (x - 1/2) log x - x + log(2 pi)/2
 *       + sum_k B_2k / (2k (2k - 1) x^(2k - 1))}, nine terms of Bernoulli numbers (the tenth is
 *       below {@code 1.5e-19} at {@code x = 10});
 *   <li>the integers 1 to 9: {@code log((x - 1)!)} of the exact factorial;
 *   <li>{@code 1/2 <= x <= 5/2}, around the zeros at 1 and 2: the Taylor series {@code
 *       lgamma(1 + z) = -gamma z + sum_k>=2 (-1)^k zeta(k) z^k / k} (Abramowitz and Stegun
 *       6.1.33) for {@code |z| <= 1/2}, with {@code lgamma(2 + z) = lgamma(1 + z) + log1p(z)},
 *       so that the result keeps its relative accuracy where it crosses 0;
 *   <li>below 1/2, {@code lgamma(x) = lgamma(1 + x) - log x}; between 5/2 and 10, {@code
 *       lgamma(x) = lgamma(y) + log(y (y + 1) ... (x - 1))} with {@code y = x - m} in {@code
 *       (3/2, 5/2]}.
 * </ul>
 *
 * <p>The relative error is a few units in the last place for {@code x >= 10} and at the
 * integers, and below {@code 5e-15} elsewhere (tested against SciPy's {@code gammaln}).
 */
final class LogGamma {

  /** From here on Stirling's series with {@link #STIRLING} converges to double precision. */
  private static final double STIRLING_FROM = 10;

  /** {@code log(2 pi) / 2}. */
  private static final double HALF_LOG_TWO_PI = 0.9189385332046727;

  /** {@code B_2k / (2k (2k - 1))} for k = 1 to 9, B the Bernoulli numbers. */
  private static final double[] STIRLING = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680,
      1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400, 43867.0 / 244188};

  /** The half-width of the Taylor windows around 1 and 2. */
  private static final double WINDOW = 0.5;

  /** The Euler-Mascheroni constant. */
  private static final double EULER_GAMMA = 0.5772156649015329;

  /** The Taylor terms for {@code |z| <= 1/2}: the next is below {@code 1e-19}. */
  private static final int TAYLOR_TERMS = 60;

  /**
   * {@code zeta(k) / k * (-1)^k} for k = 2 to {@link #TAYLOR_TERMS}: zeta(2) to zeta(27) to 17
   * digits (from SciPy), beyond {@code 1 + 2^-k + 3^-k + 4^-k + 5^-k}, whose remainder is below
   * {@code 2e-22}.
   */
  private static final double[] TAYLOR = new double[TAYLOR_TERMS + 1];

  private static final double[] ZETA = {1.6449340668482264, 1.2020569031595942,
      1.0823232337111381, 1.03692775514337, 1.0173430619844492, 1.008349277381923,
      1.0040773561979444, 1.0020083928260821, 1.000994575127818, 1.0004941886041194,
      1.000246086553308, 1.0001227133475785, 1.0000612481350588, 1.000030588236307,
      1.0000152822594086, 1.0000076371976379, 1.000003817293265, 1.0000019082127165,
      1.0000009539620338, 1.0000004769329869, 1.0000002384505027, 1.000000119219926,
      1.000000059608189, 1.0000000298035034, 1.0000000149015549, 1.0000000074507118};

  /** {@code log((k - 1)!)} for k = 1 to 9, from the exact factorials. */
  private static final double[] LOG_FACTORIAL = new double[10];

  static {
    for (int k = 2; k <= TAYLOR_TERMS; k++) {
      double zeta = k - 2 < ZETA.length ? ZETA[k - 2]
          : 1 + Math.pow(2, -k) + Math.pow(3, -k) + Math.pow(4, -k) + Math.pow(5, -k);
      TAYLOR[k] = (k % 2 == 0 ? zeta : -zeta) / k;
    }
    double factorial = 1;
    for (int k = 1; k < LOG_FACTORIAL.length; k++) {
      LOG_FACTORIAL[k] = Math.log(factorial);
      factorial *= k;
    }
  }

  private LogGamma() {}

  /**
   * {@code log Gamma(x)} for {@code x > 0}; {@code +Infinity} above about {@code 2.5e305}.
   *
   * @throws IllegalArgumentException if {@code x} is not {@code > 0} (NaN too)
   */
  static double of(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("x must be > 0, was " + x);
    }
    if (x >= STIRLING_FROM) {
      return stirling(x);
    }
    if (x == Math.rint(x)) {
      return LOG_FACTORIAL[(int) x];
    }
    if (x < 1 - WINDOW) {
      return nearOne(x) - Math.log(x);
    }
    if (x <= 1 + WINDOW) {
      return nearOne(x - 1);
    }
    double y = x;
    double product = 1;
    while (y > 2 + WINDOW) {
      y -= 1;
      product *= y;
    }
    return nearOne(y - 2) + Math.log1p(y - 2) + Math.log(product);
  }

  /** {@code log(k!)} for {@code k >= 0}. */
  static double logFactorial(long k) {
    return k < LOG_FACTORIAL.length - 1 ? LOG_FACTORIAL[(int) k + 1] : stirling(k + 1.0);
  }

  private static double stirling(double x) {
    double inverse = 1 / x;
    double inverseSquared = inverse * inverse;
    double series = 0;
    for (int k = STIRLING.length - 1; k >= 0; k--) {
      series = series * inverseSquared + STIRLING[k];
    }
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series * inverse;
  }

  /** {@code lgamma(1 + z)} for {@code |z| <= 1/2} by its Taylor series. */
  private static double nearOne(double z) {
    double series = 0;
    for (int k = TAYLOR_TERMS; k >= 2; k--) {
      series = series * z + TAYLOR[k];
    }
    return z * (series * z - EULER_GAMMA);
  }
}
