package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Arguments;

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

  /**
   * Checks that the parts agree and copies {@code labels}.
   *
   * @throws IllegalArgumentException if a part is null, {@code labels} does not have one entry
   *     per leaf of {@code mergeTree}, or a label is outside {@code [0, settings.clusters())}
   */
  public AgglomerativeModel {
    Arguments.requireNonNull(settings, "settings");
    Arguments.requireNonNull(mergeTree, "mergeTree");
    labels = Arguments.requireNonNull(labels, "labels").clone();
    if (labels.length != mergeTree.leaves()) {
      throw new IllegalArgumentException("labels has " + labels.length
          + " entries but mergeTree has " + mergeTree.leaves() + " leaves");
    }
    Checks.labelsInRange(labels, settings.clusters());
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
