package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scikit-learn 1.2's {@code MiniBatchNMF} from custom starts ({@code
 * reference/nmf/make_minibatch_fixtures.py}): W, H and the reconstruction error after 1, 3 and
 * 10 passes for Frobenius, Kullback-Leibler, Itakura-Saito and beta 1.5 and 3, with and without
 * penalties and fresh restarts, and H after {@code partial_fit} over one pass of batches.
 * Products are summed in another order than numpy's, a few roundings per step.
 */
class MiniBatchNmfReferenceTest {

  /** Norm-wise relative difference allowed: {@code ||ours - sklearn||_F / ||sklearn||_F}. */
  private static final double RELATIVE = 1e-8;

  private static final ReferenceFixture F = ReferenceFixture.load("minibatch.txt");

  private static final String[] NAMES = {"frobenius", "frobenius_pen_fresh", "kl", "kl_pen",
      "is", "is_fresh", "beta1_5", "beta3_pen"};

  private static MiniBatchNmf.Builder builder(String name) {
    Matrix s = F.get("P_" + name);
    return MiniBatchNmf.builder().betaLoss(s.get(0, 0)).alphaW(s.get(0, 1))
        .alphaH(s.get(0, 2)).l1Ratio(s.get(0, 3)).batchSize((int) s.get(0, 4))
        .forgetFactor(s.get(0, 5)).freshRestarts(s.get(0, 6) == 1).tolerance(0)
        .maxNoImprovement(0);
  }

  static Stream<Arguments> cases() {
    return Stream.of(NAMES).flatMap(name -> Stream.of(1, 3, 10).flatMap(t ->
        Stream.of(1, 2).map(threads -> Arguments.of(name, t, threads))));
  }

  private static double relativeDifference(Matrix a, Matrix b) {
    return a.subtract(b).frobeniusNorm() / b.frobeniusNorm();
  }

  @ParameterizedTest(name = "{0} after {1} passes on {2} threads")
  @MethodSource("cases")
  void fitMatchesScikitLearn(String name, int passes, int threads) {
    NmfModel model = builder(name).maxIterations(passes).threads(threads)
        .initialFactors(F.get("W0"), F.get("H0")).fit(F.get("V"));
    String suffix = name + "_" + passes;
    assertThat(model.iterations()).isEqualTo(passes);
    assertThat(relativeDifference(model.w(), F.get("W_" + suffix))).isLessThan(RELATIVE);
    assertThat(relativeDifference(model.h(), F.get("H_" + suffix))).isLessThan(RELATIVE);
    double error = model.reconstructionError();
    // scikit-learn reports sqrt(2 D) for Kullback-Leibler; nmf4j D, as Nmf
    double sklearnUnits = name.startsWith("kl") ? Math.sqrt(2 * error) : error;
    double expected = F.get("E_" + suffix).get(0, 0);
    assertThat(Math.abs(sklearnUnits - expected)).isLessThan(RELATIVE * expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void partialFitMatchesScikitLearn(String name) {
    Matrix v = F.get("V");
    int batch = (int) F.get("P_" + name).get(0, 4);
    OnlineNmf online = builder(name).initialFactors(F.get("W0"), F.get("H0"))
        .start(v.cols());
    for (int start = 0; start < v.rows(); start += batch) {
      Matrix w = online.partialFit(rows(v, start, Math.min(v.rows(), start + batch)));
      assertThat(w.rows()).isEqualTo(Math.min(v.rows(), start + batch) - start);
    }
    assertThat(online.steps()).isEqualTo((v.rows() + batch - 1) / batch);
    assertThat(relativeDifference(online.components(), F.get("PARTIAL_H_" + name)))
        .isLessThan(RELATIVE);
  }

  static Stream<String> names() {
    return Stream.of(NAMES);
  }

  static Matrix rows(Matrix v, int from, int to) {
    double[][] out = new double[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = v.row(i);
    }
    return Matrix.of(out);
  }
}
