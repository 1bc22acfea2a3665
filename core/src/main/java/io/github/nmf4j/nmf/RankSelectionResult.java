package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Rescaling;
import java.util.Arrays;
import java.util.Locale;

/**
 * The held-out errors of a {@link RankSelection}: for each rank, the mean over the repeats of
 * the error on the held-out entries, and its standard error. Immutable; the arrays returned are
 * copies.
 *
 * <p><b>Units.</b> The errors are computed, averaged and compared in V's scaled units ({@link
 * #scaledTestErrors}, {@link #scaledStandardErrors}) and reported in V's units by multiplying
 * by {@code 2^}{@link #errorExponent}. For V within {@code 2^±400} (its largest value between
 * about {@code 1e-120} and {@code 1e120}) the scaled units are V's own, the exponent is 0, and
 * every result is what it always was. Beyond, they are those of {@code V / 4^m} with V's
 * largest value in {@code [1, 4)}, as the fits compute, and the exponent is {@code 4m}
 * (squared errors) or {@code 2m} (divergences): {@link #testErrors}, {@link #standardErrors}
 * and {@link #repeatErrors} are then exact where representable, but may lie beyond the double
 * range, rounded to a subnormal or to 0 (V below about {@code 1e-160}: every squared error of
 * V near {@code 1e-200} is 0.0 in V's units) or infinite (V near {@code 1e300}). {@link
 * #bestRank} and {@link #oneStandardErrorRank} are chosen on the scaled errors, which are those
 * of the data at an ordinary scale, so they do not change when V is multiplied by a power of 4
 * (with a scale-equivariant start such as {@link Initialization#RANDOM}).
 */
public final class RankSelectionResult {

  private final RankSelectionSettings settings;
  private final int[] ranks;
  /** The held-out errors in scaled units, {@code [repeat][rank index]}. */
  private final double[][] errors;
  /** Errors in scaled units times {@code 2^exponent} are in V's units. */
  private final int exponent;
  private final double[] means;
  private final double[] standardErrors;

  /** {@code errors[r][i]}: the held-out error of repeat {@code r} at rank {@code ranks[i]}. */
  RankSelectionResult(RankSelectionSettings settings, int[] ranks, double[][] errors) {
    this(settings, ranks, errors, 0);
  }

  /**
   * {@code errors[r][i]}: the held-out error of repeat {@code r} at rank {@code ranks[i]} in
   * scaled units, which times {@code 2^exponent} are V's.
   */
  RankSelectionResult(RankSelectionSettings settings, int[] ranks, double[][] errors,
      int exponent) {
    this.settings = settings;
    this.exponent = exponent;
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
   * the repeats. In V's units: {@link #scaledTestErrors} times {@code 2^}{@link #errorExponent},
   * subnormal, 0 or infinite where that lies beyond the double range (V beyond about {@code
   * 1e±150}; see the class comment).
   */
  public double[] testErrors() {
    return unscaled(means);
  }

  /**
   * The standard error of each mean in {@link #testErrors()}: the sample standard deviation over
   * the repeats divided by {@code sqrt(repeats)}; 0 with a single repeat. In V's units, as
   * {@link #testErrors}: {@link #scaledStandardErrors} times {@code 2^}{@link #errorExponent}.
   */
  public double[] standardErrors() {
    return unscaled(standardErrors);
  }

  /**
   * The held-out errors of each repeat: {@code [repeat][rank index]}, in V's units as {@link
   * #testErrors}.
   */
  public double[][] repeatErrors() {
    double[][] copy = new double[errors.length][];
    for (int r = 0; r < errors.length; r++) {
      copy[r] = unscaled(errors[r]);
    }
    return copy;
  }

  /**
   * The mean held-out error per rank in V's scaled units (see the class comment: V's own within
   * {@code 2^±400}, else those of {@code V / 4^m} with V's largest value in {@code [1, 4)}): the
   * numbers {@link #bestRank} and {@link #oneStandardErrorRank} compare, finite and meaningful
   * at every scale of V. {@link
   * #testErrors} is this times {@code 2^}{@link #errorExponent}.
   */
  public double[] scaledTestErrors() {
    return means.clone();
  }

  /** The standard error of each mean in {@link #scaledTestErrors}, in the same units. */
  public double[] scaledStandardErrors() {
    return standardErrors.clone();
  }

  /**
   * The binary exponent that converts the scaled errors into V's units: an error in V's units
   * is the scaled one times {@code 2^errorExponent()}, which is {@code 16^m} (Frobenius, squared
   * errors) or {@code 4^m} (Kullback-Leibler) for V's scale {@code 4^m}; 0 for V within {@code
   * 2^±400}. From -2148 to 2044, so that the product may lie beyond the double range.
   */
  public int errorExponent() {
    return exponent;
  }

  /** The values times {@code 2^exponent}: a copy. */
  private double[] unscaled(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.scalb(values[i], exponent);
    }
    return out;
  }

  /**
   * The rank with the lowest mean held-out error (the smallest such rank on a tie), compared in
   * scaled units ({@link #scaledTestErrors}).
   */
  public int bestRank() {
    return ranks[bestIndex()];
  }

  /**
   * The smallest rank whose mean held-out error is within one standard error of the best: no
   * more than {@code testErrors()[best] + standardErrors()[best]} (Breiman et al.'s one
   * standard error rule, the parsimonious choice), compared in scaled units ({@link
   * #scaledTestErrors}, {@link #scaledStandardErrors}).
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
    double[] testErrors = testErrors();
    double[] se = standardErrors();
    for (int i = 0; i < ranks.length; i++) {
      s.append(i == 0 ? "" : ", ").append(ranks[i]).append(": ")
          .append(String.format(Locale.ROOT, "%.4g +- %.2g", testErrors[i], se[i]));
    }
    return s.append("; best ").append(bestRank()).append(", one-SE ")
        .append(oneStandardErrorRank()).append(']').toString();
  }

  /**
   * Equal when the ranks and every repeat's held-out errors are equal, in scaled units and with
   * the same {@link #errorExponent} (so in V's units too).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof RankSelectionResult other && Arrays.equals(ranks, other.ranks)
        && exponent == other.exponent && Arrays.deepEquals(errors, other.errors);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ranks) + Arrays.deepHashCode(repeatErrors());
  }
}
