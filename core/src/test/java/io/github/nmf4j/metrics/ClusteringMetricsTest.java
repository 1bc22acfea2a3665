package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.testing.Fixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusteringMetricsTest {

  /** Our pair counts are exact integers, as scikit-learn's; only the final division rounds. */
  private static final double REFERENCE_TOLERANCE = 1e-15;

  @Test
  void matchesScikitLearnOnFixedLabels() {
    Fixture f = Fixture.load("metrics/pair_counting.txt");
    for (int i = 0; i < 5; i++) {
      int[] truth = f.ints("truth" + i);
      int[] predicted = f.ints("predicted" + i);
      assertThat(ClusteringMetrics.randIndex(truth, predicted)).as("case %d", i)
          .isCloseTo(f.scalar("rand" + i), within(REFERENCE_TOLERANCE));
      assertThat(ClusteringMetrics.adjustedRandIndex(truth, predicted)).as("case %d", i)
          .isCloseTo(f.scalar("ari" + i), within(REFERENCE_TOLERANCE));
    }
  }

  @Test
  void identicalClusteringsUpToRenamingScoreOne() {
    int[] a = {0, 0, 1, 1, 2, 2, 2};
    int[] renamed = {-7, -7, 40, 40, 3, 3, 3};
    assertThat(ClusteringMetrics.randIndex(a, renamed)).isEqualTo(1.0);
    assertThat(ClusteringMetrics.adjustedRandIndex(a, renamed)).isEqualTo(1.0);
  }

  @Test
  void handComputedSmallCase() {
    // Pairs of {0,0,1,1} vs {0,1,1,1}: 6 pairs, agreement on (0,1)? no; (2,3) both together;
    // (0,2),(0,3) both apart; (1,2),(1,3) split by one; (0,1) split by one -> 3/6.
    int[] truth = {0, 0, 1, 1};
    int[] predicted = {0, 1, 1, 1};
    assertThat(ClusteringMetrics.randIndex(truth, predicted)).isEqualTo(0.5);
    // Hubert-Arabie: index 1, expected (2 * 3 / 6) = 1, max (2 + 3) / 2 = 2.5: (1-1)/(2.5-1) = 0
    assertThat(ClusteringMetrics.adjustedRandIndex(truth, predicted)).isEqualTo(0.0);
  }

  @Test
  void symmetricAndInvariantUnderPermutationOfSamples() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 500;
    int[] a = random.ints(n, 0, 6).toArray();
    int[] b = random.ints(n, 0, 4).toArray();
    double ari = ClusteringMetrics.adjustedRandIndex(a, b);
    assertThat(ClusteringMetrics.adjustedRandIndex(b, a)).isEqualTo(ari);
    assertThat(ClusteringMetrics.randIndex(b, a)).isEqualTo(ClusteringMetrics.randIndex(a, b));
    int[] pa = new int[n];
    int[] pb = new int[n];
    for (int i = 0; i < n; i++) {
      pa[i] = a[(i * 7) % n];
      pb[i] = b[(i * 7) % n];
    }
    assertThat(ClusteringMetrics.adjustedRandIndex(pa, pb)).isEqualTo(ari);
    // Independent labels: the adjusted index is near 0.
    assertThat(ari).isCloseTo(0, within(0.02));
  }

  @Test
  void singleSampleAndSingleClusterConventions() {
    assertThat(ClusteringMetrics.randIndex(new int[] {4}, new int[] {2})).isEqualTo(1.0);
    assertThat(ClusteringMetrics.adjustedRandIndex(new int[] {4}, new int[] {2})).isEqualTo(1.0);
    int[] one = {1, 1, 1, 1};
    int[] all = {0, 1, 2, 3};
    assertThat(ClusteringMetrics.randIndex(one, all)).isEqualTo(0.0);
    assertThat(ClusteringMetrics.adjustedRandIndex(one, all)).isEqualTo(0.0);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> ClusteringMetrics.randIndex(new int[3], new int[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("truth has 3 labels but predicted has 4");
    assertThatThrownBy(() -> ClusteringMetrics.randIndex(new int[1], new int[4]))
        .hasMessage("truth has 1 label but predicted has 4");
    assertThatThrownBy(() -> ClusteringMetrics.adjustedRandIndex(null, new int[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("truth must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.adjustedRandIndex(new int[1], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("predicted must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.randIndex(new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("truth and predicted must not be empty");
  }
}
