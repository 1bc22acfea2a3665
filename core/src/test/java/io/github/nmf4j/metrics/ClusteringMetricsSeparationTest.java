package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Fixture;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Davies-Bouldin and Calinski-Harabasz. */
class ClusteringMetricsSeparationTest {

  /**
   * scikit-learn computes distances as sqrt(|x|^2 - 2 x.y + |y|^2), we as sqrt(|x - y|^2), and
   * sums in another order: relative agreement of a few ulps on these O(1) points (measured at
   * most 5.6e-16 for Davies-Bouldin and 3.1e-16 for Calinski-Harabasz).
   */
  private static final double REFERENCE_RELATIVE = 1e-13;

  /** Scaling by a power of two is exact; only the rescaled sums round differently. */
  private static final double SCALING_RELATIVE = 1e-14;

  @Test
  void matchesScikitLearnOnFixedPoints() {
    Fixture f = Fixture.load("metrics/separation.txt");
    int cases = (int) f.scalar("cases");
    for (int i = 0; i < cases; i++) {
      Matrix points = f.matrix("points" + i);
      int[] labels = f.ints("labels" + i);
      double[] copy = points.toRowMajorArray();
      int[] labelsCopy = labels.clone();
      double db = f.scalar("db" + i);
      double ch = f.scalar("ch" + i);
      assertThat(ClusteringMetrics.daviesBouldin(points, labels)).as("Davies-Bouldin, case %d", i)
          .isCloseTo(db, within(REFERENCE_RELATIVE * Math.abs(db)));
      assertThat(ClusteringMetrics.calinskiHarabasz(points, labels))
          .as("Calinski-Harabasz, case %d", i)
          .isCloseTo(ch, within(REFERENCE_RELATIVE * Math.abs(ch)));
      assertThat(points.toRowMajorArray()).isEqualTo(copy);
      assertThat(labels).isEqualTo(labelsCopy);
    }
  }

  @Test
  void specialCasesAsScikitLearn() {
    // Every cluster a set of identical points: Davies-Bouldin 0, Calinski-Harabasz 1.
    Matrix same = Matrix.of(new double[][] {{1, 2}, {1, 2}, {3, 1}, {3, 1}, {3, 1}});
    int[] labels = {4, 4, -4, -4, -4};
    assertThat(ClusteringMetrics.daviesBouldin(same, labels)).isZero();
    assertThat(ClusteringMetrics.calinskiHarabasz(same, labels)).isEqualTo(1.0);
    // Every centroid at the origin: Davies-Bouldin 0 (and no between-cluster dispersion).
    Matrix centred = Matrix.of(new double[][] {{-1, 0}, {1, 0}, {0, -1}, {0, 1}});
    int[] two = {0, 0, 1, 1};
    assertThat(ClusteringMetrics.daviesBouldin(centred, two)).isZero();
    assertThat(ClusteringMetrics.calinskiHarabasz(centred, two)).isZero();
    // Spreads below numpy's allclose tolerance 1e-8 count as 0 for Davies-Bouldin.
    Matrix tight = Matrix.of(new double[][] {{0, 0}, {3e-9, 0}, {1, 1}, {1, 1 + 2e-9}});
    assertThat(ClusteringMetrics.daviesBouldin(tight, two)).isZero();
  }

  @Test
  void invariantUnderScalingRenamingAndOrderOfSamples() {
    SplittableRandom random = new SplittableRandom(21);
    int n = 90;
    double[][] rows = new double[n][3];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (int f = 0; f < 3; f++) {
        rows[i][f] = 4 * labels[i] * (f == 0 ? 1 : 0) + random.nextGaussian();
      }
    }
    Matrix points = Matrix.of(rows);
    double db = ClusteringMetrics.daviesBouldin(points, labels);
    double ch = ClusteringMetrics.calinskiHarabasz(points, labels);
    assertThat(db).isPositive();
    assertThat(ch).isPositive();
    for (double scale : new double[] {0x1p-1000, 0x1p-300, 3.0, 0x1p600, 0x1p1000}) {
      Matrix scaled = points.scale(scale);
      assertThat(ClusteringMetrics.calinskiHarabasz(scaled, labels)).as("scale %s", scale)
          .isCloseTo(ch, within(SCALING_RELATIVE * ch));
      // Davies-Bouldin's 1e-8 test is in the units of the points, as scikit-learn's.
      assertThat(ClusteringMetrics.daviesBouldin(scaled, labels)).as("scale %s", scale)
          .isCloseTo(scale < 1e-8 ? 0 : db, within(SCALING_RELATIVE * db));
    }
    double[][] reversed = new double[n][];
    int[] renamed = new int[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = rows[n - 1 - i];
      renamed[i] = -50 * labels[n - 1 - i];
    }
    assertThat(ClusteringMetrics.daviesBouldin(Matrix.of(reversed), renamed))
        .isCloseTo(db, within(SCALING_RELATIVE * db));
    assertThat(ClusteringMetrics.calinskiHarabasz(Matrix.of(reversed), renamed))
        .isCloseTo(ch, within(SCALING_RELATIVE * ch));
  }

  @Test
  void rejectsBadInput() {
    Matrix points = Matrix.of(new double[][] {{0, 1}, {2, 3}, {4, 5}});
    assertThatThrownBy(() -> ClusteringMetrics.daviesBouldin(null, new int[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.calinskiHarabasz(points, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("labels must not be null");
    assertThatThrownBy(() -> ClusteringMetrics.daviesBouldin(points, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 2 entries but points has 3 rows");
    assertThatThrownBy(() -> ClusteringMetrics.calinskiHarabasz(points, new int[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(
            "the Calinski-Harabasz index needs between 2 and n - 1 = 2 distinct labels,"
                + " labels has 1");
    assertThatThrownBy(() -> ClusteringMetrics.daviesBouldin(points, new int[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(
            "the Davies-Bouldin index needs between 2 and n - 1 = 2 distinct labels,"
                + " labels has 3");
    Matrix nan = Matrix.of(new double[][] {{0, 1}, {2, Double.NaN}, {4, 5}});
    assertThatThrownBy(() -> ClusteringMetrics.daviesBouldin(nan, new int[] {0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 1, column 1; values must be finite");
    Matrix infinite = Matrix.of(new double[][] {{0, 1}, {2, 3}, {Double.NEGATIVE_INFINITY, 5}});
    assertThatThrownBy(() -> ClusteringMetrics.calinskiHarabasz(infinite, new int[] {0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has -Infinity at row 2, column 0; values must be finite");
    assertThatThrownBy(() -> ClusteringMetrics.daviesBouldin(Matrix.zeros(0, 2), new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("points must have at least one row and one column");
  }
}
