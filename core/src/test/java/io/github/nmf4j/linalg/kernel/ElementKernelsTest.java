package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The element-wise kernels: the choice follows the JVM (the build runs this class again with
 * {@code --add-modules jdk.incubator.vector}); the scalar loops give their formulas; the Vector
 * API loops give the scalar bits for the maps, and the scalar divergence to
 * {@value #DIVERGENCE_TOLERANCE} relative, for lengths around every multiple of a vector.
 */
class ElementKernelsTest {

  /** Relative agreement of the two divergences (vector logarithms, one sum per lane). */
  private static final double DIVERGENCE_TOLERANCE = 1e-12;
  private static final double EPS = 1e-10;

  private static final ElementKernels SCALAR = KernelChoice.scalarElements();

  @Test
  void theChoiceFollowsTheJvm() {
    if (Boolean.getBoolean("nmf4j.test.expectVectorized")) {
      assertThat(KernelChoice.elements()).isSameAs(KernelChoice.vectorElements().orElseThrow())
          .isNotSameAs(SCALAR);
      assertThat(KernelChoice.description()).contains("Vector API element-wise")
          .contains("Vector API k-means");
      assertThat(KernelChoice.kMeans()).isSameAs(KernelChoice.vectorKMeans().orElseThrow())
          .isNotSameAs(KernelChoice.scalarKMeans());
    } else {
      assertThat(KernelChoice.elements()).isSameAs(SCALAR);
      assertThat(KernelChoice.kMeans()).isSameAs(KernelChoice.scalarKMeans());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 31, 200, 517})
  void scalarLoopsGiveTheirFormulas(int len) {
    SplittableRandom r = new SplittableRandom(len);
    double[] v = values(r, len, true);
    double[] num = values(r, len + 3, false);
    double[] den = values(r, len + 5, false);
    double[] h = values(r, len + 2, false);
    double[] stepped = h.clone();
    SCALAR.multiplicativeStep(stepped, 2, num, 3, 0.5, den, 5, 0.25, len);
    double[] ratio = values(r, len, false);
    double[] wh = ratio.clone();
    SCALAR.ratio(v, 2, ratio, len, EPS);
    double divergence = 0;
    for (int j = 0; j < len; j++) {
      assertThat(stepped[2 + j]).isEqualTo(h[2 + j] * (num[3 + j] * 0.5) / (den[5 + j] + 0.25));
      assertThat(ratio[j]).isEqualTo(v[j] * 2 / (wh[j] + EPS));
      double x = v[j] * 2;
      divergence += wh[j] - x;
      if (x > 0) {
        divergence += x * Math.log(x / Math.max(wh[j], EPS));
      }
    }
    assertThat(stepped[0]).isEqualTo(h[0]);
    assertThat(SCALAR.divergence(v, 2, wh, len, EPS)).isEqualTo(divergence);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 64, 199, 200, 1000, 4099})
  void vectorLoopsGiveTheScalarResults(int len) {
    assumeTrue(KernelChoice.vectorElements().isPresent(), "the JVM has no jdk.incubator.vector");
    ElementKernels vector = KernelChoice.vectorElements().get();
    SplittableRandom r = new SplittableRandom(31L * len + 1);
    double[] v = values(r, len, true);
    double[] num = values(r, len + 3, false);
    double[] den = values(r, len + 5, false);
    double[] h = values(r, len + 2, false);
    double[] a = h.clone();
    double[] b = h.clone();
    SCALAR.multiplicativeStep(a, 2, num, 3, 0.5, den, 5, 0.25, len);
    vector.multiplicativeStep(b, 2, num, 3, 0.5, den, 5, 0.25, len);
    assertThat(b).isEqualTo(a);
    a = h.clone();
    b = h.clone();
    SCALAR.multiplicativeStep(a, num, 0.5, den, 0.25, len);
    vector.multiplicativeStep(b, num, 0.5, den, 0.25, len);
    assertThat(b).isEqualTo(a);

    double[] wh = values(r, len + 1, false);
    double scalarDivergence = SCALAR.divergence(v, 0.75, wh, len, EPS);
    double vectorDivergence = vector.divergence(v, 0.75, wh, len, EPS);
    assertThat(vectorDivergence).isCloseTo(scalarDivergence,
        Offset.offset(DIVERGENCE_TOLERANCE * Math.abs(scalarDivergence)));
    a = wh.clone();
    b = wh.clone();
    SCALAR.ratio(v, 0.75, a, len, EPS);
    vector.ratio(v, 0.75, b, len, EPS);
    assertThat(b).isEqualTo(a);
  }

  /** Values in (0, 2], a fifth of them 0 when {@code zeros} (sparse data). */
  private static double[] values(SplittableRandom r, int len, boolean zeros) {
    double[] a = new double[len];
    for (int i = 0; i < len; i++) {
      a[i] = zeros && r.nextInt(5) == 0 ? 0 : 2 * (1 - r.nextDouble());
    }
    return a;
  }
}
