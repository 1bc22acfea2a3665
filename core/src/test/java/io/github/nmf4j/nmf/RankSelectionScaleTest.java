package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RankSelection} and its result on data scaled by powers of two. */
class RankSelectionScaleTest {

  /** Held-out errors of three repeats at three ranks, each scaled by {@code 2^e}. */
  private static double[][] errors(int e) {
    SplittableRandom r = new SplittableRandom(7);
    double[][] errors = new double[3][3];
    for (double[] row : errors) {
      for (int i = 0; i < row.length; i++) {
        row[i] = Math.scalb(r.nextDouble(0.5, 2), e);
      }
    }
    return errors;
  }

  /**
   * The squared deviations of errors beyond about {@code 2^±511} overflowed (an infinite standard
   * error, and a one-standard-error rank of the smallest rank) or underflowed (0).
   */
  @ParameterizedTest(name = "2^{0}")
  @ValueSource(ints = {-1010, -900, -600, -520, -300, 300, 520, 600, 900, 1021})
  void standardErrorsScaleExactlyWithTheErrors(int e) {
    RankSelectionSettings s = RankSelection.builder().ranks(1, 2, 3).build().settings();
    RankSelectionResult unit = new RankSelectionResult(s, new int[] {1, 2, 3}, errors(0));
    RankSelectionResult scaled = new RankSelectionResult(s, new int[] {1, 2, 3}, errors(e));
    for (int i = 0; i < 3; i++) {
      assertThat(scaled.testErrors()[i]).isEqualTo(Math.scalb(unit.testErrors()[i], e));
      assertThat(scaled.standardErrors()[i])
          .isEqualTo(Math.scalb(unit.standardErrors()[i], e));
    }
    assertThat(scaled.bestRank()).isEqualTo(unit.bestRank());
    assertThat(scaled.oneStandardErrorRank()).isEqualTo(unit.oneStandardErrorRank());
  }

  /** Errors near {@code Double.MAX_VALUE}: their sum overflowed, their mean does not. */
  @Test
  void meanOfErrorsNearTheLargestDoubleIsFinite() {
    RankSelectionSettings s = RankSelection.builder().ranks(1).build().settings();
    double big = Double.MAX_VALUE / 2;
    RankSelectionResult r = new RankSelectionResult(s, new int[] {1},
        new double[][] {{big}, {big}, {big}});
    assertThat(r.testErrors()).containsExactly(big);
    assertThat(r.standardErrors()).containsExactly(0.0);
  }

  /** The whole selection on {@code 4^200 V}: the errors and standard errors gain {@code 16^200}. */
  @Test
  void selectionOfScaledDataScalesItsErrorsExactly() {
    Matrix v = TestMatrices.planted(20, 15, 3, 5);
    double[] big = v.toRowMajorArray();
    for (int i = 0; i < big.length; i++) {
      big[i] = Math.scalb(big[i], 400);
    }
    RankSelection.Builder b = RankSelection.builder().ranks(1, 2, 3, 4).holdoutFraction(0.1)
        .seed(3).nmf(Nmf.builder().initialization(Initialization.RANDOM).maxIterations(50));
    RankSelectionResult unit = b.fit(v);
    RankSelectionResult scaled = b.fit(Matrix.wrap(20, 15, big));
    for (int i = 0; i < 4; i++) {
      assertThat(scaled.testErrors()[i]).isEqualTo(Math.scalb(unit.testErrors()[i], 800));
      assertThat(scaled.standardErrors()[i])
          .isEqualTo(Math.scalb(unit.standardErrors()[i], 800));
    }
    assertThat(scaled.oneStandardErrorRank()).isEqualTo(unit.oneStandardErrorRank());
  }

  /**
   * V scaled by {@code 4^s} so that the largest mean held-out squared error is near {@code
   * 2^1020}: representable, but its sum over the 30 held-out entries overflowed to Infinity.
   */
  @Test
  void heldOutErrorsWhoseSumOverflowsAreFinite() {
    Matrix v = TestMatrices.planted(20, 15, 3, 5);
    RankSelection.Builder b = RankSelection.builder().ranks(1, 2).holdoutFraction(0.1)
        .seed(3).nmf(Nmf.builder().initialization(Initialization.RANDOM).maxIterations(50));
    double[][] unitErrors = b.fit(v).repeatErrors();
    double largest = 0;
    for (double[] row : unitErrors) {
      for (double e : row) {
        largest = Math.max(largest, e);
      }
    }
    int s = (1020 - Math.getExponent(largest)) / 4;
    double[] big = v.toRowMajorArray();
    for (int i = 0; i < big.length; i++) {
      big[i] = Math.scalb(big[i], 2 * s);
    }
    double[][] scaledErrors = b.fit(Matrix.wrap(20, 15, big)).repeatErrors();
    for (int r = 0; r < unitErrors.length; r++) {
      for (int i = 0; i < 2; i++) {
        assertThat(scaledErrors[r][i]).isEqualTo(Math.scalb(unitErrors[r][i], 4 * s));
      }
    }
  }

  /**
   * Held-out Kullback-Leibler errors of data near 1e307 (largest value about {@code 2^1022}):
   * a fit's W and H entries reach about 1e154, and a prediction {@code sum_c w_ic h_cj} of a
   * held-out entry can exceed the double range although the mean divergence is finite. The
   * overflowing sum was taken again scaled, but of the prediction already formed: Infinity, so
   * some errors were infinite. Now they are {@code 4^509} times those of the data at scale 1,
   * exactly, dense and sparse.
   */
  @Test
  void heldOutKullbackLeiblerErrorsNearTheLargestDoubleAreTheScaledOnes() {
    SplittableRandom r = new SplittableRandom(2);
    double[] a = TestMatrices.noisyLowRank(20, 15, 3, 0.05, 2).toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      if (r.nextDouble() < 0.2) {
        a[i] *= 10 * r.nextDouble(); // uneven rows: some predictions overshoot
      }
    }
    double[] huge = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      huge[i] = Math.scalb(a[i], 1018);
    }
    for (boolean sparse : new boolean[] {false, true}) {
      RankSelection.Builder b = RankSelection.builder().ranks(1, 2, 3, 4).holdoutFraction(0.2)
          .seed(3).nmf(Nmf.builder().loss(Loss.KULLBACK_LEIBLER).maxIterations(50)
              .initialization(Initialization.RANDOM)
              .missingValues(sparse ? MissingValues.IGNORE : MissingValues.REJECT));
      double[][] unit = errors(b, Matrix.wrap(20, 15, a), sparse);
      double[][] scaled = errors(b, Matrix.wrap(20, 15, huge), sparse);
      for (int t = 0; t < unit.length; t++) {
        for (int i = 0; i < unit[t].length; i++) {
          assertThat(scaled[t][i]).as("sparse %s, repeat %d, rank %d", sparse, t, i + 1)
              .isEqualTo(Math.scalb(unit[t][i], 1018));
        }
      }
    }
  }

  /** A planted rank-3 product of 40 x 30 with 5% multiplicative noise. */
  private static Matrix plantedRankThree() {
    double[] a = TestMatrices.planted(40, 30, 3, 1).toRowMajorArray();
    SplittableRandom r = new SplittableRandom(101);
    for (int i = 0; i < a.length; i++) {
      a[i] *= 1 + 0.05 * r.nextDouble(-1, 1);
    }
    return Matrix.wrap(40, 30, a);
  }

  /** {@code v} times {@code 2^e}, each value rounded once (subnormals keep fewer bits). */
  private static Matrix scalb(Matrix v, int e) {
    double[] a = v.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], e);
    }
    return Matrix.wrap(v.rows(), v.cols(), a);
  }

  /**
   * Below about {@code 1e-160} every held-out squared error underflowed to 0 in V's units, so
   * the best rank was always the smallest (at {@code 2^-700} and {@code 2^-1062} the errors of
   * ranks 1 to 5 were all 0.0 and the best rank 1, where it is 3 at scale 1), and for an
   * entirely subnormal V the divergences were rounding noise. The errors are now compared in
   * V's scaled units, where they are those of the data at scale 1 times an exact power of two,
   * and converted into V's units where they are representable: at {@code 2^-700} exactly the
   * errors at scale 1 times {@code 2^-1400} (squared errors, 0.0 in V's units) or {@code
   * 2^-700}. At {@code 2^-1062} the data keeps about 14 bits, so its scale-1 counterpart is
   * that rounded data times {@code 2^1062}, and its masked fits agree with those of the
   * counterpart to about 1e-6 only.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Loss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
  void bestRankOfTinyDataIsTheBestRankAtScaleOne(Loss loss) {
    int degree = loss == Loss.FROBENIUS ? 2 : 1;
    RankSelection.Builder b = RankSelection.builder().rankRange(1, 5).repeats(2).seed(1)
        .nmf(Nmf.builder().loss(loss).initialization(Initialization.RANDOM));
    Matrix v = plantedRankThree();
    RankSelectionResult unit = b.fit(v);
    assertThat(unit.bestRank()).isEqualTo(3);
    assertThat(unit.errorExponent()).isZero();
    for (int e : new int[] {-700, -1062}) {
      Matrix tiny = scalb(v, e);
      RankSelectionResult reference = e == -700 ? unit : b.fit(scalb(tiny, -e));
      RankSelectionResult result = b.fit(tiny);
      assertThat(result.bestRank()).as("2^%d", e).isEqualTo(3);
      assertThat(result.oneStandardErrorRank()).as("2^%d", e)
          .isEqualTo(reference.oneStandardErrorRank());
      int shift = degree * e - result.errorExponent();
      double[][] repeats = reference.repeatErrors();
      double[][] scaledRepeats = result.repeatErrors();
      if (e == -1062) {
        // the masked fits of the subnormal V and of its scale-1 copy differ in the last bits
        for (int i = 0; i < 5; i++) {
          assertThat(result.scaledTestErrors()[i]).as("2^%d, rank %d", e, i + 1)
              .isCloseTo(Math.scalb(reference.testErrors()[i], shift), withinPercentage(1e-4));
        }
        continue;
      }
      for (int i = 0; i < 5; i++) {
        double error = reference.testErrors()[i];
        double se = reference.standardErrors()[i];
        assertThat(result.scaledTestErrors()[i]).as("2^%d, rank %d", e, i + 1)
            .isEqualTo(Math.scalb(error, shift)).isPositive();
        assertThat(result.scaledStandardErrors()[i]).isEqualTo(Math.scalb(se, shift));
        assertThat(result.testErrors()[i]).isEqualTo(Math.scalb(error, degree * e));
        assertThat(result.standardErrors()[i]).isEqualTo(Math.scalb(se, degree * e));
        for (int r = 0; r < repeats.length; r++) {
          assertThat(scaledRepeats[r][i]).isEqualTo(Math.scalb(repeats[r][i], degree * e));
        }
      }
    }
  }

  /**
   * Within {@code 2^±400} the errors are computed in V's units as before, and the conversion
   * exponent is 0; beyond, it is {@code 16^m} (squared errors) or {@code 4^m} of V's scale.
   */
  @Test
  void errorExponentIsZeroForOrdinaryData() {
    assertThat(HeldOutErrors.halfExponent(0)).isZero();
    assertThat(HeldOutErrors.halfExponent(3.9)).isZero();
    assertThat(HeldOutErrors.halfExponent(0x1p400)).isZero();
    assertThat(HeldOutErrors.halfExponent(0x1p-400)).isZero();
    assertThat(HeldOutErrors.halfExponent(0x1p402)).isEqualTo(201);
    assertThat(HeldOutErrors.halfExponent(0x1p-402)).isEqualTo(-201);
    assertThat(HeldOutErrors.halfExponent(Double.MIN_VALUE)).isEqualTo(-537);
    assertThat(HeldOutErrors.exponent(-537, false)).isEqualTo(-2148);
    assertThat(HeldOutErrors.exponent(-537, true)).isEqualTo(-1074);
  }

  private static double[][] errors(RankSelection.Builder b, Matrix v, boolean sparse) {
    return (sparse ? b.fit(SparseMatrix.of(v)) : b.fit(v))
        .repeatErrors();
  }

  /**
   * The Kullback-Leibler term {@code x log(x / y) - x + y} is never negative; it was for
   * subnormal x, where y was floored at {@code Double.MIN_NORMAL} in the logarithm only, so a
   * selection of {@code 2^-1060 V} reported negative held-out errors.
   */
  @Test
  void heldOutKullbackLeiblerErrorsOfSubnormalDataAreNotNegative() {
    SplittableRandom r = new SplittableRandom(4);
    for (int t = 0; t < 10_000; t++) {
      double x = Math.scalb(r.nextDouble(), -r.nextInt(1000, 1080));
      double y = t % 3 == 0 ? 0 : Math.scalb(r.nextDouble(), -r.nextInt(1000, 1080));
      assertThat(HeldOutErrors.klTerm(x, y)).as("x %s, y %s", x, y).isGreaterThanOrEqualTo(0);
    }
    Matrix v = TestMatrices.planted(20, 15, 3, 5);
    double[] tiny = v.toRowMajorArray();
    for (int i = 0; i < tiny.length; i++) {
      tiny[i] = Math.scalb(tiny[i], -1060);
    }
    RankSelectionResult result = RankSelection.builder().ranks(1, 2).holdoutFraction(0.1)
        .nmf(Nmf.builder().loss(Loss.KULLBACK_LEIBLER).maxIterations(30))
        .fit(Matrix.wrap(20, 15, tiny));
    for (double[] row : result.repeatErrors()) {
      for (double e : row) {
        assertThat(e).isGreaterThanOrEqualTo(0);
      }
    }
  }
}
