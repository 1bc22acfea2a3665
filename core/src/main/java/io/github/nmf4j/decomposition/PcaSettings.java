package io.github.nmf4j.decomposition;

import java.util.OptionalInt;

/**
 * The settings of a {@link Pca}, as validated by its builder: every value that determines a
 * fit's result, and nothing about how it runs besides {@code threads} (no executor, no listener).
 * {@link PcaModel#settings()} keeps the record of the fit it came from.
 *
 * @param components the number of components; empty for {@code min(rows, cols)} of the data
 * @param solver the SVD solver
 * @param seed the seed of the randomized SVD
 * @param threads the most threads a fit uses (results do not depend on it)
 */
public record PcaSettings(OptionalInt components, PcaSolver solver, long seed, int threads) {

  @Override
  public String toString() {
    return "Pca[components=" + (components.isPresent() ? components.getAsInt() : "all")
        + ", solver=" + solver + ", seed=" + seed + ", threads=" + threads + "]";
  }
}
