package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;
import java.math.BigInteger;

/**
 * Scores of a clustering, with scikit-learn 1.2's definitions and special cases ({@code
 * sklearn.metrics}): agreement with known classes by pair counting ({@link #randIndex}, {@link
 * #adjustedRandIndex}, {@link #fowlkesMallows}) and by information ({@link #mutualInfo}, {@link
 * #normalizedMutualInfo}, {@link #adjustedMutualInfo}, {@link #homogeneity}, {@link
 * #completeness}, {@link #vMeasure}), and the separation of clusters of points ({@link
 * #daviesBouldin}, {@link #calinskiHarabasz}; see also {@link Silhouette} and {@link Inertia}).
 *
 * <p>Labels are arbitrary {@code int}s (negative values allowed); only which samples share a
 * label matters, so renaming the clusters of either argument never changes a score. No method
 * modifies its arguments. The comparisons of two labelings take {@code O(n log n)} time and
 * {@code O(n)} memory (the adjusted mutual information more, see there).
 *
 * <p><b>Notation.</b> With {@code n_ij} the number of samples in true class {@code i} and
 * predicted cluster {@code j}, {@code a_i = sum_j n_ij} and {@code b_j = sum_i n_ij}, the ordered
 * pairs of distinct samples split into {@code tp = sum n_ij^2 - n} (together in both), {@code fp
 * = sum b_j^2 - sum n_ij^2} (together only in the prediction), {@code fn = sum a_i^2 - sum
 * n_ij^2} and {@code tn = n^2 - n - tp - fp - fn}; scikit-learn's {@code pair_confusion_matrix}.
 * Information is in nats: the entropies {@code H(truth) = -sum_i (a_i / n) log(a_i / n)}, {@code
 * H(predicted) = -sum_j (b_j / n) log(b_j / n)} and the mutual information {@code MI = sum_ij
 * (n_ij / n) log(n n_ij / (a_i b_j))}. Counts are exact {@code long}s for any {@code n}.
 *
 * <p><b>Perfect matches.</b> When the labelings are equal up to renaming, the Rand, adjusted
 * Rand, Fowlkes-Mallows (with at least one pair together), normalized and adjusted mutual
 * information, homogeneity, completeness and V-measure are exactly 1.0, where scikit-learn may
 * return {@code 1 - 2^-52} from rounding.
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
    PairCounts c = PairCounts.of(Contingency.of(truth, predicted));
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
    PairCounts c = PairCounts.of(Contingency.of(truth, predicted));
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

  /**
   * The Fowlkes-Mallows index (Fowlkes and Mallows, "A method for comparing two hierarchical
   * clusterings", JASA 78, 1983): the geometric mean of the pair precision and recall, {@code
   * tp / sqrt((tp + fp)(tp + fn))}, in [0, 1], as scikit-learn's {@code fowlkes_mallows_score}.
   * It is 0 when no pair of samples is together in both clusterings ({@code tp = 0}): for a
   * single sample, and whenever either clustering puts every sample alone, even if both do.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double fowlkesMallows(int[] truth, int[] predicted) {
    Contingency t = Contingency.of(truth, predicted);
    long tk = Contingency.sumOfSquares(t.cells) - t.n;
    long pk = Contingency.sumOfSquares(t.clusterSizes) - t.n;
    long qk = Contingency.sumOfSquares(t.classSizes) - t.n;
    if (tk == 0) {
      return 0.0;
    }
    return Math.sqrt((double) tk / (double) pk) * Math.sqrt((double) tk / (double) qk);
  }

  /**
   * The mutual information {@code MI = sum_ij (n_ij / n) log(n n_ij / (a_i b_j))} in nats
   * (natural logarithm), as scikit-learn's {@code mutual_info_score}: at least 0, at most {@code
   * min(H(truth), H(predicted))}, and symmetric. It is 0 when either labeling has a single
   * cluster; as scikit-learn, a term of the sum smaller than {@code 2^-52} in magnitude counts as
   * 0, and a sum made negative by rounding is 0.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double mutualInfo(int[] truth, int[] predicted) {
    return MutualInformation.mutualInfo(Contingency.of(truth, predicted));
  }

  /**
   * {@link #normalizedMutualInfo(int[], int[], Averaging)} with {@link Averaging#ARITHMETIC},
   * scikit-learn's default: {@code MI / ((H(truth) + H(predicted)) / 2)}, which equals the
   * V-measure (up to rounding).
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double normalizedMutualInfo(int[] truth, int[] predicted) {
    return normalizedMutualInfo(truth, predicted, Averaging.ARITHMETIC);
  }

  /**
   * The normalized mutual information (Strehl and Ghosh, JMLR 3, 2002; Vinh, Epps and Bailey,
   * JMLR 11, 2010), {@code NMI = MI / avg(H(truth), H(predicted))} with the mean {@code
   * averaging}, in [0, 1] and symmetric, as scikit-learn's {@code normalized_mutual_info_score}.
   * Its special cases, as scikit-learn's: 1.0 when both labelings have a single cluster (no
   * split, a perfect match; so for a single sample), and 0.0 whenever {@code MI = 0}, which
   * includes one labeling with a single cluster and the other with several (one entropy 0). It
   * is exactly 1.0 for a perfect match, and never above 1 from rounding.
   *
   * @throws IllegalArgumentException if {@code averaging} is null, an array is null or empty, or
   *     their lengths differ
   */
  public static double normalizedMutualInfo(int[] truth, int[] predicted, Averaging averaging) {
    Arguments.requireNonNull(averaging, "averaging");
    Contingency t = Contingency.of(truth, predicted);
    if (t.isPerfectMatch()) {
      return 1.0;
    }
    double mi = MutualInformation.mutualInfo(t);
    if (mi == 0) {
      return 0.0;
    }
    double hTruth = MutualInformation.entropy(t.classSizes, t.n);
    double hPredicted = MutualInformation.entropy(t.clusterSizes, t.n);
    return Math.min(1.0, mi / averaging.of(hTruth, hPredicted));
  }

  /**
   * {@link #adjustedMutualInfo(int[], int[], Averaging)} with {@link Averaging#ARITHMETIC},
   * scikit-learn's default.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double adjustedMutualInfo(int[] truth, int[] predicted) {
    return adjustedMutualInfo(truth, predicted, Averaging.ARITHMETIC);
  }

  /**
   * The adjusted mutual information (Vinh, Epps and Bailey, "Information theoretic measures for
   * clusterings comparison", JMLR 11, 2010): the mutual information corrected for chance,
   *
   * <pre>{@code
   * AMI = (MI - E[MI]) / (avg(H(truth), H(predicted)) - E[MI])
   * }</pre>
   *
   * <p>with {@code E[MI]} the expected mutual information of two random labelings with the same
   * cluster sizes (the hypergeometric model; computed with log-gamma as scikit-learn's {@code
   * _expected_mutual_info_fast}). It is 1 for a perfect match, about 0 for independent labels
   * (exactly 0 on average over random labelings with the given sizes) and can be negative;
   * symmetric; never above 1 from rounding. As scikit-learn's {@code
   * adjusted_mutual_info_score}: 1.0 when both labelings
   * have a single cluster (so for a single sample); a denominator whose magnitude is below
   * {@code 2^-52} is replaced by {@code +-2^-52} with its sign. When one labeling puts every
   * sample alone, {@code MI = E[MI]} = the other's entropy exactly, and we return the exact
   * value where scikit-learn returns it with rounding noise: 0.0 (scikit-learn: about {@code
   * +-1e-15}), but 1.0 for {@link Averaging#MIN} if the other labeling has several clusters
   * (the formula is {@code 0/0} there, whose limit is 1, the score of any labeling against a
   * refinement of it; scikit-learn: 1.0). When both put every sample alone they match, and the
   * result is 1.0 (scikit-learn: 1.0 but for {@code n} = 2 and 4, where its rounding gives 0.0).
   *
   * <p>Cost: {@code E[MI]} sums over every pair (class, cluster) of distinct sizes about {@code
   * sqrt(a_i b_j / n)} hypergeometric terms (scikit-learn: {@code min(a_i, b_j)} for every pair),
   * each three log-gamma evaluations; {@code O(n log n)} for the rest.
   *
   * @throws IllegalArgumentException if {@code averaging} is null, an array is null or empty, or
   *     their lengths differ
   */
  public static double adjustedMutualInfo(int[] truth, int[] predicted, Averaging averaging) {
    Arguments.requireNonNull(averaging, "averaging");
    Contingency t = Contingency.of(truth, predicted);
    if (t.isPerfectMatch()) {
      return 1.0;
    }
    if (t.classes() == t.n || t.clusters() == t.n) {
      boolean zeroOverZero = averaging == Averaging.MIN && t.classes() > 1 && t.clusters() > 1;
      return zeroOverZero ? 1.0 : 0.0;
    }
    double mi = MutualInformation.mutualInfo(t);
    double emi = MutualInformation.expected(t);
    double hTruth = MutualInformation.entropy(t.classSizes, t.n);
    double hPredicted = MutualInformation.entropy(t.clusterSizes, t.n);
    double denominator = averaging.of(hTruth, hPredicted) - emi;
    if (denominator < 0) {
      denominator = Math.min(denominator, -MutualInformation.EPS);
    } else {
      denominator = Math.max(denominator, MutualInformation.EPS);
    }
    return Math.min(1.0, (mi - emi) / denominator);
  }

  /**
   * The homogeneity (Rosenberg and Hirschberg, "V-Measure: a conditional entropy-based external
   * cluster evaluation measure", EMNLP-CoNLL 2007): {@code 1 - H(truth | predicted) / H(truth)
   * = MI / H(truth)}, in [0, 1], 1 when every cluster holds members of a single class. As
   * scikit-learn's {@code homogeneity_score}: 1.0 when {@code H(truth) = 0} (a single class).
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double homogeneity(int[] truth, int[] predicted) {
    return VMeasure.of(Contingency.of(truth, predicted)).homogeneity;
  }

  /**
   * The completeness (Rosenberg and Hirschberg 2007): {@code 1 - H(predicted | truth) /
   * H(predicted) = MI / H(predicted)}, in [0, 1], 1 when all members of each class are in one
   * cluster; the homogeneity with the arguments swapped. As scikit-learn's {@code
   * completeness_score}: 1.0 when {@code H(predicted) = 0} (a single cluster).
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double completeness(int[] truth, int[] predicted) {
    return VMeasure.of(Contingency.of(truth, predicted)).completeness;
  }

  /**
   * {@link #vMeasure(int[], int[], double)} with {@code beta = 1}: the harmonic mean of the
   * homogeneity and the completeness, equal to the arithmetic {@link #normalizedMutualInfo}.
   *
   * @throws IllegalArgumentException if an array is null or empty or their lengths differ
   */
  public static double vMeasure(int[] truth, int[] predicted) {
    return vMeasure(truth, predicted, 1.0);
  }

  /**
   * The V-measure (Rosenberg and Hirschberg 2007), {@code (1 + beta) h c / (beta h + c)} for
   * homogeneity {@code h} and completeness {@code c}, in [0, 1]; {@code beta > 1} weights the
   * completeness more, {@code beta < 1} the homogeneity. As scikit-learn's {@code
   * v_measure_score}: 0.0 when {@code h + c = 0}.
   *
   * @param beta the weight of completeness against homogeneity, finite and {@code > 0}
   *     (scikit-learn also takes 0, which gives NaN when {@code c = 0})
   * @throws IllegalArgumentException if {@code beta} is not finite and {@code > 0}, an array is
   *     null or empty, or their lengths differ
   */
  public static double vMeasure(int[] truth, int[] predicted, double beta) {
    Arguments.requireFinitePositive(beta, "beta");
    VMeasure v = VMeasure.of(Contingency.of(truth, predicted));
    double h = v.homogeneity;
    double c = v.completeness;
    if (h + c == 0.0) {
      return 0.0;
    }
    return Math.min(1.0, (1 + beta) * h * c / (beta * h + c));
  }

  /**
   * The Davies-Bouldin index (Davies and Bouldin, "A cluster separation measure", IEEE TPAMI 1,
   * 1979) with Euclidean distances, as scikit-learn's {@code davies_bouldin_score}: with {@code
   * m_c} the centroid (mean) of cluster {@code c} and {@code s_c} the mean distance of its
   * members to it,
   *
   * <pre>{@code
   * DB = (1 / k) sum_c max_{e != c} (s_c + s_e) / |m_c - m_e|
   * }</pre>
   *
   * <p>at least 0, lower for clusters that are tighter and further apart. Special cases, as
   * scikit-learn's: 0.0 when every {@code s_c} is at most {@code 1e-8} or every distance between
   * centroids is (numpy's {@code allclose(..., 0)}, in the units of the points); a pair of
   * clusters with the same centroid (distance exactly 0) is left out of the maximum.
   * (scikit-learn computes that distance as {@code sqrt(|x|^2 - 2 x.y + |y|^2)}, which may leave
   * rounding noise instead of 0; we compute {@code |x - y|} directly.)
   *
   * @param points n x d, one sample per row
   * @param labels the cluster of every sample
   * @throws IllegalArgumentException if an argument is null, {@code points} is empty or holds NaN
   *     or an infinity, the number of labels differs from the number of rows, or there are fewer
   *     than 2 or more than {@code n - 1} distinct labels
   */
  public static double daviesBouldin(Matrix points, int[] labels) {
    return ClusterSeparation.daviesBouldin(points, labels);
  }

  /**
   * The Calinski-Harabasz index (variance ratio criterion; Calinski and Harabasz, "A dendrite
   * method for cluster analysis", Communications in Statistics 3, 1974), as scikit-learn's
   * {@code calinski_harabasz_score}: with {@code m} the mean of all points and {@code m_c}, of
   * size {@code n_c}, the mean of cluster {@code c},
   *
   * <pre>{@code
   * CH = [sum_c n_c |m_c - m|^2 / (k - 1)] / [sum_i |x_i - m_label(i)|^2 / (n - k)]
   * }</pre>
   *
   * <p>higher for clusters that are tighter and further apart. As scikit-learn: 1.0 when the
   * within-cluster sum of squares is 0 (every cluster a set of identical points).
   *
   * @param points n x d, one sample per row
   * @param labels the cluster of every sample
   * @throws IllegalArgumentException as {@link #daviesBouldin}
   */
  public static double calinskiHarabasz(Matrix points, int[] labels) {
    return ClusterSeparation.calinskiHarabasz(points, labels);
  }

  /** Homogeneity and completeness, as scikit-learn's {@code homogeneity_completeness_v_measure}. */
  private static final class VMeasure {
    final double homogeneity;
    final double completeness;

    private VMeasure(double homogeneity, double completeness) {
      this.homogeneity = homogeneity;
      this.completeness = completeness;
    }

    static VMeasure of(Contingency t) {
      if (t.isPerfectMatch()) {
        return new VMeasure(1.0, 1.0);
      }
      double hTruth = MutualInformation.entropy(t.classSizes, t.n);
      double hPredicted = MutualInformation.entropy(t.clusterSizes, t.n);
      double mi = MutualInformation.mutualInfo(t);
      return new VMeasure(hTruth == 0 ? 1.0 : Math.min(1.0, mi / hTruth),
          hPredicted == 0 ? 1.0 : Math.min(1.0, mi / hPredicted));
    }
  }

  /** Ordered pair counts of scikit-learn's {@code pair_confusion_matrix}. */
  private static final class PairCounts {
    long tp;
    long fp;
    long fn;
    long tn;

    static PairCounts of(Contingency t) {
      long n = t.n;
      long sumCells = Contingency.sumOfSquares(t.cells);
      PairCounts c = new PairCounts();
      c.tp = sumCells - n;
      c.fp = Contingency.sumOfSquares(t.clusterSizes) - sumCells;
      c.fn = Contingency.sumOfSquares(t.classSizes) - sumCells;
      c.tn = n * n - c.fp - c.fn - sumCells;
      return c;
    }
  }
}
