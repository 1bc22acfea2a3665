package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The elastic-net penalties: validation, what they do to the factors, monotone objective. */
class NmfPenaltyTest {

  /**
   * Rise of the penalized objective allowed from one iteration to the next, relative to its
   * value: the updates never increase it; the objective is recomputed from the factors in double
   * precision, whose rounding is far below this.
   */
  private static final double RISE = 1e-12;

  @Test
  void alphaHDefaultsToAlphaW() {
    Nmf same = Nmf.builder().rank(2).alphaW(0.3).build();
    assertThat(same.settings().alphaW()).isEqualTo(0.3);
    assertThat(same.settings().alphaH()).isEqualTo(0.3);
    Nmf apart = Nmf.builder().rank(2).alphaW(0.3).alphaH(0).l1Ratio(0.25).build();
    assertThat(apart.settings().alphaH()).isZero();
    assertThat(apart.settings().l1Ratio()).isEqualTo(0.25);
    // toBuilder keeps "the same as alphaW": a new alphaW moves alphaH with it
    assertThat(same.toBuilder().alphaW(0.5).build().settings().alphaH()).isEqualTo(0.5);
    assertThat(apart.toBuilder().alphaW(0.5).build().settings().alphaH()).isZero();
    assertThat(Nmf.builder().rank(2).build().settings().alphaH()).isZero();
    assertThat(same.settings().toString()).contains("alphaW=0.3", "alphaH=0.3", "l1Ratio=0.0");
  }

  @Test
  void badPenaltiesAreRejectedWithTheirNameAndValue() {
    assertThatThrownBy(() -> Nmf.builder().alphaW(-0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alphaW must be finite and >= 0, was -0.5");
    assertThatThrownBy(() -> Nmf.builder().alphaW(Double.NaN))
        .hasMessage("alphaW must be finite and >= 0, was NaN");
    assertThatThrownBy(() -> Nmf.builder().alphaH(Double.POSITIVE_INFINITY))
        .hasMessage("alphaH must be finite and >= 0, was Infinity");
    assertThatThrownBy(() -> Nmf.builder().l1Ratio(1.5))
        .hasMessage("l1Ratio must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> Nmf.builder().l1Ratio(Double.NaN))
        .hasMessage("l1Ratio must be in [0, 1], was NaN");
    assertThatThrownBy(() -> Nmf.builder().rank(2).loss(Loss.KULLBACK_LEIBLER)
        .normalizeColumnsOfW(true).alphaW(0.1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alphaW and alphaH must be 0, were 0.1 and 0.1");
    Nmf penalized = Nmf.builder().rank(2).alphaH(0.2).initialization(Initialization.RANDOM)
        .build();
    assertThatThrownBy(() -> DistributedNmf.of(penalized))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("were 0.0 and 0.2");
  }

  static Stream<Arguments> solvers() {
    return Stream.of(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS),
        Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.KULLBACK_LEIBLER),
        Arguments.of(Solver.HALS, Loss.FROBENIUS));
  }

  /**
   * An L1 penalty on both factors sets entries of W to exactly 0, more of them the larger its
   * weight, where the unpenalized fit has none: HALS (scikit-learn's cd) clips them to 0; the
   * multiplicative updates shrink the entries of unneeded components (the data has 4, the fit
   * 6) geometrically until they underflow to 0.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void anL1PenaltyRaisesTheShareOfExactZerosInW(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(60, 30, 4, 0.3, 5);
    Nmf.Builder b = Nmf.builder().rank(6).solver(solver).loss(loss).seed(3)
        .initialization(Initialization.RANDOM).maxIterations(300).tolerance(0).l1Ratio(1);
    double plain = shareOfZeros(b.fit(v).w());
    double light = shareOfZeros(b.alphaW(0.002).fit(v).w());
    double heavy = shareOfZeros(b.alphaW(0.01).fit(v).w());
    assertThat(plain).isZero();
    if (solver == Solver.HALS) {
      assertThat(light).isGreaterThan(0.2);
    }
    assertThat(heavy).isGreaterThan(Math.max(light, 0.1));
  }

  /** An L2 penalty shrinks the factors it applies to. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void anL2PenaltyShrinksH(Solver solver, Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(50, 20, 3, 0.1, 8);
    Nmf.Builder b = Nmf.builder().rank(3).solver(solver).loss(loss).seed(1)
        .maxIterations(200).tolerance(0);
    double plain = b.fit(v).h().frobeniusNorm();
    double shrunk = b.alphaW(0).alphaH(0.05).l1Ratio(0).fit(v).h().frobeniusNorm();
    assertThat(shrunk).isLessThan(0.9 * plain);
  }

  /**
   * An L2 weight beyond the double range in stored units ({@code alpha s^(1 - beta)} for data
   * scaled by {@code s = 4^m}: {@code 2^1022 p} for the Frobenius loss at {@code m = -511} and
   * alpha 1, {@code 2^1204 p / 100} for beta 3 at {@code m = -301} and alpha 0.01) outweighs any
   * fit of the data: the factors go to 0. The weight was infinite, and {@code 0 * Infinity} in
   * {@code W (HH' + l2W I)}, HALS's Gram matrices or {@code l2W W} made W, H and the errors NaN.
   */
  @Test
  void anL2WeightBeyondTheDoubleRangeGivesZerosNotNaN() {
    Matrix v = TestMatrices.uniform(40, 25, 1, 6).scale(0x1p-1021);
    for (Solver solver : Solver.values()) {
      assertFiniteAndNearZero(Nmf.builder().rank(3).solver(solver).alphaW(1).l1Ratio(0)
          .seed(11).maxIterations(30).fit(v), solver.toString());
    }
    assertFiniteAndNearZero(MiniBatchNmf.builder().rank(3).alphaW(1).l1Ratio(0).batchSize(8)
        .seed(11).maxIterations(10).fit(v), "mini-batch");
    Matrix tiny = TestMatrices.uniform(40, 25, 1, 6).scale(0x1p-600);
    assertFiniteAndNearZero(MiniBatchNmf.builder().rank(3).betaLoss(3).alphaW(0.01).l1Ratio(0)
        .batchSize(8).seed(11).maxIterations(10).fit(tiny), "mini-batch beta 3");
  }

  private static void assertFiniteAndNearZero(NmfModel model, String what) {
    assertThat(TestMatrices.allFiniteNonNegative(model.w())).as("W %s", what).isTrue();
    assertThat(TestMatrices.allFiniteNonNegative(model.h())).as("H %s", what).isTrue();
    // W H is all but 0 beside V: the relative error is 1
    assertThat(model.relativeError()).as("relative error %s", what)
        .isCloseTo(1, org.assertj.core.api.Assertions.within(1e-6));
  }

  static Stream<Arguments> shapes() {
    SplittableRandom r = new SplittableRandom(77);
    return IntStream.range(0, 24).mapToObj(i -> {
      int n = 2 + r.nextInt(30);
      int p = 2 + r.nextInt(30);
      int k = 1 + r.nextInt(Math.min(n, p));
      double alphaW = r.nextDouble() * 0.1;
      double alphaH = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * 0.1;
      double l1Ratio = i % 4 == 0 ? 0 : i % 4 == 1 ? 1 : r.nextDouble();
      return Arguments.of(i, n, p, k, alphaW, alphaH, l1Ratio);
    });
  }

  /**
   * The penalized objective (the loss's data term plus the penalties, in the solver's units)
   * never increases from one iteration to the next, for each solver and loss; on data with
   * zeros and a largest value far from 1 (so that the penalties are rescaled with the data).
   */
  @ParameterizedTest(name = "case {0}: {1}x{2}, rank {3}")
  @MethodSource("shapes")
  void thePenalizedObjectiveNeverIncreases(int seed, int n, int p, int k, double alphaW,
      double alphaH, double l1Ratio) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] values = new double[n * p];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * 1000;
    }
    Matrix v = Matrix.wrap(n, p, values);
    for (Solver solver : new Solver[] {Solver.MULTIPLICATIVE_UPDATE, Solver.HALS}) {
      for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
        if (solver == Solver.HALS && loss != Loss.FROBENIUS) {
          continue;
        }
        NmfSettings settings = Nmf.builder().rank(k).solver(solver).loss(loss).alphaW(alphaW)
            .alphaH(alphaH).l1Ratio(l1Ratio).build().settings();
        ScaledData data = ScaledData.of(v, "v", Parallel.serial());
        Factors f = Initializer.random(data, k, new SplittableRandom(seed));
        Problem problem = new Problem(settings, data, k, Parallel.serial());
        Penalties penalties = Penalties.of(problem);
        UpdateRule rule = Solvers.factory(settings).fit(problem, f);
        double previous = objective(data, v, f, loss, penalties);
        for (int t = 1; t <= 40; t++) {
          rule.iterate();
          double current = objective(data, v, f, loss, penalties);
          assertThat(current).as("%s %s iteration %d", solver, loss, t)
              .isLessThanOrEqualTo(previous * (1 + RISE));
          previous = current;
        }
      }
    }
  }

  @Test
  void penalizedResultsAreBitIdenticalForAnyThreadCount() {
    Matrix v = TestMatrices.noisyLowRank(8200, 24, 4, 0.2, 17);
    for (Solver solver : new Solver[] {Solver.MULTIPLICATIVE_UPDATE, Solver.HALS}) {
      for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
        if (solver == Solver.HALS && loss != Loss.FROBENIUS) {
          continue;
        }
        Nmf.Builder b = Nmf.builder().rank(4).solver(solver).loss(loss).alphaW(0.001)
            .alphaH(0.0001).l1Ratio(0.4).maxIterations(8).checkEvery(4).seed(5);
        NmfModel one = b.threads(1).fit(v);
        Matrix transformed = one.transform(v);
        for (int threads : new int[] {2, 3, 8}) {
          NmfModel other = b.threads(threads).fit(v);
          assertThat(other.w()).as("%s %s W, %d threads", solver, loss, threads)
              .isEqualTo(one.w());
          assertThat(other.h()).isEqualTo(one.h());
          assertThat(other.lossHistory()).isEqualTo(one.lossHistory());
          assertThat(other.transform(v)).isEqualTo(transformed);
        }
      }
    }
  }

  /** The reported loss and history stay the data term: the penalty is not in them. */
  @Test
  void reconstructionErrorIsTheDataTerm() {
    Matrix v = TestMatrices.noisyLowRank(30, 12, 3, 0.2, 4);
    NmfModel model = Nmf.builder().rank(3).alphaW(0.05).l1Ratio(0.5).maxIterations(50).fit(v);
    double residual = v.subtract(model.w().multiply(model.h())).frobeniusNorm();
    assertThat(model.reconstructionError()).isCloseTo(residual,
        org.assertj.core.api.Assertions.within(1e-9 * residual));
    double[] history = model.lossHistory();
    assertThat(history[history.length - 1]).isCloseTo(residual,
        org.assertj.core.api.Assertions.within(1e-6 * residual));
  }

  /** The data term plus the penalties, in stored units, from the factors. */
  private static double objective(ScaledData data, Matrix v, Factors f, Loss loss,
      Penalties penalties) {
    Matrix vs = v.scale(data.invScale);
    Matrix w = Matrix.wrap(data.n, f.rank, f.w);
    Matrix h = Matrix.wrap(f.rank, data.p, f.h);
    Matrix wh = w.multiply(h);
    double term = 0;
    if (loss == Loss.FROBENIUS) {
      double r = vs.subtract(wh).frobeniusNorm();
      term = 0.5 * r * r;
    } else {
      for (int i = 0; i < data.n; i++) {
        for (int j = 0; j < data.p; j++) {
          double x = vs.get(i, j);
          double y = wh.get(i, j);
          term += y - x + (x > 0 ? x * Math.log(x / y) : 0);
        }
      }
    }
    double squaresW = w.frobeniusNorm() * w.frobeniusNorm();
    double squaresH = h.frobeniusNorm() * h.frobeniusNorm();
    return term + penalties.l1W * w.sum() + penalties.l1H * h.sum()
        + 0.5 * (penalties.l2W * squaresW + penalties.l2H * squaresH);
  }

  private static double shareOfZeros(Matrix m) {
    double[] a = m.toRowMajorArray();
    return (double) java.util.Arrays.stream(a).filter(x -> x == 0).count() / a.length;
  }
}
