package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MissingValues#IGNORE} on a dense V of huge values: from a random start the fit of
 * {@code 4^j V} is, bit for bit, {@code 2^j} times the fit of V (no penalty), as for a V
 * without NaN, up to the largest values a double holds.
 */
class MissingValuesScaleTest {

  /** A 24 x 11 V with its largest value 3.5 (so V and {@code 4^j V} scale alike), 10% NaN. */
  private static Matrix data(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[24 * 11];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble() * r.nextDouble() * 3;
    }
    a[7] = 3.5;
    return MissingValuesTest.hide(Matrix.wrap(24, 11, a), 0.1, seed + 1);
  }

  private static Matrix scaled(Matrix m, int exponent) {
    double[] a = m.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], exponent);
    }
    return Matrix.wrap(m.rows(), m.cols(), a);
  }

  /** Near Double.MAX_VALUE the column means of the start overflowed: the fit threw. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void theFitOfHugeDataIsTheFitOfTheDataScaled(Solver solver, Loss loss) {
    Matrix v = data(3);
    Nmf nmf = MissingValuesTest.builder(solver, loss, 3).initialization(Initialization.RANDOM)
        .maxIterations(30).seed(5).build();
    NmfModel small = nmf.fit(v);
    for (int j : new int[] {300, 511}) {
      Matrix vj = scaled(v, 2 * j);
      NmfModel big = nmf.fit(vj);
      assertThat(big.w()).as("W 4^" + j).isEqualTo(scaled(small.w(), j));
      assertThat(big.h()).as("H 4^" + j).isEqualTo(scaled(small.h(), j));
      assertThat(big.iterations()).isEqualTo(small.iterations());
      assertThat(big.transform(vj)).as("transform 4^" + j)
          .isEqualTo(scaled(small.transform(v), j));
    }
  }
}
