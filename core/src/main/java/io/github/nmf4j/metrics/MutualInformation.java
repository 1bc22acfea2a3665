package io.github.nmf4j.metrics;

import java.util.Arrays;

/**
 * Entropies, mutual information and its expectation under chance, in nats, from a {@link
 * Contingency} table; the information-theoretic scores of {@link ClusteringMetrics} combine
 * them. Definitions as scikit-learn 1.2's {@code entropy}, {@code mutual_info_score} and {@code
 * expected_mutual_information}.
 */
final class MutualInformation {

  /**
   * The hypergeometric probability below which the expected mutual information stops adding
   * terms, on either side of the mode: the probabilities beyond fall off faster than
   * geometrically, so the terms left out are many orders of magnitude below the rounding error
   * of the sum.
   */
  private static final double NEGLIGIBLE_PROBABILITY = 1e-30;

  /** Machine epsilon {@code 2^-52}, numpy's {@code finfo(float64).eps}. */
  static final double EPS = Math.ulp(1.0);

  private MutualInformation() {}

  /**
   * The entropy {@code H = sum_k (c_k / n) log(n / c_k)} of a labeling with cluster sizes
   * {@code c_k} (all {@code > 0}) summing to {@code n}; exactly 0 for a single cluster.
   */
  static double entropy(long[] sizes, long n) {
    if (sizes.length == 1) {
      return 0.0;
    }
    double h = 0;
    for (long c : sizes) {
      h += (double) c / n * Math.log((double) n / c);
    }
    return h;
  }

  /**
   * {@code MI = sum_ij (n_ij / n) log(n n_ij / (a_i b_j))} over the non-zero cells, 0 when
   * either labeling has a single cluster. As scikit-learn, a term smaller than {@link #EPS} in
   * magnitude counts as 0 and a negative sum (rounding) as 0. The ratio is formed as {@code (n /
   * a_i) (n_ij / b_j)}, two correctly rounded quotients, so the logarithm is accurate for any
   * {@code n}.
   */
  static double mutualInfo(Contingency t) {
    if (t.classes() == 1 || t.clusters() == 1) {
      return 0.0;
    }
    double n = t.n;
    double mi = 0;
    for (int c = 0; c < t.cells.length; c++) {
      double nij = t.cells[c];
      double ratio = (n / t.classSizes[t.cellClass[c]]) * (nij / t.clusterSizes[t.cellCluster[c]]);
      double term = nij / n * Math.log(ratio);
      if (Math.abs(term) >= EPS) {
        mi += term;
      }
    }
    return Math.max(mi, 0.0);
  }

  /**
   * The expected mutual information of two random labelings with the class sizes {@code a_i}
   * and cluster sizes {@code b_j} of {@code t} (the permutation model: every assignment of the
   * samples to clusters of those sizes equally likely), from Vinh, Epps and Bailey (JMLR 11,
   * 2010, eq. 24a):
   *
   * <pre>{@code
   * E[MI] = sum_i sum_j sum_{k = max(1, a_i + b_j - n)}^{min(a_i, b_j)}
   *             (k / n) log(n k / (a_i b_j)) P(k; a_i, b_j, n),
   * P(k) = a_i! b_j! (n - a_i)! (n - b_j)! / (n! k! (a_i - k)! (b_j - k)! (n - a_i - b_j + k)!)
   * }</pre>
   *
   * <p>the hypergeometric probability that class {@code i} and cluster {@code j} share {@code k}
   * samples, computed as the exponential of a sum of {@link LogGamma log-factorials} as
   * scikit-learn's {@code _expected_mutual_info_fast} does. It is 0 when either labeling has a
   * single cluster. Two savings that change no digit that matters: the inner sum depends only on
   * the pair of sizes {@code (a_i, b_j)}, so it is computed once per distinct pair and weighted
   * by the number of cells that share it; and it runs outward from the mode of the
   * (unimodal) hypergeometric distribution, stopping on each side at the first probability below
   * {@value #NEGLIGIBLE_PROBABILITY}, so a cell costs about {@code sqrt(a_i b_j / n)} terms
   * instead of {@code min(a_i, b_j)}.
   */
  static double expected(Contingency t) {
    if (t.classes() == 1 || t.clusters() == 1) {
      return 0.0;
    }
    long[][] a = runs(t.classSizes);
    long[][] b = runs(t.clusterSizes);
    long n = t.n;
    double logN = Math.log(n);
    double logFactorialN = LogGamma.logFactorial(n);
    double emi = 0;
    for (int i = 0; i < a[0].length; i++) {
      for (int j = 0; j < b[0].length; j++) {
        double weight = (double) a[1][i] * b[1][j];
        emi += weight * cell(a[0][i], b[0][j], n, logN, logFactorialN);
      }
    }
    return emi;
  }

  /** The inner sum of {@link #expected} for one class of size {@code a}, cluster of {@code b}. */
  private static double cell(long a, long b, long n, double logN, double logFactorialN) {
    long low = Math.max(1, a + b - n);
    long high = Math.min(a, b);
    double common = LogGamma.logFactorial(a) + LogGamma.logFactorial(b)
        + LogGamma.logFactorial(n - a) + LogGamma.logFactorial(n - b) - logFactorialN;
    double logAb = Math.log(a) + Math.log(b);
    // The mode of the hypergeometric distribution; probabilities fall away from it.
    long mode = Math.min(high, Math.max(low, (a + 1) * (b + 1) / (n + 2)));
    double sum = 0;
    for (long k = mode; k <= high; k++) {
      double p = probability(k, a, b, n, common);
      sum += (double) k / n * (logN + Math.log(k) - logAb) * p;
      if (p < NEGLIGIBLE_PROBABILITY) {
        break;
      }
    }
    for (long k = mode - 1; k >= low; k--) {
      double p = probability(k, a, b, n, common);
      sum += (double) k / n * (logN + Math.log(k) - logAb) * p;
      if (p < NEGLIGIBLE_PROBABILITY) {
        break;
      }
    }
    return sum;
  }

  private static double probability(long k, long a, long b, long n, double common) {
    return Math.exp(common - LogGamma.logFactorial(k) - LogGamma.logFactorial(a - k)
        - LogGamma.logFactorial(b - k) - LogGamma.logFactorial(n - a - b + k));
  }

  /** The distinct values of {@code sizes} and how often each occurs: {@code {values, counts}}. */
  private static long[][] runs(long[] sizes) {
    long[] sorted = sizes.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    long[] values = new long[sorted.length];
    long[] counts = new long[sorted.length];
    for (int s = 0; s < sorted.length; s++) {
      if (s == 0 || sorted[s] != sorted[s - 1]) {
        values[distinct++] = sorted[s];
      }
      counts[distinct - 1]++;
    }
    return new long[][] {Arrays.copyOf(values, distinct), Arrays.copyOf(counts, distinct)};
  }
}
