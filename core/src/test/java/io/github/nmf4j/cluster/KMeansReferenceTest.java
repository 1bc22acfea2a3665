package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lloyd's algorithm against scikit-learn 1.2 {@code KMeans(init=array, n_init=1,
 * algorithm="lloyd")} from the same initial centroids (fixtures made by
 * {@code reference/cluster/make_fixtures.py}). scikit-learn centres the data and computes
 * distances as {@code |x|^2 - 2 x.c + |c|^2}, we compute {@code |x - c|^2} directly: the labels
 * and iteration counts are identical, centroids and inertia agree to rounding.
 */
class KMeansReferenceTest {

  private static final double CENTROID_TOLERANCE = 1e-12;
  private static final double RELATIVE_INERTIA_TOLERANCE = 1e-12;

  @ParameterizedTest
  @ValueSource(strings = {"kmeans_4d.txt", "kmeans_3d.txt"})
  void matchesScikitLearnFromTheSameInitialCentroids(String file) {
    Fixture f = Fixture.load("cluster/" + file);
    KMeansModel model = KMeans.builder().initialCentroids(f.matrix("init")).tolerance(1e-4)
        .fit(f.matrix("points"));
    assertThat(model.labels()).isEqualTo(f.ints("labels"));
    assertThat(model.iterations()).isEqualTo((int) f.scalar("iterations"));
    Matrix expected = f.matrix("centers");
    double[] actual = model.centroids().toRowMajorArray();
    double[] want = expected.toRowMajorArray();
    for (int i = 0; i < want.length; i++) {
      assertThat(actual[i]).isCloseTo(want[i], within(CENTROID_TOLERANCE));
    }
    double inertia = f.scalar("inertia");
    assertThat(model.inertia()).isCloseTo(inertia, within(inertia * RELATIVE_INERTIA_TOLERANCE));
  }
}
