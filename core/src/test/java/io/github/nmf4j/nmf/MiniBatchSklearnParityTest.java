package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scikit-learn 1.2's {@code MiniBatchNMF} with its default stopping rules and its {@code
 * transform} ({@code reference/nmf/make_minibatch_parity_fixtures.py}): a whole fit from an
 * NNDSVDA start (the passes, W, H, the error) and W of new rows, for a fitted model and for an
 * {@link OnlineNmf} after a pass of {@code partial_fit}.
 */
class MiniBatchSklearnParityTest {

  /** Norm-wise relative difference allowed: {@code ||ours - sklearn||_F / ||sklearn||_F}. */
  private static final double RELATIVE = 1e-8;

  private static final ReferenceFixture F = ReferenceFixture.load("minibatch_parity.txt");

  private static MiniBatchNmf.Builder builder(String name) {
    Matrix s = F.get("P_" + name);
    return MiniBatchNmf.builder().rank(3).betaLoss(s.get(0, 0)).alphaW(s.get(0, 1))
        .l1Ratio(s.get(0, 2)).batchSize((int) s.get(0, 3)).freshRestarts(s.get(0, 4) == 1)
        .tolerance(s.get(0, 5)).threads(2);
  }

  static Stream<String> names() {
    return Stream.of("frobenius", "frobenius_pen", "frobenius_fresh", "kl", "is",
        "beta1_5_pen");
  }

  private static double relativeDifference(Matrix a, Matrix b) {
    return a.subtract(b).frobeniusNorm() / b.frobeniusNorm();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void aWholeFitWithTheDefaultStoppingRulesMatchesScikitLearn(String name) {
    NmfModel model = builder(name).initialization(Initialization.NNDSVDA).fit(F.get("V"));
    Matrix n = F.get("N_" + name);
    assertThat(model.iterations()).isEqualTo((int) n.get(0, 0));
    assertThat(relativeDifference(model.w(), F.get("W_" + name))).isLessThan(RELATIVE);
    assertThat(relativeDifference(model.h(), F.get("H_" + name))).isLessThan(RELATIVE);
    double error = model.reconstructionError();
    // scikit-learn reports sqrt(2 D) for Kullback-Leibler; nmf4j D, as Nmf
    double sklearnUnits = name.equals("kl") ? Math.sqrt(2 * error) : error;
    assertThat(Math.abs(sklearnUnits - n.get(0, 1))).isLessThan(RELATIVE * n.get(0, 1));
  }

  /**
   * {@code transform} is scikit-learn's {@code _solve_W}: W from {@code sqrt(mean(X) / k)},
   * updated with H fixed until its relative change is at most the tolerance, checked after
   * every update (not {@link Nmf}'s loss test every ten iterations, which stopped up to 15%
   * away on these rows).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void transformIsScikitLearnsSolveW(String name) {
    NmfModel model = builder(name).initialization(Initialization.NNDSVDA).fit(F.get("V"));
    Matrix x = F.get("X");
    assertThat(relativeDifference(model.transform(x), F.get("T_" + name)))
        .isLessThan(RELATIVE);
    assertThat(relativeDifference(model.transform(SparseMatrix.of(x)), F.get("T_" + name)))
        .isLessThan(RELATIVE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void theTransformOfAnOnlineFitIsScikitLearnsToo(String name) {
    Matrix v = F.get("V");
    int batch = (int) F.get("P_" + name).get(0, 3);
    OnlineNmf online = builder(name).freshRestarts(false)
        .initialFactors(ones(v.rows(), 3), F.get("H0")).start(v.cols());
    for (int start = 0; start < v.rows(); start += batch) {
      online.partialFit(MiniBatchNmfReferenceTest.rows(v, start,
          Math.min(v.rows(), start + batch)));
    }
    assertThat(relativeDifference(online.transform(F.get("X")), F.get("ONLINE_T_" + name)))
        .isLessThan(RELATIVE);
  }

  private static Matrix ones(int rows, int cols) {
    double[] data = new double[rows * cols];
    java.util.Arrays.fill(data, 1);
    return Matrix.wrap(rows, cols, data);
  }
}
