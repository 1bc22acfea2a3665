package io.github.nmf4j.cluster;

/**
 * A fitted agglomerative clustering: the full {@link MergeTree} and the labels for the
 * configured number of clusters. Immutable; accessors return copies.
 */
public final class AgglomerativeModel {

  private final AgglomerativeSettings settings;
  private final MergeTree tree;
  private final int[] labels;

  AgglomerativeModel(AgglomerativeSettings settings, MergeTree tree, int[] labels) {
    this.settings = settings;
    this.tree = tree;
    this.labels = labels;
  }

  /** The settings this model was fitted with (no executor or listener). */
  public AgglomerativeSettings settings() {
    return settings;
  }

  /** The number of clusters of {@link #labels()}. */
  public int clusters() {
    return settings.clusters();
  }

  /**
   * The cluster of every point, in {@code [0, clusters())}, numbered in order of first
   * appearance (a copy); the same as {@code mergeTree().cut(clusters())}.
   */
  public int[] labels() {
    return labels.clone();
  }

  /** The complete merge tree, to cut at any other number of clusters. */
  public MergeTree mergeTree() {
    return tree;
  }

  @Override
  public String toString() {
    return "AgglomerativeModel[linkage=" + settings.linkage() + ", clusters=" + clusters()
        + ", points=" + tree.leaves() + "]";
  }
}
