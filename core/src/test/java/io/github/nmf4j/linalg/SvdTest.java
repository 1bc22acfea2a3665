package io.github.nmf4j.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.testing.Fixtures;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class SvdTest {

  /** Reconstruction and orthogonality of the exact SVD, relative to ||A||_F. */
  private static final double EXACT_TOL = 1e-13;
  /** Agreement with numpy's LAPACK singular values, relative to the largest. */
  private static final double NUMPY_VALUE_TOL = 1e-14;
  /** Agreement with numpy's singular vectors (well-separated spectra). */
  private static final double NUMPY_VECTOR_TOL = 1e-11;
  /** Randomized singular values of a matrix with a decaying spectrum, relative to exact ones. */
  private static final double RANDOMIZED_TOL = 1e-9;

  @Test
  void exactReconstructsAndIsOrthonormalOverRandomShapes() {
    SplittableRandom random = new SplittableRandom(1);
    for (int trial = 0; trial < 300; trial++) {
      int m = 1 + random.nextInt(trial < 100 ? 6 : 40);
      int n = 1 + random.nextInt(trial < 100 ? 6 : 40);
      Matrix a = randomMatrix(random, m, n, trial % 4);
      Svd svd = Svd.exact(a);
      assertThat(svd.rank()).isEqualTo(Math.min(m, n));
      checkDecomposition(a, svd, EXACT_TOL);
    }
  }

  @Test
  void exactHandlesOneByOneZerosAndVectors() {
    Svd one = Svd.exact(Matrix.of(new double[][] {{-3}}));
    assertThat(one.singularValues()).containsExactly(3);
    assertThat(one.u().get(0, 0) * one.vt().get(0, 0)).isEqualTo(-1);
    assertThat(one.u().get(0, 0)).isEqualTo(1);

    Svd zeros = Svd.exact(Matrix.zeros(5, 3));
    assertThat(zeros.singularValues()).containsExactly(0, 0, 0);
    checkDecomposition(Matrix.zeros(5, 3), zeros, EXACT_TOL);

    Matrix row = Matrix.of(new double[][] {{3, 0, -4}});
    Svd r = Svd.exact(row);
    assertThat(r.singularValues()[0]).isCloseTo(5, within(1e-15));
    checkDecomposition(row, r, EXACT_TOL);
    checkDecomposition(row.transpose(), Svd.exact(row.transpose()), EXACT_TOL);
  }

  @Test
  void matchesNumpyOnFixtures() {
    Map<String, Matrix> f = Fixtures.read("reference/linalg/svd.txt");
    for (String name : new String[] {"tall", "wide", "square", "graded", "nonnegative"}) {
      Matrix a = f.get(name + ".A");
      Svd svd = Svd.exact(a);
      double[] expected = f.get(name + ".S").row(0);
      double[] actual = svd.singularValues();
      for (int j = 0; j < expected.length; j++) {
        assertThat(actual[j]).as("%s s[%d]", name, j)
            .isCloseTo(expected[j], within(NUMPY_VALUE_TOL * expected[0]));
      }
      // The graded case has rank 6 of 8: its last two vectors are arbitrary.
      int compared = name.equals("graded") ? 6 : expected.length;
      Matrix u = f.get(name + ".U");
      Matrix vt = f.get(name + ".VT");
      for (int j = 0; j < compared; j++) {
        // Both SVDs perturb a singular vector by about eps ||A|| / gap (Wedin); the graded
        // case's small singular values have gaps far below ||A||.
        double gap = Double.POSITIVE_INFINITY;
        if (j > 0) {
          gap = expected[j - 1] - expected[j];
        }
        if (j + 1 < expected.length) {
          gap = Math.min(gap, expected[j] - expected[j + 1]);
        }
        double tol = NUMPY_VECTOR_TOL + 1e-14 * expected[0] / gap;
        for (int i = 0; i < a.rows(); i++) {
          assertThat(svd.u().get(i, j)).as("%s u[%d][%d]", name, i, j)
              .isCloseTo(u.get(i, j), within(tol));
        }
        for (int i = 0; i < a.cols(); i++) {
          assertThat(svd.vt().get(j, i)).as("%s vt[%d][%d]", name, j, i)
              .isCloseTo(vt.get(j, i), within(tol));
        }
      }
    }
  }

  @Test
  void signsFollowSvdFlip() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 50; trial++) {
      Matrix a = randomMatrix(random, 2 + random.nextInt(20), 2 + random.nextInt(20), 0);
      Svd svd = Svd.exact(a);
      for (int j = 0; j < svd.rank(); j++) {
        double[] col = svd.u().column(j);
        int arg = 0;
        for (int i = 1; i < col.length; i++) {
          if (Math.abs(col[i]) > Math.abs(col[arg])) {
            arg = i;
          }
        }
        assertThat(col[arg]).isPositive();
      }
    }
  }

  @Test
  void truncatedIsExactForSmallMatrices() {
    Matrix a = randomMatrix(new SplittableRandom(3), 30, 20, 0);
    Svd exact = Svd.exact(a);
    Svd truncated = Svd.truncated(a, 4, 99, 2);
    assertThat(truncated.rank()).isEqualTo(4);
    assertThat(truncated.u().shape()).isEqualTo("30x4");
    assertThat(truncated.vt().shape()).isEqualTo("4x20");
    for (int j = 0; j < 4; j++) {
      assertThat(truncated.singularValues()[j]).isEqualTo(exact.singularValues()[j]);
      assertThat(truncated.u().column(j)).containsExactly(exact.u().column(j));
    }
  }

  @Test
  void randomizedFindsTheLeadingTripletsOfADecayingSpectrum() {
    for (int[] shape : new int[][] {{300, 120}, {120, 300}}) {
      Matrix a = decaying(new SplittableRandom(5), shape[0], shape[1]);
      Svd exact = Svd.exact(a);
      Svd approx = Svd.randomized(a, 6, Svd.OVERSAMPLES, 7, 11, Parallel.of(2));
      double[] s = exact.singularValues();
      for (int j = 0; j < 6; j++) {
        assertThat(approx.singularValues()[j]).isCloseTo(s[j], within(RANDOMIZED_TOL * s[0]));
        // Same sign rule, so the vectors agree (not merely up to sign).
        for (int i = 0; i < shape[0]; i++) {
          assertThat(approx.u().get(i, j)).isCloseTo(exact.u().get(i, j), within(1e-6));
        }
      }
      checkOrthonormalColumns(approx.u(), 1e-13);
      checkOrthonormalColumns(approx.vt().transpose(), 1e-13);
    }
  }

  @Test
  void randomizedIsOrthonormalForRankDeficientAndZeroInput() {
    SplittableRandom random = new SplittableRandom(8);
    Matrix lowRank = randomMatrix(random, 80, 60, 2);
    for (Matrix a : new Matrix[] {lowRank, lowRank.transpose(), Matrix.zeros(80, 60)}) {
      Svd svd = Svd.randomized(a, 20, Svd.OVERSAMPLES, 4, 1, Parallel.serial());
      checkOrthonormalColumns(svd.u(), 1e-12);
      checkOrthonormalColumns(svd.vt().transpose(), 1e-12);
      for (double v : svd.singularValues()) {
        assertThat(v).isFinite().isGreaterThanOrEqualTo(0);
      }
    }
  }

  @Test
  void truncatedIsBitIdenticalForAnyThreadCount() {
    SplittableRandom random = new SplittableRandom(4);
    for (Matrix a : new Matrix[] {decaying(random, 700, 300), decaying(random, 260, 900)}) {
      Svd first = Svd.truncated(a, 5, 42, 1);
      for (int threads : new int[] {2, 3, 8}) {
        Svd other = Svd.truncated(a, 5, 42, threads);
        assertThat(other.u()).isEqualTo(first.u());
        assertThat(other.vt()).isEqualTo(first.vt());
        assertThat(other.singularValues()).containsExactly(first.singularValues());
      }
      Svd otherSeed = Svd.truncated(a, 5, 43, 1);
      assertThat(otherSeed.u()).isNotEqualTo(first.u());
    }
    Matrix b = randomMatrix(random, 150, 90, 0);
    assertThat(Svd.exact(b, 3).u()).isEqualTo(Svd.exact(b, 1).u());
  }

  @Test
  void extremeMagnitudesStayFinite() {
    double[][] values = {{1e300, 2e300, 0}, {1e-300, 3e300, 1e300}, {5e299, 0, 7e300},
        {1e300, 1e300, 1e300}};
    Matrix big = Matrix.of(values);
    Svd svd = Svd.exact(big);
    for (double v : svd.singularValues()) {
      assertThat(v).isFinite();
    }
    checkOrthonormalColumns(svd.u(), 1e-13);
    assertThat(svd.singularValues()[0] / big.frobeniusNorm()).isBetween(0.5, 1.0);
    Matrix tiny = Matrix.of(new double[][] {{1e-300, 2e-300, 0}, {3e-310, 4e-300, 1e-300}});
    Svd small = Svd.exact(tiny);
    checkOrthonormalColumns(small.u(), 1e-13);

    Matrix bigRandom = decaying(new SplittableRandom(2), 400, 200).scale(1e305);
    Svd r = Svd.randomized(bigRandom, 3, Svd.OVERSAMPLES, 7, 1, Parallel.serial());
    for (double v : r.singularValues()) {
      assertThat(v).isFinite().isPositive();
    }
  }

  /**
   * The serial QR of the exact SVD never looked at the interrupt flag: an NMF fit of a 20,000 x
   * 200 matrix with an NNDSVDA start at rank 195 (the exact path) ignored an interrupt for 1.5 s,
   * though docs/nmf.md says an interrupt stops a fit within one parallel task.
   */
  @Test
  void theSerialQrStopsWhenTheCallingThreadIsInterrupted() {
    SplittableRandom random = new SplittableRandom(5);
    double[][] cols = new double[4][60];
    for (double[] c : cols) {
      for (int i = 0; i < c.length; i++) {
        c[i] = random.nextDouble();
      }
    }
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> HouseholderQr.factor(cols))
          .isInstanceOf(CancellationException.class);
      assertThatThrownBy(() -> JacobiSvd.ofColumns(cols, Parallel.serial()))
          .isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("the interrupt flag").isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void rejectsBadInput() {
    Matrix a = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    assertThatThrownBy(() -> Svd.exact(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
    assertThatThrownBy(() -> Svd.exact(Matrix.zeros(0, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty, was 0x3");
    assertThatThrownBy(() -> Svd.exact(Matrix.of(new double[][] {{1, 2}, {3, Double.NaN}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN at row 1, column 1");
    assertThatThrownBy(() -> Svd.truncated(Matrix.of(new double[][] {{Double.NEGATIVE_INFINITY}}),
        1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-Infinity at row 0, column 0");
    assertThatThrownBy(() -> Svd.truncated(a, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    assertThatThrownBy(() -> Svd.truncated(a, 3, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank must be in [1, min(rows, cols)] = [1, 2]");
    assertThatThrownBy(() -> Svd.truncated(a, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    assertThatThrownBy(() -> Svd.exact(a, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }

  @Test
  void accessorsReturnCopies() {
    Svd svd = Svd.exact(Matrix.of(new double[][] {{2, 0}, {0, 1}}));
    svd.singularValues()[0] = 99;
    assertThat(svd.singularValues()).containsExactly(2, 1);
    assertThat(svd.toString()).contains("rank 2");
  }

  // ---------------------------------------------------------------------------------------------

  /** kind 0: Gaussian; 1: non-negative; 2: rank-deficient; 3: a few zero rows and columns. */
  static Matrix randomMatrix(SplittableRandom random, int m, int n, int kind) {
    double[] a = new double[m * n];
    switch (kind) {
      case 0:
        for (int i = 0; i < a.length; i++) {
          a[i] = random.nextGaussian();
        }
        break;
      case 1:
        for (int i = 0; i < a.length; i++) {
          a[i] = random.nextDouble() * 10;
        }
        break;
      case 2: {
        int r = 1 + random.nextInt(Math.max(1, Math.min(m, n) / 2));
        Matrix x = randomMatrix(random, m, r, 0);
        Matrix y = randomMatrix(random, r, n, 0);
        return x.multiply(y, 1);
      }
      default:
        for (int i = 0; i < a.length; i++) {
          boolean zero = (i / n) % 3 == 1 || (i % n) % 4 == 2;
          a[i] = zero ? 0 : random.nextGaussian();
        }
    }
    return Matrix.wrap(m, n, a);
  }

  /** Singular values 2^-j (j = 0, 1, ...) with random singular vectors. */
  static Matrix decaying(SplittableRandom random, int m, int n) {
    int r = Math.min(m, n);
    Matrix u = Svd.exact(randomMatrix(random, m, r, 0)).u();
    Matrix v = Svd.exact(randomMatrix(random, n, r, 0)).u();
    double[] us = u.toRowMajorArray();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < r; j++) {
        us[i * r + j] *= Math.pow(0.5, j);
      }
    }
    return Matrix.wrap(m, r, us).multiplyTranspose(v, 1);
  }

  static void checkDecomposition(Matrix a, Svd svd, double tol) {
    double[] s = svd.singularValues();
    for (int j = 0; j < s.length; j++) {
      assertThat(s[j]).isGreaterThanOrEqualTo(0);
      if (j > 0) {
        assertThat(s[j]).isLessThanOrEqualTo(s[j - 1]);
      }
    }
    double[] us = svd.u().toRowMajorArray();
    int r = s.length;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < r; j++) {
        us[i * r + j] *= s[j];
      }
    }
    Matrix back = Matrix.wrap(a.rows(), r, us).multiply(svd.vt(), 1);
    double scale = Math.max(a.frobeniusNorm(), Double.MIN_NORMAL);
    assertThat(back.subtract(a).frobeniusNorm() / scale).as("reconstruction of %s", a.shape())
        .isLessThanOrEqualTo(tol * Math.max(a.rows(), a.cols()));
    checkOrthonormalColumns(svd.u(), tol * a.rows());
    checkOrthonormalColumns(svd.vt().transpose(), tol * a.cols());
  }

  static void checkOrthonormalColumns(Matrix q, double tol) {
    Matrix gram = q.transposeMultiply(q, 1);
    assertThat(gram.subtract(Matrix.identity(q.cols())).frobeniusNorm())
        .as("orthonormality of %s", q.shape()).isLessThanOrEqualTo(tol);
  }

  @Test
  void anSvdBuiltFromItsPartsCopiesTheSingularValuesAndChecksTheShapes() {
    Svd exact = Svd.exact(Matrix.of(new double[][] {{3, 0}, {0, 2}, {1, 1}}));
    double[] s = exact.singularValues();
    Svd rebuilt = new Svd(exact.u(), s, exact.vt());
    s[0] = 99;
    rebuilt.singularValues()[1] = 99;
    assertThat(rebuilt.singularValues()).containsExactly(exact.singularValues());
    assertThat(rebuilt.rank()).isEqualTo(2);
    assertThat(rebuilt.toString()).isEqualTo(exact.toString());
    assertThatThrownBy(() -> new Svd(exact.u(), new double[] {1}, exact.vt()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("u (3x2) and vt (2x2) must have 1 column and 1 row, one per singular value");
    assertThatThrownBy(() -> new Svd(null, s, exact.vt()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("u must not be null");
  }
}
