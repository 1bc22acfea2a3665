package io.github.nmf4j.nmf;

import static io.github.nmf4j.nmf.MaskedPenaltyTest.storingTheObserved;
import static io.github.nmf4j.nmf.MissingValuesTest.builder;
import static io.github.nmf4j.nmf.MissingValuesTest.hide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NmfModel#transform} of a model fitted with {@link MissingValues#IGNORE}: NaN entries of
 * x (a sparse x's unstored entries) are unobserved, W minimizes the masked loss plus the W
 * penalties with H fixed (the fold-in of recommender systems).
 */
class MaskedTransformTest {

  /** Rows {@code [from, to)} of {@code v}. */
  private static Matrix rows(Matrix v, int from, int to) {
    double[] a = v.toRowMajorArray();
    return Matrix.wrap(to - from, v.cols(),
        Arrays.copyOfRange(a, from * v.cols(), to * v.cols()));
  }

  /**
   * Fold-in: fitted on 50 rows of an exact rank-5 product, the model's transform of the other
   * 10 rows with half their entries hidden predicts the hidden entries ({@code W_new H}) far
   * better than the training rows' column means.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void foldInPredictsTheHiddenEntriesOfNewRows(Solver solver, Loss loss) {
    Matrix v = TestMatrices.planted(60, 40, 5, 21);
    Matrix train = rows(v, 0, 50);
    Matrix truth = rows(v, 50, 60);
    Matrix x = hide(truth, 0.5, 22);
    NmfModel model = builder(solver, loss, 5).maxIterations(3000).tolerance(1e-10).fit(train);
    Matrix predicted = model.inverseTransform(model.transform(x));
    double[] mean = new double[40];
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 40; j++) {
        mean[j] += train.get(i, j) / 50;
      }
    }
    double error = 0;
    double baseline = 0;
    double observedError = 0;
    double observedNorm = 0;
    int hidden = 0;
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 40; j++) {
        if (Double.isNaN(x.get(i, j))) {
          hidden++;
          double t = truth.get(i, j);
          error += (predicted.get(i, j) - t) * (predicted.get(i, j) - t);
          baseline += (mean[j] - t) * (mean[j] - t);
        } else {
          double d = predicted.get(i, j) - x.get(i, j);
          observedError += d * d;
          observedNorm += x.get(i, j) * x.get(i, j);
        }
      }
    }
    assertThat(hidden).isBetween(150, 250);
    // measured: 0.0103 (MU Frobenius), 0.0204 (MU KL), 0.0311 (HALS); the observed entries
    // within 0.7-1.2%, as the full transform of the complete rows (0.6-1.5%: H is the fit's)
    assertThat(Math.sqrt(observedError / observedNorm)).isLessThan(0.02);
    assertThat(Math.sqrt(error / baseline)).as("error relative to the column means' error")
        .isLessThan(0.05);
  }

  /**
   * The masked objective with H fixed (the data term over x's observed entries plus the W
   * penalties), recomputed from the factors after every iteration of the transform's rule,
   * never increases and H is not touched; both forms, with and without penalties.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void theMaskedObjectiveWithHFixedNeverIncreases(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(40, 30, 4, 0.3, 23);
    for (double alphaW : new double[] {0, 0.05}) {
      for (boolean sparse : new boolean[] {false, true}) {
        String what = solver + " " + loss + " alphaW " + alphaW + (sparse ? " sparse" : " dense");
        NmfModel model = builder(solver, loss, 4).alphaW(alphaW).l1Ratio(0.5).fit(v);
        Matrix x = hide(TestMatrices.noisyLowRank(25, 30, 4, 0.3, 24), 0.4, 25);
        Parallel par = Parallel.serial();
        Observed observed = sparse ? Observed.ofSparse(storingTheObserved(x), "x", par)
            : Observed.ofDense(x, "x", par);
        Problem problem = new Problem(model.settings(), observed.start, 4, par);
        Penalties penalties = Penalties.of(problem);
        Factors f = Initializer.forTransform(observed.start, model.h(),
            observed.observedMean());
        double[] h0 = f.h.clone();
        UpdateRule rule = observed.rule(problem, f, false);
        double previous = objective(x, observed.start.invScale, f, loss, penalties);
        double initial = previous;
        for (int t = 1; t <= 60; t++) {
          rule.iterate();
          double current = objective(x, observed.start.invScale, f, loss, penalties);
          assertThat(current).as("%s iteration %d", what, t)
              .isLessThanOrEqualTo(previous * (1 + 1e-12));
          previous = current;
        }
        assertThat(previous).as(what).isLessThan(initial);
        assertThat(f.h).as(what).isEqualTo(h0);
      }
    }
  }

  /** The data term over the observed entries of x plus the W penalties, in stored units. */
  private static double objective(Matrix x, double inv, Factors f, Loss loss,
      Penalties penalties) {
    int n = x.rows();
    int p = x.cols();
    int k = f.rank;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double raw = x.get(i, j);
        if (Double.isNaN(raw)) {
          continue;
        }
        double y = 0;
        for (int c = 0; c < k; c++) {
          y += f.w[i * k + c] * f.h[c * p + j];
        }
        double s = raw * inv;
        sum += loss == Loss.FROBENIUS ? 0.5 * (s - y) * (s - y)
            : Observed.divergenceTerm(s, y, 1e-300);
      }
    }
    double l1 = 0;
    double l2 = 0;
    for (double w : f.w) {
      l1 += w;
      l2 += w * w;
    }
    return sum + penalties.l1W * l1 + 0.5 * penalties.l2W * l2;
  }

  /** Without a NaN in x, the transform of an IGNORE model is the ordinary one, bit for bit. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void withoutNanTheTransformIsExactlyTheOrdinaryOne(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(37, 23, 4, 0.1, 26);
    Matrix x = TestMatrices.noisyLowRank(11, 23, 4, 0.1, 27);
    NmfModel ignore = builder(solver, loss, 4).fit(v);
    NmfModel reject = builder(solver, loss, 4).missingValues(MissingValues.REJECT).fit(v);
    assertThat(ignore.h()).isEqualTo(reject.h());
    assertThat(ignore.transform(x).toRowMajorArray())
        .isEqualTo(reject.transform(x).toRowMajorArray());
  }

  @Test
  void aRejectModelStillRejectsNanAndIgnoreStillRejectsInfinityAndNegatives() {
    Matrix v = TestMatrices.noisyLowRank(20, 10, 2, 0.1, 28);
    double[] a = TestMatrices.uniform(4, 10, 1, 29).toRowMajorArray();
    a[12] = Double.NaN;
    NmfModel reject = Nmf.builder().rank(2).fit(v);
    assertThatThrownBy(() -> reject.transform(Matrix.wrap(4, 10, a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN at row 1, column 2");
    NmfModel ignore = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).fit(v);
    double[] b = a.clone();
    b[25] = Double.POSITIVE_INFINITY;
    assertThatThrownBy(() -> ignore.transform(Matrix.wrap(4, 10, b)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("infinite value Infinity at row 2, column 5");
    double[] c = a.clone();
    c[3] = -1;
    assertThatThrownBy(() -> ignore.transform(Matrix.wrap(4, 10, c)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative value -1.0 at row 0, column 3");
    assertThat(TestMatrices.allFiniteNonNegative(ignore.transform(Matrix.wrap(4, 10, a))))
        .isTrue();
  }

  /**
   * A sparse x (only the stored entries observed) gives the dense transform of the same x with
   * NaN where nothing is stored, up to rounding: the same start and the same masked problem.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void aSparseXIsTheDenseXWithNanWhereNothingIsStored(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(40, 30, 3, 0.1, 30);
    NmfModel model = builder(solver, loss, 3).maxIterations(200).tolerance(0).fit(v);
    Matrix x = hide(TestMatrices.noisyLowRank(15, 30, 3, 0.1, 31), 0.5, 32);
    double[] dense = model.transform(x).toRowMajorArray();
    double[] sparse = model.transform(storingTheObserved(x)).toRowMajorArray();
    double largest = Arrays.stream(dense).max().orElseThrow();
    for (int i = 0; i < dense.length; i++) {
      assertThat(sparse[i]).as("entry %d", i)
          .isCloseTo(dense[i], org.assertj.core.data.Offset.offset(1e-9 * largest));
    }
    // REJECT reads the unstored entries as zeros: another W
    NmfModel zeros = builder(solver, loss, 3).missingValues(MissingValues.REJECT)
        .maxIterations(200).tolerance(0).fit(v);
    double[] asZeros = zeros.transform(storingTheObserved(x)).toRowMajorArray();
    double gap = 0;
    for (int i = 0; i < dense.length; i++) {
      gap = Math.max(gap, Math.abs(asZeros[i] - dense[i]));
    }
    assertThat(gap).isGreaterThan(0.05 * largest);
  }

  /**
   * A row of x with no observed entry gets the fit's result for such a row: a zero row of W
   * for the multiplicative updates, HALS's floor (positive, ~1e-16 of the data's scale) for
   * HALS, so {@code W_new H} predicts ~0 there; an x with no observed entry at all gives zeros.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void aRowWithoutObservedEntriesGetsTheDocumentedResult(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(30, 12, 3, 0.1, 33);
    NmfModel model = builder(solver, loss, 3).fit(v);
    double[] a = hide(TestMatrices.noisyLowRank(4, 12, 3, 0.1, 34), 0.3, 35).toRowMajorArray();
    Arrays.fill(a, 12, 24, Double.NaN); // row 1
    Matrix x = Matrix.wrap(4, 12, a);
    for (Matrix w : new Matrix[] {model.transform(x), model.transform(storingTheObserved(x))}) {
      assertThat(TestMatrices.allFiniteNonNegative(w)).isTrue();
      double[] row = w.row(1);
      if (solver == Solver.HALS) {
        assertThat(row[0]).isPositive().isLessThan(1e-14);
        assertThat(row).containsOnly(row[0]);
      } else {
        assertThat(row).containsOnly(0.0);
      }
      assertThat(w.row(0)).isNotEqualTo(new double[3]);
    }
    double[] none = new double[24];
    Arrays.fill(none, Double.NaN);
    assertThat(model.transform(Matrix.wrap(2, 12, none)).toRowMajorArray()).containsOnly(0.0)
        .hasSize(6);
    SparseMatrix empty = SparseMatrix.fromTriplets(2, 12, new int[0], new int[0], new double[0]);
    assertThat(model.transform(empty).toRowMajorArray()).containsOnly(0.0).hasSize(6);
  }

  /** 1 and 3 threads give the same W, dense and sparse; x is not modified. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void sameResultForAnyThreadCountAndXUnmodified(Solver solver, Loss loss) {
    Matrix v = hide(TestMatrices.noisyLowRank(100, 60, 4, 0.1, 36), 0.2, 37);
    // more rows than a block (Entries.BLOCK = 256)
    Matrix x = hide(TestMatrices.noisyLowRank(600, 60, 4, 0.1, 38), 0.3, 39);
    SparseMatrix sx = storingTheObserved(x);
    double[] before = x.toRowMajorArray();
    double[] sparseBefore = sx.values();
    Nmf.Builder b = builder(solver, loss, 4).maxIterations(30).tolerance(0);
    NmfModel one = b.threads(1).fit(v);
    NmfModel three = b.threads(3).fit(v);
    assertThat(three.h()).isEqualTo(one.h());
    Matrix w1 = one.transform(x);
    assertThat(three.transform(x).toRowMajorArray()).isEqualTo(w1.toRowMajorArray());
    assertThat(three.transform(sx).toRowMajorArray())
        .isEqualTo(one.transform(sx).toRowMajorArray());
    assertThat(x.toRowMajorArray()).isEqualTo(before);
    assertThat(sx.values()).isEqualTo(sparseBefore);
    assertThat(TestMatrices.allFiniteNonNegative(w1)).isTrue();
  }

  /**
   * The fit's W penalties apply to the transform: the same H with alphaW > 0 gives a smaller W
   * (L2: smaller norm; L1: more entries near 0) than without.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void theWPenaltiesOfTheFitApply(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(40, 30, 4, 0.1, 40);
    NmfModel plain = builder(solver, loss, 4).fit(v);
    Matrix x = hide(TestMatrices.noisyLowRank(20, 30, 4, 0.1, 41), 0.4, 42);
    double[] w0 = plain.transform(x).toRowMajorArray();
    for (double l1Ratio : new double[] {0, 1}) {
      NmfSettings s = builder(solver, loss, 4).alphaW(0.2).l1Ratio(l1Ratio).build().settings();
      NmfModel penalized = new NmfModel(s, null, plain.w(), plain.h(), 0, 0, 0, false,
          new double[0], 0);
      double[] w1 = penalized.transform(x).toRowMajorArray();
      assertThat(sumOfSquares(w1)).as("l1Ratio %s", l1Ratio)
          .isLessThan(0.9 * sumOfSquares(w0));
      assertThat(TestMatrices.allFiniteNonNegative(Matrix.wrap(20, 4, w1))).isTrue();
    }
  }

  /**
   * Without penalties HALS's transform is linear in x: rows 1e6 times larger (or smaller)
   * than the data of the fit get 1e6 times the W of the rows themselves, dense and sparse. The
   * proximal term was weighted by x's scale, not H's: at 1e6 the steps were damped to almost
   * nothing and W stopped near its start ([0.56, 0.71, 0.20] for [0.35, 1.57, 0.16]).
   */
  @Test
  void halsGivesRowsFarFromTheScaleOfTheFitScaledW() {
    Solver solver = Solver.HALS;
    Loss loss = Loss.FROBENIUS;
    Matrix v = TestMatrices.noisyLowRank(30, 12, 3, 0.1, 43);
    NmfModel model = builder(solver, loss, 3).maxIterations(2000).tolerance(1e-10).fit(v);
    Matrix x = hide(TestMatrices.noisyLowRank(8, 12, 3, 0.1, 44), 0.3, 45);
    double[] w = model.transform(x).toRowMajorArray();
    double largest = Arrays.stream(w).max().orElseThrow();
    for (double scale : new double[] {1e6, 1e-6}) {
      double[] a = x.toRowMajorArray();
      for (int i = 0; i < a.length; i++) {
        a[i] *= scale;
      }
      Matrix scaled = Matrix.wrap(8, 12, a);
      for (Matrix w2 : new Matrix[] {model.transform(scaled), model.transform(storingTheObserved(scaled))}) {
        double[] b = w2.toRowMajorArray();
        for (int i = 0; i < w.length; i++) {
          assertThat(b[i] / scale).as("scale %s, entry %d", scale, i)
              .isCloseTo(w[i], org.assertj.core.data.Offset.offset(1e-4 * largest));
        }
      }
    }
  }

  private static double sumOfSquares(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x * x;
    }
    return s;
  }
}
