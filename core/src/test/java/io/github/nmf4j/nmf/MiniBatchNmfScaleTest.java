package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MiniBatchNmf} and {@link OnlineNmf} on data whose values are beyond what the raw
 * arithmetic survives (about {@code 2^±400}, see {@link MiniBatchScale}): the fit of {@code V 4^j}
 * is, bit for bit, {@code 2^j} times the fit of V (V's largest value in {@code [1, 4)}), with
 * the errors and losses in the caller's units, for every loss, dense and sparse, with penalties
 * (converted as {@link Penalties} does) and for any thread count. The start is the copy's
 * (NNDSVDA by default), so the equality holds for the default start too. Without the scaling
 * the fits of {@code V 4^300} are NaN.
 */
class MiniBatchNmfScaleTest {

  /** {@code 4^J}: the data of the tests are V times {@code 2^(2J)} and {@code 2^(-2J)}. */
  private static final int J = 300;

  /**
   * {@link MiniBatchNmfTest#planted} with about {@code zeros} of its entries set to 0 (none for
   * beta {@code <= 0}), times the power of four that puts its largest value in {@code [1, 4)}:
   * so that V and {@code V 4^±J} are scaled to the same values.
   */
  private static Matrix data(int n, int p, int k, double zeros, long seed) {
    SplittableRandom r = new SplittableRandom(seed + 7);
    double[] a = MiniBatchNmfTest.planted(n, p, k, seed).toRowMajorArray();
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      if (r.nextDouble() < zeros) {
        a[i] = 0;
      }
      max = Math.max(max, a[i]);
    }
    int m = ScaledData.halfExponentOf(max);
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], -2 * m);
    }
    return Matrix.wrap(n, p, a);
  }

  private static Matrix scaled(Matrix m, int exponent) {
    double[] a = m.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], exponent);
    }
    return Matrix.wrap(m.rows(), m.cols(), a);
  }

  /** {@code x 2^e} for a possibly fractional e, exactly when e is an integer. */
  private static double times(double x, double e) {
    double whole = Math.floor(e);
    return Math.scalb(x * Math.pow(2, e - whole), (int) whole);
  }

  /**
   * The fit {@code big} of {@code V 4^j} is {@code 2^j} times the fit {@code small} of V: W and
   * H bit for bit, the errors and the loss history in the loss's units.
   */
  private static void assertScaled(NmfModel big, NmfModel small, int j, double beta,
      String what) {
    assertThat(big.w()).as("W " + what).isEqualTo(scaled(small.w(), j));
    assertThat(big.h()).as("H " + what).isEqualTo(scaled(small.h(), j));
    // ||V - WH||_F and D_KL scale as V, by 4^j; sqrt(2 D_beta) by 2^(j beta)
    double errorExponent = beta == 2 || beta == 1 ? 2 * j : j * beta;
    assertThat(big.reconstructionError()).as("error " + what)
        .isEqualTo(times(small.reconstructionError(), errorExponent));
    assertThat(big.relativeError()).as("relative error " + what)
        .isEqualTo(small.relativeError());
    assertThat(big.iterations()).as("passes " + what).isEqualTo(small.iterations());
    assertThat(big.converged()).as("converged " + what).isEqualTo(small.converged());
    double[] expected = small.lossHistory();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = times(expected[i], 2 * j * beta);
    }
    assertThat(big.lossHistory()).as("loss history " + what).containsExactly(expected);
    assertFinite(big.w(), "W " + what);
  }

  private static void assertFinite(Matrix m, String what) {
    for (double x : m.toRowMajorArray()) {
      assertThat(Double.isFinite(x) && x >= 0).as("finite, non-negative " + what).isTrue();
    }
  }

  @Test
  void hugeAndTinyDataGiveTheOrdinaryFitScaledForEveryLoss() {
    for (double beta : new double[] {2, 1, 0, 1.5, 3}) {
      Matrix v = data(400, 30, 4, beta <= 0 ? 0 : 0.4, 3);
      for (boolean fresh : new boolean[] {false, true}) {
        MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(4).betaLoss(beta).batchSize(150)
            .maxIterations(4).tolerance(1e-6).freshRestarts(fresh).seed(5);
        NmfModel small = b.fit(v);
        for (int j : new int[] {J, -J}) {
          String what = "beta " + beta + " fresh " + fresh + " 4^" + j;
          Matrix vj = scaled(v, 2 * j);
          assertScaled(b.fit(vj), small, j, beta, what + " dense");
          if (beta > 0) {
            assertScaled(b.fit(SparseMatrix.of(vj)), b.fit(SparseMatrix.of(v)), j, beta,
                what + " sparse");
          }
        }
      }
    }
  }

  /**
   * Beta 3 at {@code 4^-J}: the units of the penalties' weights, {@code 2^(-5m)} and {@code
   * 2^(-4m)}, overflow; a weight of 0 must stay 0 (it was {@code 0 * Infinity}: the batch
   * costs were NaN, so the fit never stopped early and ran all its passes to another W).
   */
  @Test
  void absentPenaltiesStayAbsentWhereTheirUnitsOverflow() {
    SplittableRandom r = new SplittableRandom(42);
    double[] a = new double[24 * 11];
    for (int i = 0; i < a.length; i++) {
      double x = r.nextDouble() * r.nextDouble() * 3;
      a[i] = r.nextDouble() < 0.3 ? 0 : x;
    }
    a[7] = 3.5;
    Matrix v = Matrix.wrap(24, 11, a);
    MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(3).betaLoss(3).batchSize(8)
        .maxIterations(30).initialization(Initialization.RANDOM).seed(5);
    NmfModel small = b.fit(v);
    assertThat(small.iterations()).as("stops early").isLessThan(30);
    assertScaled(b.fit(scaled(v, -2 * J)), small, -J, 3, "beta 3 4^-" + J + " dense");
    assertScaled(b.fit(SparseMatrix.of(scaled(v, -2 * J))), b.fit(SparseMatrix.of(v)), -J, 3,
        "beta 3 4^-" + J + " sparse");
  }

  @Test
  void penaltiesAreConvertedToTheScaledUnits() {
    Matrix v = data(300, 25, 3, 0.3, 8);
    for (double beta : new double[] {2, 1}) {
      // l1 * s^(1/2 - beta) and l2 * s^(1 - beta) for s = 4^J: with a pure L2 (l1Ratio 0)
      // or L1 (1) penalty the fit of V 4^J with alpha / unit is 2^J times that of V with alpha
      for (double l1Ratio : new double[] {0, 1}) {
        double unit = l1Ratio == 0 ? Math.pow(2, 2 * J * (1 - beta))
            : Math.pow(2, J * (1 - 2 * beta));
        MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(3).betaLoss(beta).batchSize(100)
            .maxIterations(3).l1Ratio(l1Ratio).seed(2);
        NmfModel small = b.alphaW(0.02).alphaH(0.01).fit(v);
        MiniBatchNmf.Builder big = b.alphaW(0.02 / unit).alphaH(0.01 / unit);
        String what = "beta " + beta + " l1Ratio " + l1Ratio;
        assertScaled(big.fit(scaled(v, 2 * J)), small, J, beta, what + " dense");
        assertScaled(big.fit(SparseMatrix.of(scaled(v, 2 * J))),
            b.alphaW(0.02).alphaH(0.01).fit(SparseMatrix.of(v)), J, beta, what + " sparse");
      }
      // l1Ratio 0.5: the two parts convert differently, so no alpha of V gives the same
      // problem; the ordinary fit with the weights converted as Penalties does (exact powers of
      // two for integer beta) is compared instead
      MiniBatchNmf est = MiniBatchNmf.builder().rank(3).betaLoss(beta).batchSize(100)
          .maxIterations(3).alphaW(0.02).alphaH(0.01).l1Ratio(0.5).seed(2).build();
      NmfModel small = MiniBatchFitter.fit(est, ScaledData.of(v, "v", Parallel.serial()),
          Parallel.serial(), MiniBatchScale.penaltiesOnly(J, beta));
      assertScaled(est.fit(scaled(v, 2 * J)), small, J, beta, "beta " + beta + " l1Ratio 0.5");
      assertThat(small.h()).isNotEqualTo(est.fit(v).h());
    }
  }

  @Test
  void threadsChangeNothingForHugeData() {
    Matrix v = scaled(data(600, 40, 4, 0.3, 4), 2 * J);
    for (double beta : new double[] {2, 1, 0.5}) {
      MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(4).betaLoss(beta).batchSize(300)
          .maxIterations(3).alphaW(1e-3).l1Ratio(0.5).seed(1);
      NmfModel one = b.threads(1).fit(v);
      NmfModel three = b.threads(3).fit(v);
      assertThat(three.w()).isEqualTo(one.w());
      assertThat(three.h()).isEqualTo(one.h());
      assertThat(three.reconstructionError()).isEqualTo(one.reconstructionError());
      assertFinite(one.h(), "");
      assertThat(b.threads(3).fit(SparseMatrix.of(v)).h())
          .isEqualTo(b.threads(1).fit(SparseMatrix.of(v)).h());
    }
  }

  @Test
  void theListenerGetsTheLossesInTheCallersUnits() {
    Matrix v = data(200, 20, 3, 0.2, 6);
    List<Double> small = new ArrayList<>();
    List<Double> big = new ArrayList<>();
    MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(3).loss(Loss.KULLBACK_LEIBLER)
        .batchSize(50).maxIterations(2).seed(3);
    b.listener((Progress pr) -> small.add(pr.loss().getAsDouble())).fit(v);
    b.listener((Progress pr) -> big.add(pr.loss().getAsDouble())).fit(scaled(v, 2 * J));
    assertThat(big).hasSameSizeAs(small).isNotEmpty();
    for (int i = 0; i < small.size(); i++) {
      assertThat(big.get(i)).isEqualTo(Math.scalb(small.get(i), 2 * J));
    }
  }

  @Test
  void aStreamOfHugeBatchesIsTheOrdinaryStreamScaled() {
    Matrix v = data(300, 20, 4, 0.2, 9);
    Matrix big = scaled(v, 2 * J);
    for (double beta : new double[] {2, 1}) {
      MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(4).betaLoss(beta).alphaW(0.01)
          .l1Ratio(0).seed(4);
      OnlineNmf small = b.start(20);
      OnlineNmf huge = b.alphaW(0.01 / Math.pow(2, 2 * J * (1 - beta))).start(20);
      for (int start = 0; start < 300; start += 100) {
        Matrix ws = small.partialFit(MiniBatchNmfReferenceTest.rows(v, start, start + 100));
        Matrix wb = huge.partialFit(MiniBatchNmfReferenceTest.rows(big, start, start + 100));
        assertThat(wb).isEqualTo(scaled(ws, J));
      }
      assertThat(huge.components()).isEqualTo(scaled(small.components(), J));
      assertFinite(huge.transform(big), "");
    }
  }

  @Test
  void theModelTransformsHugeData() {
    Matrix v = data(300, 20, 4, 0.2, 2);
    Matrix big = scaled(v, 2 * J);
    for (double beta : new double[] {2, 1}) {
      MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(4).betaLoss(beta).maxIterations(3)
          .batchSize(100).seed(4);
      NmfModel small = b.fit(v);
      NmfModel huge = b.fit(big);
      Matrix w = huge.transform(big);
      assertFinite(w, "");
      assertThat(w).isEqualTo(scaled(small.transform(v), J));
      assertFinite(huge.transform(SparseMatrix.of(big)), "");
    }
  }

  @Test
  void ordinaryDataIsNotScaled() {
    assertThat(MiniBatchScale.limit(2)).isEqualTo(400);
    assertThat(MiniBatchScale.limit(1)).isEqualTo(400);
    assertThat(MiniBatchScale.limit(0)).isEqualTo(400);
    assertThat(MiniBatchScale.limit(3)).isEqualTo(228);
    Matrix v = data(50, 10, 2, 0, 1);
    for (int e : new int[] {-390, -100, 0, 100, 390}) {
      assertThat(MiniBatchScale.of(ScaledData.of(scaled(v, e), "v", Parallel.serial()), 2)
          .halfExponent).isZero();
    }
  }
}
