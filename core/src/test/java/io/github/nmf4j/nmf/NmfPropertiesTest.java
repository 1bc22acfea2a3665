package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants over many shapes: monotone losses, determinism across thread counts. */
class NmfPropertiesTest {

  /** Random shapes per loss for the monotonicity sweep. */
  private static final int SHAPES = 150;
  /**
   * Rise allowed between two checks, relative to {@code ||V||_F} (Frobenius) or to {@code
   * sum(V)} (KL). The Frobenius losses come from the trace identity {@code ||V||^2 - 2 <W, VH'>
   * + <W'W, HH'>}: its rounding error is about 1e-16 ||V||^2, which is up to 1e-8 ||V|| in the
   * norm once the fit is nearly exact. The updates themselves never increase the loss.
   */
  private static final double RISE = 1e-7;

  static Stream<Arguments> shapes() {
    SplittableRandom r = new SplittableRandom(2024);
    return IntStream.range(0, SHAPES).mapToObj(i -> {
      int n = 1 + r.nextInt(40);
      int p = 1 + r.nextInt(40);
      int k = 1 + r.nextInt(Math.min(n, p) + 2);
      return Arguments.of(i, n, p, k);
    });
  }

  @ParameterizedTest(name = "case {0}: {1}x{2}, rank {3}")
  @MethodSource("shapes")
  void lossesNeverIncrease(int seed, int n, int p, int k) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] values = new double[n * p];
    boolean sparse = seed % 3 == 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = sparse && r.nextDouble() < 0.5 ? 0 : r.nextDouble() * 10;
    }
    Matrix v = Matrix.wrap(n, p, values);
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      Initialization init = k <= Math.min(n, p) && seed % 2 == 0
          ? Initialization.NNDSVDAR : Initialization.RANDOM;
      NmfModel model = Nmf.builder().rank(k).loss(loss).initialization(init).seed(seed)
          .maxIterations(60).checkEvery(1).tolerance(0).threads(1).fit(v);
      double[] history = model.lossHistory();
      double slack = RISE * (loss == Loss.FROBENIUS ? v.frobeniusNorm() : v.sum());
      for (int t = 1; t < history.length; t++) {
        assertThat(history[t]).as("%s iteration %d of %s", loss, t, v.shape())
            .isLessThanOrEqualTo(history[t - 1] + slack);
      }
      assertThat(TestMatrices.allFiniteNonNegative(model.w())).isTrue();
      assertThat(TestMatrices.allFiniteNonNegative(model.h())).isTrue();
    }
  }

  /**
   * 8200 rows: enough for every parallel split to happen (the product kernel splits reductions
   * longer than 8192 into chunks, the W update works in blocks of 512 rows, the KL passes in
   * chunks of blocks of 128 rows).
   */
  @ParameterizedTest
  @EnumSource(value = Loss.class, names = {"FROBENIUS", "KULLBACK_LEIBLER"})
  void resultsAreBitIdenticalForAnyThreadCount(Loss loss) {
    Matrix v = TestMatrices.noisyLowRank(8200, 24, 4, 0.2, 17);
    for (Initialization init : new Initialization[] {
        Initialization.NNDSVDAR, Initialization.RANDOM}) {
      Nmf.Builder b = Nmf.builder().rank(4).loss(loss).initialization(init).restarts(2)
          .maxIterations(12).checkEvery(3).seed(99);
      NmfModel one = b.threads(1).fit(v);
      Matrix transformed = one.transform(v.transpose().transpose());
      for (int threads : new int[] {2, 3, 8}) {
        NmfModel other = b.threads(threads).fit(v);
        assertThat(other.w()).isEqualTo(one.w());
        assertThat(other.h()).isEqualTo(one.h());
        assertThat(other.lossHistory()).isEqualTo(one.lossHistory());
        assertThat(other.reconstructionError()).isEqualTo(one.reconstructionError());
        assertThat(other.relativeError()).isEqualTo(one.relativeError());
        assertThat(other.clusterLabels()).isEqualTo(one.clusterLabels());
        assertThat(other.transform(v)).isEqualTo(transformed);
      }
    }
  }

  @Test
  void aReusableConfigurationGivesTheSameFitEveryTime() {
    Matrix v = TestMatrices.uniform(50, 40, 3, 18);
    Nmf nmf = Nmf.builder().rank(4).maxIterations(20).build();
    assertThat(nmf.fit(v).w()).isEqualTo(nmf.fit(v).w());
    assertThat(nmf.toBuilder().build().fit(v).h()).isEqualTo(nmf.fit(v).h());
  }
}
