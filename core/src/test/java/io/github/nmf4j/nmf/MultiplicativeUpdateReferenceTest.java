package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Step-by-step agreement with scikit-learn 1.2's multiplicative updates
 * ({@code reference/nmf/make_mu_fixtures.py}): from the same custom factors, W and H after 1, 10
 * and 100 iterations.
 *
 * <p>What differs, and why the tolerance holds:
 *
 * <ul>
 *   <li>Order: scikit-learn updates W first; the fixtures come from scikit-learn run on {@code
 *       V^T} with the starting factors swapped and transposed, which makes its order ours.
 *   <li>The guard: scikit-learn replaces a zero denominator by float32 machine epsilon (and a
 *       zero column sum of W by 1 in the KL H update) where we add {@code epsilon} to every
 *       denominator. The fixtures start from strictly positive factors and positive data
 *       sums, so no denominator is zero on either side, and here {@code epsilon} is {@link
 *       Double#MIN_NORMAL}, which leaves every non-tiny denominator unchanged when added: both
 *       sides then compute the same formulas.
 *   <li>scikit-learn's KL solver sets values of its H (our W) below 2.2e-16 to zero; the
 *       fixtures' factors stay far above that.
 *   <li>Rounding: products are summed in different orders (our blocked kernel vs. OpenBLAS),
 *       about 1e-16 relative per operation. The multiplicative map is smooth and these small
 *       problems are well conditioned, so the difference grows slowly (measured: at most 4e-15
 *       after 100 iterations), far inside {@link #RELATIVE}.
 * </ul>
 */
class MultiplicativeUpdateReferenceTest {

  /** Norm-wise relative difference allowed: {@code ||ours - sklearn||_F / ||sklearn||_F}. */
  private static final double RELATIVE = 1e-8;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (String file : new String[] {"square", "tall", "wide"}) {
      for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
        for (int t : new int[] {1, 10, 100}) {
          for (int threads : new int[] {1, 2}) {
            b.add(Arguments.of(file, loss, t, threads));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} after {2} iterations on {3} threads")
  @MethodSource("cases")
  void factorsMatchScikitLearn(String file, Loss loss, int iterations, int threads) {
    ReferenceFixture f = ReferenceFixture.load("mu_" + file + ".txt");
    String suffix = (loss == Loss.FROBENIUS ? "frobenius" : "kl") + "_" + iterations;

    NmfModel model = Nmf.builder()
        .loss(loss)
        .initialFactors(f.get("W0"), f.get("H0"))
        .epsilon(Double.MIN_NORMAL)
        .maxIterations(iterations)
        .tolerance(0)
        .threads(threads)
        .fit(f.get("V"));

    assertThat(model.iterations()).isEqualTo(iterations);
    assertThat(relativeDifference(model.w(), f.get("W_" + suffix))).isLessThan(RELATIVE);
    assertThat(relativeDifference(model.h(), f.get("H_" + suffix))).isLessThan(RELATIVE);
  }

  static double relativeDifference(Matrix actual, Matrix expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    return actual.subtract(expected).frobeniusNorm() / expected.frobeniusNorm();
  }
}
