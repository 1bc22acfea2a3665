package io.github.nmf4j.cluster;

/**
 * The settings of an {@link Agglomerative}, as validated by its builder: every value that
 * determines a fit's result, and nothing about how it runs besides {@code threads} (no executor,
 * no listener). {@link AgglomerativeModel#settings()} keeps the record of the fit it came from.
 *
 * @param linkage the linkage
 * @param clusters the number of clusters of the model's labels
 * @param threads the most threads a fit uses (results do not depend on it)
 */
public record AgglomerativeSettings(Linkage linkage, int clusters, int threads) {

  @Override
  public String toString() {
    return "Agglomerative[linkage=" + linkage + ", clusters=" + clusters + ", threads=" + threads
        + "]";
  }
}
