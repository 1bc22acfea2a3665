package io.github.nmf4j.nmf;

import java.util.List;

/**
 * The settings of a {@link RankSelection}, as validated by its builder: every value that
 * determines its result, and nothing about how it runs besides {@code threads} (no executor, no
 * listener).
 *
 * @param ranks the ranks compared, ascending and distinct
 * @param holdoutFraction the share of the observed entries held out in each repeat
 * @param repeats the number of held-out sets
 * @param seed the seed of the held-out sets and of the fits' starts
 * @param nmf the configuration of every fit (its rank and seed are replaced per fit, and missing
 *     values are always {@link MissingValues#IGNORE})
 * @param threads the most threads a fit uses (results do not depend on it)
 */
public record RankSelectionSettings(List<Integer> ranks, double holdoutFraction, int repeats,
    long seed, NmfSettings nmf, int threads) {

  /** A record with an unmodifiable copy of {@code ranks}. */
  public RankSelectionSettings {
    ranks = List.copyOf(ranks);
  }

  /**
   * The number of entries each repeat holds out of {@code observed} ones: {@code
   * holdoutFraction x observed}, rounded to the nearest integer. A fit needs at least one held out
   * and one kept.
   *
   * @throws IllegalArgumentException if {@code observed < 0}
   */
  public long heldOut(long observed) {
    if (observed < 0) {
      throw new IllegalArgumentException("observed must be >= 0, was " + observed);
    }
    return Math.round(holdoutFraction * observed);
  }

  @Override
  public String toString() {
    return "RankSelection[ranks=" + ranks + ", holdoutFraction=" + holdoutFraction + ", repeats="
        + repeats + ", seed=" + seed + ", nmf=" + nmf + ", threads=" + threads + "]";
  }
}
