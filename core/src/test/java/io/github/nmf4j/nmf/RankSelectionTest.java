package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RankSelection}: cross-validation on held-out entries. */
class RankSelectionTest {

  /** A planted rank-7 product (well-separated components) plus uniform noise. */
  private static Matrix plantedSeven(long seed) {
    Matrix v = TestMatrices.planted(36, 30, 7, seed);
    SplittableRandom r = new SplittableRandom(seed + 1000);
    Matrix noise = Matrix.wrap(36, 30, r.doubles(36 * 30, 0, 0.2).toArray());
    return v.add(noise);
  }

  private static RankSelection.Builder selection() {
    return RankSelection.builder().rankRange(2, 15).holdoutFraction(0.1)
        .nmf(Nmf.builder().maxIterations(400).tolerance(1e-6));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void findsThePlantedRank(long seed) {
    RankSelectionResult result = selection().seed(seed).threads(1).fit(plantedSeven(seed));
    assertThat(result.bestRank()).as(result.toString()).isEqualTo(7);
    assertThat(result.oneStandardErrorRank()).isLessThanOrEqualTo(7);
    assertThat(result.ranks()).startsWith(2, 3).endsWith(15).hasSize(14);
  }

  @Test
  void sameResultForAnyThreadCount() {
    Matrix v = plantedSeven(5);
    RankSelection one = RankSelection.builder().ranks(5, 7, 9).seed(4).threads(1)
        .nmf(Nmf.builder().maxIterations(50)).build();
    RankSelectionResult reference = one.fit(v);
    for (int threads : new int[] {2, 3}) {
      assertThat(one.toBuilder().threads(threads).build().fit(v)).isEqualTo(reference);
    }
  }

  /**
   * A template with an NNDSVD start and a largest rank beyond min(n, p): the smaller ranks were
   * fitted (three repeats here) before the fit at the largest rank refused it.
   */
  @Test
  void aLargestRankTheStartCannotTakeIsRefusedBeforeAnyFit() {
    Matrix v = plantedSeven(8); // 36 x 30
    List<Progress> reports = new ArrayList<>();
    for (Initialization init : new Initialization[] {Initialization.NNDSVD,
        Initialization.NNDSVDA, Initialization.NNDSVDAR}) {
      RankSelection selection = RankSelection.builder().ranks(2, 30, 31).listener(reports::add)
          .nmf(Nmf.builder().initialization(init).maxIterations(5)
              .missingValues(MissingValues.IGNORE)).build();
      assertThatThrownBy(() -> selection.fit(v)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(init + " needs rank <= min(n, p) = 30 for a 36x30 matrix, was 31 (the"
              + " largest of ranks)");
      assertThatThrownBy(() -> selection.fit(SparseMatrix.of(v)))
          .hasMessageStartingWith(init + " needs rank <= min(n, p) = 30");
    }
    assertThat(reports).isEmpty();
    // with the default start, a rank beyond min(n, p) starts at random, as Nmf's
    RankSelection fine = RankSelection.builder().ranks(2, 31).nmf(Nmf.builder().maxIterations(5))
        .build();
    assertThat(fine.fit(v).ranks()).containsExactly(2, 31);
  }

  /** A penalized template is accepted, and its penalties reach every masked fit. */
  @Test
  void penalizedTemplatesAreFittedWithTheirPenalties() {
    Matrix v = plantedSeven(6);
    RankSelection.Builder b = RankSelection.builder().ranks(5, 7, 9).seed(4).threads(1);
    RankSelectionResult plain = b.nmf(Nmf.builder().maxIterations(50)).fit(v);
    RankSelectionResult penalized = b.nmf(Nmf.builder().maxIterations(50).alphaW(0.05)
        .l1Ratio(0.5)).fit(v);
    assertThat(penalized.settings().nmf().alphaW()).isEqualTo(0.05);
    assertThat(penalized.settings().nmf().alphaH()).isEqualTo(0.05);
    for (int i = 0; i < 3; i++) {
      assertThat(penalized.testErrors()[i]).isNotEqualTo(plain.testErrors()[i]);
    }
  }

  @Test
  void oneStandardErrorRuleAndStandardErrorsFollowTheirDefinitions() {
    RankSelectionSettings s = RankSelection.builder().ranks(1, 2, 3).build().settings();
    RankSelectionResult r = new RankSelectionResult(s, new int[] {1, 2, 3},
        new double[][] {{5, 2.0, 1.9}, {5, 2.2, 1.7}, {5, 2.1, 1.8}});
    assertThat(r.testErrors()).containsExactly(new double[] {5, 2.1, 1.8}, within(1e-12));
    // sd of {2.0, 2.2, 2.1} is 0.1; divided by sqrt(3)
    assertThat(r.standardErrors()[1]).isCloseTo(0.1 / Math.sqrt(3), within(1e-12));
    assertThat(r.bestRank()).isEqualTo(3);
    assertThat(r.oneStandardErrorRank()).isEqualTo(3);
    RankSelectionResult close = new RankSelectionResult(s, new int[] {1, 2, 3},
        new double[][] {{5, 1.85, 1.9}, {5, 1.75, 1.7}, {5, 1.95, 1.8}});
    assertThat(close.bestRank()).isEqualTo(3);
    assertThat(close.oneStandardErrorRank()).isEqualTo(2);
  }

  /**
   * Three blocks of size-5 entries: a fit that does not see a held-out 5 predicts 0 there, and
   * {@code 5 / Double.MIN_NORMAL} overflowed, so the KL error of every rank was Infinity (and the
   * command line's rank table and plot failed on the NaN standard errors).
   */
  @Test
  void heldOutKullbackLeiblerErrorIsFiniteWhereThePredictionIsZero() {
    Matrix blocks = Matrix.of(new double[][] {{5, 0, 0}, {5.1, 0, 0}, {0, 5, 0}, {0, 5.2, 0},
        {0, 0, 5}, {0, 0, 4.9}});
    RankSelectionResult result = RankSelection.builder().ranks(1, 2, 3)
        .nmf(Nmf.builder().loss(Loss.KULLBACK_LEIBLER)).fit(blocks);
    for (double[] repeat : result.repeatErrors()) {
      assertThat(DoubleStream.of(repeat).boxed().toList())
          .allMatch(e -> e >= 0 && e < Double.POSITIVE_INFINITY);
    }
    assertThat(DoubleStream.of(result.testErrors()).boxed().toList()).allMatch(Double::isFinite);
    assertThat(DoubleStream.of(result.standardErrors()).boxed().toList())
        .allMatch(Double::isFinite);
    // x log(x / y) - x + y at y = 0 counts y as Double.MIN_NORMAL: about 709.6 x
    assertThat(HeldOutErrors.klTerm(5, 0)).isCloseTo(
        5 * (Math.log(5) - Math.log(Double.MIN_NORMAL)) - 5, within(1e-9));
    assertThat(HeldOutErrors.klTerm(1e300, 1e-10)).isCloseTo(
        1e300 * (Math.log(1e300) - Math.log(1e-10)) - 1e300, within(1e288));
    assertThat(HeldOutErrors.klTerm(0, 2.5)).isEqualTo(2.5);
    assertThat(HeldOutErrors.klTerm(2, 3)).isEqualTo(2 * Math.log(2.0 / 3) - 2 + 3);
  }

  @Test
  void missingEntriesAreNeverHeldOutAndTheInputIsUntouched() {
    double[] a = plantedSeven(6).toRowMajorArray();
    for (int i = 0; i < a.length; i += 3) {
      a[i] = Double.NaN;
    }
    Matrix v = Matrix.wrap(36, 30, a.clone());
    RankSelectionResult result = RankSelection.builder().ranks(3, 7).seed(1)
        .nmf(Nmf.builder().solver(Solver.HALS).maxIterations(100)).fit(v);
    assertThat(java.util.Arrays.stream(result.testErrors()).allMatch(Double::isFinite)).isTrue();
    assertThat(v.toRowMajorArray()).isEqualTo(a);
  }

  @Test
  void reportsEveryFitAndCancels() {
    Matrix v = plantedSeven(7);
    List<Progress> seen = new ArrayList<>();
    RankSelection.builder().ranks(2, 3).repeats(2).nmf(Nmf.builder().maxIterations(20))
        .listener(seen::add).fit(v);
    assertThat(seen).hasSize(4);
    assertThat(seen.get(3).restart()).isEqualTo(1);
    assertThat(seen.get(3).iteration()).isEqualTo(2);
    assertThat(seen.get(3).loss()).isPresent();
    assertThatThrownBy(() -> RankSelection.builder().ranks(2, 3)
        .nmf(Nmf.builder().maxIterations(20)).listener(Progress::cancel).fit(v))
        .isInstanceOf(CancellationException.class);
  }

  /**
   * {@code rankRange(1, Integer.MAX_VALUE)} allocated the list of ranks before any check and
   * failed with {@code OutOfMemoryError: Requested array size exceeds VM limit}.
   */
  @Test
  void aRankRangeBeyondTheLargestRankIsRefusedByName() {
    assertThatThrownBy(() -> RankSelection.builder().rankRange(1, Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("to must be <= 46340 ")
        .hasMessageEndingWith(", was 2147483647");
    assertThat(RankSelection.builder().rankRange(46339, 46340).build().settings().ranks())
        .containsExactly(46339, 46340);
  }

  /**
   * A template with initial factors of rank 2 was refused with "rank 1 differs from the rank 2
   * of the initial factors": the template was built at its placeholder rank before the check
   * for initial factors could run, so the message named a rank the caller never set.
   */
  @Test
  void aTemplateWithInitialFactorsIsRefusedForThemNotForAPlaceholderRank() {
    Matrix two = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    for (Nmf.Builder template : List.of(Nmf.builder().initialFactors(two, two),
        Nmf.builder().rank(2).initialFactors(two, two))) {
      assertThatThrownBy(() -> RankSelection.builder().ranks(2).nmf(template))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("nmf template must not hold initial factors")
          .hasMessageNotContaining("rank 1");
    }
  }

  @Test
  void badInputIsRejectedClearly() {
    assertThatThrownBy(() -> RankSelection.builder().ranks(3, 0, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranks[1]")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> RankSelection.builder().ranks(3, 4, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> RankSelection.builder().ranks(new int[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> RankSelection.builder().rankRange(5, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("to");
    assertThatThrownBy(() -> RankSelection.builder().holdoutFraction(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdoutFraction");
    assertThatThrownBy(() -> RankSelection.builder().repeats(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
    assertThatThrownBy(() -> RankSelection.builder().nmf(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nmf");
    assertThatThrownBy(() -> RankSelection.builder()
        .nmf(Nmf.builder().loss(Loss.ITAKURA_SAITO)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nmf template");
    Matrix two = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    assertThatThrownBy(() -> RankSelection.builder()
        .nmf(Nmf.builder().initialFactors(two, two)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial factors");
    assertThatThrownBy(() -> RankSelection.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ranks");
    assertThatThrownBy(() -> RankSelection.builder().ranks(1).fit((Matrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
    assertThatThrownBy(() -> RankSelection.builder().ranks(1)
        .fit(Matrix.of(new double[][] {{1, 2}, {3, -4}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1, column 1")
        .hasMessageContaining("-4");
    assertThatThrownBy(() -> RankSelection.builder().ranks(1).holdoutFraction(0.05)
        .fit(Matrix.of(new double[][] {{1, 2}, {3, 4}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdoutFraction");
  }

  /**
   * A planted rank-4 product plus noise (48 x 36) of which 55% of the entries are stored in a
   * sparse matrix: the ratings case, the rest unknown. Also returns the same matrix dense with
   * NaN at the unstored entries.
   */
  private static Object[] ratings(long seed) {
    Matrix full = TestMatrices.planted(48, 36, 4, seed);
    SplittableRandom r = new SplittableRandom(seed + 7);
    double[] dense = full.toRowMajorArray();
    List<int[]> at = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int e = 0; e < dense.length; e++) {
      dense[e] += r.nextDouble(0, 0.05);
      if (r.nextDouble() < 0.55) {
        at.add(new int[] {e / 36, e % 36});
        values.add(dense[e]);
      } else {
        dense[e] = Double.NaN;
      }
    }
    int[] rows = at.stream().mapToInt(a -> a[0]).toArray();
    int[] cols = at.stream().mapToInt(a -> a[1]).toArray();
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    return new Object[] {SparseMatrix.fromTriplets(48, 36, rows, cols, v, true),
        Matrix.wrap(48, 36, dense)};
  }

  private static Nmf.Builder ignoring() {
    return Nmf.builder().missingValues(MissingValues.IGNORE).maxIterations(300).tolerance(1e-7);
  }

  @Test
  void aSparseRatingsMatrixFindsThePlantedRankWithoutDensifying() {
    for (long seed : new long[] {1, 2}) {
      SparseMatrix v = (SparseMatrix) ratings(seed)[0];
      RankSelectionResult result = RankSelection.builder().rankRange(2, 8).holdoutFraction(0.1)
          .seed(seed).nmf(ignoring()).fit(v);
      assertThat(result.bestRank()).as(result.toString()).isEqualTo(4);
    }
  }

  /**
   * The sparse fit holds out the same stored entries as the dense fit of the same data with
   * NaN where nothing is stored (both draw from the observed entries in row-major order), and
   * from the same random starts its masked fits agree to rounding: the same held-out errors
   * (to 3e-9 after 60 KL iterations; another held-out set would move them by percents). The
   * multiplicative updates only: masked HALS takes another path on each form (the steps on the
   * observed entries for a sparse V, the dense sums less the missing entries for a dense one),
   * to the same fixed points.
   */
  @Test
  void aSparseRatingsMatrixScoresAsItsDenseFormWithNaN() {
    Object[] both = ratings(3);
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      RankSelection selection = RankSelection.builder().ranks(2, 4, 6).seed(5).nmf(ignoring()
          .loss(loss).initialization(Initialization.RANDOM).maxIterations(60).tolerance(0))
          .build();
      double[] sparse = selection.fit((SparseMatrix) both[0]).testErrors();
      double[] dense = selection.fit((Matrix) both[1]).testErrors();
      for (int i = 0; i < dense.length; i++) {
        assertThat(sparse[i]).as(loss + " rank index " + i)
            .isCloseTo(dense[i], within(1e-6 * dense[i]));
      }
    }
  }

  @Test
  void aSparseMatrixIsRefusedClearly() {
    SparseMatrix v = (SparseMatrix) ratings(4)[0];
    assertThatThrownBy(() -> RankSelection.builder().ranks(2).fit(v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missingValues(MissingValues.IGNORE)")
        .hasMessageContaining("v.toDense()");
    assertThatThrownBy(() -> RankSelection.builder().ranks(2).nmf(ignoring())
        .fit((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
    SparseMatrix negative = SparseMatrix.fromTriplets(3, 3, new int[] {0, 2},
        new int[] {1, 2}, new double[] {1, -2});
    assertThatThrownBy(() -> RankSelection.builder().ranks(1).nmf(ignoring()).fit(negative))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 2, column 2").hasMessageContaining("-2");
    SparseMatrix one = SparseMatrix.fromTriplets(3, 3, new int[] {1}, new int[] {1},
        new double[] {5});
    assertThatThrownBy(() -> RankSelection.builder().ranks(1).nmf(ignoring()).fit(one))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holdoutFraction")
        .hasMessageContaining("1 observed entries");
  }

  /**
   * A 1 x 10 or 10 x 1 matrix, or 0.999 held out of a 40 x 25 one: every held-out entry lies in
   * a row or a column with no observed entry left to fit, so every rank predicted it as about 0,
   * every rank scored the same and rank 1 was "best". Refused before any fit, naming the shape
   * and the holdout fraction.
   */
  @Test
  void aHoldOutNoRankCanPredictIsRefusedBeforeAnyFit() {
    SplittableRandom r = new SplittableRandom(2);
    double[] ten = r.doubles(10, 1, 2).toArray();
    List<Progress> reports = new ArrayList<>();
    RankSelection selection = RankSelection.builder().ranks(1, 2).holdoutFraction(0.2)
        .listener(reports::add).nmf(Nmf.builder().maxIterations(20)).build();
    assertThatThrownBy(() -> selection.fit(Matrix.wrap(1, 10, ten)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a holdout fraction of 0.2 holds out 2 of the 10 observed entries of the "
            + "1x10 matrix, and in repeat 1 of 3 each of them lies in a row or a column with no "
            + "other observed entry left to fit: every rank predicts them as about 0 and scores "
            + "the same, so the ranks cannot be compared; use a lower holdout fraction, or a "
            + "matrix with more rows and columns");
    assertThatThrownBy(() -> selection.fit(Matrix.wrap(10, 1, ten)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("of the 10x1 matrix, and in repeat 1 of 3");
    Matrix wide = Matrix.wrap(40, 25, r.doubles(40 * 25, 1, 2).toArray());
    assertThatThrownBy(() -> selection.toBuilder().holdoutFraction(0.999).build().fit(wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a holdout fraction of 0.999 holds out 999 of the 1000 observed "
            + "entries of the 40x25 matrix")
        .hasMessageEndingWith("use a lower holdout fraction, or a matrix with more rows and "
            + "columns");
    SparseMatrix row = SparseMatrix.of(Matrix.wrap(1, 10, ten));
    assertThatThrownBy(() -> selection.toBuilder().nmf(ignoring().maxIterations(20)).build()
        .fit(row)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("of the 1x10 sparse matrix");
    assertThat(reports).isEmpty();
    // a lower fraction of the 40 x 25 matrix leaves rows and columns to predict from
    assertThat(selection.toBuilder().holdoutFraction(0.5).build().fit(wide).testErrors())
        .hasSize(2);
  }

  /**
   * The check of what a repeat can predict draws the held-out sets from a generator of its own:
   * the fits hide the same entries and score the same errors, bit for bit, as before the check
   * (the values below are those of the commit before it). Here row 29 and column 19 keep a
   * single observed entry each, which repeats 1 and 3 hold out among others: a held-out entry no
   * rank can predict is still scored, as before.
   */
  @Test
  void theCheckOfWhatARepeatCanPredictChangesNoScore() {
    SplittableRandom r = new SplittableRandom(11);
    double[] a = r.doubles(30 * 20).toArray();
    a[5 * 20 + 3] = Double.NaN;
    for (int j = 1; j < 20; j++) {
      a[29 * 20 + j] = Double.NaN;
    }
    for (int i = 1; i < 30; i++) {
      a[i * 20 + 19] = Double.NaN;
    }
    Matrix v = Matrix.wrap(30, 20, a);
    RankSelection selection = RankSelection.builder().ranks(1, 2, 3).holdoutFraction(0.1)
        .seed(7).nmf(Nmf.builder().maxIterations(50)).build();
    assertThat(selection.fit(v).testErrors()).containsExactly(0x1.5b64c7725fa57p-4,
        0x1.9036cec5dfe94p-4, 0x1.91379bcbf72f5p-4);
    assertThat(selection.toBuilder().nmf(Nmf.builder().maxIterations(50)
        .loss(Loss.KULLBACK_LEIBLER)).build().fit(v).testErrors())
        .containsExactly(0x1.62d860db273e3p2, 0x1.6434bb7008358p2, 0x1.64da69cedb6b9p2);
    List<int[]> at = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int e = 0; e < a.length; e++) {
      if (!Double.isNaN(a[e])) {
        at.add(new int[] {e / 20, e % 20});
        values.add(a[e]);
      }
    }
    SparseMatrix sparse = SparseMatrix.fromTriplets(30, 20,
        at.stream().mapToInt(x -> x[0]).toArray(), at.stream().mapToInt(x -> x[1]).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray());
    assertThat(selection.toBuilder().nmf(Nmf.builder().maxIterations(50)
        .missingValues(MissingValues.IGNORE)).build().fit(sparse).testErrors())
        .containsExactly(0x1.5b64c7725fb15p-4, 0x1.903c618abffcdp-4, 0x1.cb8f7436ed4ecp-4);
  }

  /** The settings say how many entries a repeat holds out, the count the fit refuses at. */
  @Test
  void settingsCountTheHeldOutEntries() {
    RankSelectionSettings s = RankSelection.builder().ranks(1).holdoutFraction(0.05).build()
        .settings();
    assertThat(s.heldOut(4)).isZero();
    assertThat(s.heldOut(10)).isEqualTo(1);
    assertThat(s.heldOut(29)).isEqualTo(1);
    assertThat(s.heldOut(30)).isEqualTo(2);
    assertThatThrownBy(() -> s.heldOut(-4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("observed must be >= 0, was -4");
    Matrix v = Matrix.of(new double[][] {{1, 2, 3, 4, 5}, {6, 7, 8, 9, Double.NaN}});
    // 9 observed entries: 0.05 holds out 0, 0.06 holds out 1
    assertThatThrownBy(() -> RankSelection.builder().ranks(1).holdoutFraction(0.05).fit(v))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds out 0");
    assertThat(RankSelection.builder().ranks(1).holdoutFraction(0.06).repeats(1).fit(v)
        .testErrors()).hasSize(1);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    RankSelection s = RankSelection.builder().ranks(4, 2).holdoutFraction(0.2).repeats(5)
        .seed(9).threads(2).nmf(Nmf.builder().loss(Loss.KULLBACK_LEIBLER).maxIterations(77))
        .build();
    RankSelectionSettings copy = s.toBuilder().build().settings();
    assertThat(copy).isEqualTo(s.settings());
    assertThat(copy.ranks()).containsExactly(2, 4);
    assertThat(copy.nmf().maxIterations()).isEqualTo(77);
    assertThat(copy.toString()).contains("holdoutFraction=0.2");
  }
}
