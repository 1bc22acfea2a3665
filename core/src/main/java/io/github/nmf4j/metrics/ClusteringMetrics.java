package io.github.nmf4j.metrics;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Pair-counting agreement between two clusterings of the same samples: the Rand index and the
 * adjusted Rand index, with scikit-learn's definitions ({@code rand_score}, {@code
 * adjusted_rand_score}).
 *
 * <p>Labels are arbitrary {@code int}s (negative values allowed); only which samples share a
 * label matters, so renaming the clusters of either argument never changes a score. Both
 * methods take {@code O(n log n)} time and {@code O(n)} memory.
 *
 * <p>With {@code n_ij} the number of samples in true class {@code i} and predicted cluster
 * {@code j}, {@code a_i = sum_j n_ij} and {@code b_j = sum_i n_ij}, the ordered pairs of distinct
 * samples split into {@code tp = sum n_ij^2 - n} (together in both), {@code fp = sum b_j^2 - sum
 * n_ij^2} (together only in the prediction), {@code fn = sum a_i^2 - sum n_ij^2} and {@code tn =
 * n^2 - n - tp - fp - fn}; scikit-learn's {@code pair_confusion_matrix}.
 */
public final class ClusteringMetrics {

  private ClusteringMetrics() {}

  /**
   * The Rand index (Rand 1971): the fraction of pairs of samples on which the two clusterings
   * agree (both together or both apart), {@code (tp + tn) / (n (n - 1))}, in [0, 1]. It is 1
   * when the clusterings are equal up to renaming, and 1 by convention for a single sample.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double randIndex(int[] truth, int[] predicted) {
    PairCounts c = pairCounts(truth, predicted);
    long agree = c.tp + c.tn;
    long pairs = c.tp + c.tn + c.fp + c.fn;
    if (agree == pairs) {
      return 1.0;
    }
    return (double) agree / (double) pairs;
  }

  /**
   * The adjusted Rand index (Hubert and Arabie, "Comparing partitions", Journal of
   * Classification 2, 1985): the Rand index corrected for chance, {@code 2 (tp tn - fn fp) /
   * ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))}. It is 1 for identical clusterings up to
   * renaming, close to 0 for independent random labels, and can be negative (down to -0.5).
   * It is 1 by convention when no pair is split by exactly one clustering.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double adjustedRandIndex(int[] truth, int[] predicted) {
    PairCounts c = pairCounts(truth, predicted);
    if (c.fn == 0 && c.fp == 0) {
      return 1.0;
    }
    BigInteger tp = BigInteger.valueOf(c.tp);
    BigInteger tn = BigInteger.valueOf(c.tn);
    BigInteger fp = BigInteger.valueOf(c.fp);
    BigInteger fn = BigInteger.valueOf(c.fn);
    BigInteger numerator = tp.multiply(tn).subtract(fn.multiply(fp));
    BigInteger denominator =
        tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
    return 2.0 * numerator.doubleValue() / denominator.doubleValue();
  }

  /** Ordered pair counts of scikit-learn's {@code pair_confusion_matrix}. */
  private static final class PairCounts {
    long tp;
    long fp;
    long fn;
    long tn;
  }

  private static PairCounts pairCounts(int[] truth, int[] predicted) {
    if (truth == null || predicted == null) {
      throw new IllegalArgumentException(
          (truth == null ? "truth" : "predicted") + " must not be null");
    }
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("truth has " + truth.length
          + " labels but predicted has " + predicted.length);
    }
    if (truth.length == 0) {
      throw new IllegalArgumentException("truth and predicted must not be empty");
    }
    int n = truth.length;
    int[] a = Labels.dense(truth);
    int[] b = Labels.dense(predicted);
    long sumA = sumOfSquaredCounts(a);
    long sumB = sumOfSquaredCounts(b);
    int classesB = Labels.count(b);
    long[] pairs = new long[n];
    for (int i = 0; i < n; i++) {
      pairs[i] = (long) a[i] * classesB + b[i];
    }
    Arrays.sort(pairs);
    long sumCells = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && pairs[j] == pairs[i]) {
        j++;
      }
      sumCells += (long) (j - i) * (j - i);
      i = j;
    }
    PairCounts c = new PairCounts();
    c.tp = sumCells - n;
    c.fp = sumB - sumCells;
    c.fn = sumA - sumCells;
    c.tn = (long) n * n - c.fp - c.fn - sumCells;
    return c;
  }

  private static long sumOfSquaredCounts(int[] dense) {
    long[] counts = new long[Labels.count(dense)];
    for (int label : dense) {
      counts[label]++;
    }
    long s = 0;
    for (long c : counts) {
      s += c * c;
    }
    return s;
  }
}
