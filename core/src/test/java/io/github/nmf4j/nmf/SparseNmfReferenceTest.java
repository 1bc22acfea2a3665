package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.SparseMatrix;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Agreement with scikit-learn 1.2's multiplicative updates on a scipy.sparse CSR matrix, which
 * runs scikit-learn's sparse code paths ({@code reference/nmf/make_mu_sparse_fixtures.py}): from
 * the same factors, W and H after 1, 10 and 100 iterations on a 30 x 20 matrix with 20% of its
 * entries stored and an empty row and column. The order, guard and rounding differences, and why
 * the tolerance holds, are those of {@link MultiplicativeUpdateReferenceTest}.
 */
class SparseNmfReferenceTest {

  private static final double RELATIVE = 1e-8;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      for (int t : new int[] {1, 10, 100}) {
        b.add(Arguments.of(loss, t));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} after {1} iterations")
  @MethodSource("cases")
  void factorsMatchScikitLearnOnCsr(Loss loss, int iterations) {
    ReferenceFixture f = ReferenceFixture.load("mu_sparse.txt");
    String suffix = (loss == Loss.FROBENIUS ? "frobenius" : "kl") + "_" + iterations;
    SparseMatrix v = SparseMatrix.of(f.get("V"));
    NmfModel model = Nmf.builder()
        .loss(loss)
        .initialFactors(f.get("W0"), f.get("H0"))
        .epsilon(Double.MIN_NORMAL)
        .maxIterations(iterations)
        .tolerance(0)
        .threads(2)
        .fit(v);
    assertThat(MultiplicativeUpdateReferenceTest.relativeDifference(model.w(),
        f.get("W_" + suffix))).isLessThan(RELATIVE);
    assertThat(MultiplicativeUpdateReferenceTest.relativeDifference(model.h(),
        f.get("H_" + suffix))).isLessThan(RELATIVE);
  }
}
