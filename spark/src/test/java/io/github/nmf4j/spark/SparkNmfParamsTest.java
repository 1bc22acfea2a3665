package io.github.nmf4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.ml.param.ParamMap;
import org.junit.jupiter.api.Test;

/** The estimator's Spark ML parameters: the issue's defaults, the setters, the validators. */
class SparkNmfParamsTest {

  @Test
  void defaultsAreTheIssues() {
    SparkNmf nmf = new SparkNmf();

    assertThat(nmf.isDefined(nmf.rank())).isFalse();
    assertThat(nmf.getOrDefault(nmf.maxIter())).isEqualTo(200);
    assertThat(nmf.getOrDefault(nmf.tol())).isEqualTo(1e-4);
    assertThat(nmf.getOrDefault(nmf.seed())).isEqualTo(0L);
    assertThat(nmf.getOrDefault(nmf.solver())).isEqualTo("mu");
    assertThat(nmf.getOrDefault(nmf.loss())).isEqualTo("frobenius");
    assertThat(nmf.getOrDefault(nmf.featuresCol())).isEqualTo("features");
    assertThat(nmf.getOrDefault(nmf.weightsCol())).isEqualTo("weights");
    assertThat(nmf.getOrDefault(nmf.checkpointInterval())).isEqualTo(10);
  }

  @Test
  void settersSetAndACopyKeepsThem() {
    SparkNmf nmf = new SparkNmf("nmf-1").setRank(4).setMaxIter(7).setTol(0.5).setSeed(-3)
        .setSolver("hals").setLoss("frobenius").setFeaturesCol("v").setWeightsCol("w")
        .setCheckpointInterval(-1);
    SparkNmf copy = nmf.copy(ParamMap.empty());

    for (SparkNmf e : new SparkNmf[] {nmf, copy}) {
      assertThat(e.uid()).isEqualTo("nmf-1");
      assertThat(e.getOrDefault(e.rank())).isEqualTo(4);
      assertThat(e.getOrDefault(e.maxIter())).isEqualTo(7);
      assertThat(e.getOrDefault(e.tol())).isEqualTo(0.5);
      assertThat(e.getOrDefault(e.seed())).isEqualTo(-3L);
      assertThat(e.getOrDefault(e.solver())).isEqualTo("hals");
      assertThat(e.getOrDefault(e.featuresCol())).isEqualTo("v");
      assertThat(e.getOrDefault(e.weightsCol())).isEqualTo("w");
      assertThat(e.getOrDefault(e.checkpointInterval())).isEqualTo(-1);
    }
    SparkNmf kl = new SparkNmf().setLoss("kullback-leibler");
    assertThat(kl.getOrDefault(kl.loss())).isEqualTo("kullback-leibler");
  }

  @Test
  void invalidValuesAreRejectedWhenSet() {
    assertThatThrownBy(() -> new SparkNmf().setRank(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
    assertThatThrownBy(() -> new SparkNmf().setMaxIter(0)).hasMessageContaining("maxIter");
    assertThatThrownBy(() -> new SparkNmf().setTol(-1e-3)).hasMessageContaining("tol");
    assertThatThrownBy(() -> new SparkNmf().setSolver("als")).hasMessageContaining("solver");
    assertThatThrownBy(() -> new SparkNmf().setLoss("l1")).hasMessageContaining("loss");
    assertThatThrownBy(() -> new SparkNmf().setCheckpointInterval(0))
        .hasMessageContaining("checkpointInterval");
  }
}
