package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import org.junit.jupiter.api.Test;

class KMeansInputTest {

  private static final Matrix POINTS =
      Matrix.of(new double[][] {{0, 0}, {1, 0}, {0, 1}, {5, 5}, {6, 5}});

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> KMeans.builder().k(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be >= 1, was 0");
    assertThatThrownBy(() -> KMeans.builder().restarts(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("restarts must be >= 1, was 0");
    assertThatThrownBy(() -> KMeans.builder().maxIterations(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxIterations must be >= 1, was 0");
    assertThatThrownBy(() -> KMeans.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1, was 0");
    assertThatThrownBy(() -> KMeans.builder().tolerance(-1e-3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was -0.001");
    assertThatThrownBy(() -> KMeans.builder().tolerance(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was NaN");
    assertThatThrownBy(() -> KMeans.builder().initialization(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialization must not be null");
  }

  @Test
  void rejectsKLargerThanTheNumberOfPoints() {
    assertThatThrownBy(() -> KMeans.builder().k(6).fit(POINTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be <= the number of points (5), was 6");
  }

  @Test
  void rejectsNonFiniteValuesNamingThePosition() {
    double[][] values = POINTS.toArray();
    values[3][1] = Double.NaN;
    assertThatThrownBy(() -> KMeans.builder().k(2).fit(Matrix.of(values)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 3, column 1; values must be finite");
    values[3][1] = Double.NEGATIVE_INFINITY;
    assertThatThrownBy(() -> KMeans.builder().k(2).fit(Matrix.of(values)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has -Infinity at row 3, column 1; values must be finite");
  }

  @Test
  void rejectsEmptyAndNullData() {
    assertThatThrownBy(() -> KMeans.builder().k(1).fit(Matrix.zeros(0, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 0x3");
    assertThatThrownBy(() -> KMeans.builder().k(1).fit(Matrix.zeros(4, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 4x0");
    assertThatThrownBy(() -> KMeans.builder().k(1).fit((Matrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
  }

  @Test
  void fewerDistinctPointsThanKIsAnError() {
    Matrix points = Matrix.of(new double[][] {{1, 2}, {1, 2}, {3, 4}, {1, 2}, {3, 4}, {-0.0, 0}, {0, 0}});
    assertThatThrownBy(() -> KMeans.builder().k(4).fit(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has only 3 distinct rows, fewer than k = 4");
    Matrix same = Matrix.of(new double[][] {{1, 2}, {1, 2}});
    assertThatThrownBy(() -> KMeans.builder().k(2).fit(same))
        .hasMessage("points has only 1 distinct row, fewer than k = 2");
    // Exactly k distinct rows is fine: every cluster is one distinct value.
    KMeansModel model = KMeans.builder().k(3).fit(points);
    org.assertj.core.api.Assertions.assertThat(model.inertia()).isZero();
  }

  /**
   * An initialization replaces given centroids, as Nmf's replaces initial factors: before,
   * {@code toBuilder().initialization(RANDOM)} of a fit from given centroids still fitted from
   * them, and nothing could take them back ({@code initialCentroids(null)} is refused).
   */
  @Test
  void anInitializationReplacesGivenCentroids() {
    Matrix two = Matrix.of(new double[][] {{0, 0}, {5, 5}});
    KMeans given = KMeans.builder().initialCentroids(two).build();
    KMeans seeded = given.toBuilder().initialization(KMeansInit.RANDOM).build();
    assertThat(seeded.settings().initialCentroids()).isEmpty();
    assertThat(seeded.settings().initialization()).isEqualTo(KMeansInit.RANDOM);
    assertThat(seeded.settings().k()).isEqualTo(2);
    assertThat(KMeans.builder().initialization(KMeansInit.RANDOM).initialCentroids(two).build()
        .settings().initialCentroids()).contains(two);
  }

  /**
   * A copy keeps the restarts' default rule, as scikit-learn's {@code n_init="auto"} survives
   * {@code set_params(init="random")}: before, the copy of a k-means++ estimator kept its
   * resolved single restart, so switching it to random seeding fitted 1 restart instead of 10.
   */
  @Test
  void aCopyKeepsTheDefaultRestartsRule() {
    Matrix two = Matrix.of(new double[][] {{0, 0}, {5, 5}});
    KMeans plusPlus = KMeans.builder().build();
    assertThat(plusPlus.settings().restarts()).isEqualTo(1);
    assertThat(plusPlus.toBuilder().initialization(KMeansInit.RANDOM).build().settings()
        .restarts()).isEqualTo(10);
    KMeans given = KMeans.builder().initialCentroids(two).build();
    assertThat(given.toBuilder().initialization(KMeansInit.RANDOM).build().settings()
        .restarts()).isEqualTo(10);
    KMeans three = KMeans.builder().restarts(3).build();
    assertThat(three.toBuilder().initialization(KMeansInit.RANDOM).build().settings()
        .restarts()).isEqualTo(3);
    assertThat(three.toBuilder().build().settings()).isEqualTo(three.settings());
  }

  @Test
  void rejectsMismatchedInitialCentroids() {
    Matrix threeColumns = Matrix.of(new double[][] {{0, 0, 0}, {1, 1, 1}});
    assertThatThrownBy(() -> KMeans.builder().initialCentroids(threeColumns).fit(POINTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialCentroids has 3 columns but points has 2");
    Matrix two = Matrix.of(new double[][] {{0, 0}, {5, 5}});
    assertThatThrownBy(() -> KMeans.builder().k(3).initialCentroids(two).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k = 3 does not match initialCentroids with 2 rows");
    assertThatThrownBy(() -> KMeans.builder().initialCentroids(two).restarts(4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("restarts must be 1 with initialCentroids, was 4");
    assertThatThrownBy(() -> KMeans.builder().initialCentroids(
            Matrix.of(new double[][] {{0, Double.POSITIVE_INFINITY}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialCentroids has Infinity at row 0, column 1; values must be finite");
  }

  @Test
  void predictRejectsWrongColumnsAndNonFiniteValues() {
    KMeansModel model = KMeans.builder().k(2).fit(POINTS);
    assertThatThrownBy(() -> model.predict(Matrix.zeros(3, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x has 3 columns but the model was fitted on 2");
    assertThatThrownBy(() -> model.transform(Matrix.zeros(3, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x has 1 column but the model was fitted on 2");
    assertThatThrownBy(() -> model.predict(Matrix.of(new double[][] {{0, 0}, {Double.NaN, 1}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x has NaN at row 1, column 0; values must be finite");
    assertThatThrownBy(() -> model.predict((Matrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("x must not be null");
  }
}
