package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;

/**
 * The consensus of the runs of a {@link Consensus}: the consensus matrix and the two stability
 * scores computed from it, and the clustering it implies. Immutable; arrays and matrices
 * returned are copies.
 */
public final class ConsensusResult {

  private final ConsensusSettings settings;
  private final Matrix consensus;
  private final double cophenetic;
  private final double dispersion;
  private final int[] labels;

  ConsensusResult(ConsensusSettings settings, Matrix consensus, double cophenetic,
      double dispersion, int[] labels) {
    this.settings = settings;
    this.consensus = consensus;
    this.cophenetic = cophenetic;
    this.dispersion = dispersion;
    this.labels = labels.clone();
  }

  /** The settings this result came from. */
  public ConsensusSettings settings() {
    return settings;
  }

  /**
   * The n x n consensus matrix: entry {@code (i, j)} is the share of the runs in which rows
   * {@code i} and {@code j} of V fell in the same cluster (the same argmax over their row of W);
   * symmetric, with ones on the diagonal.
   */
  public Matrix consensusMatrix() {
    return Matrix.wrap(consensus.rows(), consensus.cols(), consensus.toRowMajorArray());
  }

  /**
   * Brunet et al.'s (2004) cophenetic correlation coefficient: the Pearson correlation, over
   * the pairs {@code i < j}, between the distances {@code 1 - C_ij} and the cophenetic distances
   * of the average-linkage clustering of those distances (the height at which {@code i} and
   * {@code j} join). 1 for a perfectly stable clustering (C of zeros and ones, and also when all
   * distances are equal); lower as the runs disagree. Brunet et al. choose the rank where it
   * begins to fall.
   */
  public double copheneticCorrelation() {
    return cophenetic;
  }

  /**
   * Kim and Park's (2007) dispersion coefficient {@code (1 / n^2) sum_ij 4 (C_ij - 1/2)^2}: 1
   * when every entry of the consensus matrix is 0 or 1, lower (down to 0) as entries approach
   * 1/2.
   */
  public double dispersion() {
    return dispersion;
  }

  /**
   * The consensus clustering: the average-linkage tree of {@code 1 - C} cut into {@code rank}
   * clusters (fewer if there are fewer rows), one label per row of V, numbered from 0.
   */
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public String toString() {
    return "ConsensusResult[rank=" + settings.rank() + ", runs=" + settings.runs()
        + ", copheneticCorrelation=" + cophenetic + ", dispersion=" + dispersion + "]";
  }
}
