package io.github.nmf4j.nmf;

import static io.github.nmf4j.nmf.MissingValuesTest.builder;
import static io.github.nmf4j.nmf.MissingValuesTest.hide;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The elastic-net penalties with {@link MissingValues#IGNORE}: every masked rule (dense V with
 * NaN, the complement form; sparse V whose stored entries are the observed ones) minimizes the
 * masked data term plus the penalty terms of a full fit, scaled by V's whole shape.
 */
class MaskedPenaltyTest {

  /**
   * Rise of the penalized objective allowed from one iteration to the next, relative to its
   * value: the updates never increase it; the objective is recomputed from the factors, whose
   * rounding is far below this.
   */
  private static final double RISE = 1e-12;

  /** How V's unobserved entries are given: NaN in a dense V, or not stored in a sparse V. */
  enum Form { DENSE, SPARSE }

  /** The masked rules: Frobenius MU, KL MU, HALS, each on both forms. */
  static Stream<Arguments> rules() {
    List<Arguments> out = new ArrayList<>();
    for (Form form : Form.values()) {
      out.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS, form));
      out.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.KULLBACK_LEIBLER, form));
      out.add(Arguments.of(Solver.HALS, Loss.FROBENIUS, form));
    }
    return out.stream();
  }

  static Stream<Arguments> cases() {
    SplittableRandom r = new SplittableRandom(31);
    return IntStream.range(0, 16).mapToObj(i -> {
      int n = 3 + r.nextInt(30);
      int p = 3 + r.nextInt(30);
      int k = 1 + r.nextInt(Math.min(n, p));
      // small alphas on data up to 1000 (the penalties rescaled with the data), large ones on
      // data up to 5
      double scale = i % 2 == 0 ? 1000 : 5;
      double most = i % 2 == 0 ? 0.1 : 1;
      double alphaW = r.nextDouble() * most;
      double alphaH = i % 5 == 0 ? 0 : r.nextDouble() * most;
      double l1Ratio = i % 4 == 0 ? 0 : i % 4 == 1 ? 1 : r.nextDouble();
      return Arguments.of(i, n, p, k, scale, alphaW, alphaH, l1Ratio);
    });
  }

  /**
   * The masked data term plus the penalties, recomputed from the factors after every
   * iteration, never increases, for every masked rule and both forms; on data with observed
   * zeros and 5-60% of the entries missing.
   */
  @ParameterizedTest(name = "case {0}: {1}x{2}, rank {3}")
  @MethodSource("cases")
  void thePenalizedMaskedObjectiveNeverIncreases(int seed, int n, int p, int k, double scale,
      double alphaW, double alphaH, double l1Ratio) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] values = new double[n * p];
    double hidden = 0.05 + 0.55 * r.nextDouble();
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextDouble() < hidden ? Double.NaN
          : r.nextDouble() < 0.2 ? 0 : r.nextDouble() * scale;
    }
    values[0] = scale; // at least one observed entry
    Matrix v = Matrix.wrap(n, p, values);
    rules().forEach(a -> {
      Solver solver = (Solver) a.get()[0];
      Loss loss = (Loss) a.get()[1];
      Form form = (Form) a.get()[2];
      Nmf nmf = builder(solver, loss, k).alphaW(alphaW).alphaH(alphaH).l1Ratio(l1Ratio)
          .build();
      Observed observed = observed(v, form);
      Problem problem = new Problem(nmf.settings(), observed.start, k, Parallel.serial());
      Penalties penalties = Penalties.of(problem);
      Factors f = Initializer.random(observed.start, k, new SplittableRandom(seed));
      UpdateRule rule = observed.rule(problem, f);
      double initial = objective(v, observed.start.invScale, f, loss, penalties);
      double previous = initial;
      for (int t = 1; t <= 40; t++) {
        rule.iterate();
        double current = objective(v, observed.start.invScale, f, loss, penalties);
        assertThat(current).as("%s %s %s iteration %d", solver, loss, form, t)
            .isLessThanOrEqualTo(previous * (1 + RISE));
        previous = current;
      }
      assertThat(previous).as("%s %s %s", solver, loss, form).isLessThan(initial);
    });
  }

  /**
   * An L1 penalty makes both factors sparser than the unpenalized masked fit from the same
   * start (entries below {@code 1e-6} of the factor's largest; for HALS exact zeros, which the
   * unpenalized fit never has).
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("rules")
  void anL1PenaltyMakesBothFactorsSparser(Solver solver, Loss loss, Form form) {
    Matrix v = hide(TestMatrices.noisyLowRank(60, 40, 4, 0.3, 5), 0.2, 6);
    Nmf.Builder b = builder(solver, loss, 6).initialFactors(TestMatrices.uniform(60, 6, 1, 7),
        TestMatrices.uniform(6, 40, 1, 8)).maxIterations(300).tolerance(0).l1Ratio(1);
    NmfModel plain = fit(b, v, form);
    NmfModel sparse = fit(b.alphaW(0.02), v, form);
    for (boolean ofW : new boolean[] {true, false}) {
      Matrix before = ofW ? plain.w() : plain.h();
      Matrix after = ofW ? sparse.w() : sparse.h();
      String what = ofW ? "W" : "H";
      assertThat(shareBelow(after, 1e-6)).as(what)
          .isGreaterThan(shareBelow(before, 1e-6) + 0.1);
      if (solver == Solver.HALS) {
        assertThat(shareBelow(before, 0)).as(what).isZero();
        assertThat(shareBelow(after, 0)).as(what).isGreaterThan(0.1);
      }
    }
  }

  /** An L2 penalty on both factors shrinks them: {@code ||W||^2 + ||H||^2} is smaller. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("rules")
  void anL2PenaltyShrinksTheFactors(Solver solver, Loss loss, Form form) {
    Matrix v = hide(TestMatrices.noisyLowRank(50, 30, 3, 0.1, 9), 0.3, 10);
    Nmf.Builder b = builder(solver, loss, 3).initialFactors(TestMatrices.uniform(50, 3, 1, 11),
        TestMatrices.uniform(3, 30, 1, 12)).maxIterations(200).tolerance(0);
    double plain = squares(fit(b, v, form));
    double shrunk = squares(fit(b.alphaW(0.1).l1Ratio(0), v, form));
    assertThat(shrunk).isLessThan(0.8 * plain);
  }

  /** Without a NaN, a penalized IGNORE fit is the penalized REJECT fit, bit for bit. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("io.github.nmf4j.nmf.MissingValuesTest#solvers")
  void withoutNanPenalizedIgnoreIsExactlyPenalizedReject(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(37, 23, 4, 0.1, 5);
    Nmf.Builder b = builder(solver, loss, 4).alphaW(0.05).alphaH(0.02).l1Ratio(0.3);
    NmfModel reject = b.missingValues(MissingValues.REJECT).fit(v);
    NmfModel ignore = b.missingValues(MissingValues.IGNORE).fit(v);
    assertThat(ignore.w().toRowMajorArray()).isEqualTo(reject.w().toRowMajorArray());
    assertThat(ignore.h().toRowMajorArray()).isEqualTo(reject.h().toRowMajorArray());
    assertThat(ignore.lossHistory()).isEqualTo(reject.lossHistory());
    assertThat(ignore.reconstructionError()).isEqualTo(reject.reconstructionError());
  }

  /**
   * A sparse V that stores every entry observes them all: its masked multiplicative updates are
   * the full penalized ones up to rounding, so the penalties have the full fit's weights and
   * units (the data's largest value 900, far from 1, so that a mistake in the rescaling of the
   * weights would show).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("muLosses")
  void aSparseVStoringEveryEntryGivesThePenalizedFullFit(Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(40, 30, 3, 0.2, 13).scale(300);
    SparseMatrix everyEntry = SparseMatrix.fromCsr(40, 30, IntStream.rangeClosed(0, 40)
        .map(i -> i * 30).toArray(), IntStream.range(0, 1200).map(q -> q % 30).toArray(),
        v.toRowMajorArray());
    Nmf.Builder b = builder(Solver.MULTIPLICATIVE_UPDATE, loss, 3)
        .initialFactors(TestMatrices.uniform(40, 3, 5, 14), TestMatrices.uniform(3, 30, 5, 15))
        .maxIterations(30).tolerance(0).alphaW(10).alphaH(5).l1Ratio(0.4);
    NmfModel full = b.missingValues(MissingValues.REJECT).fit(v);
    NmfModel masked = b.missingValues(MissingValues.IGNORE).fit(everyEntry);
    NmfModel unpenalized = b.alphaW(0).fit(everyEntry);
    assertThat(relativeDistance(masked.w(), full.w())).isLessThan(1e-10);
    assertThat(relativeDistance(masked.h(), full.h())).isLessThan(1e-10);
    // the penalties matter here: far more than rounding
    assertThat(relativeDistance(unpenalized.w(), full.w())).isGreaterThan(1e-2);
  }

  static Stream<Loss> muLosses() {
    return Stream.of(Loss.FROBENIUS, Loss.KULLBACK_LEIBLER);
  }

  /**
   * One NaN: the masked penalized multiplicative updates (the complement form) from the same
   * start as the full penalized fit stay within that one entry's share of it, while the
   * penalties themselves move the fit thousands of times further. (HALS is checked by its KKT
   * conditions below: its masked rule sweeps once per half-iteration, the full one up to its
   * budget, so their iterates differ.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("muLosses")
  void oneNanGivesNearlyThePenalizedFullFit(Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(200, 150, 4, 0.2, 16).scale(300);
    double[] a = v.toRowMajorArray();
    a[77 * 150 + 33] = Double.NaN;
    Matrix oneNan = Matrix.wrap(200, 150, a);
    Nmf.Builder b = builder(Solver.MULTIPLICATIVE_UPDATE, loss, 4)
        .initialFactors(TestMatrices.uniform(200, 4, 5, 17), TestMatrices.uniform(4, 150, 5, 18))
        .maxIterations(5).tolerance(0);
    NmfModel fullPlain = b.fit(v);
    b.alphaW(10).alphaH(5).l1Ratio(0.5);
    NmfModel full = b.fit(v);
    NmfModel masked = b.fit(oneNan);
    for (boolean ofW : new boolean[] {true, false}) {
      double penalized = relativeDistance(factor(masked, ofW), factor(full, ofW));
      double penaltyEffect = relativeDistance(factor(full, ofW), factor(fullPlain, ofW));
      assertThat(penalized).as(ofW ? "W" : "H").isLessThan(1e-3);
      assertThat(penaltyEffect).isGreaterThan(1000 * penalized);
    }
  }

  /**
   * HALS with both penalties, run to convergence: the KKT conditions of the penalized masked
   * objective, computed in the caller's units from scikit-learn's definition ({@code l1W = p
   * alphaW l1Ratio} and so on, n and p the whole shape), hold at the result: the gradient is
   * about 0 at positive entries and about non-negative at zero (or floor) entries. A penalty
   * weighted by the observed entries only, or in other units, would leave gradients of the size
   * of the penalty.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void halsMeetsTheKktConditionsOfThePenalizedMaskedObjective(Form form) {
    int n = 40;
    int p = 30;
    Matrix v = hide(TestMatrices.noisyLowRank(n, p, 3, 0.2, 19), 0.3, 20).scale(3);
    double alphaW = 0.02;
    double alphaH = 0.05;
    double l1Ratio = 0.5;
    NmfModel model = fit(builder(Solver.HALS, Loss.FROBENIUS, 3).seed(2).alphaW(alphaW)
        .alphaH(alphaH).l1Ratio(l1Ratio).maxIterations(5000).tolerance(0), v, form);
    double[] w = model.w().toRowMajorArray();
    double[] h = model.h().toRowMajorArray();
    int k = 3;
    // R = M .* (V - WH); gradient of W: -R H' + l1W + l2W W; of H: -W'R + l1H + l2H H
    double[] r = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double x = v.get(i, j);
        if (!Double.isNaN(x)) {
          double y = 0;
          for (int c = 0; c < k; c++) {
            y += w[i * k + c] * h[c * p + j];
          }
          r[i * p + j] = x - y;
        }
      }
    }
    double l1W = p * alphaW * l1Ratio;
    double l2W = p * alphaW * (1 - l1Ratio);
    double l1H = n * alphaH * l1Ratio;
    double l2H = n * alphaH * (1 - l1Ratio);
    double[] gradW = new double[n * k];
    double[] gradH = new double[k * p];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double g = l1W + l2W * w[i * k + c];
        for (int j = 0; j < p; j++) {
          g -= r[i * p + j] * h[c * p + j];
        }
        gradW[i * k + c] = g;
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < p; j++) {
        double g = l1H + l2H * h[c * p + j];
        for (int i = 0; i < n; i++) {
          g -= w[i * k + c] * r[i * p + j];
        }
        gradH[c * p + j] = g;
      }
    }
    // in units of the L1 weights: a penalty off by a factor would leave gradients of ~1
    assertKkt(w, gradW, 1e-6 * l1W, "W");
    assertKkt(h, gradH, 1e-6 * l1H, "H");
    assertThat(shareBelow(model.w(), 0) + shareBelow(model.h(), 0)).isGreaterThan(0);
  }

  static Stream<Form> forms() {
    return Stream.of(Form.values());
  }

  private static void assertKkt(double[] x, double[] grad, double tol, String name) {
    for (int q = 0; q < x.length; q++) {
      if (x[q] > 1e-12) {
        assertThat(Math.abs(grad[q])).as("%s[%d] = %s", name, q, x[q]).isLessThan(tol);
      } else {
        assertThat(grad[q]).as("%s[%d] = %s", name, q, x[q]).isGreaterThan(-tol);
      }
    }
  }

  /** A penalized masked fit gives the same factors and losses for 1, 2, 3 and 8 threads. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("rules")
  void penalizedMaskedFitsAreTheSameForAnyThreadCount(Solver solver, Loss loss, Form form) {
    // several blocks of rows and columns (Entries.BLOCK = 256)
    Matrix v = hide(TestMatrices.noisyLowRank(300, 270, 5, 0.1, 21), 0.2, 22);
    Nmf.Builder b = builder(solver, loss, 5).alphaW(0.01).alphaH(0.02).l1Ratio(0.4)
        .maxIterations(6).checkEvery(2).tolerance(0);
    NmfModel one = fit(b.threads(1), v, form);
    for (int threads : new int[] {2, 3, 8}) {
      NmfModel many = fit(b.threads(threads), v, form);
      assertThat(many.w().toRowMajorArray()).as("%d threads", threads)
          .isEqualTo(one.w().toRowMajorArray());
      assertThat(many.h().toRowMajorArray()).isEqualTo(one.h().toRowMajorArray());
      assertThat(many.lossHistory()).isEqualTo(one.lossHistory());
    }
  }

  /** The reported errors stay the data term over the observed entries, without the penalty. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("rules")
  void reconstructionErrorIsTheMaskedDataTerm(Solver solver, Loss loss, Form form) {
    Matrix v = hide(TestMatrices.noisyLowRank(30, 20, 3, 0.2, 23), 0.2, 24);
    NmfModel model = fit(builder(solver, loss, 3).alphaW(0.1).l1Ratio(0.5).maxIterations(50),
        v, form);
    Matrix wh = model.w().multiply(model.h());
    double squared = 0;
    double divergence = 0;
    double norm = 0;
    for (int i = 0; i < v.rows(); i++) {
      for (int j = 0; j < v.cols(); j++) {
        double x = v.get(i, j);
        if (!Double.isNaN(x)) {
          double y = wh.get(i, j);
          squared += (x - y) * (x - y);
          divergence += y - x + (x > 0 ? x * Math.log(x / y) : 0);
          norm += x * x;
        }
      }
    }
    double expected = loss == Loss.FROBENIUS ? Math.sqrt(squared) : divergence;
    assertThat(model.reconstructionError()).isCloseTo(expected,
        org.assertj.core.data.Percentage.withPercentage(1e-8));
    assertThat(model.relativeError()).isCloseTo(Math.sqrt(squared / norm),
        org.assertj.core.data.Percentage.withPercentage(1e-8));
  }

  /** The fit of v's observed entries: v itself, or a sparse V storing exactly them. */
  private static NmfModel fit(Nmf.Builder b, Matrix v, Form form) {
    return form == Form.DENSE ? b.fit(v) : b.fit(storingTheObserved(v));
  }

  private static Observed observed(Matrix v, Form form) {
    return form == Form.DENSE ? Observed.ofDense(v, "v", Parallel.serial())
        : Observed.ofSparse(storingTheObserved(v), "v", Parallel.serial());
  }

  /** A sparse matrix storing the entries of v that are not NaN, zeros included. */
  static SparseMatrix storingTheObserved(Matrix v) {
    int n = v.rows();
    int p = v.cols();
    double[] a = v.toRowMajorArray();
    int[] rowPointers = new int[n + 1];
    int count = 0;
    for (double x : a) {
      count += Double.isNaN(x) ? 0 : 1;
    }
    int[] columns = new int[count];
    double[] values = new double[count];
    int q = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double x = a[i * p + j];
        if (!Double.isNaN(x)) {
          columns[q] = j;
          values[q++] = x;
        }
      }
      rowPointers[i + 1] = q;
    }
    return SparseMatrix.fromCsr(n, p, rowPointers, columns, values);
  }

  /**
   * The masked data term (half the squared distance, or the divergence, over the entries of v
   * that are not NaN) plus the penalties, in the stored units {@code v * invScale}.
   */
  private static double objective(Matrix v, double invScale, Factors f, Loss loss,
      Penalties penalties) {
    int n = v.rows();
    int p = v.cols();
    int k = f.rank;
    double term = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double raw = v.get(i, j);
        if (Double.isNaN(raw)) {
          continue;
        }
        double x = raw * invScale;
        double y = 0;
        for (int c = 0; c < k; c++) {
          y += f.w[i * k + c] * f.h[c * p + j];
        }
        term += loss == Loss.FROBENIUS ? 0.5 * (x - y) * (x - y)
            : y - x + (x > 0 ? x * Math.log(x / y) : 0);
      }
    }
    double sumW = 0;
    double squaresW = 0;
    for (double x : f.w) {
      sumW += x;
      squaresW += x * x;
    }
    double sumH = 0;
    double squaresH = 0;
    for (double x : f.h) {
      sumH += x;
      squaresH += x * x;
    }
    return term + penalties.l1W * sumW + penalties.l1H * sumH
        + 0.5 * (penalties.l2W * squaresW + penalties.l2H * squaresH);
  }

  private static Matrix factor(NmfModel model, boolean ofW) {
    return ofW ? model.w() : model.h();
  }

  private static double squares(NmfModel model) {
    double w = model.w().frobeniusNorm();
    double h = model.h().frobeniusNorm();
    return w * w + h * h;
  }

  private static double relativeDistance(Matrix a, Matrix b) {
    return a.subtract(b).frobeniusNorm() / b.frobeniusNorm();
  }

  /** The share of m's entries at most {@code relative} times its largest. */
  private static double shareBelow(Matrix m, double relative) {
    double[] a = m.toRowMajorArray();
    double most = 0;
    for (double x : a) {
      most = Math.max(most, x);
    }
    double limit = relative * most;
    return (double) java.util.Arrays.stream(a).filter(x -> x <= limit).count() / a.length;
  }
}
