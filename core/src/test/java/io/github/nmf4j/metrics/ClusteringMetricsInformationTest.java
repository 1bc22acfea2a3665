package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.testing.Fixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mutual information, its normalized and adjusted forms, V-measure and Fowlkes-Mallows. */
class ClusteringMetricsInformationTest {

  /**
   * Our sums and scikit-learn's add the same terms in different forms and orders: mutual
   * information, entropies and their ratios agree to a few units of 1e-16 (measured at most
   * 1.2e-15 over the fixture; Fowlkes-Mallows, from exact counts, bit for bit).
   */
  private static final double REFERENCE_TOLERANCE = 2e-15;

  /**
   * The expected mutual information adds exponentials of sums of nine log-factorials of values
   * up to n: each probability carries a relative error of about 1e-16 times those sums, and the
   * adjustment divides by {@code avg(H) - E[MI]}, small when clusters are small. Measured at
   * most 1.3e-13 over the fixture; against a 50-digit evaluation (mpmath) of four of its cases
   * both scikit-learn and we are within 1.6e-13 of the exact value.
   */
  private static final double AMI_TOLERANCE = 1e-12;

  /** Rounding in random-sample property checks. */
  private static final double ROUNDING = 1e-12;

  private static final Averaging[] AVERAGES = {
    Averaging.MIN, Averaging.GEOMETRIC, Averaging.ARITHMETIC, Averaging.MAX
  };

  /**
   * The fixture's cases of all singletons in both labelings with n = 2 and 4, where
   * scikit-learn's rounding gives an AMI of 0.0 and we return 1.0, a perfect match.
   */
  private static final int[] ALL_SINGLETONS_N2_N4 = {13, 14};

  @Test
  void matchesScikitLearnOnFixedLabelings() {
    Fixture f = Fixture.load("metrics/information.txt");
    int cases = (int) f.scalar("cases");
    for (int i = 0; i < cases; i++) {
      int[] truth = f.ints("truth" + i);
      int[] predicted = f.ints("predicted" + i);
      double[] ami = f.doubles("ami" + i);
      if (i == ALL_SINGLETONS_N2_N4[0] || i == ALL_SINGLETONS_N2_N4[1]) {
        assertThat(ami).as("scikit-learn's rounding, case %d", i).containsOnly(0.0);
        ami = new double[] {1, 1, 1, 1};
      }
      assertScores(f, "", i, truth, predicted, ami);
    }
  }

  @Test
  void matchesScikitLearnOnLargeLabelings() {
    Fixture f = Fixture.load("metrics/information.txt");
    int cases = (int) f.scalar("formulas");
    for (int i = 0; i < cases; i++) {
      double[] p = f.doubles("formula" + i);
      int n = (int) p[0];
      int[] truth = new int[n];
      int[] predicted = new int[n];
      for (int s = 0; s < n; s++) {
        long sl = s;
        truth[s] = (int) ((sl * 7919) % (long) p[1]);
        predicted[s] = (sl * 31) % 10 < 6 ? truth[s] : (int) ((sl * sl) % (long) p[2]);
      }
      assertScores(f, "formula_", i, truth, predicted, f.doubles("formula_ami" + i));
    }
  }

  private static void assertScores(Fixture f, String prefix, int i, int[] truth,
      int[] predicted, double[] ami) {
    int[] truthCopy = truth.clone();
    int[] predictedCopy = predicted.clone();
    assertThat(ClusteringMetrics.mutualInfo(truth, predicted)).as("MI, case %d", i)
        .isCloseTo(f.scalar(prefix + "mi" + i), within(REFERENCE_TOLERANCE));
    double[] nmi = f.doubles(prefix + "nmi" + i);
    for (int m = 0; m < AVERAGES.length; m++) {
      assertThat(ClusteringMetrics.normalizedMutualInfo(truth, predicted, AVERAGES[m]))
          .as("NMI %s, case %d", AVERAGES[m], i)
          .isCloseTo(nmi[m], within(REFERENCE_TOLERANCE));
      assertThat(ClusteringMetrics.adjustedMutualInfo(truth, predicted, AVERAGES[m]))
          .as("AMI %s, case %d", AVERAGES[m], i).isCloseTo(ami[m], within(AMI_TOLERANCE));
    }
    assertThat(ClusteringMetrics.normalizedMutualInfo(truth, predicted)).isEqualTo(
        ClusteringMetrics.normalizedMutualInfo(truth, predicted, Averaging.ARITHMETIC));
    assertThat(ClusteringMetrics.adjustedMutualInfo(truth, predicted)).isEqualTo(
        ClusteringMetrics.adjustedMutualInfo(truth, predicted, Averaging.ARITHMETIC));
    double[] hcv = f.doubles(prefix + "hcv" + i);
    double[] actual = {ClusteringMetrics.homogeneity(truth, predicted),
        ClusteringMetrics.completeness(truth, predicted),
        ClusteringMetrics.vMeasure(truth, predicted),
        ClusteringMetrics.vMeasure(truth, predicted, 0.5),
        ClusteringMetrics.vMeasure(truth, predicted, 2.0)};
    for (int m = 0; m < hcv.length; m++) {
      assertThat(actual[m]).as("homogeneity/completeness/V %d, case %d", m, i)
          .isCloseTo(hcv[m], within(REFERENCE_TOLERANCE));
    }
    assertThat(ClusteringMetrics.fowlkesMallows(truth, predicted)).as("FMI, case %d", i)
        .isCloseTo(f.scalar(prefix + "fmi" + i), within(REFERENCE_TOLERANCE));
    assertThat(truth).isEqualTo(truthCopy);
    assertThat(predicted).isEqualTo(predictedCopy);
  }

  @Test
  void perfectMatchesScoreExactlyOne() {
    int[] a = {0, 0, 1, 1, 1, 2, 2, 2, 2, 9};
    int[] renamed = {-7, -7, 40, 40, 40, 3, 3, 3, 3, Integer.MIN_VALUE};
    for (Averaging m : AVERAGES) {
      assertThat(ClusteringMetrics.normalizedMutualInfo(a, renamed, m)).isEqualTo(1.0);
      assertThat(ClusteringMetrics.adjustedMutualInfo(a, renamed, m)).isEqualTo(1.0);
    }
    assertThat(ClusteringMetrics.homogeneity(a, renamed)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.completeness(a, renamed)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.vMeasure(a, renamed, 3.0)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.fowlkesMallows(a, renamed)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.mutualInfo(a, renamed))
        .isCloseTo(MutualInformation.entropy(new long[] {2, 3, 4, 1}, 10), within(ROUNDING));
  }

  @Test
  void specialCasesAsScikitLearn() {
    int[] one = {4, 4, 4, 4};
    int[] alone = {0, 1, 2, 3};
    int[] two = {0, 0, 1, 1};
    // One cluster in both: a perfect match.
    assertThat(ClusteringMetrics.normalizedMutualInfo(one, one)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.adjustedMutualInfo(one, new int[] {1, 1, 1, 1})).isEqualTo(1.0);
    assertThat(ClusteringMetrics.mutualInfo(one, one)).isZero();
    // One cluster against several: MI 0, so NMI 0; homogeneity 1 when the truth is one class.
    assertThat(ClusteringMetrics.normalizedMutualInfo(one, two, Averaging.MIN)).isZero();
    assertThat(ClusteringMetrics.adjustedMutualInfo(one, two, Averaging.MIN)).isZero();
    assertThat(ClusteringMetrics.homogeneity(one, two)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.completeness(one, two)).isZero();
    assertThat(ClusteringMetrics.vMeasure(one, two)).isZero();
    // Every sample alone in one labeling: MI = E[MI], AMI 0 (1 for MIN, a 0/0 limit).
    assertThat(ClusteringMetrics.adjustedMutualInfo(alone, two)).isZero();
    assertThat(ClusteringMetrics.adjustedMutualInfo(two, alone, Averaging.MAX)).isZero();
    assertThat(ClusteringMetrics.adjustedMutualInfo(alone, two, Averaging.MIN)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.adjustedMutualInfo(alone, one, Averaging.MIN)).isZero();
    // All singletons in both: a perfect match, but no pair together for Fowlkes-Mallows.
    assertThat(ClusteringMetrics.adjustedMutualInfo(alone, alone)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.fowlkesMallows(alone, alone)).isZero();
    // Independent labels: MI exactly 0 and AMI -1/2.
    int[] across = {0, 1, 0, 1};
    assertThat(ClusteringMetrics.mutualInfo(two, across)).isZero();
    assertThat(ClusteringMetrics.adjustedMutualInfo(two, across)).isCloseTo(-0.5,
        within(ROUNDING));
    // One sample.
    int[] single = {3};
    assertThat(ClusteringMetrics.normalizedMutualInfo(single, new int[] {-1})).isEqualTo(1.0);
    assertThat(ClusteringMetrics.adjustedMutualInfo(single, new int[] {-1})).isEqualTo(1.0);
    assertThat(ClusteringMetrics.fowlkesMallows(single, new int[] {-1})).isZero();
    assertThat(ClusteringMetrics.vMeasure(single, new int[] {-1})).isEqualTo(1.0);
  }

  @Test
  void boundedSymmetricAndInvariantUnderRenamingOnRandomLabels() {
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 40; trial++) {
      int n = 1 + random.nextInt(300);
      int[] a = random.ints(n, -3, 1 + random.nextInt(12)).toArray();
      int[] b = new int[n];
      for (int s = 0; s < n; s++) {
        b[s] = random.nextInt(4) == 0 ? random.nextInt(20) : a[s] * 5 + 2;
      }
      int[] renamedA = new int[n];
      for (int s = 0; s < n; s++) {
        renamedA[s] = 1000 - 7 * a[s];
      }
      double mi = ClusteringMetrics.mutualInfo(a, b);
      assertThat(ClusteringMetrics.mutualInfo(b, a)).isCloseTo(mi, within(ROUNDING));
      assertThat(ClusteringMetrics.mutualInfo(renamedA, b)).isCloseTo(mi, within(ROUNDING));
      assertThat(mi).isGreaterThanOrEqualTo(0);
      for (Averaging m : AVERAGES) {
        double nmi = ClusteringMetrics.normalizedMutualInfo(a, b, m);
        assertThat(nmi).as("trial %d", trial).isBetween(0.0, 1.0);
        assertThat(ClusteringMetrics.normalizedMutualInfo(b, a, m)).isCloseTo(nmi,
            within(ROUNDING));
        double ami = ClusteringMetrics.adjustedMutualInfo(a, b, m);
        assertThat(ami).isLessThanOrEqualTo(1.0);
        assertThat(ClusteringMetrics.adjustedMutualInfo(b, a, m)).isCloseTo(ami,
            within(ROUNDING));
        assertThat(ClusteringMetrics.adjustedMutualInfo(renamedA, b, m)).isCloseTo(ami,
            within(ROUNDING));
      }
      double h = ClusteringMetrics.homogeneity(a, b);
      double c = ClusteringMetrics.completeness(a, b);
      assertThat(h).isBetween(0.0, 1.0);
      assertThat(c).isBetween(0.0, 1.0);
      assertThat(ClusteringMetrics.completeness(b, a)).isCloseTo(h, within(ROUNDING));
      assertThat(ClusteringMetrics.vMeasure(a, b)).isBetween(0.0, 1.0)
          .isCloseTo(ClusteringMetrics.normalizedMutualInfo(a, b), within(ROUNDING));
      assertThat(ClusteringMetrics.vMeasure(a, b, 2.0)).isCloseTo(
          ClusteringMetrics.vMeasure(b, a, 0.5), within(ROUNDING));
      double fmi = ClusteringMetrics.fowlkesMallows(a, b);
      assertThat(fmi).isBetween(0.0, 1.0);
      assertThat(ClusteringMetrics.fowlkesMallows(b, a)).isCloseTo(fmi, within(ROUNDING));
      assertThat(ClusteringMetrics.fowlkesMallows(renamedA, b)).isEqualTo(fmi);
    }
  }

  @Test
  void adjustedMutualInfoIsZeroOnAverageOverRandomPermutations() {
    // Permuting the predicted labels keeps both labelings' sizes, so E[MI] and the normalizer
    // are fixed and the mean of MI over permutations is E[MI]: the mean AMI is 0.
    SplittableRandom random = new SplittableRandom(5);
    int n = 200;
    int[] truth = random.ints(n, 0, 6).toArray();
    int[] predicted = random.ints(n, 0, 9).toArray();
    int draws = 400;
    double sum = 0;
    double sumOfSquares = 0;
    for (int d = 0; d < draws; d++) {
      for (int s = n - 1; s > 0; s--) {
        int r = random.nextInt(s + 1);
        int tmp = predicted[s];
        predicted[s] = predicted[r];
        predicted[r] = tmp;
      }
      double ami = ClusteringMetrics.adjustedMutualInfo(truth, predicted);
      sum += ami;
      sumOfSquares += ami * ami;
    }
    double mean = sum / draws;
    double standardError = Math.sqrt((sumOfSquares / draws - mean * mean) / draws);
    assertThat(Math.abs(mean)).isLessThan(4 * standardError);
    assertThat(standardError).isLessThan(0.01);
  }

  @Test
  void rejectsBadInputAndLeavesItUnchanged() {
    int[] three = {1, 2, 3};
    assertThatThrownBy(() -> ClusteringMetrics.mutualInfo(three, new int[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("truth has 3 labels but predicted has 4");
    assertThatThrownBy(() -> ClusteringMetrics.normalizedMutualInfo(null, three))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("truth must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.adjustedMutualInfo(three, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("predicted must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.fowlkesMallows(new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("truth and predicted must not be empty");
    assertThatThrownBy(() -> ClusteringMetrics.homogeneity(new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusteringMetrics.completeness(three, new int[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusteringMetrics.normalizedMutualInfo(three, three, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("averaging must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.adjustedMutualInfo(three, three, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("averaging must not be null");
    for (double beta : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> ClusteringMetrics.vMeasure(three, three, beta))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("beta must be finite and > 0, was " + beta);
    }
    assertThat(three).containsExactly(1, 2, 3);
  }
}
