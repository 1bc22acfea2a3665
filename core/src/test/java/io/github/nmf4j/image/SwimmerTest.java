package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import org.junit.jupiter.api.Test;

class SwimmerTest {

  @Test
  void partsAreNonEmptyAndShareNoPixel() {
    Matrix parts = Swimmer.parts();
    assertThat(parts.shape()).isEqualTo("17x1024");
    for (int j = 0; j < parts.cols(); j++) {
      double covered = 0;
      for (int k = 0; k < Swimmer.PARTS; k++) {
        covered += parts.get(k, j);
      }
      assertThat(covered).as("pixel %d", j).isLessThanOrEqualTo(1);
    }
    for (int k = 0; k < Swimmer.PARTS; k++) {
      assertThat(sum(parts.row(k))).as("part %d", k).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void everyImageIsTheTorsoAndOnePositionOfEachLimb() {
    Matrix parts = Swimmer.parts();
    Matrix images = Swimmer.images();
    assertThat(images.shape()).isEqualTo("256x1024");
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (int n = 0; n < Swimmer.IMAGES; n++) {
      double[] expected = parts.row(0);
      for (int j = 0; j < expected.length; j++) {
        expected[j] *= Swimmer.torsoBrightness(n);
      }
      for (int limb = 0; limb < 4; limb++) {
        double[] part = parts.row(1 + 4 * limb + ((n >> (2 * limb)) & 3));
        for (int j = 0; j < expected.length; j++) {
          expected[j] += part[j];
        }
      }
      assertThat(images.row(n)).containsExactly(expected);
      distinct.add(java.util.Arrays.toString(images.row(n)));
    }
    assertThat(distinct).hasSize(256);
  }

  @Test
  void imageReshapesARowAndValidates() {
    Matrix img = Swimmer.image(Swimmer.images(), 5);
    assertThat(img.shape()).isEqualTo("32x32");
    assertThatThrownBy(() -> Swimmer.image(Matrix.zeros(2, 3), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 columns");
    assertThatThrownBy(() -> Swimmer.image(Swimmer.parts(), 17))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 17");
  }

  @Test
  void bestCorrelationsScoreABasisAgainstTheParts() {
    double[] exact = Swimmer.bestCorrelations(Swimmer.parts().scale(3));
    assertThat(exact).hasSize(17);
    for (double c : exact) {
      assertThat(c).isCloseTo(1, within(1e-12));
    }
    double[] none = Swimmer.bestCorrelations(Matrix.zeros(2, 1024));
    assertThat(none).containsOnly(0.0);
    assertThatThrownBy(() -> Swimmer.bestCorrelations(Matrix.zeros(2, 5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Swimmer.torsoBrightness(7)).isEqualTo(0.7);
  }

  private static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }
}
