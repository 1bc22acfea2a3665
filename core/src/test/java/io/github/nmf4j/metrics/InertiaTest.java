package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Blobs;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InertiaTest {

  @Test
  void sumsSquaredDistancesToEachClustersMean() {
    // Cluster 7: (0,0), (2,0), (1,3) with mean (1,1): 2 + 2 + 4 = 8. Cluster -1: (5,5) alone: 0.
    Matrix points = Matrix.of(new double[][] {{0, 0}, {5, 5}, {2, 0}, {1, 3}});
    assertThat(Inertia.of(points, new int[] {7, -1, 7, 7})).isEqualTo(8.0);
    assertThat(Inertia.of(points, new int[] {0, 1, 0, 0})).isEqualTo(8.0);
    assertThat(Inertia.of(points, new int[] {0, 0, 0, 0})).isEqualTo(32.0); // 8 + 18 + 4 + 2
    assertThat(Inertia.of(Matrix.zeros(0, 2), new int[0])).isZero();
  }

  @Test
  void isTheInertiaOfAConvergedKMeansFit() {
    Blobs blobs = Blobs.generate(3, 500, 4, 5, 4, 1.0);
    KMeansModel model = KMeans.builder().k(5).seed(2).tolerance(0).fit(blobs.points());
    assertThat(model.converged()).isTrue();
    assertThat(Inertia.of(blobs.points(), model.labels()))
        .isCloseTo(model.inertia(), within(model.inertia() * 1e-12));
  }

  @Test
  void identicalRowsOf1e308HaveZeroInertia() {
    double[] x = new double[30];
    Arrays.fill(x, 1e308);
    assertThat(Inertia.of(Matrix.wrap(10, 3, x), new int[10])).isZero();
  }

  @Test
  void rejectsBadArguments() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {1, Double.NaN}});
    assertThatThrownBy(() -> Inertia.of(null, new int[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
    assertThatThrownBy(() -> Inertia.of(points, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("labels must not be null");
    assertThatThrownBy(() -> Inertia.of(points, new int[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 3 entries but points has 2 rows");
    assertThatThrownBy(() -> Inertia.of(points, new int[1]))
        .hasMessage("labels has 1 entry but points has 2 rows");
    assertThatThrownBy(() -> Inertia.of(points, new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 1, column 1; values must be finite");
  }
}
