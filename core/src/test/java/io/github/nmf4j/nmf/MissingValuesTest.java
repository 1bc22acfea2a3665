package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@link MissingValues#IGNORE}: masked losses, updates, errors and imputation. */
class MissingValuesTest {

  /**
   * Rise allowed between two loss checks relative to the observed {@code ||V||_F} (or {@code
   * sum(V)} for KL): the Frobenius loss of the complement form comes from the trace identity
   * (see {@link NmfPropertiesTest}); the updates themselves never increase it.
   */
  private static final double RISE = 1e-7;

  /** The three masked rules: Frobenius MU, KL MU, HALS. */
  static Stream<Arguments> solvers() {
    return Stream.of(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS),
        Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.KULLBACK_LEIBLER),
        Arguments.of(Solver.HALS, Loss.FROBENIUS));
  }

  static Nmf.Builder builder(Solver solver, Loss loss, int rank) {
    return Nmf.builder().rank(rank).solver(solver).loss(loss)
        .missingValues(MissingValues.IGNORE);
  }

  /** A copy of v with each entry NaN with probability {@code fraction}. */
  static Matrix hide(Matrix v, double fraction, long seed) {
    double[] a = v.toRowMajorArray();
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < a.length; i++) {
      if (r.nextDouble() < fraction) {
        a[i] = Double.NaN;
      }
    }
    return Matrix.wrap(v.rows(), v.cols(), a);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void withoutNanIgnoreIsExactlyReject(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(37, 23, 4, 0.1, 5);
    NmfModel reject = builder(solver, loss, 4).missingValues(MissingValues.REJECT).fit(v);
    NmfModel ignore = builder(solver, loss, 4).fit(v);
    assertThat(ignore.w().toRowMajorArray()).isEqualTo(reject.w().toRowMajorArray());
    assertThat(ignore.h().toRowMajorArray()).isEqualTo(reject.h().toRowMajorArray());
    assertThat(ignore.lossHistory()).isEqualTo(reject.lossHistory());
    assertThat(ignore.reconstructionError()).isEqualTo(reject.reconstructionError());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void maskedLossNeverIncreases(Solver solver, Loss loss) {
    SplittableRandom shapes = new SplittableRandom(11);
    for (int trial = 0; trial < 25; trial++) {
      int n = 2 + shapes.nextInt(30);
      int p = 2 + shapes.nextInt(30);
      int k = 1 + shapes.nextInt(Math.min(n, p));
      Matrix v = hide(TestMatrices.uniform(n, p, 5, trial), 0.05 + 0.5 * shapes.nextDouble(),
          trial);
      NmfModel model = builder(solver, loss, k).initialization(Initialization.RANDOM)
          .seed(trial).maxIterations(40).checkEvery(1).tolerance(0).threads(1).fit(v);
      double[] history = model.lossHistory();
      double slack = RISE * (loss == Loss.FROBENIUS ? observedNorm(v) : observedSum(v));
      for (int t = 1; t < history.length; t++) {
        assertThat(history[t]).as("trial %d iteration %d of %s", trial, t, v.shape())
            .isLessThanOrEqualTo(history[t - 1] + slack);
      }
      assertThat(history[history.length - 1]).isLessThan(history[0]);
      assertThat(TestMatrices.allFiniteNonNegative(model.w())).isTrue();
      assertThat(TestMatrices.allFiniteNonNegative(model.h())).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void errorsAreOverTheObservedEntries(Solver solver, Loss loss) {
    Matrix v = hide(TestMatrices.noisyLowRank(30, 20, 3, 0.2, 7), 0.2, 8);
    NmfModel model = builder(solver, loss, 3).maxIterations(50).fit(v);
    Matrix wh = model.w().multiply(model.h());
    double squared = 0;
    double divergence = 0;
    for (int i = 0; i < v.rows(); i++) {
      for (int j = 0; j < v.cols(); j++) {
        double x = v.get(i, j);
        if (!Double.isNaN(x)) {
          double y = wh.get(i, j);
          squared += (x - y) * (x - y);
          divergence += y - x + (x > 0 ? x * Math.log(x / y) : 0);
        }
      }
    }
    double expected = loss == Loss.FROBENIUS ? Math.sqrt(squared) : divergence;
    assertThat(model.reconstructionError()).isCloseTo(expected,
        org.assertj.core.data.Percentage.withPercentage(1e-8));
    assertThat(model.relativeError()).isCloseTo(Math.sqrt(squared) / observedNorm(v),
        org.assertj.core.data.Percentage.withPercentage(1e-8));
    // The last loss of the history is the solver's own, as the exact error up to rounding.
    double[] history = model.lossHistory();
    assertThat(history[history.length - 1]).isCloseTo(model.reconstructionError(),
        org.assertj.core.data.Percentage.withPercentage(1e-3));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void hiddenEntriesOfAnExactProductAreRecovered(Solver solver, Loss loss) {
    Matrix v = TestMatrices.planted(60, 40, 4, 3);
    Matrix hidden = hide(v, 0.3, 4);
    NmfModel model = builder(solver, loss, 4).maxIterations(2000).tolerance(1e-9).fit(hidden);
    Matrix imputed = model.impute(hidden);
    double error = 0;
    double norm = 0;
    for (int i = 0; i < v.rows(); i++) {
      for (int j = 0; j < v.cols(); j++) {
        if (Double.isNaN(hidden.get(i, j))) {
          double d = imputed.get(i, j) - v.get(i, j);
          error += d * d;
          norm += v.get(i, j) * v.get(i, j);
        } else {
          assertThat(imputed.get(i, j)).isEqualTo(hidden.get(i, j));
        }
      }
    }
    assertThat(Math.sqrt(error / norm)).isLessThan(0.02);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void sameResultForAnyThreadCount(Solver solver, Loss loss) {
    // Large enough for several blocks of rows and columns (Entries.BLOCK = 256).
    Matrix v = hide(TestMatrices.noisyLowRank(300, 270, 5, 0.1, 9), 0.2, 10);
    NmfModel one = builder(solver, loss, 5).maxIterations(6).tolerance(0).threads(1).fit(v);
    for (int threads : new int[] {2, 3, 8}) {
      NmfModel many = builder(solver, loss, 5).maxIterations(6).tolerance(0).threads(threads)
          .fit(v);
      assertThat(many.w().toRowMajorArray()).as("%d threads", threads)
          .isEqualTo(one.w().toRowMajorArray());
      assertThat(many.h().toRowMajorArray()).isEqualTo(one.h().toRowMajorArray());
      assertThat(many.lossHistory()).isEqualTo(one.lossHistory());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void sparseIgnoreObservesTheStoredEntriesOnly(Solver solver, Loss loss) {
    // A sparse V and the dense V with NaN where nothing is stored: the same masked problem.
    Matrix full = TestMatrices.noisyLowRank(40, 30, 3, 0.1, 12);
    Matrix dense = hide(full, 0.4, 13);
    double[] a = dense.toRowMajorArray();
    double[] zeroed = a.clone();
    for (int i = 0; i < zeroed.length; i++) {
      if (Double.isNaN(zeroed[i])) {
        zeroed[i] = 0;
      }
    }
    SparseMatrix sparse = SparseMatrix.of(Matrix.wrap(40, 30, zeroed));
    Matrix w0 = TestMatrices.uniform(40, 3, 1, 14);
    Matrix h0 = TestMatrices.uniform(3, 30, 1, 15);
    Nmf nmf = builder(solver, loss, 3).initialFactors(w0, h0).maxIterations(30).tolerance(0)
        .build();
    NmfModel fromSparse = nmf.fit(sparse);
    NmfModel fromDense = nmf.fit(dense);
    assertThat(fromSparse.reconstructionError()).isCloseTo(fromDense.reconstructionError(),
        org.assertj.core.data.Percentage.withPercentage(1e-6));
    double[] ws = fromSparse.w().toRowMajorArray();
    double[] wd = fromDense.w().toRowMajorArray();
    for (int i = 0; i < ws.length; i++) {
      assertThat(ws[i]).isCloseTo(wd[i], org.assertj.core.data.Offset.offset(1e-8));
    }
    // REJECT on the same sparse V treats the unstored entries as zeros: a different fit.
    NmfModel zeros = nmf.toBuilder().missingValues(MissingValues.REJECT).fit(sparse);
    assertThat(zeros.reconstructionError()).isGreaterThan(2 * fromSparse.reconstructionError());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void rowsAndColumnsWithoutObservationsGiveFiniteZeroPredictions(Solver solver, Loss loss) {
    double[] a = hide(TestMatrices.noisyLowRank(12, 9, 2, 0.1, 16), 0.2, 17).toRowMajorArray();
    Arrays.fill(a, 3 * 9, 4 * 9, Double.NaN); // row 3
    for (int i = 0; i < 12; i++) {
      a[i * 9 + 5] = Double.NaN; // column 5
    }
    Matrix v = Matrix.wrap(12, 9, a);
    NmfModel model = builder(solver, loss, 2).maxIterations(100).fit(v);
    assertThat(TestMatrices.allFiniteNonNegative(model.w())).isTrue();
    assertThat(TestMatrices.allFiniteNonNegative(model.h())).isTrue();
    assertThat(Double.isFinite(model.reconstructionError())).isTrue();
    Matrix imputed = model.impute(v);
    double scale = observedNorm(v);
    for (int j = 0; j < 9; j++) {
      assertThat(imputed.get(3, j)).isLessThan(1e-6 * scale);
      assertThat(imputed.get(j, 5)).isLessThan(1e-6 * scale);
    }
  }

  /**
   * Every observed entry zero: a dense V of zeros and NaN, and a sparse V whose only stored
   * entry is an explicit zero. The masked HALS step divided 0 by 0 there (its floor and
   * proximal weight are 0 when the observed entries are) and gave NaN factors. A sparse V that
   * stores nothing observes nothing, and is refused as a dense V of NaN only is.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void allObservedEntriesZeroGiveFiniteZeroFactors(Solver solver, Loss loss) {
    double nan = Double.NaN;
    Matrix dense = Matrix.of(new double[][] {{0, 0, 0}, {0, nan, 0}, {nan, 0, 0}});
    SparseMatrix empty = SparseMatrix.fromTriplets(4, 5, new int[0], new int[0], new double[0]);
    SparseMatrix explicitZero =
        SparseMatrix.fromCsr(2, 3, new int[] {0, 1, 1}, new int[] {2}, new double[] {0});
    for (Initialization init : Initialization.values()) {
      String what = solver + " " + loss + " " + init;
      NmfModel[] models = {builder(solver, loss, 2).initialization(init).fit(dense),
          builder(solver, loss, 2).initialization(init).fit(explicitZero)};
      assertThatThrownBy(() -> builder(solver, loss, 2).initialization(init).fit(empty))
          .as(what).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("v (4x5) has no observed entry: it stores none, and with "
              + "MissingValues.IGNORE only the stored entries are observed, so there is "
              + "nothing to fit");
      for (NmfModel model : models) {
        assertThat(TestMatrices.allFiniteNonNegative(model.w())).as(what).isTrue();
        assertThat(TestMatrices.allFiniteNonNegative(model.h())).as(what).isTrue();
        assertThat(model.reconstructionError()).as(what).isZero();
        assertThat(model.relativeError()).as(what).isZero();
      }
      assertThat(models[0].impute(dense).toRowMajorArray()).as(what).containsOnly(0.0);
    }
  }

  @Test
  void hiddenPixelsOfAPhotographArePredictedFarBetterThanColumnMeans() throws Exception {
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
        repositoryRoot().resolve("docs/figures/input/china.png").toFile());
    // Gray, every 4th pixel of each axis: about 107 x 160.
    int rows = image.getHeight() / 4;
    int cols = image.getWidth() / 4;
    double[] gray = new double[rows * cols];
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        int rgb = image.getRGB(4 * x, 4 * y);
        gray[y * cols + x] = (0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255)
            + 0.114 * (rgb & 255)) / 255;
      }
    }
    Matrix v = Matrix.wrap(rows, cols, gray);
    Matrix hidden = hide(v, 0.2, 18);
    Matrix imputed = Nmf.builder().rank(12).solver(Solver.HALS)
        .missingValues(MissingValues.IGNORE).maxIterations(300).seed(0).fit(hidden)
        .impute(hidden);
    double nmfError = 0;
    double meanError = 0;
    for (int j = 0; j < cols; j++) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < rows; i++) {
        if (!Double.isNaN(hidden.get(i, j))) {
          sum += hidden.get(i, j);
          count++;
        }
      }
      double mean = sum / count;
      for (int i = 0; i < rows; i++) {
        if (Double.isNaN(hidden.get(i, j))) {
          nmfError += Math.pow(imputed.get(i, j) - v.get(i, j), 2);
          meanError += Math.pow(mean - v.get(i, j), 2);
        }
      }
    }
    assertThat(Math.sqrt(nmfError)).isLessThan(0.5 * Math.sqrt(meanError));
  }

  @Test
  void rejectNamesTheNanAndIgnoreStillRejectsInfinityAndNegatives() {
    double[] a = TestMatrices.uniform(4, 5, 1, 19).toRowMajorArray();
    a[7] = Double.NaN;
    Matrix nan = Matrix.wrap(4, 5, a);
    assertThatThrownBy(() -> Nmf.builder().rank(2).fit(nan))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN at row 1, column 2");
    double[] b = a.clone();
    b[12] = Double.POSITIVE_INFINITY;
    Nmf ignore = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).build();
    assertThatThrownBy(() -> ignore.fit(Matrix.wrap(4, 5, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("infinite value Infinity at row 2, column 2");
    double[] c = a.clone();
    c[3] = -1;
    assertThatThrownBy(() -> ignore.fit(Matrix.wrap(4, 5, c)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative value -1.0 at row 0, column 3");
    double[] d = new double[20];
    Arrays.fill(d, Double.NaN);
    assertThatThrownBy(() -> ignore.fit(Matrix.wrap(4, 5, d)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no observed entry");
    assertThatThrownBy(() -> Nmf.builder().missingValues(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missingValues");
    assertThatThrownBy(() -> Nmf.builder().rank(2).loss(Loss.KULLBACK_LEIBLER)
        .normalizeColumnsOfW(true).missingValues(MissingValues.IGNORE).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing values");
    assertThatThrownBy(() -> Nmf.builder().rank(2).loss(Loss.ITAKURA_SAITO)
        .missingValues(MissingValues.IGNORE).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ITAKURA_SAITO");
  }

  @Test
  void imputeChecksTheShapeAndLeavesTheArgumentAlone() {
    Matrix v = hide(TestMatrices.noisyLowRank(10, 8, 2, 0.1, 20), 0.3, 21);
    double[] before = v.toRowMajorArray();
    NmfModel model = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).fit(v);
    Matrix imputed = model.impute(v);
    assertThat(v.toRowMajorArray()).isEqualTo(before);
    assertThat(TestMatrices.allFiniteNonNegative(imputed)).isTrue();
    assertThatThrownBy(() -> model.impute(Matrix.wrap(8, 10, new double[80])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x8")
        .hasMessageContaining("8x10");
    Nmf nmf = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).build();
    assertThat(nmf.toBuilder().build().settings().missingValues())
        .isEqualTo(MissingValues.IGNORE);
  }

  /**
   * impute copied an infinite or negative entry of its argument into the completion, where
   * transform refuses it: it now refuses it with transform's message, and leaves v as it was.
   */
  @Test
  void imputeRefusesInfiniteAndNegativeValuesAsTransformDoes() {
    Matrix v = hide(TestMatrices.noisyLowRank(10, 8, 2, 0.1, 24), 0.3, 25);
    NmfModel model = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).fit(v);
    for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.5}) {
      double[] a = v.toRowMajorArray();
      a[2 * 8 + 5] = bad;
      a[7 * 8 + 1] = -1;
      Matrix x = Matrix.wrap(10, 8, a.clone());
      String what = bad == -0.5 ? "negative value -0.5" : "infinite value " + bad;
      assertThatThrownBy(() -> model.impute(x)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(what + " at row 2, column 5 of v (NMF needs finite, non-negative values)");
      assertThatThrownBy(() -> model.transform(x)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(what + " at row 2, column 5 of x");
      assertThat(x.toRowMajorArray()).isEqualTo(a);
    }
    // NaN entries are the ones filled, -0.0 is a zero
    double[] a = v.toRowMajorArray();
    a[0] = -0.0;
    assertThat(model.impute(Matrix.wrap(10, 8, a)).get(0, 0)).isZero();
  }

  @Test
  void imputeOfASparseMatrixRefusesANegativeStoredValueAsTransformDoes() {
    SparseMatrix ratings = SparseMatrix.fromTriplets(3, 4, new int[] {0, 0, 1, 1, 2, 2, 2},
        new int[] {0, 1, 1, 2, 0, 2, 3}, new double[] {5, 4, 4, 2, 5, 1, 2});
    NmfModel model = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).seed(0)
        .fit(ratings);
    SparseMatrix bad = SparseMatrix.fromTriplets(3, 4, new int[] {0, 1, 2},
        new int[] {3, 2, 0}, new double[] {1, -0.5, 2});
    assertThatThrownBy(() -> model.impute(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative value -0.5 at row 1, column 2 of v (NMF needs finite, non-negative"
            + " values)");
    assertThatThrownBy(() -> model.transform(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("negative value -0.5 at row 1, column 2 of x");
  }

  @Test
  void imputeOfASparseMatrixFillsItsUnstoredEntries() {
    Matrix v = hide(TestMatrices.noisyLowRank(30, 20, 3, 0.1, 22), 0.4, 23);
    double[] a = v.toRowMajorArray();
    double[] zeros = a.clone();
    for (int e = 0; e < zeros.length; e++) {
      zeros[e] = Double.isNaN(zeros[e]) ? 0 : zeros[e];
    }
    SparseMatrix sparse = SparseMatrix.of(Matrix.wrap(30, 20, zeros));
    int[] pointers = sparse.rowPointers();
    NmfModel model = Nmf.builder().rank(3).missingValues(MissingValues.IGNORE).seed(1)
        .fit(sparse);
    double[] completed = model.impute(sparse).toRowMajorArray();
    double[] expected = model.impute(Matrix.wrap(30, 20, a)).toRowMajorArray();
    for (int e = 0; e < a.length; e++) {
      if (Double.isNaN(a[e])) {
        // WH by the blocked product against impute(Matrix)'s dot products: rounding only
        assertThat(completed[e]).isCloseTo(expected[e], within(1e-12 * (1 + expected[e])));
      } else {
        assertThat(completed[e]).isEqualTo(a[e]);
      }
    }
    assertThat(sparse.rowPointers()).isEqualTo(pointers);
    assertThatThrownBy(() -> model.impute(SparseMatrix.of(Matrix.wrap(20, 30, zeros))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30x20")
        .hasMessageContaining("20x30");
    assertThatThrownBy(() -> model.impute((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
  }

  private static java.nio.file.Path repositoryRoot() {
    java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
    while (!java.nio.file.Files.isDirectory(dir.resolve("docs/figures/input"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  private static double observedNorm(Matrix v) {
    double s = 0;
    for (double x : v.toRowMajorArray()) {
      if (!Double.isNaN(x)) {
        s += x * x;
      }
    }
    return Math.sqrt(s);
  }

  private static double observedSum(Matrix v) {
    double s = 0;
    for (double x : v.toRowMajorArray()) {
      if (!Double.isNaN(x)) {
        s += x;
      }
    }
    return s;
  }
}
