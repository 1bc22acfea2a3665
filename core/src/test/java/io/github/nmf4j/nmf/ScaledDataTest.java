package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ScaledData's one policy for extreme ranges: every solver, on dense and sparse V alike, fits
 * {@code 4^j V} as exactly {@code 2^j} times the factors of V, both where the products are taken
 * with the raw V and where (beyond {@code 2^±900}) the factor is scaled first, with the error
 * scaled as the loss scales (to infinity or 0 where it leaves the double range); and a V entirely
 * subnormal, held as the copy {@code V_s}, as V.
 */
class ScaledDataTest {

  /**
   * The scales {@code 4^j} of entirely subnormal V (largest value below {@code 2^-1022}) at
   * which {@link #data(int, boolean) coarse} values stay exact: down to {@code 2^-1062} times
   * values of 13 bits, whose last bit is then {@link Double#MIN_VALUE}.
   */
  private static final int[] SUBNORMAL = {-512, -520, -531};

  /** The relative difference the rounding of V into the subnormal range may make to an error. */
  private static final double ROUNDING = 1e-9;

  static Stream<Arguments> fits() {
    List<Arguments> all = new ArrayList<>();
    for (boolean sparse : new boolean[] {false, true}) {
      all.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, 2.0, sparse));
      all.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, 1.0, sparse));
      all.add(Arguments.of(Solver.HALS, 2.0, sparse));
      // the beta-divergences of a V with zeros (beta > 0)
      all.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, 1.5, sparse));
      all.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, 3.0, sparse));
    }
    return all.stream();
  }

  /**
   * A 40 x 25 V with about a third of its entries stored, each {@code 4^j} times a value in
   * [1, 2), so that V is normal and below {@code 2^1024} for |j| up to 511.
   */
  private static SparseMatrix data(int j) {
    return data(j, false);
  }

  /**
   * {@link #data(int)}, or with {@code coarse} its values rounded down to multiples of {@code
   * 2^-12} (13 bits), so that {@code 4^j V} is exact also where it is subnormal, down to {@code
   * j = -531}.
   */
  private static SparseMatrix data(int j, boolean coarse) {
    SplittableRandom r = new SplittableRandom(5);
    int n = 40;
    int p = 25;
    List<double[]> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < p; c++) {
        if (r.nextDouble() < 0.35) {
          double x = 1 + r.nextDouble();
          x = coarse ? Math.floor(x * 0x1p12) * 0x1p-12 : x;
          entries.add(new double[] {i, c, Math.scalb(x, 2 * j)});
        }
      }
    }
    int[] rows = new int[entries.size()];
    int[] cols = new int[entries.size()];
    double[] values = new double[entries.size()];
    for (int e = 0; e < values.length; e++) {
      rows[e] = (int) entries.get(e)[0];
      cols[e] = (int) entries.get(e)[1];
      values[e] = entries.get(e)[2];
    }
    return SparseMatrix.fromTriplets(n, p, rows, cols, values);
  }

  private static NmfModel fit(Solver solver, double beta, boolean sparse, int j) {
    return fit(solver, beta, sparse, data(j));
  }

  private static NmfModel fit(Solver solver, double beta, boolean sparse, SparseMatrix v) {
    Nmf nmf = Nmf.builder().solver(solver).betaLoss(beta).rank(3).seed(11).tolerance(0)
        .maxIterations(40).initialization(Initialization.RANDOM).build();
    return sparse ? nmf.fit(v) : nmf.fit(v.toDense());
  }

  private static Matrix transform(NmfModel model, boolean sparse, SparseMatrix x) {
    return sparse ? model.transform(x) : model.transform(x.toDense());
  }

  private static void assertScaled(Matrix actual, Matrix unit, int j) {
    assertThat(actual.shape()).isEqualTo(unit.shape());
    for (int i = 0; i < unit.rows(); i++) {
      for (int c = 0; c < unit.cols(); c++) {
        assertThat(actual.get(i, c)).as("(%d, %d)", i, c)
            .isEqualTo(Math.scalb(unit.get(i, c), j));
      }
    }
  }

  /**
   * The error of the fit of {@code 4^j V}: {@code ||V - WH||_F} and {@code D_KL} scale by
   * {@code 4^j}, {@code sqrt(2 D_beta)} by {@code 2^(j beta)}; beyond the double range it is
   * infinite (0 below it), never NaN.
   */
  private static void assertErrorScaled(double actual, double unit, double beta, int j) {
    double exponent = beta == 2 || beta == 1 ? 2.0 * j : j * beta;
    double whole = Math.floor(exponent);
    double expected = Math.scalb(unit * Math.pow(2, exponent - whole), (int) whole);
    if (Double.isInfinite(expected)) {
      assertThat(actual).as("j = %d", j).isEqualTo(Double.POSITIVE_INFINITY);
    } else {
      assertThat(actual).as("j = %d", j)
          .isCloseTo(expected, within(expected * 1e-12 + Double.MIN_NORMAL));
    }
  }

  @ParameterizedTest(name = "{0} beta {1} sparse={2}")
  @MethodSource("fits")
  void fourToTheJTimesVGivesTwoToTheJTimesTheFactorsExactly(Solver solver, double beta,
      boolean sparse) {
    NmfModel unit = fit(solver, beta, sparse, 0);
    assertThat(unit.relativeError()).isBetween(0.05, 0.9);
    // 4^±440 keeps the products with the raw V; 4^±460 and 4^±511 scale the factor first
    for (int j : new int[] {-511, -460, -440, -100, 100, 440, 460, 511}) {
      NmfModel scaled = fit(solver, beta, sparse, j);
      assertScaled(scaled.w(), unit.w(), j);
      assertScaled(scaled.h(), unit.h(), j);
      assertThat(scaled.iterations()).isEqualTo(unit.iterations());
      assertThat(scaled.relativeError()).as("j = %d", j).isEqualTo(unit.relativeError());
      assertErrorScaled(scaled.reconstructionError(), unit.reconstructionError(), beta, j);
    }
  }

  /**
   * V entirely subnormal ({@code 4^j V} for j below -511, where {@code 4^-j} is no double) is
   * fitted as V, exactly: the data hold the copy {@code V_s}, and the factors, errors and a
   * transform of x at V's scale come back in V's units. With the scale clamped at {@code 4^-511}
   * such V was stored below 1 (at {@code 2^-40} for {@code j = -531}), not in {@code [1, 4)}: the
   * multiplicative updates' guard outweighed it (relative error 1, W or H 0, at {@code j =
   * -531}; factors 5% off at -520); HALS, which has no such guard, fitted it exactly already.
   */
  @ParameterizedTest(name = "{0} beta {1} sparse={2}")
  @MethodSource("fits")
  void entirelySubnormalVIsFittedExactlyAsV(Solver solver, double beta, boolean sparse) {
    SparseMatrix v = data(0, true);
    NmfModel unit = fit(solver, beta, sparse, v);
    Matrix unitTransform = transform(unit, sparse, v);
    for (int j : SUBNORMAL) {
      SparseMatrix vj = data(j, true);
      NmfModel scaled = fit(solver, beta, sparse, vj);
      assertScaled(scaled.w(), unit.w(), j);
      assertScaled(scaled.h(), unit.h(), j);
      assertThat(scaled.iterations()).isEqualTo(unit.iterations());
      assertThat(scaled.relativeError()).as("j = %d", j).isEqualTo(unit.relativeError());
      assertErrorScaled(scaled.reconstructionError(), unit.reconstructionError(), beta, j);
      assertScaled(transform(scaled, sparse, vj), unitTransform, j);
    }
  }

  /**
   * The example: a product of rank 3 (values about 1, a little noise) times 1e-310, or
   * scaled to a largest value of 5e-314, fitted with multiplicative updates from a random start
   * reaches the relative error of the product itself, and from NNDSVDA that of it times 1e-300
   * (NNDSVD's threshold and NNDSVDA's fill are scikit-learn's, in the caller's units: from
   * about 1e-20 down they start every such V alike). The values lose bits to the subnormal
   * range (20 at 5e-314), so equal up to that rounding: within {@link #ROUNDING} (4e-11 seen).
   * At 5e-314 the Frobenius error was 1.0 (W or H 0) from NNDSVDA, 0.145 expected, and 6%
   * above its value from the random start; Kullback-Leibler's was 3e-5 off.
   */
  @Test
  void subnormalPlantedProductsAreFittedAsAtANormalScale() {
    Matrix p = TestMatrices.noisyLowRank(30, 20, 3, 0.1, 5);
    Matrix tiny = p.scale(5e-314 / p.max());
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      for (Initialization init : new Initialization[] {
          Initialization.RANDOM, Initialization.NNDSVDA}) {
        Nmf nmf = Nmf.builder().rank(3).solver(Solver.MULTIPLICATIVE_UPDATE).loss(loss)
            .initialization(init).seed(3).tolerance(0).maxIterations(300).build();
        double expected = nmf.fit(init == Initialization.RANDOM ? p : p.scale(1e-300))
            .relativeError();
        for (Matrix v : new Matrix[] {p.scale(1e-310), tiny}) {
          String what = loss + " " + init + " max " + v.max();
          assertThat(nmf.fit(v).relativeError()).as(what)
              .isCloseTo(expected, within(ROUNDING * expected));
          assertThat(nmf.fit(SparseMatrix.of(v)).relativeError()).as(what + " sparse")
              .isCloseTo(expected, within(ROUNDING * expected));
        }
      }
    }
  }

  /**
   * The other fits of V entirely subnormal: a mini-batch fit runs on {@code V_s} and a masked
   * fit of a sparse V reads its stored entries in stored units, so both are V's fit times {@code
   * 2^j} exactly; a masked fit of a dense V starts from V with each NaN filled by its column's
   * mean, which is rounded to V's subnormal grid, so its fit is V's up to that rounding. All
   * three had relative error 1 at {@code j = -531}.
   */
  @Test
  void otherFitsOfEntirelySubnormalVAreThoseOfV() {
    MiniBatchNmf miniBatch = MiniBatchNmf.builder().rank(3).batchSize(8).seed(5)
        .maxIterations(20).build();
    Nmf masked = Nmf.builder().rank(3).seed(11).tolerance(0).maxIterations(40)
        .initialization(Initialization.RANDOM).missingValues(MissingValues.IGNORE).build();
    SparseMatrix v = data(0, true);
    NmfModel unitBatch = miniBatch.fit(v);
    NmfModel unitDenseBatch = miniBatch.fit(v.toDense());
    NmfModel unitSparse = masked.fit(v);
    NmfModel unitDense = masked.fit(withNaN(v.toDense()));
    for (int j : SUBNORMAL) {
      SparseMatrix vj = data(j, true);
      for (NmfModel[] pair : new NmfModel[][] {
          {miniBatch.fit(vj), unitBatch}, {miniBatch.fit(vj.toDense()), unitDenseBatch},
          {masked.fit(vj), unitSparse}}) {
        assertScaled(pair[0].w(), pair[1].w(), j);
        assertScaled(pair[0].h(), pair[1].h(), j);
        assertThat(pair[0].relativeError()).as("j = %d", j).isEqualTo(pair[1].relativeError());
      }
      NmfModel dense = masked.fit(withNaN(vj.toDense()));
      assertThat(dense.relativeError()).as("j = %d", j)
          .isCloseTo(unitDense.relativeError(), within(ROUNDING));
      assertThat(dense.h().scale(Math.scalb(1.0, -j)).subtract(unitDense.h()).frobeniusNorm())
          .as("j = %d", j).isLessThan(1e-4 * unitDense.h().frobeniusNorm());
    }
  }

  /** {@code v} with every 11th value NaN (missing). */
  private static Matrix withNaN(Matrix v) {
    double[] a = v.toRowMajorArray();
    for (int i = 3; i < a.length; i += 11) {
      a[i] = Double.NaN;
    }
    return Matrix.wrap(v.rows(), v.cols(), a);
  }
}
