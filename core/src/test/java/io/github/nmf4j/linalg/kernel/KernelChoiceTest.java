package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Kernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel choice: which one this JVM runs (the build runs the linalg tests twice, the second
 * time with {@code --add-modules jdk.incubator.vector} and {@code nmf4j.test.expectVectorized}),
 * and that the Vector API task gives the scalar task's bits, in all three layouts, for every
 * thread count.
 */
class KernelChoiceTest {

  @Test
  void theChoiceFollowsTheJvm() {
    boolean expected = Boolean.getBoolean("nmf4j.test.expectVectorized");
    assertThat(Kernels.vectorized()).isEqualTo(expected);
    if (expected) {
      assertThat(KernelChoice.gemm()).isSameAs(KernelChoice.vectorGemm().orElseThrow());
    } else {
      assertThat(KernelChoice.gemm()).isInstanceOf(ScalarGemmTask.class);
    }
    assertThat(Kernels.description()).contains(expected ? "Vector API" : "--add-modules");
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(1, 1, 1),
        Arguments.of(3, 5, 2),
        Arguments.of(8, 16, 16),
        Arguments.of(13, 300, 37),
        Arguments.of(64, 256, 256),
        Arguments.of(71, 517, 263),
        Arguments.of(20, 9000, 29),
        Arguments.of(500, 20, 784),
        Arguments.of(784, 40, 21));
  }

  @ParameterizedTest(name = "{0}x{1} * {1}x{2}")
  @MethodSource("shapes")
  void vectorTaskGivesTheScalarBitsForAnyThreadCount(int m, int k, int n) {
    assumeTrue(KernelChoice.vectorGemm().isPresent(), "the JVM has no jdk.incubator.vector");
    GemmTask vector = KernelChoice.vectorGemm().get();
    SplittableRandom random = new SplittableRandom(7L * m + 5L * k + n);
    double[] a = random.doubles((long) m * k, -1, 1).toArray();
    double[] b = random.doubles((long) k * n, -1, 1).toArray();
    // The three layouts Gemm uses: A B, A^T B (A stored k x m) and A B^T (B stored n x k).
    Strided[][] layouts = {
        {new Strided(a, 0, k, 1), new Strided(b, 0, n, 1)},
        {new Strided(transpose(m, k, a), 0, 1, m), new Strided(b, 0, n, 1)},
        {new Strided(a, 0, k, 1), new Strided(transpose(k, n, b), 0, 1, k)}};
    for (Strided[] xy : layouts) {
      double[] scalar = new double[m * n];
      GemmEngine.product(m, k, n, xy[0], xy[1], scalar, 0, Parallel.of(1),
          new ScalarGemmTask());
      for (int threads : new int[] {1, 2, 3, 8}) {
        double[] c = new double[m * n];
        Arrays.fill(c, Double.NaN);
        GemmEngine.product(m, k, n, xy[0], xy[1], c, 0, Parallel.of(threads), vector);
        assertThat(c).as("%d threads", threads).isEqualTo(scalar);
      }
    }
  }

  private static double[] transpose(int rows, int cols, double[] a) {
    double[] t = new double[a.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        t[j * rows + i] = a[i * cols + j];
      }
    }
    return t;
  }
}
