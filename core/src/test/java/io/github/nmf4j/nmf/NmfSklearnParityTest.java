package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole fits against scikit-learn 1.2's {@code NMF(solver='mu')} with its default convergence
 * test ({@code reference/nmf/make_fit_parity_fixtures.py}): from the same NNDSVD or NNDSVDA
 * start, for each loss, with the penalties on both factors ({@code alpha_H='same'}), on W alone
 * and on H alone, the fit stops after the same number of iterations with the same factors and
 * {@code reconstruction_err_}. scikit-learn runs on V's transpose, so that its W-first order is
 * nmf4j's H-first order.
 */
class NmfSklearnParityTest {

  /**
   * Norm-wise relative difference allowed. The guards differ ({@code epsilon} in every
   * denominator against scikit-learn's float32 epsilon for a zero one): about 1e-9 after 200
   * iterations.
   */
  private static final double RELATIVE = 1e-7;

  private static final ReferenceFixture F = ReferenceFixture.load("fit_parity.txt");

  static Stream<String> names() {
    return Stream.of("nndsvd_frobenius", "nndsvd_frobenius_zeros_pen", "frobenius",
        "frobenius_same", "frobenius_w_only", "frobenius_zeros_h_only", "kl", "kl_zeros_same",
        "is", "is_same", "beta1_5_zeros", "beta1_5_h_only");
  }

  private static double relativeDifference(Matrix a, Matrix b) {
    return a.subtract(b).frobeniusNorm() / b.frobeniusNorm();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void aWholeFitStopsWhereScikitLearnsDoes(String name) {
    double[] s = F.get("P_" + name).row(0);
    Nmf.Builder builder = Nmf.builder().rank(3)
        .initialization(s[1] == 0 ? Initialization.NNDSVD : Initialization.NNDSVDA)
        .betaLoss(s[2]).alphaW(s[3]).l1Ratio(s[5]).threads(2);
    if (s[4] >= 0) {
      builder.alphaH(s[4]);   // else the default, scikit-learn's 'same'
    }
    NmfModel model = builder.fit(F.get(s[0] == 0 ? "V" : "VZ"));
    Matrix n = F.get("N_" + name);
    assertThat(model.iterations()).isEqualTo((int) n.get(0, 0));
    assertThat(relativeDifference(model.w(), F.get("W_" + name))).isLessThan(RELATIVE);
    assertThat(relativeDifference(model.h(), F.get("H_" + name))).isLessThan(RELATIVE);
    double error = model.reconstructionError();
    // scikit-learn reports sqrt(2 D) for Kullback-Leibler; nmf4j D
    double sklearnUnits = s[2] == 1 ? Math.sqrt(2 * error) : error;
    assertThat(Math.abs(sklearnUnits - n.get(0, 1))).isLessThan(RELATIVE * n.get(0, 1));
  }
}
