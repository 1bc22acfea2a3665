package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Blobs;
import org.junit.jupiter.api.Test;

/**
 * The public constructors of the model records of clustering ({@link AgglomerativeModel}, {@link
 * SpectralModel}) check that their parts agree, as every result record does, and reject a part
 * that is missing or disagrees with {@link IllegalArgumentException} naming it (with the position
 * and value of a bad label), rather than build a model whose accessors contradict each other or
 * fail later with a {@link NullPointerException}.
 */
class ClusterModelRecordsTest {

  private final Matrix points = Blobs.generate(3, 60, 2, 3, 4, 0.5).points();

  /** Catches an agglomerative model built from labels that do not fit its tree or clusters. */
  @Test
  void anAgglomerativeModelRejectsPartsThatDisagree() {
    AgglomerativeModel fitted = Agglomerative.builder().clusters(3).fit(points);
    AgglomerativeSettings s = fitted.settings();
    MergeTree tree = fitted.mergeTree();
    int[] labels = fitted.labels();
    assertThatThrownBy(() -> new AgglomerativeModel(s, tree, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("labels must not be null");
    assertThatThrownBy(() -> new AgglomerativeModel(null, tree, labels))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("settings must not be null");
    assertThatThrownBy(() -> new AgglomerativeModel(s, null, labels))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("mergeTree must not be null");
    assertThatThrownBy(() -> new AgglomerativeModel(s, tree, new int[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 5 entries but mergeTree has 60 leaves");
    int[] outside = labels.clone();
    outside[7] = 3;
    assertThatThrownBy(() -> new AgglomerativeModel(s, tree, outside))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels[7] must be in [0, 3), was 3");
  }

  /**
   * Catches a spectral model built from an embedding, eigenvalues or labels of other sizes than
   * its points and clusters, or with a negative iteration count.
   */
  @Test
  void aSpectralModelRejectsPartsThatDisagree() {
    SpectralModel fitted = SpectralClustering.builder().clusters(3)
        .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(5).fit(points);
    SpectralSettings s = fitted.settings();
    int[] labels = fitted.labels();
    Matrix embedding = fitted.embedding();
    double[] values = fitted.eigenvalues();
    int iterations = fitted.eigenIterations();
    assertThatThrownBy(() -> new SpectralModel(s, null, embedding, values, iterations, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("labels must not be null");
    assertThatThrownBy(() -> new SpectralModel(s, labels, null, values, iterations, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("embedding must not be null");
    assertThatThrownBy(() -> new SpectralModel(s, labels, embedding, null, iterations, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("eigenvalues must not be null");
    assertThatThrownBy(() -> new SpectralModel(null, labels, embedding, values, iterations, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("settings must not be null");
    assertThatThrownBy(() -> new SpectralModel(s, new int[59], embedding, values, iterations,
        true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("embedding must be 59x3 (one row per label, one column per cluster), "
            + "was 60x3");
    assertThatThrownBy(() -> new SpectralModel(s, labels, embedding, new double[2], iterations,
        true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eigenvalues must have 3 entries (one per cluster), had 2");
    int[] outside = labels.clone();
    outside[11] = -1;
    assertThatThrownBy(() -> new SpectralModel(s, outside, embedding, values, iterations, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels[11] must be in [0, 3), was -1");
    assertThatThrownBy(() -> new SpectralModel(s, labels, embedding, values, -1, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eigenIterations must be >= 0, was -1");
  }
}
