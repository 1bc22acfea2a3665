package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scikit-learn 1.2's penalized multiplicative updates and beta-divergences step by step, its
 * penalized transform, and its penalized coordinate descent at convergence ({@code
 * reference/nmf/make_mu_options_fixtures.py}).
 *
 * <p>What differs, and why the tolerance holds: as {@link MultiplicativeUpdateReferenceTest}
 * (scikit-learn runs on {@code V^T} with the factors swapped, which makes its W-first order
 * ours; {@code epsilon} is {@link Double#MIN_NORMAL}, so adding it leaves every denominator as
 * scikit-learn's; products are summed in other orders). Here in addition the penalties are
 * summed in another order ({@code W (HH' + l2 I) + l1} against scikit-learn's {@code W HH' + l1
 * + l2 W}), a few roundings more per update, and the penalties swap with the factors (our
 * {@code alphaW} is scikit-learn's {@code alpha_H} on {@code V^T}; the script says why).
 *
 * <p>The transform's reference for the Kullback-Leibler loss with an L1 part is scikit-learn's
 * uncached W update ({@code MiniBatchNMF._solve_W}), not {@code NMF.transform}: the latter adds
 * the L1 weight to its cached row sums of H in place once per iteration, so its L1 weight grows
 * with the iterations (a scikit-learn 1.2 bug its fit does not have; the script checks that
 * the two differ).
 */
class MuOptionsReferenceTest {

  /** Norm-wise relative difference allowed: {@code ||ours - sklearn||_F / ||sklearn||_F}. */
  private static final double RELATIVE = 1e-8;
  /** HALS's penalized objective may exceed scikit-learn cd's only by rounding. */
  private static final double ROUNDING = 1e-10;

  private static final String[] FILES = {"square", "tall", "wide"};

  /** A setting of a fixture: the block {@code P_<name>} holds beta, alphaW, alphaH, l1Ratio. */
  record Setting(String file, String name, double beta, double alphaW, double alphaH,
      double l1Ratio) {

    static Setting of(String file, String name) {
      Matrix p = ReferenceFixture.load("mu_options_" + file + ".txt").get("P_" + name);
      return new Setting(file, name, p.get(0, 0), p.get(0, 1), p.get(0, 2), p.get(0, 3));
    }

    Nmf.Builder builder() {
      return Nmf.builder().betaLoss(beta).alphaW(alphaW).alphaH(alphaH).l1Ratio(l1Ratio);
    }

    @Override
    public String toString() {
      return file + " " + name;
    }
  }

  static Stream<Setting> settings() {
    Stream.Builder<Setting> b = Stream.builder();
    for (String file : FILES) {
      ReferenceFixture f = ReferenceFixture.load("mu_options_" + file + ".txt");
      for (String name : new String[] {"frobenius_pen", "frobenius_split", "kl_pen",
          "kl_split", "is", "is_pen", "beta1_5", "beta3", "beta3_pen", "beta0_5", "beta_m0_5",
          "beta2_5"}) {
        // settings with beta <= 0 exist only for data without zeros
        if (f.has("P_" + name)) {
          b.add(Setting.of(file, name));
        }
      }
    }
    return b.build();
  }

  static Stream<Arguments> steps() {
    return settings().flatMap(s -> Stream.of(1, 10, 50).flatMap(t ->
        Stream.of(1, 2).map(threads -> Arguments.of(s, t, threads))));
  }

  @ParameterizedTest(name = "{0} after {1} iterations on {2} threads")
  @MethodSource("steps")
  void factorsMatchScikitLearn(Setting s, int iterations, int threads) {
    ReferenceFixture f = ReferenceFixture.load("mu_options_" + s.file() + ".txt");
    NmfModel model = s.builder()
        .initialFactors(f.get("W0"), f.get("H0"))
        .epsilon(Double.MIN_NORMAL)
        .maxIterations(iterations)
        .tolerance(0)
        .threads(threads)
        .fit(f.get("V"));

    String suffix = s.name() + "_" + iterations;
    assertThat(model.iterations()).isEqualTo(iterations);
    assertThat(relativeDifference(model.w(), f.get("W_" + suffix))).isLessThan(RELATIVE);
    assertThat(relativeDifference(model.h(), f.get("H_" + suffix))).isLessThan(RELATIVE);
    // scikit-learn's reconstruction_err_ is sqrt(2 D); nmf4j reports D for Kullback-Leibler
    double error = model.reconstructionError();
    double sklearnUnits = s.beta() == 1 ? Math.sqrt(2 * error) : error;
    double expected = f.get("E_" + suffix).get(0, 0);
    assertThat(Math.abs(sklearnUnits - expected)).isLessThan(RELATIVE * expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void transformAppliesThePenaltyOfWAsScikitLearn(Setting s) {
    ReferenceFixture f = ReferenceFixture.load("mu_options_" + s.file() + ".txt");
    Matrix h0 = f.get("H0");
    Nmf config = s.builder().rank(h0.rows()).epsilon(Double.MIN_NORMAL).maxIterations(10)
        .tolerance(0).build();
    NmfModel model = new NmfModel(config.settings(), null, f.get("W0"), h0, 0, 0, 0, false,
        new double[] {0}, 0);

    assertThat(relativeDifference(model.transform(f.get("V")), f.get("T_" + s.name() + "_10")))
        .isLessThan(RELATIVE);
  }

  /**
   * Where V and WH are both exactly 0 (an all-zero column of V, H zero there) the divergence's
   * term is {@code WH^beta / beta = 0}, as scikit-learn counts it; with the default epsilon a
   * term {@code eps^beta / beta} per such entry made the error of beta 0.5 about 1e-5 too large
   * on real data (digits). Dense and sparse V, default epsilon.
   */
  @ParameterizedTest(name = "beta {0} after {1} iterations, sparse {2}")
  @CsvSource({"0.5, 1, false", "0.5, 10, false", "1.5, 1, false", "1.5, 10, false",
      "3, 1, false", "3, 10, false", "0.5, 1, true", "0.5, 10, true", "1.5, 10, true"})
  void errorCountsNothingWhereDataAndModelAreZero(double beta, int iterations, boolean sparse) {
    ReferenceFixture f = ReferenceFixture.load("mu_options_zero_model.txt");
    Nmf nmf = Nmf.builder().betaLoss(beta).initialFactors(f.get("W0"), f.get("H0"))
        .maxIterations(iterations).tolerance(0).build();
    Matrix v = f.get("V");
    NmfModel model = sparse ? nmf.fit(SparseMatrix.of(v)) : nmf.fit(v);

    String name = "E_beta" + (beta == 0.5 ? "0_5" : beta == 1.5 ? "1_5" : "3") + "_" + iterations;
    double expected = f.get(name).get(0, 0);
    assertThat(Math.abs(model.reconstructionError() - expected)).isLessThan(RELATIVE * expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void halsReachesScikitLearnsCoordinateDescentObjective(Setting s) {
    if (s.beta() != 2) {
      return;
    }
    ReferenceFixture f = ReferenceFixture.load("mu_options_" + s.file() + ".txt");
    Matrix v = f.get("V");
    NmfModel model = s.builder().solver(Solver.HALS)
        .initialFactors(f.get("W0"), f.get("H0"))
        .maxIterations(3000).tolerance(0).threads(1)
        .fit(v);

    double ours = objective(v, model.w(), model.h(), s.alphaW(), s.alphaH(), s.l1Ratio());
    double theirs = f.get("CD_" + s.name()).get(0, 0);
    assertThat(ours).isLessThanOrEqualTo(theirs * (1 + ROUNDING));
  }

  /** scikit-learn's documented objective for the Frobenius loss. */
  static double objective(Matrix v, Matrix w, Matrix h, double alphaW, double alphaH,
      double l1Ratio) {
    double residual = v.subtract(w.multiply(h)).frobeniusNorm();
    return 0.5 * residual * residual
        + v.cols() * alphaW * (l1Ratio * w.sum() + 0.5 * (1 - l1Ratio) * squares(w))
        + v.rows() * alphaH * (l1Ratio * h.sum() + 0.5 * (1 - l1Ratio) * squares(h));
  }

  private static double squares(Matrix m) {
    double norm = m.frobeniusNorm();
    return norm * norm;
  }

  static double relativeDifference(Matrix actual, Matrix expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    return actual.subtract(expected).frobeniusNorm() / expected.frobeniusNorm();
  }
}
