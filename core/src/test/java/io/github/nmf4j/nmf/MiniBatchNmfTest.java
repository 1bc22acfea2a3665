package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link MiniBatchNmf} and {@link OnlineNmf} beyond the scikit-learn fixtures: a stream of
 * partial fits is the fit, thread counts change nothing, planted factors are found, and bad
 * settings and data are rejected with what and where.
 */
class MiniBatchNmfTest {

  /** W H of planted positive factors, {@code n x p} at rank k, plus a little noise. */
  static Matrix planted(int n, int p, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextDouble();
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = r.nextDouble() < 0.5 ? 0 : r.nextDouble();
    }
    Matrix v = Matrix.wrap(n, k, w).multiply(Matrix.wrap(k, p, h));
    double[] a = v.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] += 0.01 + 0.01 * r.nextDouble();
    }
    return Matrix.wrap(n, p, a);
  }

  @Test
  void aStreamOfPartialFitsIsTheFitWithFreshRestarts() {
    Matrix v = planted(300, 20, 4, 3);
    int batch = 60;
    double forget = 0.7;
    // fresh restarts: W is solved per batch, so W0 is not used; H0 starts both
    MiniBatchNmf.Builder b = MiniBatchNmf.builder().batchSize(batch).freshRestarts(true)
        .tolerance(0).maxNoImprovement(0).maxIterations(2).betaLoss(1.5).alphaW(0.001)
        .initialFactors(Matrix.wrap(300, 4, new double[1200]), startH(v, 4));
    NmfModel fit = b.forgetFactor(forget).fit(v);
    // the fit weighs the past by forget^(batch / n) per batch, a stream by its forget factor
    OnlineNmf online = b.forgetFactor(Math.pow(forget, batch / 300.0)).start(20);
    for (int pass = 0; pass < 2; pass++) {
      for (int start = 0; start < 300; start += batch) {
        Matrix w = online.partialFit(MiniBatchNmfReferenceTest.rows(v, start, start + batch));
        assertThat(w.rows()).isEqualTo(batch);
      }
    }
    assertThat(online.steps()).isEqualTo(10);
    assertThat(online.components()).isEqualTo(fit.h());
    assertThat(online.transform(v)).isEqualTo(fit.transform(v));
  }

  /** A positive H0 for a custom start. */
  private static Matrix startH(Matrix v, int k) {
    SplittableRandom r = new SplittableRandom(9);
    double[] h = new double[k * v.cols()];
    for (int i = 0; i < h.length; i++) {
      h[i] = 0.1 + r.nextDouble();
    }
    return Matrix.wrap(k, v.cols(), h);
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    Matrix v = planted(700, 30, 5, 8);
    for (double beta : new double[] {2, 1, 0}) {
      for (boolean fresh : new boolean[] {false, true}) {
        MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(5).betaLoss(beta).batchSize(300)
            .maxIterations(3).freshRestarts(fresh).alphaW(0.001).l1Ratio(0.5).seed(2);
        NmfModel one = b.threads(1).fit(v);
        for (int threads : new int[] {2, 3, 8}) {
          NmfModel many = b.threads(threads).fit(v);
          assertThat(many.w()).as("beta %s fresh %s threads %d", beta, fresh, threads)
              .isEqualTo(one.w());
          assertThat(many.h()).isEqualTo(one.h());
          assertThat(many.reconstructionError()).isEqualTo(one.reconstructionError());
          assertThat(many.lossHistory()).isEqualTo(one.lossHistory());
        }
      }
    }
  }

  @Test
  void approximatesPlantedFactorsAndStopsWhenNoLongerImproving() {
    Matrix v = planted(2000, 40, 4, 5);
    AtomicInteger steps = new AtomicInteger();
    NmfModel model = MiniBatchNmf.builder().rank(4).batchSize(200).maxIterations(100)
        .seed(1).listener(p -> {
          steps.incrementAndGet();
          assertThat(p.loss()).isPresent();
          assertThat(p.change()).isPresent();
        }).fit(v);
    // scikit-learn 1.2's MiniBatchNMF reaches 0.083 on this data (same shapes and settings)
    assertThat(model.relativeError()).isLessThan(0.1);
    assertThat(steps.get()).isEqualTo(10 * model.iterations());
    assertThat(model.lossHistory()).hasSize(model.iterations());
    assertThat(model.w().rows()).isEqualTo(2000);
    NmfModel one = MiniBatchNmf.builder().rank(4).batchSize(200).maxIterations(1).seed(1)
        .fit(v);
    assertThat(model.reconstructionError()).isLessThan(one.reconstructionError());
    NmfModel early = MiniBatchNmf.builder().rank(4).batchSize(200).maxIterations(100).seed(1)
        .tolerance(0).maxNoImprovement(2).fit(v);
    assertThat(early.converged()).isTrue();
    assertThat(early.iterations()).isLessThan(100);
    // the model's transform solves W for new rows
    Matrix w = model.transform(MiniBatchNmfReferenceTest.rows(v, 0, 10));
    assertThat(w.rows()).isEqualTo(10);
  }

  @Test
  void aListenerCancels() {
    Matrix v = planted(400, 10, 2, 1);
    assertThatThrownBy(() -> MiniBatchNmf.builder().rank(2).batchSize(50).listener(p -> {
      if (p.iteration() == 3) {
        p.cancel();
      }
    }).fit(v)).isInstanceOf(CancellationException.class);
  }

  @Test
  void settingsAndToBuilder() {
    MiniBatchNmf m = MiniBatchNmf.builder().rank(3).alphaW(0.2).betaLoss(0.5).batchSize(7)
        .forgetFactor(0.4).build();
    MiniBatchNmfSettings s = m.settings();
    assertThat(s.alphaH()).isEqualTo(0.2);
    assertThat(s.loss()).isEqualTo(Loss.BETA_DIVERGENCE);
    assertThat(s.transformMaxIterations()).isEqualTo(200);
    assertThat(s.maxNoImprovement()).isEqualTo(10);
    assertThat(m.toBuilder().build().settings()).isEqualTo(s);
    assertThat(m.toBuilder().alphaW(0.5).maxIterations(9).build().settings())
        .extracting(MiniBatchNmfSettings::alphaH, MiniBatchNmfSettings::transformMaxIterations)
        .containsExactly(0.5, 9);
  }

  @Test
  void badSettingsAndDataAreRejectedWithWhatAndWhere() {
    assertThatThrownBy(() -> MiniBatchNmf.builder().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize must be >= 1, was 0");
    assertThatThrownBy(() -> MiniBatchNmf.builder().forgetFactor(-0.5))
        .hasMessage("forgetFactor must be finite and >= 0, was -0.5");
    assertThatThrownBy(() -> MiniBatchNmf.builder().l1Ratio(2))
        .hasMessage("l1Ratio must be in [0, 1], was 2.0");
    assertThatThrownBy(() -> MiniBatchNmf.builder().alphaH(Double.NaN))
        .hasMessage("alphaH must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> MiniBatchNmf.builder().maxNoImprovement(-1))
        .hasMessageContaining("maxNoImprovement");
    assertThatThrownBy(() -> MiniBatchNmf.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> MiniBatchNmf.builder().rank(3)
        .initialFactors(Matrix.zeros(6, 2), Matrix.zeros(2, 5)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rank 3 differs from the rank 2 of the initial factors (W 6x2, H 2x5)");

    double[] a = planted(6, 5, 2, 2).toRowMajorArray();
    a[2 * 5 + 4] = -1;
    assertThatThrownBy(() -> MiniBatchNmf.builder().rank(2).fit(Matrix.wrap(6, 5, a)))
        .hasMessageContaining("negative value -1.0 at row 2, column 4 of v");
    a[2 * 5 + 4] = 0;
    assertThatThrownBy(() -> MiniBatchNmf.builder().rank(2).loss(Loss.ITAKURA_SAITO)
        .fit(Matrix.wrap(6, 5, a))).hasMessageContaining("zero at row 2, column 4 of v");

    OnlineNmf online = MiniBatchNmf.builder().rank(2).loss(Loss.ITAKURA_SAITO).start(5);
    assertThatThrownBy(online::components).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> online.partialFit(Matrix.wrap(6, 5, a)))
        .hasMessageContaining("zero at row 2, column 4 of batch");
    assertThatThrownBy(() -> online.partialFit(planted(3, 4, 2, 1)))
        .hasMessage("batch has 4 columns (3x4), expected 5");
    assertThatThrownBy(() -> MiniBatchNmf.builder().rank(2).start(0))
        .hasMessage("features must be >= 1, was 0");
  }

  @Test
  void theCallersMatrixIsNotModified() {
    Matrix v = planted(90, 8, 2, 4);
    double[] before = v.toRowMajorArray();
    MiniBatchNmf.builder().rank(2).batchSize(30).maxIterations(3).fit(v);
    MiniBatchNmf.builder().rank(2).start(8).partialFit(v);
    assertThat(v.toRowMajorArray()).isEqualTo(before);
  }
}
