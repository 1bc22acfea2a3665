package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MutualInformationTest {

  /** Compensated sums of at most 8! terms of size about 1: rounding only. */
  private static final double ENUMERATION_TOLERANCE = 1e-13;

  /** Rounding of the hypergeometric sums. */
  private static final double ROUNDING = 1e-13;

  @Test
  void expectedMutualInformationIsTheMeanOverEveryAssignment() {
    // Under the permutation model every arrangement of the predicted labels is equally likely:
    // the mean MI over all n! arrangements is E[MI], exactly.
    int[][][] cases = {
      {{0, 0, 1, 1, 2, 2, 2, 3}, {0, 1, 1, 1, 1, 2, 2, 0}},
      {{0, 0, 0, 0, 0, 1, 1}, {0, 0, 1, 1, 2, 2, 3}},
      {{5, 5, 5, 5, 5, 5, 5, 6}, {0, 0, 0, 0, 1, 1, 1, 1}},
      {{0, 1, 2, 0, 1, 2}, {0, 0, 0, 1, 1, 1}},
    };
    for (int[][] c : cases) {
      int[] truth = c[0];
      int[] predicted = c[1].clone();
      // Kahan's compensated sum: 8! terms would otherwise lose about 1e-12.
      double[] sum = {0, 0};
      long[] count = {0};
      permute(predicted, 0, () -> {
        double y = MutualInformation.mutualInfo(Contingency.of(truth, predicted)) - sum[1];
        double t = sum[0] + y;
        sum[1] = (t - sum[0]) - y;
        sum[0] = t;
        count[0]++;
      });
      double expected = MutualInformation.expected(Contingency.of(truth, c[1]));
      assertThat(expected).isCloseTo(sum[0] / count[0], within(ENUMERATION_TOLERANCE));
    }
  }

  private static void permute(int[] a, int from, Runnable each) {
    if (from == a.length) {
      each.run();
      return;
    }
    for (int i = from; i < a.length; i++) {
      swap(a, from, i);
      permute(a, from + 1, each);
      swap(a, from, i);
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  @Test
  void expectedMutualInformationMatchesTheFullHypergeometricSum() {
    // The sum from the mode outward, stopped at negligible probabilities, against every term.
    SplittableRandom random = new SplittableRandom(9);
    for (int trial = 0; trial < 20; trial++) {
      int n = 20 + random.nextInt(3000);
      int[] truth = random.ints(n, 0, 2 + random.nextInt(8)).toArray();
      int[] predicted = random.ints(n, 0, 2 + random.nextInt(12)).toArray();
      Contingency t = Contingency.of(truth, predicted);
      double full = 0;
      for (long a : t.classSizes) {
        for (long b : t.clusterSizes) {
          for (long k = Math.max(1, a + b - n); k <= Math.min(a, b); k++) {
            double log = LogGamma.logFactorial(a) + LogGamma.logFactorial(b)
                + LogGamma.logFactorial(n - a) + LogGamma.logFactorial(n - b)
                - LogGamma.logFactorial(n) - LogGamma.logFactorial(k)
                - LogGamma.logFactorial(a - k) - LogGamma.logFactorial(b - k)
                - LogGamma.logFactorial(n - a - b + k);
            full += (double) k / n * Math.log((double) n * k / ((double) a * b)) * Math.exp(log);
          }
        }
      }
      assertThat(MutualInformation.expected(t)).as("trial %d", trial)
          .isCloseTo(full, within(ROUNDING));
    }
  }

  @Test
  void entropyOfEqualClustersIsTheLogOfTheirNumber() {
    assertThat(MutualInformation.entropy(new long[] {5, 5, 5, 5}, 20))
        .isCloseTo(Math.log(4), within(ROUNDING));
    assertThat(MutualInformation.entropy(new long[] {7}, 7)).isZero();
  }
}
