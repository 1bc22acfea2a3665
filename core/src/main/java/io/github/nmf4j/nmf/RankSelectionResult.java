package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Rescaling;
import java.util.Arrays;
import java.util.Locale;

/**
 * The held-out errors of a {@link RankSelection}: for each rank, the mean over the repeats of
 * the error on the held-out entries, and its standard error. Immutable; the arrays returned are
 * copies.
 */
public final class RankSelectionResult {

  private final RankSelectionSettings settings;
  private final int[] ranks;
  private final double[][] errors;
  private final double[] means;
  private final double[] standardErrors;

  /** {@code errors[r][i]}: the held-out error of repeat {@code r} at rank {@code ranks[i]}. */
  RankSelectionResult(RankSelectionSettings settings, int[] ranks, double[][] errors) {
    this.settings = settings;
    this.ranks = ranks.clone();
    this.errors = new double[errors.length][];
    for (int r = 0; r < errors.length; r++) {
      this.errors[r] = errors[r].clone();
    }
    means = new double[ranks.length];
    standardErrors = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      means[i] = mean(errors, i);
      standardErrors[i] = standardError(errors, i, means[i]);
    }
  }

  /**
   * The mean of column i of errors; a sum that overflows is taken again of the errors scaled by
   * the power of two of {@link Rescaling#sumShift} (exact) and scaled back, so finite errors have
   * a finite mean.
   */
  private static double mean(double[][] errors, int i) {
    double sum = 0;
    for (double[] e : errors) {
      sum += e[i];
    }
    if (sum == Double.POSITIVE_INFINITY) {
      int shift = Rescaling.sumShift(largest(errors, i, 0), errors.length);
      double scaled = 0;
      for (double[] e : errors) {
        scaled += Math.scalb(e[i], -shift);
      }
      return Math.scalb(scaled / errors.length, shift);
    }
    return sum / errors.length;
  }

  /**
   * The standard error of column i of errors about its mean. The deviations are squared as a copy
   * scaled by the power of two of {@link Rescaling#shiftIntoRange} when their squares would
   * overflow or lose bits below the normal range: scaling by a power of two is exact, so this
   * changes nothing elsewhere and keeps the result proportional to the errors.
   */
  private static double standardError(double[][] errors, int i, double mean) {
    int repeats = errors.length;
    if (repeats < 2) {
      return 0;
    }
    int shift = Rescaling.shiftIntoRange(largest(errors, i, mean), repeats);
    double squares = 0;
    for (double[] e : errors) {
      double d = Math.scalb(e[i] - mean, -shift);
      squares += d * d;
    }
    return Math.scalb(Math.sqrt(squares / (repeats - 1) / repeats), shift);
  }

  /** The largest {@code |e[i] - center|} over the repeats. */
  private static double largest(double[][] errors, int i, double center) {
    double largest = 0;
    for (double[] e : errors) {
      largest = Math.max(largest, Math.abs(e[i] - center));
    }
    return largest;
  }

  /** The settings this result came from. */
  public RankSelectionSettings settings() {
    return settings;
  }

  /** The ranks compared, ascending. */
  public int[] ranks() {
    return ranks.clone();
  }

  /**
   * The mean held-out error per rank (same order as {@link #ranks()}): for the Frobenius loss
   * the mean squared error {@code (v_ij - (WH)_ij)^2} over the held-out entries, for the
   * Kullback-Leibler loss the mean of {@code v log(v / WH) - v + WH} over them; averaged over
   * the repeats.
   */
  public double[] testErrors() {
    return means.clone();
  }

  /**
   * The standard error of each mean in {@link #testErrors()}: the sample standard deviation over
   * the repeats divided by {@code sqrt(repeats)}; 0 with a single repeat.
   */
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /**
   * The held-out errors of each repeat: {@code [repeat][rank index]}.
   */
  public double[][] repeatErrors() {
    double[][] copy = new double[errors.length][];
    for (int r = 0; r < errors.length; r++) {
      copy[r] = errors[r].clone();
    }
    return copy;
  }

  /** The rank with the lowest mean held-out error (the smallest such rank on a tie). */
  public int bestRank() {
    return ranks[bestIndex()];
  }

  /**
   * The smallest rank whose mean held-out error is within one standard error of the best: no
   * more than {@code testErrors()[best] + standardErrors()[best]} (Breiman et al.'s one
   * standard error rule, the parsimonious choice).
   */
  public int oneStandardErrorRank() {
    int best = bestIndex();
    double limit = means[best] + standardErrors[best];
    for (int i = 0; i < ranks.length; i++) {
      if (means[i] <= limit) {
        return ranks[i];
      }
    }
    return ranks[best];
  }

  private int bestIndex() {
    int best = 0;
    for (int i = 1; i < ranks.length; i++) {
      if (means[i] < means[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RankSelectionResult[");
    for (int i = 0; i < ranks.length; i++) {
      s.append(i == 0 ? "" : ", ").append(ranks[i]).append(": ")
          .append(String.format(Locale.ROOT, "%.4g +- %.2g", means[i], standardErrors[i]));
    }
    return s.append("; best ").append(bestRank()).append(", one-SE ")
        .append(oneStandardErrorRank()).append(']').toString();
  }

  /** Equal when the ranks and every repeat's held-out errors are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RankSelectionResult other && Arrays.equals(ranks, other.ranks)
        && Arrays.deepEquals(errors, other.errors);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ranks) + Arrays.deepHashCode(errors);
  }
}
