package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.cluster.SpectralModel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.ConsensusResult;
import io.github.nmf4j.nmf.ConsensusSettings;
import io.github.nmf4j.nmf.DistributedNmfModel;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfSettings;
import io.github.nmf4j.testing.Blobs;
import org.junit.jupiter.api.Test;

/**
 * The models and results that only hold values are records ({@code AgglomerativeModel}, {@code
 * SpectralModel}, {@code ConsensusResult}, {@code DistributedNmfModel}, {@code
 * CompressionResult}): their canonical constructors check that the parts agree and copy the
 * arrays they are given, and their accessors return copies, so neither side can change a model
 * after the fact.
 */
class ResultRecordsTest {

  private final Matrix points = Blobs.generate(3, 30, 2, 3, 4, 0.5).points();

  @Test
  void agglomerativeModelCopiesItsLabelsInAndOut() {
    AgglomerativeModel fitted = Agglomerative.builder().clusters(3).fit(points);
    int[] labels = fitted.labels();
    AgglomerativeModel model = new AgglomerativeModel(fitted.settings(), fitted.mergeTree(),
        labels);
    labels[0] = 99;
    model.labels()[1] = 99;
    assertThat(model.labels()).isEqualTo(fitted.labels());
    assertThat(model.clusters()).isEqualTo(3);
    assertThat(model.toString()).isEqualTo(fitted.toString());
  }

  @Test
  void spectralModelCopiesItsArraysInAndOut() {
    SpectralModel fitted = SpectralClustering.builder().clusters(3).affinity(
        io.github.nmf4j.cluster.Affinity.NEAREST_NEIGHBORS).neighbors(5).fit(points);
    int[] labels = fitted.labels();
    double[] eigenvalues = fitted.eigenvalues();
    SpectralModel model = new SpectralModel(fitted.settings(), labels, fitted.embedding(),
        eigenvalues, fitted.eigenIterations(), fitted.converged());
    labels[0] = 99;
    eigenvalues[0] = 99;
    model.labels()[1] = 99;
    model.eigenvalues()[1] = 99;
    assertThat(model.labels()).isEqualTo(fitted.labels());
    assertThat(model.eigenvalues()).isEqualTo(fitted.eigenvalues());
    assertThat(model.toString()).isEqualTo(fitted.toString());
    assertThat(fitted).isEqualTo(fitted).isNotEqualTo(model);
  }

  @Test
  void consensusResultCopiesItsLabelsAndMatrixOut() {
    Matrix v = Matrix.of(new double[][] {{1, 0}, {2, 0}, {0, 1}, {0, 3}});
    ConsensusResult fitted = Consensus.builder().rank(2).runs(3).fit(v);
    int[] labels = fitted.labels();
    ConsensusResult result = new ConsensusResult(fitted.settings(), fitted.consensusMatrix(),
        fitted.copheneticCorrelation(), fitted.dispersion(), labels);
    labels[0] = 99;
    result.labels()[1] = 99;
    assertThat(result.labels()).isEqualTo(fitted.labels());
    assertThat(result.consensusMatrix()).isNotSameAs(result.consensusMatrix());
    assertThat(result.consensusMatrix().toRowMajorArray())
        .isEqualTo(fitted.consensusMatrix().toRowMajorArray());
  }

  @Test
  void distributedNmfModelCopiesItsLossHistoryInAndOut() {
    double[] history = {3, 2, 1};
    DistributedNmfModel model = new DistributedNmfModel(Nmf.builder().rank(1).build().settings(),
        Matrix.of(new double[][] {{1, 2}}), 4, 0.5, 0.25, 20, true, history);
    history[0] = 99;
    model.lossHistory()[1] = 99;
    assertThat(model.lossHistory()).containsExactly(3, 2, 1);
    assertThat(model.toString()).isEqualTo("DistributedNmfModel[4x2, rank 1, FROBENIUS, "
        + "reconstructionError 0.5, iterations 20, converged]");
  }

  /** The constructors refuse parts that do not agree, naming the part. */
  @Test
  void consensusResultChecksThatItsPartsAgree() {
    Matrix v = Matrix.of(new double[][] {{1, 0}, {2, 0}, {0, 1}, {0, 3}});
    ConsensusResult fitted = Consensus.builder().rank(2).runs(3).fit(v);
    ConsensusSettings s = fitted.settings();
    Matrix c = fitted.consensusMatrix();
    assertThatThrownBy(() -> new ConsensusResult(null, c, 1, 1, new int[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings");
    assertThatThrownBy(() -> new ConsensusResult(s, null, 1, 1, new int[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consensusMatrix");
    assertThatThrownBy(() -> new ConsensusResult(s, c, 1, 1, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
    assertThatThrownBy(() -> new ConsensusResult(s, c, 1, 1, new int[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("consensusMatrix must be 3x3 (one row and column per label), was 4x4");
    assertThatThrownBy(() -> new ConsensusResult(s, Matrix.zeros(4, 3), 1, 1, new int[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("consensusMatrix must be 4x4 (one row and column per label), was 4x3");
    assertThatThrownBy(() -> new ConsensusResult(s, c, 1, 1, new int[] {0, 1, 2, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels[2] must be in [0, 2), was 2");
    assertThatThrownBy(() -> new ConsensusResult(s, c, 1, 1, new int[] {0, -1, 1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels[1] must be in [0, 2), was -1");
  }

  @Test
  void distributedNmfModelChecksThatItsPartsAgree() {
    NmfSettings s = Nmf.builder().rank(1).build().settings();
    Matrix h = Matrix.of(new double[][] {{1, 2}});
    double[] history = {3, 2, 1};
    assertThatThrownBy(() -> new DistributedNmfModel(null, h, 4, 0.5, 0.25, 20, true, history))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("settings");
    assertThatThrownBy(() -> new DistributedNmfModel(s, null, 4, 0.5, 0.25, 20, true, history))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("components");
    assertThatThrownBy(() -> new DistributedNmfModel(s, h, 4, 0.5, 0.25, 20, true, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lossHistory");
    assertThatThrownBy(() -> new DistributedNmfModel(s, Matrix.zeros(2, 2), 4, 0.5, 0.25, 20,
        true, history)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("components must have 1 row (settings.rank()), was 2x2");
    assertThatThrownBy(() -> new DistributedNmfModel(s, h, -1, 0.5, 0.25, 20, true, history))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows must be >= 0, was -1");
    assertThatThrownBy(() -> new DistributedNmfModel(s, h, 4, 0.5, 0.25, -2, true, history))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iterations must be >= 0, was -2");
  }
}
