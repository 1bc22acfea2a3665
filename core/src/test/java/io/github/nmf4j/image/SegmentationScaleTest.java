package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Segmentation} of an image scaled by powers of two. */
class SegmentationScaleTest {

  private static RgbImage random(int h, int w, int e) {
    SplittableRandom r = new SplittableRandom(2);
    Matrix[] c = new Matrix[3];
    for (int k = 0; k < 3; k++) {
      double[] d = new double[h * w];
      for (int i = 0; i < d.length; i++) {
        d[i] = Math.scalb(r.nextDouble(-1, 1), e);
      }
      c[k] = Matrix.wrap(h, w, d);
    }
    return new RgbImage(c[0], c[1], c[2]);
  }

  /**
   * Finite values beyond about {@code 2^990}: the summed-area tables overflowed and k-means
   * rejected the window means with "points has -Infinity", though every mean is representable.
   */
  @ParameterizedTest(name = "2^{0}")
  @ValueSource(ints = {-1000, 100, 990, 1000, 1023})
  void segmentsOfAScaledImageAreTheSameWithScaledColours(int e) {
    Segmentation s = Segmentation.builder().window(3).stride(2).clusters(3).seed(1).build();
    SegmentationResult unit = s.segment(random(20, 17, 0));
    SegmentationResult scaled = s.segment(random(20, 17, e));
    assertThat(scaled.pixelLabels()).isEqualTo(unit.pixelLabels());
    double[] colors = unit.colors().toRowMajorArray();
    for (int i = 0; i < colors.length; i++) {
      colors[i] = Math.scalb(colors[i], e);
    }
    assertThat(scaled.colors().toRowMajorArray()).containsExactly(colors);
  }
}
