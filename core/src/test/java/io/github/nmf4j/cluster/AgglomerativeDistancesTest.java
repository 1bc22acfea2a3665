package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/** {@link Agglomerative#fitDistances}: the tree of precomputed distances. */
class AgglomerativeDistancesTest {

  /** The Euclidean distances of the rows of x, n x n. */
  private static Matrix distances(Matrix x) {
    int n = x.rows();
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < x.cols(); c++) {
          double t = x.get(i, c) - x.get(j, c);
          s += t * t;
        }
        d[i * n + j] = Math.sqrt(s);
      }
    }
    return Matrix.wrap(n, n, d);
  }

  @ParameterizedTest
  @CsvSource({"blobs, COMPLETE, 4", "blobs, AVERAGE, 4", "uniform, COMPLETE, 5",
      "uniform, AVERAGE, 5"})
  void euclideanDistancesGiveTheTreeOfThePoints(String data, Linkage linkage, int clusters) {
    Matrix points = Fixture.load("cluster/agglomerative_" + data + ".txt").matrix("points");
    Agglomerative a = Agglomerative.builder().linkage(linkage).clusters(clusters).build();
    Matrix d = distances(points);
    double[] before = d.toRowMajorArray();
    AgglomerativeModel fromPoints = a.fit(points);
    AgglomerativeModel fromDistances = a.fitDistances(d);
    assertThat(fromDistances.labels()).isEqualTo(fromPoints.labels());
    MergeTree p = fromPoints.mergeTree();
    MergeTree q = fromDistances.mergeTree();
    for (int m = 0; m < p.merges(); m++) {
      assertThat(q.left(m)).as("merge %d", m).isEqualTo(p.left(m));
      assertThat(q.right(m)).as("merge %d", m).isEqualTo(p.right(m));
      assertThat(q.height(m)).as("merge %d", m).isCloseTo(p.height(m),
          within(1e-12 * p.height(m)));
    }
    assertThat(d.toRowMajorArray()).isEqualTo(before);
  }

  /**
   * Average linkage's weighted sums of distances near Double.MAX_VALUE overflowed: heights
   * [1.7e308, Infinity] before. Distances scaled by a power of two give the same tree with
   * heights scaled exactly.
   */
  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"AVERAGE", "COMPLETE"})
  void distancesNearTheLargestDoubleGiveTheScaledTree(Linkage linkage) {
    Matrix points = Fixture.load("cluster/agglomerative_blobs.txt").matrix("points");
    Matrix d = distances(points);
    double largest = 0;
    for (double x : d.toRowMajorArray()) {
      largest = Math.max(largest, x);
    }
    double factor = Math.scalb(1.0, 1023 - Math.getExponent(largest));
    Matrix huge = d.scale(factor);
    Agglomerative a = Agglomerative.builder().linkage(linkage).clusters(4).build();
    MergeTree ordinary = a.fitDistances(d).mergeTree();
    AgglomerativeModel model = a.fitDistances(huge);
    MergeTree tree = model.mergeTree();
    assertThat(model.labels()).isEqualTo(a.fitDistances(d).labels());
    for (int m = 0; m < tree.merges(); m++) {
      assertThat(tree.left(m)).as("merge %d", m).isEqualTo(ordinary.left(m));
      assertThat(tree.right(m)).as("merge %d", m).isEqualTo(ordinary.right(m));
      assertThat(tree.height(m)).as("merge %d", m).isEqualTo(ordinary.height(m) * factor);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"AVERAGE", "COMPLETE"}, mode = Mode.EXCLUDE)
  void linkagesThatNeedPointsAreRejected(Linkage linkage) {
    Matrix d = Matrix.of(new double[][] {{0, 1}, {1, 0}});
    assertThatThrownBy(() -> Agglomerative.builder().linkage(linkage).build().fitDistances(d))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(linkage.name());
  }

  @ParameterizedTest
  @EnumSource(value = Linkage.class, names = {"AVERAGE"})
  void badDistancesAreRejectedClearly(Linkage linkage) {
    Agglomerative a = Agglomerative.builder().linkage(linkage).clusters(2).build();
    assertThatThrownBy(() -> a.fitDistances(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distances");
    assertThatThrownBy(() -> a.fitDistances(Matrix.of(new double[][] {{0, 1, 2}, {1, 0, 3}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
    assertThatThrownBy(() -> a.fitDistances(Matrix.of(new double[][] {{0, -2}, {-2, 0}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2.0").hasMessageContaining("row 0, column 1");
    assertThatThrownBy(() -> a.fitDistances(Matrix.of(new double[][] {{0, Double.NaN},
        {1, 0}}))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> a.fitDistances(Matrix.of(new double[][] {{0}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusters");
  }
}
