package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Blobs;
import io.github.nmf4j.testing.Fixture;
import org.junit.jupiter.api.Test;

class SilhouetteTest {

  /**
   * scikit-learn computes distances as sqrt(|x|^2 - 2 x.y + |y|^2), we as sqrt(|x - y|^2): both
   * are accurate to about 1e-15 relative on these O(1) points, so s(i) agrees to ~1e-13.
   */
  private static final double REFERENCE_TOLERANCE = 1e-12;

  @Test
  void matchesScikitLearnOnFixedInput() {
    Fixture f = Fixture.load("metrics/silhouette.txt");
    double[] samples = Silhouette.samples(f.matrix("points"), f.ints("labels"));
    double[] expected = f.doubles("samples");
    assertThat(samples).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(samples[i]).as("sample %d", i).isCloseTo(expected[i], within(REFERENCE_TOLERANCE));
    }
    assertThat(samples[samples.length - 1]).as("a singleton cluster scores 0").isZero();
    assertThat(Silhouette.score(f.matrix("points"), f.ints("labels")))
        .isCloseTo(f.scalar("score"), within(REFERENCE_TOLERANCE));
  }

  @Test
  void estimateIsExactWhenTheSampleCoversEverythingAndCloseOtherwise() {
    Blobs blobs = Blobs.generate(5, 3000, 3, 4, 4, 1.0);
    double exact = Silhouette.score(blobs.points(), blobs.labels());
    assertThat(Silhouette.estimate(blobs.points(), blobs.labels(), 3000, 1)).isEqualTo(exact);
    double estimate = Silhouette.estimate(blobs.points(), blobs.labels(), 1000, 1);
    assertThat(estimate).isCloseTo(exact, within(0.03)).isNotEqualTo(exact);
    assertThat(Silhouette.estimate(blobs.points(), blobs.labels(), 1000, 1)).isEqualTo(estimate);
  }

  @Test
  void wellSeparatedClustersScoreNearOneAndSwappedLabelsScoreNegative() {
    Blobs blobs = Blobs.generate(6, 300, 2, 3, 50, 0.1);
    assertThat(Silhouette.score(blobs.points(), blobs.labels())).isGreaterThan(0.95);
    int[] wrong = blobs.labels();
    for (int i = 0; i < wrong.length; i++) {
      wrong[i] = i % 2;
    }
    assertThat(Silhouette.score(blobs.points(), wrong)).isLessThan(0.1);
  }

  @Test
  void rejectsBadInput() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
    assertThatThrownBy(() -> Silhouette.samples(points, new int[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the silhouette needs between 2 and n - 1 = 2 distinct labels, labels has 1");
    assertThatThrownBy(() -> Silhouette.score(points, new int[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the silhouette needs between 2 and n - 1 = 2 distinct labels, labels has 3");
    assertThatThrownBy(() -> Silhouette.score(points, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 2 entries but points has 3 rows");
    assertThatThrownBy(() -> Silhouette.score(Matrix.zeros(0, 2), new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 0x2");
    assertThatThrownBy(() -> Silhouette.score(
            Matrix.of(new double[][] {{0, 0}, {1, Double.NaN}, {2, 2}}), new int[] {0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 1, column 1; values must be finite");
    assertThatThrownBy(() -> Silhouette.estimate(points, new int[] {0, 1, 1}, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("sampleSize must be >= 1, was 0");
    assertThatThrownBy(() -> Silhouette.score(null, new int[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
  }
}
