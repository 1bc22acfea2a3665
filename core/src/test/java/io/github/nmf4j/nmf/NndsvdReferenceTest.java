package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.Svd;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NNDSVD, NNDSVDA and NNDSVDAR against scikit-learn 1.2's {@code _initialize_nmf}
 * ({@code reference/nmf/make_nndsvd_fixtures.py}). Both sides start from an SVD exact up to
 * rounding and to the signs of the singular vectors, which NNDSVD does not depend on; what
 * remains is rounding in the SVDs (about 1e-15 relative for these well-separated singular
 * values), far inside {@link #RELATIVE}.
 */
class NndsvdReferenceTest {

  /** Norm-wise relative difference allowed. */
  private static final double RELATIVE = 1e-10;

  private static Matrix[] initial(Matrix v, int k, Initialization init, int threads) {
    ScaledData data = ScaledData.of(v, "v", Parallel.of(threads));
    Svd svd = Svd.truncated(v, k, 5, threads);
    Factors f = Nndsvd.factors(data, k, svd, init, new SplittableRandom(3));
    f.unscale(data);
    return new Matrix[] {Matrix.wrap(v.rows(), k, f.w), Matrix.wrap(k, v.cols(), f.h)};
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense", "sparse", "wide"})
  void nndsvdAndNndsvdaMatchScikitLearn(String file) {
    ReferenceFixture f = ReferenceFixture.load("nndsvd_" + file + ".txt");
    Matrix v = f.get("V");
    int k = f.get("W_nndsvd").cols();
    for (Initialization init : new Initialization[] {
        Initialization.NNDSVD, Initialization.NNDSVDA}) {
      String name = init.name().toLowerCase(java.util.Locale.ROOT);
      for (int threads : new int[] {1, 2}) {
        Matrix[] wh = initial(v, k, init, threads);
        assertThat(MultiplicativeUpdateReferenceTest.relativeDifference(wh[0],
            f.get("W_" + name))).isLessThan(RELATIVE);
        assertThat(MultiplicativeUpdateReferenceTest.relativeDifference(wh[1],
            f.get("H_" + name))).isLessThan(RELATIVE);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dense", "sparse", "wide"})
  void nndsvdarKeepsTheNndsvdValuesAndFillsZerosWithSmallRandomValues(String file) {
    ReferenceFixture f = ReferenceFixture.load("nndsvd_" + file + ".txt");
    Matrix v = f.get("V");
    int k = f.get("W_nndsvd").cols();
    Matrix[] wh = initial(v, k, Initialization.NNDSVDAR, 2);
    double mean = v.sum() / v.size();
    Matrix[] expected = {f.get("W_nndsvd"), f.get("H_nndsvd")};
    for (int m = 0; m < 2; m++) {
      double[] actual = wh[m].toRowMajorArray();
      double[] nndsvd = expected[m].toRowMajorArray();
      for (int i = 0; i < actual.length; i++) {
        if (nndsvd[i] != 0) {
          assertThat(actual[i]).isCloseTo(nndsvd[i], org.assertj.core.data.Offset.offset(
              RELATIVE * expected[m].frobeniusNorm()));
        } else {
          // |mean N(0, 1) / 100| is below mean / 10 unless N(0, 1) exceeds 10 sigma.
          assertThat(actual[i]).isGreaterThan(0).isLessThan(mean / 10);
        }
      }
    }
  }
}
