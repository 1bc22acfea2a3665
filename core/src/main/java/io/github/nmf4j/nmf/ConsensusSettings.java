package io.github.nmf4j.nmf;

/**
 * The settings of a {@link Consensus}, as validated by its builder: every value that determines
 * its result, and nothing about how it runs besides {@code threads} (no executor, no listener).
 *
 * @param rank the rank of every fit (the number of clusters)
 * @param runs the number of fits
 * @param seed the seed from which every fit's seed is drawn
 * @param nmf the configuration of every fit (its rank and seed are replaced per fit)
 * @param threads the most threads a fit uses (results do not depend on it)
 */
public record ConsensusSettings(int rank, int runs, long seed, NmfSettings nmf, int threads) {

  @Override
  public String toString() {
    return "Consensus[rank=" + rank + ", runs=" + runs + ", seed=" + seed + ", nmf=" + nmf
        + ", threads=" + threads + "]";
  }
}
