package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.SparseAccess;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SparseFrobeniusMu}, the MU Frobenius fit of a sparse V in two passes per iteration, on
 * shapes wide and long enough for many blocks and chunks in both passes ({@link RowBlocks}: 128
 * rows or columns per block, at most 32 chunks): {@link FrobeniusMu}'s iterations to the bit, the
 * dense fit of the same matrix, and the same bits on any number of threads.
 */
class SparseFrobeniusMuTest {

  /** 300 x 4500 at 1%: 3 row blocks and 36 column blocks in 18 chunks of two. */
  private static final SparseMatrix WIDE = SparseNmfTest.sparse(300, 4500, 0.01, 21);
  /** 4500 x 120 at 3%: 36 row blocks, one column block. */
  private static final SparseMatrix LONG = SparseNmfTest.sparse(4500, 120, 0.03, 22);

  private static Nmf.Builder settings() {
    return Nmf.builder().rank(5).seed(4).tolerance(0).maxIterations(40);
  }

  @Test
  void eachIterationIsFrobeniusMusToTheBit() {
    double[] scaled = SparseAccess.values(WIDE).clone();
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = Math.scalb(scaled[i], 1000); // products with factors scaled by 2^-1000
    }
    SparseMatrix huge = SparseMatrix.fromCsr(WIDE.rows(), WIDE.cols(),
        SparseAccess.rowPointers(WIDE), SparseAccess.columnIndices(WIDE), scaled);
    for (SparseMatrix v : new SparseMatrix[] {WIDE, LONG, huge}) {
      for (double alpha : new double[] {0, 0.003}) {
        for (int threads : new int[] {1, 3}) {
          NmfSettings settings = settings().alphaW(alpha).alphaH(2 * alpha).l1Ratio(0.4).build()
              .settings();
          Parallel par = Parallel.of(threads);
          ScaledData data = SparseData.of(v, "v", par);
          Problem problem = new Problem(settings, data, 5, par);
          Factors a = Initializer.random(data, 5, new SplittableRandom(8));
          Factors b = Initializer.random(data, 5, new SplittableRandom(8));
          UpdateRule sparse = new SparseFrobeniusMu(problem, a);
          UpdateRule blockPass = new FrobeniusMu(problem, b, true);
          assertThat(sparse.loss()).isEqualTo(blockPass.loss());
          for (int t = 1; t <= 25; t++) {
            sparse.iterate();
            blockPass.iterate();
            assertThat(a.w).as("W, iteration %d", t).isEqualTo(b.w);
            assertThat(a.h).as("H, iteration %d", t).isEqualTo(b.h);
            assertThat(sparse.loss()).as("loss, iteration %d", t).isEqualTo(blockPass.loss());
          }
        }
      }
    }
  }

  @Test
  void theSparseFitIsTheDenseFit() {
    for (SparseMatrix v : new SparseMatrix[] {WIDE, LONG}) {
      Nmf nmf = settings().build();
      NmfModel sparse = nmf.fit(v);
      NmfModel dense = nmf.fit(v.toDense());
      assertThat(SparseNmfTest.relativeDifference(sparse.w(), dense.w())).isLessThan(1e-12);
      assertThat(SparseNmfTest.relativeDifference(sparse.h(), dense.h())).isLessThan(1e-12);
      assertThat(sparse.reconstructionError())
          .isCloseTo(dense.reconstructionError(),
              org.assertj.core.api.Assertions.within(1e-12 * dense.reconstructionError()));
    }
  }

  @Test
  void penaltiesGiveTheDenseFit() {
    Nmf nmf = settings().alphaW(0.002).alphaH(0.004).l1Ratio(0.3).build();
    NmfModel sparse = nmf.fit(WIDE);
    NmfModel dense = nmf.fit(WIDE.toDense());
    assertThat(dense.h().frobeniusNorm()).isPositive();
    assertThat(SparseNmfTest.relativeDifference(dense.w(), settings().build().fit(WIDE).w()))
        .as("the penalties change the fit").isGreaterThan(1e-6);
    assertThat(SparseNmfTest.relativeDifference(sparse.w(), dense.w())).isLessThan(1e-12);
    assertThat(SparseNmfTest.relativeDifference(sparse.h(), dense.h())).isLessThan(1e-12);
  }

  @Test
  void hugeValuesTakeScaledOperandsAndGiveTheDenseFit() {
    // beyond 2^900 the products are taken with factors scaled by a power of two; a random start,
    // because the NNDSVD starts of a sparse and a dense V that large differ (their SVDs do)
    double[] values = SparseAccess.values(WIDE).clone();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.scalb(values[i], 1000);
    }
    SparseMatrix huge = SparseMatrix.fromCsr(WIDE.rows(), WIDE.cols(),
        SparseAccess.rowPointers(WIDE), SparseAccess.columnIndices(WIDE), values);
    Nmf nmf = settings().initialization(Initialization.RANDOM).build();
    NmfModel sparse = nmf.fit(huge);
    NmfModel dense = nmf.fit(huge.toDense());
    assertThat(TestMatrices.allFiniteNonNegative(sparse.w())).isTrue();
    assertThat(SparseNmfTest.relativeDifference(sparse.w(), dense.w())).isLessThan(1e-12);
    assertThat(SparseNmfTest.relativeDifference(sparse.h(), dense.h())).isLessThan(1e-12);
  }

  @Test
  void bitIdenticalForAnyThreadCount() {
    for (SparseMatrix v : new SparseMatrix[] {WIDE, LONG}) {
      NmfModel one = settings().threads(1).fit(v);
      for (int threads : new int[] {2, 3, 8}) {
        NmfModel again = settings().threads(threads).fit(v);
        assertThat(again.w()).as("%d threads", threads).isEqualTo(one.w());
        assertThat(again.h()).as("%d threads", threads).isEqualTo(one.h());
        assertThat(again.lossHistory()).isEqualTo(one.lossHistory());
      }
    }
  }

  @Test
  void aTransformKeepsTheFixedH() {
    NmfModel model = settings().fit(WIDE);
    Matrix w = model.transform(WIDE);
    assertThat(SparseNmfTest.relativeDifference(w, model.transform(WIDE.toDense())))
        .isLessThan(1e-12);
  }
}
