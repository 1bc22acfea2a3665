package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The beta-divergence losses ({@link Loss#ITAKURA_SAITO}, {@link Nmf.Builder#betaLoss}) beyond
 * the scikit-learn fixtures of {@link MuOptionsReferenceTest}: the divergence never increases,
 * the sparse path equals the dense one, thread counts and scaling change nothing, and bad
 * settings or data are rejected with what and where.
 */
class BetaDivergenceTest {

  /** Rise of the divergence allowed between two iterations, relative: rounding only. */
  private static final double RISE = 1e-12;
  /** Norm-wise relative difference allowed between the sparse and the dense fit. */
  private static final double SAME_FIT = 1e-12;

  /** A positive {@code n x p} matrix (no zeros), so that every beta applies. */
  private static Matrix positive(int n, int p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n * p];
    for (int i = 0; i < a.length; i++) {
      a[i] = 0.01 + r.nextDouble() * r.nextDouble() * 5;
    }
    return Matrix.wrap(n, p, a);
  }

  private static double relativeDifference(Matrix a, Matrix b) {
    return a.subtract(b).frobeniusNorm() / b.frobeniusNorm();
  }

  @ParameterizedTest(name = "beta {0}")
  @ValueSource(doubles = {-1, -0.5, 0, 0.5, 1.5, 2.5, 3, 4})
  void theDivergenceNeverIncreases(double beta) {
    Matrix v = positive(37, 23, 11);
    NmfModel model = Nmf.builder().rank(4).betaLoss(beta).seed(2).maxIterations(60)
        .checkEvery(1).tolerance(0).fit(v);
    double[] history = model.lossHistory();
    assertThat(history).hasSize(61);
    for (int t = 1; t < history.length; t++) {
      assertThat(history[t]).as("iteration %d", t)
          .isLessThanOrEqualTo(history[t - 1] * (1 + RISE));
    }
    assertThat(history[60]).isLessThan(history[0]);
    assertThat(model.reconstructionError()).isEqualTo(history[60]);
  }

  @Test
  void namedBetasAreTheNamedLosses() {
    assertThat(Nmf.builder().rank(2).betaLoss(2).build().settings().loss())
        .isEqualTo(Loss.FROBENIUS);
    assertThat(Nmf.builder().rank(2).betaLoss(1).build().settings().loss())
        .isEqualTo(Loss.KULLBACK_LEIBLER);
    NmfSettings is = Nmf.builder().rank(2).betaLoss(-0.0).build().settings();
    assertThat(is.loss()).isEqualTo(Loss.ITAKURA_SAITO);
    assertThat(is.beta()).isEqualTo(0.0);
    assertThat(Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO).build().settings().beta())
        .isEqualTo(0.0);
    NmfSettings other = Nmf.builder().rank(2).betaLoss(1.5).build().settings();
    assertThat(other.loss()).isEqualTo(Loss.BETA_DIVERGENCE);
    assertThat(other.beta()).isEqualTo(1.5);
    assertThat(other.toString()).contains("loss=BETA_DIVERGENCE, beta=1.5");
    Nmf nmf = Nmf.builder().rank(2).betaLoss(3).build();
    assertThat(nmf.toBuilder().build().settings()).isEqualTo(nmf.settings());
    // loss(...) after betaLoss(...) resets beta
    assertThat(Nmf.builder().rank(2).betaLoss(3).loss(Loss.KULLBACK_LEIBLER).build().settings()
        .beta()).isEqualTo(1.0);

    Matrix v = positive(20, 15, 4);
    NmfModel byBeta = Nmf.builder().rank(3).betaLoss(2).seed(1).maxIterations(20).fit(v);
    NmfModel byLoss = Nmf.builder().rank(3).loss(Loss.FROBENIUS).seed(1).maxIterations(20)
        .fit(v);
    assertThat(byBeta.w()).isEqualTo(byLoss.w());
    assertThat(byBeta.h()).isEqualTo(byLoss.h());
  }

  @ParameterizedTest(name = "beta {0}")
  @ValueSource(doubles = {0, 0.5, 3})
  void aScaledFitIsTheScaledFitAndItsErrorScalesAsSqrtOfTwoD(double beta) {
    // V times 4 (a power of four): factors exactly twice; sqrt(2 D) of degree beta / 2 in V
    Matrix v = positive(25, 18, 8);
    Nmf nmf = Nmf.builder().rank(3).betaLoss(beta).seed(5).maxIterations(30).tolerance(0)
        .initialization(Initialization.RANDOM).build();
    NmfModel one = nmf.fit(v);
    NmfModel four = nmf.fit(v.scale(4));
    assertThat(four.w()).isEqualTo(one.w().scale(2));
    assertThat(four.h()).isEqualTo(one.h().scale(2));
    assertThat(four.reconstructionError())
        .isCloseTo(one.reconstructionError() * Math.pow(4, beta / 2),
            org.assertj.core.data.Percentage.withPercentage(1e-10));
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    Matrix v = positive(3100, 20, 21);
    for (double beta : new double[] {0, 1.5, 3}) {
      Nmf.Builder b = Nmf.builder().rank(4).betaLoss(beta).seed(9).maxIterations(8)
          .alphaW(0.001).l1Ratio(0.5);
      NmfModel one = b.threads(1).fit(v);
      for (int threads : new int[] {2, 3, 8}) {
        NmfModel many = b.threads(threads).fit(v);
        assertThat(many.w()).as("beta %s, %d threads", beta, threads).isEqualTo(one.w());
        assertThat(many.h()).isEqualTo(one.h());
        assertThat(many.lossHistory()).isEqualTo(one.lossHistory());
        assertThat(one.transform(v)).isEqualTo(many.transform(v));
      }
    }
  }

  @ParameterizedTest(name = "beta {0}")
  @ValueSource(doubles = {0.5, 1.5, 3})
  void aSparseFitIsTheDenseFitWithImplicitZeros(double beta) {
    SparseMatrix sparse = SparseNmfTest.sparse(60, 40, 0.3, 6);
    Matrix dense = sparse.toDense();
    Nmf nmf = Nmf.builder().rank(4).betaLoss(beta).seed(3).maxIterations(25).tolerance(0)
        .alphaW(0.002).l1Ratio(0.4).build();
    NmfModel s = nmf.fit(sparse);
    NmfModel d = nmf.fit(dense);
    assertThat(relativeDifference(s.w(), d.w())).isLessThan(SAME_FIT);
    assertThat(relativeDifference(s.h(), d.h())).isLessThan(SAME_FIT);
    assertThat(s.reconstructionError())
        .isCloseTo(d.reconstructionError(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    assertThat(relativeDifference(s.transform(sparse), d.transform(dense)))
        .isLessThan(SAME_FIT);
  }

  @Test
  void itakuraSaitoOnASparseMatrixStoringEveryEntryIsTheDenseFit() {
    Matrix dense = positive(30, 20, 3);
    SparseMatrix sparse = SparseMatrix.of(dense);
    Nmf nmf = Nmf.builder().rank(3).loss(Loss.ITAKURA_SAITO).seed(4).maxIterations(20).build();
    NmfModel s = nmf.fit(sparse);
    NmfModel d = nmf.fit(dense);
    assertThat(relativeDifference(s.w(), d.w())).isLessThan(SAME_FIT);
    assertThat(relativeDifference(s.h(), d.h())).isLessThan(SAME_FIT);
  }

  @Test
  void betaAtMostZeroRejectsTheFirstZeroByRowAndColumn() {
    double[] a = positive(4, 5, 1).toRowMajorArray();
    a[1 * 5 + 3] = 0;
    a[2 * 5 + 1] = 0;
    Matrix v = Matrix.wrap(4, 5, a);
    assertThatThrownBy(() -> Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO).fit(v))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero at row 1, column 3 of v")
        .hasMessageContaining("Itakura-Saito");
    assertThatThrownBy(() -> Nmf.builder().rank(2).betaLoss(-0.5).fit(v))
        .hasMessageContaining("zero at row 1, column 3 of v")
        .hasMessageContaining("beta = -0.5");
    // a sparse V: an entry not stored is a zero too, as in scikit-learn (X.min() == 0)
    SparseMatrix s = SparseMatrix.of(positive(3, 4, 2));
    SparseMatrix holed = SparseMatrix.fromTriplets(3, 4, new int[] {0, 0, 0, 0, 1},
        new int[] {0, 1, 2, 3, 0}, new double[] {1, 2, 3, 4, 5});
    assertThat(Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO).fit(s).w().rows()).isEqualTo(3);
    assertThatThrownBy(() -> Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO).fit(holed))
        .hasMessageContaining("zero at row 1, column 1 of v");
    // transform checks its own input
    NmfModel model = Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO)
        .fit(positive(4, 5, 1));
    assertThatThrownBy(() -> model.transform(v))
        .hasMessageContaining("zero at row 1, column 3 of x");
    // beta > 0 accepts zeros
    assertThat(Nmf.builder().rank(2).betaLoss(0.5).fit(v).w().rows()).isEqualTo(4);
  }

  @Test
  void badSettingsAreRejectedWithTheirValue() {
    assertThatThrownBy(() -> Nmf.builder().betaLoss(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("beta must be finite, was NaN");
    assertThatThrownBy(() -> Nmf.builder().betaLoss(Double.NEGATIVE_INFINITY))
        .hasMessage("beta must be finite, was -Infinity");
    assertThatThrownBy(() -> Nmf.builder().loss(Loss.BETA_DIVERGENCE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("betaLoss(double)");
    assertThatThrownBy(() -> Nmf.builder().rank(2).solver(Solver.HALS)
        .loss(Loss.ITAKURA_SAITO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HALS").hasMessageContaining("ITAKURA_SAITO");
    assertThatThrownBy(() -> Nmf.builder().rank(2).solver(Solver.HALS).betaLoss(1.5).build())
        .hasMessageContaining("BETA_DIVERGENCE (beta 1.5)");
    assertThatThrownBy(() -> DistributedNmf.of(Nmf.builder().rank(2)
        .initialization(Initialization.RANDOM).loss(Loss.ITAKURA_SAITO).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ITAKURA_SAITO");
  }

  @Test
  void theCallersMatrixIsNotModified() {
    Matrix v = positive(12, 9, 7);
    double[] before = v.toRowMajorArray();
    NmfModel model = Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO).maxIterations(5).fit(v);
    model.transform(v);
    assertThat(v.toRowMajorArray()).isEqualTo(before);
  }
}
