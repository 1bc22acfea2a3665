package io.github.nmf4j.decomposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Datasets;
import io.github.nmf4j.testing.Fixtures;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcaTest {

  /** The bar for explained variance against scikit-learn, relative. */
  private static final double VARIANCE_TOL = 1e-8;
  /** Components, means and scores against scikit-learn, absolute (data of order 1 to 10). */
  private static final double VECTOR_TOL = 1e-9;
  /** inverseTransform(transform(x)) at full rank, relative to ||x||. */
  private static final double ROUND_TRIP_TOL = 1e-13;

  private static final Map<String, Matrix> FIXTURES =
      Fixtures.read("reference/decomposition/pca.txt");

  @Test
  void matchesScikitLearnOnFixedInputs() {
    check("gauss", FIXTURES.get("gauss.X"), 3);
    check("wide", FIXTURES.get("wide.X"), 5);
    check("all", FIXTURES.get("all.X"), 0);
    check("digits", Datasets.digits(300), 10);
  }

  private static void check(String name, Matrix x, int k) {
    Pca.Builder b = Pca.builder().threads(2);
    if (k > 0) {
      b.components(k);
    }
    PcaModel model = b.fit(x);
    assertClose(name + " explainedVariance", model.explainedVariance(),
        FIXTURES.get(name + ".explainedVariance").row(0), VARIANCE_TOL, true);
    assertClose(name + " explainedVarianceRatio", model.explainedVarianceRatio(),
        FIXTURES.get(name + ".explainedVarianceRatio").row(0), VARIANCE_TOL, true);
    assertClose(name + " singularValues", model.singularValues(),
        FIXTURES.get(name + ".singularValues").row(0), VARIANCE_TOL, true);
    assertClose(name + " mean", model.mean(), FIXTURES.get(name + ".mean").row(0), VECTOR_TOL,
        false);
    assertThat(model.noiseVariance()).as(name + " noise variance").isCloseTo(
        FIXTURES.get(name + ".noiseVariance").get(0, 0),
        within(VARIANCE_TOL * model.explainedVariance()[0]));
    Matrix expected = FIXTURES.get(name + ".components");
    Matrix scores = model.transform(sub(x, 5));
    Matrix expectedScores = FIXTURES.get(name + ".transform");
    for (int j = 0; j < expected.rows(); j++) {
      // Up to sign, as the issue asks; with the same svd_flip rule the signs agree as well.
      double sign = Math.signum(dot(model.components().row(j), expected.row(j)));
      assertThat(sign).as("%s component %d sign", name, j).isEqualTo(1);
      for (int f = 0; f < expected.cols(); f++) {
        assertThat(sign * model.components().get(j, f)).as("%s component %d[%d]", name, j, f)
            .isCloseTo(expected.get(j, f), within(VECTOR_TOL));
      }
      for (int i = 0; i < 5; i++) {
        assertThat(sign * scores.get(i, j)).as("%s score %d[%d]", name, i, j)
            .isCloseTo(expectedScores.get(i, j), within(VECTOR_TOL * 100));
      }
    }
  }

  @Test
  void inverseTransformOfTransformIsExactAtFullRank() {
    SplittableRandom random = new SplittableRandom(3);
    for (int[] shape : new int[][] {{20, 6}, {6, 20}, {50, 50}, {2, 1}}) {
      Matrix x = gaussian(random, shape[0], shape[1]);
      PcaModel model = Pca.builder().fit(x);
      // With n <= p the centered data has rank n - 1, still reproduced exactly.
      Matrix back = model.inverseTransform(model.transform(x));
      assertThat(back.subtract(x).frobeniusNorm() / x.frobeniusNorm())
          .isLessThanOrEqualTo(ROUND_TRIP_TOL);
    }
  }

  @Test
  void randomizedAgreesWithExactOnLargeInput() {
    SplittableRandom random = new SplittableRandom(5);
    int n = 900;
    int p = 120;
    double[] data = new double[n * p];
    for (int i = 0; i < n; i++) {
      double[] z = {random.nextGaussian() * 8, random.nextGaussian() * 4,
          random.nextGaussian() * 2, random.nextGaussian()};
      for (int f = 0; f < p; f++) {
        double v = 3 + 0.01 * random.nextGaussian();
        for (int c = 0; c < z.length; c++) {
          v += z[c] * Math.sin((c + 1) * (f + 1) * 0.05);
        }
        data[i * p + f] = v;
      }
    }
    Matrix x = Matrix.wrap(n, p, data);
    PcaModel exact = Pca.builder().components(4).solver(PcaSolver.EXACT).fit(x);
    PcaModel randomized = Pca.builder().components(4).solver(PcaSolver.RANDOMIZED).seed(9)
        .fit(x);
    assertClose("randomized", randomized.explainedVariance(), exact.explainedVariance(),
        VARIANCE_TOL, true);
    for (int j = 0; j < 4; j++) {
      for (int f = 0; f < p; f++) {
        assertThat(randomized.components().get(j, f))
            .isCloseTo(exact.components().get(j, f), within(1e-7));
      }
    }
    // Bit-identical for any thread count.
    PcaModel two = Pca.builder().components(4).solver(PcaSolver.RANDOMIZED).seed(9).threads(2)
        .fit(x);
    PcaModel one = Pca.builder().components(4).solver(PcaSolver.RANDOMIZED).seed(9).threads(1)
        .fit(x);
    assertThat(two.components()).isEqualTo(one.components());
    assertThat(two.explainedVariance()).containsExactly(one.explainedVariance());
  }

  @Test
  void theModelNamesTheSolverThatRan() {
    SplittableRandom random = new SplittableRandom(5);
    Matrix small = Matrix.wrap(40, 30, random.doubles(40 * 30).toArray());
    Matrix wide = Matrix.wrap(20, 600, random.doubles(20 * 600).toArray());
    // scikit-learn's rule: exact when both sides are at most 500 or k >= 0.8 min(n, p)
    assertThat(Pca.builder().components(3).fit(small).solverUsed()).isEqualTo(PcaSolver.EXACT);
    assertThat(Pca.builder().components(3).fit(wide).solverUsed())
        .isEqualTo(PcaSolver.RANDOMIZED);
    assertThat(Pca.builder().components(16).fit(wide).solverUsed()).isEqualTo(PcaSolver.EXACT);
    PcaModel asked = Pca.builder().components(3).solver(PcaSolver.EXACT).fit(wide);
    assertThat(asked.solverUsed()).isEqualTo(PcaSolver.EXACT);
    assertThat(Pca.builder().components(3).solver(PcaSolver.RANDOMIZED).fit(small).solverUsed())
        .isEqualTo(PcaSolver.RANDOMIZED);
    // the settings keep what was asked
    assertThat(Pca.builder().components(3).fit(wide).settings().solver())
        .isEqualTo(PcaSolver.AUTO);
  }

  @Test
  void bitIdenticalForAnyThreadCount() {
    // 5000 rows: several blocks of the centering (1024 rows each).
    Matrix x = gaussian(new SplittableRandom(12), 5000, 40);
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.EXACT, PcaSolver.RANDOMIZED}) {
      PcaModel one = Pca.builder().components(5).solver(solver).threads(1).fit(x);
      for (int threads : new int[] {2, 3, 8}) {
        PcaModel other = Pca.builder().components(5).solver(solver).threads(threads).fit(x);
        assertThat(other.components()).isEqualTo(one.components());
        assertThat(other.mean()).containsExactly(one.mean());
        assertThat(other.explainedVarianceRatio()).containsExactly(one.explainedVarianceRatio());
        assertThat(other.transform(x)).isEqualTo(one.transform(x));
      }
    }
  }

  @Test
  void modelIsImmutableAndInputUntouched() {
    Matrix x = FIXTURES.get("gauss.X");
    Matrix copy = Matrix.wrap(x.rows(), x.cols(), x.toRowMajorArray());
    PcaModel model = Pca.builder().components(2).fit(x);
    assertThat(x).isEqualTo(copy);
    model.mean()[0] = 99;
    model.explainedVariance()[0] = 99;
    model.explainedVarianceRatio()[0] = 99;
    model.singularValues()[0] = 99;
    assertThat(model.mean()[0]).isNotEqualTo(99);
    assertThat(model.explainedVariance()[0]).isNotEqualTo(99);
    assertThat(model.explainedVarianceRatio()[0]).isNotEqualTo(99);
    assertThat(model.singularValues()[0]).isNotEqualTo(99);
    assertThat(model.componentCount()).isEqualTo(2);
    assertThat(model.samples()).isEqualTo(60);
    assertThat(model.toString()).contains("2 components");
    assertThat(Pca.builder().components(2).build().toString()).contains("components=2");
  }

  @Test
  void constantDataHasZeroVariance() {
    Matrix x = Matrix.of(new double[][] {{1, 2}, {1, 2}, {1, 2}});
    PcaModel model = Pca.builder().fit(x);
    assertThat(model.explainedVariance()).containsExactly(0, 0);
    assertThat(model.explainedVarianceRatio()).containsExactly(0, 0);
    assertThat(model.transform(x).frobeniusNorm()).isZero();
  }

  /**
   * The noise variance is the mean of the discarded variances, as scikit-learn's full solver
   * computes it, not the total minus the kept variance, which cancelled to 0 when the discarded
   * share was below double's precision. The columns are centred and orthogonal, so the variances
   * are 4e8 / 3, 3.6e-9 / 3 and 4e-10 / 3. scikit-learn 1.2.1:
   * {@code x = np.array([[1e4, 1e-5, 3e-5], [-1e4, 1e-5, -3e-5], [1e4, -1e-5, -3e-5],
   * [-1e4, -1e-5, 3e-5]]); [PCA(k).fit(x).noise_variance_ for k in (1, 2)]} gives
   * 6.666666666666667e-10 and 1.3333333333333336e-10.
   */
  @Test
  void noiseVarianceKeepsItsDigitsBesideAHugeLeadingVariance() {
    Matrix x = Matrix.of(new double[][] {
        {1e4, 1e-5, 3e-5}, {-1e4, 1e-5, -3e-5}, {1e4, -1e-5, -3e-5}, {-1e4, -1e-5, 3e-5}});
    double[] expected = {6.666666666666667e-10, 1.3333333333333336e-10};
    for (int k = 1; k <= 2; k++) {
      assertThat(Pca.builder().components(k).fit(x).noiseVariance()).as("k = %d", k)
          .isCloseTo(expected[k - 1], within(VARIANCE_TOL * expected[k - 1]));
    }
  }

  @Test
  void varianceRatiosStayFiniteWhenTheVariancesOverflowOrUnderflow() {
    double[][] rows = {{1, 0, 1}, {-1, 1, 0}, {0.5, 2, 3}, {0, 1, 1}};
    PcaModel unit = Pca.builder().fit(Matrix.of(rows));
    // about 1e301 and 1e-301; 2^-1065, about 2.5e-321, holds these values exactly as
    // subnormals, whose SVD would keep only a few digits (ratios summing to 1.00015) unscaled
    for (int scale : new int[] {1000, -1000, -1065}) {
      double[][] scaled = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        scaled[i] = Arrays.stream(rows[i]).map(v -> Math.scalb(v, scale)).toArray();
      }
      for (int k = 1; k <= 3; k++) {
        PcaModel model = Pca.builder().components(k).fit(Matrix.of(scaled));
        assertClose("ratio at 2^" + scale, model.explainedVarianceRatio(),
            Arrays.copyOf(unit.explainedVarianceRatio(), k), 1e-12, false);
        assertThat(model.noiseVariance()).as("noise at 2^%d, k %d", scale, k).isNotNaN();
        if (scale != -1065) {
          double[] expected = Arrays.stream(Arrays.copyOf(unit.singularValues(), k))
              .map(v -> Math.scalb(v, scale)).toArray();
          assertClose("singular values at 2^" + scale, model.singularValues(), expected, 1e-12,
              true);
        }
      }
    }
  }

  /**
   * Data of any scale has the components of its copy scaled into the normal range, and singular
   * values scaled alike: data near {@code Double.MAX_VALUE}, whose column sums overflow, and
   * subnormal data, whose means round to a few bits, are centred as a scaled copy.
   */
  @ParameterizedTest
  @ValueSource(ints = {-1070, -1060, 1017, 1020})
  void componentsDoNotDependOnTheScale(int e) {
    SplittableRandom random = new SplittableRandom(8);
    double[] x = new double[60 * 5];
    for (int i = 0; i < x.length; i++) {
      // up to 6 in magnitude, and rounded to what is representable at 2^e
      x[i] = Math.scalb(Math.scalb((i % 7) - 3 + 3 * random.nextDouble(), e), -e);
    }
    Matrix normal = Matrix.wrap(60, 5, x);
    Matrix scaled = normal.scale(Math.scalb(1.0, e));
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.EXACT, PcaSolver.RANDOMIZED}) {
      Pca pca = Pca.builder().components(3).solver(solver).build();
      PcaModel expected = pca.fit(normal);
      PcaModel model = pca.fit(scaled);
      assertThat(model.components()).isEqualTo(expected.components());
      assertThat(model.singularValues()).isEqualTo(
          Arrays.stream(expected.singularValues()).map(v -> Math.scalb(v, e)).toArray());
      assertClose("ratios", model.explainedVarianceRatio(), expected.explainedVarianceRatio(),
          1e-14, false);
    }
  }

  @Test
  void rejectsBadInput() {
    Matrix x = FIXTURES.get("gauss.X");
    assertThatThrownBy(() -> Pca.builder().components(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("components must be >= 1, was 0");
    assertThatThrownBy(() -> Pca.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    assertThatThrownBy(() -> Pca.builder().solver(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solver");
    assertThatThrownBy(() -> Pca.builder().fit(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
    assertThatThrownBy(() -> Pca.builder().fit(Matrix.zeros(1, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 rows");
    assertThatThrownBy(() -> Pca.builder().fit(Matrix.zeros(3, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x0");
    assertThatThrownBy(() -> Pca.builder().components(9).fit(x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("components must be <= min(rows, cols) = 8");
    assertThatThrownBy(() -> Pca.builder().fit(Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN at row 1, column 1");
    // column sums that overflow are no error: the data is centred as a scaled copy
    PcaModel huge = Pca.builder().fit(Matrix.of(new double[][] {{1e308, 1}, {1e308, 2}}));
    assertThat(huge.mean()).containsExactly(1e308, 1.5);
    assertThat(huge.singularValues()[0]).isCloseTo(Math.sqrt(0.5), within(1e-15));
    PcaModel model = Pca.builder().components(3).fit(x);
    assertThatThrownBy(() -> model.transform(Matrix.zeros(2, 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x must have 8 columns").hasMessageContaining("2x7");
    assertThatThrownBy(() -> model.inverseTransform(Matrix.zeros(2, 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("z must have 3 columns");
    assertThatThrownBy(() -> model.transform(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
    assertThatThrownBy(() -> model.inverseTransform(
        Matrix.of(new double[][] {{0, Double.POSITIVE_INFINITY, 0}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity at row 0");
  }

  private static void assertClose(String what, double[] actual, double[] expected, double tol,
      boolean relative) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    double scale = relative ? Math.abs(expected[0]) : 1;
    for (int j = 0; j < expected.length; j++) {
      assertThat(actual[j]).as("%s[%d]", what, j).isCloseTo(expected[j], within(tol * scale));
    }
  }

  private static Matrix sub(Matrix x, int rows) {
    double[] d = new double[rows * x.cols()];
    System.arraycopy(x.toRowMajorArray(), 0, d, 0, d.length);
    return Matrix.wrap(rows, x.cols(), d);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static Matrix gaussian(SplittableRandom random, int m, int n) {
    double[] a = new double[m * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian() * 3 + 1;
    }
    return Matrix.wrap(m, n, a);
  }
}
