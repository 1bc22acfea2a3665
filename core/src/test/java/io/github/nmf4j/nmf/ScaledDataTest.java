package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ScaledData's one policy for extreme ranges: every solver, on dense and sparse V alike, fits
 * {@code 4^j V} as exactly {@code 2^j} times the factors of V, both where the products are taken
 * with the raw V and where (beyond {@code 2^±900}) the factor is scaled first, with the error
 * scaled as the loss scales (to infinity or 0 where it leaves the double range).
 */
class ScaledDataTest {

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
    SplittableRandom r = new SplittableRandom(5);
    int n = 40;
    int p = 25;
    List<double[]> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < p; c++) {
        if (r.nextDouble() < 0.35) {
          entries.add(new double[] {i, c, Math.scalb(1 + r.nextDouble(), 2 * j)});
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
    Nmf nmf = Nmf.builder().solver(solver).betaLoss(beta).rank(3).seed(11).tolerance(0)
        .maxIterations(40).initialization(Initialization.RANDOM).build();
    SparseMatrix v = data(j);
    return sparse ? nmf.fit(v) : nmf.fit(v.toDense());
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
}
