package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The public API end to end: shapes, defaults, planted recovery, losses, model operations. */
class NmfTest {

  /** Relative reconstruction error a planted exact factorization must reach. */
  private static final double PLANTED = 1e-6;
  /** Agreement of two computations of the same loss (trace identity vs. exact pass). */
  private static final double SAME_LOSS = 1e-9;

  @Test
  void theOneLinerWorksWithTheDefaults() {
    Matrix v = TestMatrices.noisyLowRank(40, 30, 9, 0.1, 1);
    NmfModel model = Nmf.builder().rank(9).fit(v);

    assertThat(model.w().shape()).isEqualTo("40x9");
    assertThat(model.h().shape()).isEqualTo("9x30");
    assertThat(model.rank()).isEqualTo(9);
    assertThat(model.initialization()).contains(Initialization.NNDSVDA);
    assertThat(model.settings().loss()).isEqualTo(Loss.FROBENIUS);
    assertThat(model.settings().maxIterations()).isEqualTo(200);
    assertThat(model.settings().tolerance()).isEqualTo(1e-4);
    assertThat(model.settings().checkEvery()).isEqualTo(10);
    assertThat(TestMatrices.allFiniteNonNegative(model.w())).isTrue();
    assertThat(TestMatrices.allFiniteNonNegative(model.h())).isTrue();
    assertThat(model.relativeError()).isLessThan(0.1);
    assertThat(model.lossHistory()).hasSize(1 + model.iterations() / 10);
  }

  @Test
  void theDefaultInitializationIsRandomWhenTheRankExceedsTheShape() {
    NmfModel model = Nmf.builder().rank(12).maxIterations(10)
        .fit(TestMatrices.uniform(10, 30, 1, 2));
    assertThat(model.initialization()).contains(Initialization.RANDOM);
  }

  /**
   * Multiplicative updates can linger for thousands of iterations on a plateau before they
   * reach an exact solution (this seed does with a single random start); restarts keep the best
   * of three.
   */
  @ParameterizedTest
  @EnumSource(value = Loss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
  void aPlantedFactorizationIsRecovered(Loss loss) {
    Matrix v = TestMatrices.planted(40, 30, 5, 3);
    NmfModel model = Nmf.builder().rank(5).loss(loss).initialization(Initialization.RANDOM)
        .restarts(3).maxIterations(20_000).tolerance(0).checkEvery(1000).seed(3).fit(v);

    double direct = v.subtract(model.w().multiply(model.h())).frobeniusNorm()
        / v.frobeniusNorm();
    assertThat(direct).isLessThan(PLANTED);
    assertThat(model.relativeError()).isCloseTo(direct, org.assertj.core.data.Offset.offset(
        1e-12));
  }

  @ParameterizedTest
  @EnumSource(value = Loss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
  void reconstructionErrorIsTheLossOfTheFinalFactors(Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(50, 20, 4, 0.5, 4);
    NmfModel model = Nmf.builder().rank(4).loss(loss).maxIterations(50).tolerance(0).fit(v);
    Matrix wh = model.w().multiply(model.h());
    double expected = loss == Loss.FROBENIUS
        ? v.subtract(wh).frobeniusNorm() : divergence(v, wh);
    assertThat(model.reconstructionError()).isCloseTo(expected,
        org.assertj.core.data.Percentage.withPercentage(1e-9));
    double[] history = model.lossHistory();
    assertThat(history).hasSize(6);
    assertThat(history[5]).isCloseTo(expected,
        org.assertj.core.data.Percentage.withPercentage(100 * SAME_LOSS));
  }

  private static double divergence(Matrix v, Matrix wh) {
    double d = 0;
    for (int i = 0; i < v.rows(); i++) {
      for (int j = 0; j < v.cols(); j++) {
        double x = v.get(i, j);
        double y = wh.get(i, j);
        d += y - x + (x > 0 ? x * Math.log(x / y) : 0);
      }
    }
    return d;
  }

  @Test
  void convergenceFollowsScikitLearnsTest() {
    Matrix v = TestMatrices.noisyLowRank(60, 25, 3, 0.3, 5);
    NmfModel model = Nmf.builder().rank(3).tolerance(1e-3).maxIterations(500).fit(v);
    double[] h = model.lossHistory();
    int last = h.length - 1;
    assertThat(model.converged()).isTrue();
    assertThat(model.iterations()).isEqualTo(10 * last);
    assertThat((h[last - 1] - h[last]) / h[0]).isLessThan(1e-3);
    for (int j = 1; j < last; j++) {
      assertThat((h[j - 1] - h[j]) / h[0]).isGreaterThanOrEqualTo(1e-3);
    }
    NmfModel all = Nmf.builder().rank(3).tolerance(0).maxIterations(37).fit(v);
    assertThat(all.converged()).isFalse();
    assertThat(all.iterations()).isEqualTo(37);
    assertThat(all.lossHistory()).hasSize(4);
  }

  @Test
  void scalingTheDataByAPowerOfFourScalesTheFactorsExactly() {
    Matrix v = TestMatrices.uniform(30, 20, 1, 6);
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      Nmf nmf = Nmf.builder().rank(3).loss(loss).initialization(Initialization.RANDOM)
          .maxIterations(30).build();
      NmfModel a = nmf.fit(v);
      NmfModel b = nmf.fit(v.scale(4));
      assertThat(b.w()).isEqualTo(a.w().scale(2));
      assertThat(b.h()).isEqualTo(a.h().scale(2));
      assertThat(b.reconstructionError()).isEqualTo(
          a.reconstructionError() * 4);
    }
  }

  @Test
  void clusterLabelsAreTheArgmaxOfEachRowOfW() {
    Matrix w0 = Matrix.of(new double[][] {{5, 0, 0}, {0, 0, 4}, {0, 3, 0}, {1, 1, 0}});
    Matrix h0 = TestMatrices.uniform(3, 6, 1, 7);
    NmfModel model = Nmf.builder().initialFactors(w0, h0).maxIterations(1).fit(
        w0.multiply(h0));
    int[] labels = model.clusterLabels();
    for (int i = 0; i < 4; i++) {
      double[] row = model.w().row(i);
      int best = 0;
      for (int j = 1; j < 3; j++) {
        best = row[j] > row[best] ? j : best;
      }
      assertThat(labels[i]).isEqualTo(best);
    }
    assertThat(labels).startsWith(0, 2, 1);
  }

  @Test
  void inverseTransformIsWTimesH() {
    NmfModel model = Nmf.builder().rank(2).maxIterations(5).fit(TestMatrices.uniform(8, 5, 1, 8));
    Matrix w = TestMatrices.uniform(3, 2, 1, 9);
    assertThat(model.inverseTransform(w)).isEqualTo(w.multiply(model.h()));
  }

  /**
   * scikit-learn issue #18663: {@code fit(X).transform(X)} can reconstruct X much worse than the
   * fit did. Here W for the training rows, with H fixed, is at least as good (within 1%).
   */
  @ParameterizedTest
  @EnumSource(value = Loss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
  void transformOfTheTrainingDataReconstructsItAsWellAsTheFit(Loss loss) {
    for (Initialization init : Initialization.values()) {
      Matrix v = TestMatrices.noisyLowRank(120, 40, 5, 0.3, 10);
      NmfModel model = Nmf.builder().rank(5).loss(loss).initialization(init).fit(v);
      Matrix w = model.transform(v);
      double relative = v.subtract(w.multiply(model.h())).frobeniusNorm() / v.frobeniusNorm();
      assertThat(relative).as("%s %s", loss, init).isLessThan(1.01 * model.relativeError());
    }
  }

  @Test
  void restartsKeepTheLowestFinalLoss() {
    Matrix v = TestMatrices.noisyLowRank(50, 30, 6, 0.4, 11);
    List<Double> lastLoss = new ArrayList<>();
    NmfModel model = Nmf.builder().rank(6).initialization(Initialization.RANDOM).restarts(4)
        .maxIterations(40).tolerance(0).seed(12)
        .listener(p -> {
          if (p.iteration() == p.maxIterations()) {
            assertThat(p.restarts()).isEqualTo(4);
            assertThat(p.restart()).isEqualTo(lastLoss.size());
            lastLoss.add(p.loss().orElseThrow());
          }
        })
        .fit(v);
    assertThat(lastLoss).hasSize(4);
    int best = 0;
    for (int r = 1; r < 4; r++) {
      best = lastLoss.get(r) < lastLoss.get(best) ? r : best;
    }
    assertThat(lastLoss).doesNotHaveDuplicates();
    assertThat(model.restart()).isEqualTo(best);
    assertThat(model.reconstructionError()).isCloseTo(lastLoss.get(best),
        org.assertj.core.data.Percentage.withPercentage(100 * SAME_LOSS));
    NmfModel single = Nmf.builder().rank(6).initialization(Initialization.RANDOM)
        .maxIterations(40).tolerance(0).seed(12).fit(v);
    assertThat(model.reconstructionError()).isLessThanOrEqualTo(single.reconstructionError());
  }

  @Test
  void deterministicStartsRunOnce() {
    List<Integer> restarts = new ArrayList<>();
    Nmf.builder().rank(3).initialization(Initialization.NNDSVDA).restarts(5).maxIterations(3)
        .listener(p -> restarts.add(p.restart()))
        .fit(TestMatrices.uniform(20, 10, 1, 13));
    assertThat(restarts).containsExactly(0, 0, 0);
  }

  @Test
  void theListenerSeesEveryIterationAndTheLossesWhenComputed() {
    Matrix v = TestMatrices.uniform(30, 12, 1, 14);
    List<Integer> iterations = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    NmfModel model = Nmf.builder().rank(2).maxIterations(25).checkEvery(5).tolerance(0)
        .listener(p -> {
          iterations.add(p.iteration());
          assertThat(p.maxIterations()).isEqualTo(25);
          assertThat(p.loss().isPresent()).isEqualTo(p.iteration() % 5 == 0);
          p.loss().ifPresent(losses::add);
        })
        .fit(v);
    assertThat(iterations).hasSize(25).startsWith(1, 2, 3).endsWith(25);
    double[] history = model.lossHistory();
    assertThat(history).hasSize(6);
    for (int j = 0; j < 5; j++) {
      assertThat(losses.get(j)).isEqualTo(history[j + 1]);
    }
  }

  @Test
  void aRankLargerThanTheDataStillFits() {
    Matrix v = TestMatrices.uniform(4, 3, 1, 15);
    NmfModel model = Nmf.builder().rank(6).maxIterations(500).fit(v);
    assertThat(model.relativeError()).isLessThan(0.05);
  }

  @Test
  void aSingleElementMatrixFits() {
    NmfModel model = Nmf.builder().rank(1).tolerance(0).maxIterations(50)
        .fit(Matrix.of(new double[][] {{7}}));
    assertThat(model.w().get(0, 0) * model.h().get(0, 0)).isCloseTo(7,
        org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theSeedChangesRandomStarts() {
    Matrix v = TestMatrices.uniform(20, 10, 1, 16);
    Nmf.Builder b = Nmf.builder().rank(3).initialization(Initialization.RANDOM).maxIterations(5);
    assertThat(b.seed(1).fit(v).w()).isNotEqualTo(b.seed(2).fit(v).w());
    assertThat(b.seed(1).fit(v).w()).isEqualTo(b.seed(1).fit(v).w());
  }

  static SplittableRandom random(long seed) {
    return new SplittableRandom(seed);
  }
}
