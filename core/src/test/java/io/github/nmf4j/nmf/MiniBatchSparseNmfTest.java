package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MiniBatchNmf} and {@link OnlineNmf} on a {@link SparseMatrix}: the stored entries give
 * the dense fit of the same matrix, up to rounding, for every loss, with and without fresh
 * restarts and penalties, for any thread count.
 */
class MiniBatchSparseNmfTest {

  /** Relative difference allowed between the sparse and the dense fit (rounding only). */
  private static final double SAME = 1e-12;

  /**
   * {@link MiniBatchNmfTest#planted} with about {@code zeros} of its entries set to 0, {@code n
   * x p} at rank k.
   */
  private static Matrix planted(int n, int p, int k, double zeros, long seed) {
    SplittableRandom r = new SplittableRandom(seed + 100);
    double[] a = MiniBatchNmfTest.planted(n, p, k, seed).toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      if (r.nextDouble() < zeros) {
        a[i] = 0;
      }
    }
    return Matrix.wrap(n, p, a);
  }

  /** {@code ||a - b||_F / ||a||_F}. */
  private static double relative(Matrix a, Matrix b) {
    return a.subtract(b).frobeniusNorm() / a.frobeniusNorm();
  }

  private static void assertSame(NmfModel sparse, NmfModel dense, String what) {
    assertThat(relative(dense.w(), sparse.w())).as("W " + what).isLessThanOrEqualTo(SAME);
    assertThat(relative(dense.h(), sparse.h())).as("H " + what).isLessThanOrEqualTo(SAME);
    assertThat(sparse.reconstructionError()).as("error " + what)
        .isCloseTo(dense.reconstructionError(),
            org.assertj.core.data.Percentage.withPercentage(100 * SAME));
    assertThat(sparse.relativeError()).as("relative error " + what)
        .isCloseTo(dense.relativeError(),
            org.assertj.core.data.Percentage.withPercentage(100 * SAME));
    assertThat(sparse.iterations()).as("passes " + what).isEqualTo(dense.iterations());
  }

  @Test
  void aSparseMatrixGivesTheDenseFit() {
    Matrix v = planted(500, 60, 4, 0.6, 3);
    SparseMatrix s = SparseMatrix.of(v);
    assertThat(s.nonZeros()).isLessThan(500 * 60 / 2);
    for (double beta : new double[] {2, 1, 1.5, 3, 0.5}) {
      for (boolean fresh : new boolean[] {false, true}) {
        MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(4).betaLoss(beta).batchSize(170)
            .maxIterations(4).tolerance(0).maxNoImprovement(0).freshRestarts(fresh)
            .alphaW(0.001).l1Ratio(0.3).seed(5);
        String what = "beta " + beta + " fresh " + fresh;
        NmfModel dense = b.fit(v);
        assertSame(b.fit(s), dense, what);
        assertThat(b.threads(3).fit(s).h()).as(what).isEqualTo(b.threads(1).fit(s).h());
      }
    }
  }

  @Test
  void itakuraSaitoOnAFullyStoredSparseMatrixGivesTheDenseFit() {
    Matrix v = planted(300, 30, 3, 0, 4);
    MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(3).loss(Loss.ITAKURA_SAITO)
        .batchSize(100).maxIterations(3).seed(2);
    assertSame(b.fit(SparseMatrix.of(v)), b.fit(v), "itakura-saito");
    double[] a = v.toRowMajorArray();
    a[4 * 30 + 7] = 0;
    assertThatThrownBy(() -> b.fit(SparseMatrix.of(Matrix.wrap(300, 30, a))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero at row 4, column 7 of v");
  }

  @Test
  void sparseBatchesOfAnOnlineFitGiveTheDenseBatches() {
    Matrix v = planted(240, 25, 3, 0.5, 6);
    for (double beta : new double[] {2, 1, 1.5}) {
      MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(3).betaLoss(beta).seed(1);
      OnlineNmf dense = b.start(25);
      OnlineNmf sparse = b.start(25);
      for (int pass = 0; pass < 2; pass++) {
        for (int start = 0; start < 240; start += 80) {
          Matrix batch = MiniBatchNmfReferenceTest.rows(v, start, start + 80);
          Matrix wDense = dense.partialFit(batch);
          Matrix wSparse = sparse.partialFit(SparseMatrix.of(batch));
          assertThat(relative(wDense, wSparse)).as("beta %s", beta).isLessThanOrEqualTo(SAME);
        }
      }
      assertThat(relative(dense.components(), sparse.components())).isLessThanOrEqualTo(SAME);
    }
    OnlineNmf online = MiniBatchNmf.builder().rank(2).start(5);
    assertThatThrownBy(() -> online.partialFit(SparseMatrix.of(Matrix.zeros(3, 4))))
        .hasMessage("batch has 4 columns (3x4), expected 5");
    assertThatThrownBy(() -> online.partialFit((SparseMatrix) null))
        .hasMessage("batch must not be null");
  }
}
