package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Regressions: {@code Svd.exact} returned NaN for exactly rank-deficient input (found through
 * the NNDSVD start of an image channel that is a horizontal gradient). For a 4 x 8 matrix whose
 * rows are all {@code (0, 1/8, ..., 7/8)} the Jacobi sweeps kept rotating the numerically zero
 * columns until they underflowed; for the same gradient with a flat square in it, the
 * Householder QR met a subnormal residual column, whose norm and reflector scaling overflowed
 * to infinity (0 times infinity is NaN).
 */
class SvdRankDeficientTest {

  /** Reconstruction error allowed, relative to the largest singular value. */
  private static final double TOLERANCE = 1e-13;
  /** Deviation of U'U from the identity allowed. */
  private static final double ORTHONORMAL = 1e-12;

  @Test
  void exactlyRankOneGradientsHaveFiniteOrthonormalFactors() {
    int[][] shapes = {{4, 8}, {6, 8}, {4, 120}, {90, 120}, {8, 4}, {120, 90}};
    for (int[] shape : shapes) {
      Matrix m = gradient(shape[0], shape[1], false);
      Svd svd = check(m, shape[0] + "x" + shape[1]);
      assertThat(svd.singularValues()[0]).isCloseTo(m.frobeniusNorm(),
          within(TOLERANCE * m.frobeniusNorm()));
    }
  }

  @Test
  void aGradientWithAFlatSquareHasFiniteFactors() {
    Matrix m = gradient(90, 120, true);
    check(m, "gradient with a square");
    check(m.transpose(), "its transpose");
    for (double v : Svd.truncated(m, 12, 0, 1).singularValues()) {
      assertThat(v).isFinite();
    }
  }

  @Test
  void vectorNormsOfSubnormalValuesAreFinite() {
    double[] x = {0, Double.MIN_VALUE, 0, 3 * Double.MIN_VALUE};
    assertThat(Vectors.norm(x, 0, x.length)).isFinite().isPositive();
  }

  private static Matrix gradient(int h, int w, boolean square) {
    double[] a = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean inside = square && x > 40 && x < 80 && y > 30 && y < 60;
        a[y * w + x] = inside ? 0.1 : (double) x / w;
      }
    }
    return Matrix.wrap(h, w, a);
  }

  /** Finite, non-negative singular values, orthonormal U, and U S V' = A. */
  private static Svd check(Matrix m, String name) {
    Svd svd = Svd.exact(m);
    double[] s = svd.singularValues();
    for (double v : s) {
      assertThat(v).as(name).isFinite().isGreaterThanOrEqualTo(0);
    }
    Matrix u = svd.u();
    Matrix gram = u.transposeMultiply(u);
    for (int i = 0; i < gram.rows(); i++) {
      for (int j = 0; j < gram.cols(); j++) {
        assertThat(gram.get(i, j)).as(name + ": U'U").isCloseTo(i == j ? 1 : 0,
            within(ORTHONORMAL));
      }
    }
    int r = svd.rank();
    double[] us = u.toRowMajorArray();
    for (int i = 0; i < u.rows(); i++) {
      for (int j = 0; j < r; j++) {
        us[i * r + j] *= s[j];
      }
    }
    Matrix back = Matrix.wrap(u.rows(), r, us).multiply(svd.vt());
    assertThat(back.subtract(m).frobeniusNorm()).as(name).isLessThanOrEqualTo(TOLERANCE * s[0]);
    return svd;
  }
}
