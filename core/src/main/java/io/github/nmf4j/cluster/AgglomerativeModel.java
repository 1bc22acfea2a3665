package io.github.nmf4j.cluster;

/**
 * A fitted agglomerative clustering: the full {@link MergeTree} and the labels for the
 * configured number of clusters. Immutable; the constructor copies the labels and {@link
 * #labels()} returns a copy, so a model is equal only to itself.
 *
 * @param settings the settings this model was fitted with (no executor or listener)
 * @param mergeTree the complete merge tree, to cut at any other number of clusters
 * @param labels the cluster of every point, in {@code [0, clusters())}, numbered in order of
 *     first appearance; the same as {@code mergeTree().cut(clusters())}
 */
public record AgglomerativeModel(AgglomerativeSettings settings, MergeTree mergeTree,
    int[] labels) {

  /** Copies {@code labels}. */
  public AgglomerativeModel {
    labels = labels.clone();
  }

  /** The number of clusters of {@link #labels()}. */
  public int clusters() {
    return settings.clusters();
  }

  /**
   * The cluster of every point, in {@code [0, clusters())}, numbered in order of first
   * appearance (a copy); the same as {@code mergeTree().cut(clusters())}.
   */
  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public String toString() {
    return "AgglomerativeModel[linkage=" + settings.linkage() + ", clusters=" + clusters()
        + ", points=" + mergeTree.leaves() + "]";
  }
}
