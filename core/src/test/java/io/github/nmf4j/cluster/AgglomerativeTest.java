package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Blobs;
import io.github.nmf4j.testing.Fixture;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AgglomerativeTest {

  /**
   * Merge heights: scipy updates Ward and average distances by Lance-Williams recurrences, we
   * from centroids (Ward) or the same recurrence (average); both round at ~1e-16 per step.
   */
  private static final double RELATIVE_HEIGHT_TOLERANCE = 1e-12;

  @ParameterizedTest
  @CsvSource({
    "blobs, SINGLE, 4", "blobs, COMPLETE, 4", "blobs, AVERAGE, 4", "blobs, WARD, 4",
    "uniform, SINGLE, 5", "uniform, COMPLETE, 5", "uniform, AVERAGE, 5", "uniform, WARD, 5"
  })
  void matchesScikitLearn(String data, Linkage linkage, int clusters) {
    Fixture f = Fixture.load("cluster/agglomerative_" + data + ".txt");
    String name = linkage.name().toLowerCase(Locale.ROOT);
    AgglomerativeModel model = Agglomerative.builder().linkage(linkage).clusters(clusters)
        .fit(f.matrix("points"));
    // Our clusters are numbered by first appearance: renumber scikit-learn's the same way.
    assertThat(model.labels()).isEqualTo(firstAppearance(f.ints(name + "_labels")));
    MergeTree tree = model.mergeTree();
    int[] children = f.ints(name + "_children");
    double[] distances = f.doubles(name + "_distances");
    assertThat(tree.merges()).isEqualTo(distances.length);
    for (int i = 0; i < tree.merges(); i++) {
      // scikit-learn's single linkage does not order the two children; the others do.
      assertThat(new int[] {tree.left(i), tree.right(i)}).as("merge %d", i)
          .containsExactlyInAnyOrder(children[2 * i], children[2 * i + 1]);
      assertThat(tree.height(i)).as("merge %d", i)
          .isCloseTo(distances[i], within(distances[i] * RELATIVE_HEIGHT_TOLERANCE));
    }
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void everyCutEqualsTheNaiveCubicAlgorithm(Linkage linkage) {
    SplittableRandom random = new SplittableRandom(linkage.ordinal());
    int n = 40;
    int d = 3;
    double[] x = random.doubles(n * d).toArray();
    MergeTree tree = Agglomerative.builder().linkage(linkage).fit(Matrix.wrap(n, d, x))
        .mergeTree();
    NaiveAgglomerative naive = new NaiveAgglomerative(x, n, d, linkage);
    for (int k = n; k >= 1; k--) {
      assertThat(tree.cut(k)).as("%s, %d clusters", linkage, k)
          .isEqualTo(firstAppearance(naive.labels()));
      if (k > 1) {
        double h = naive.mergeNext();
        assertThat(tree.height(n - k)).isCloseTo(h, within(h * RELATIVE_HEIGHT_TOLERANCE));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void hugeAndTinyPointsMergeAsTheirUnitScaleCopy(Linkage linkage) {
    SplittableRandom random = new SplittableRandom(7);
    int n = 30;
    int d = 3;
    double[] x = random.doubles(n * d).toArray();
    MergeTree unit = Agglomerative.builder().linkage(linkage).fit(Matrix.wrap(n, d, x))
        .mergeTree();
    // 2^1000, about 1e301: squared distances overflow; 2^-700, about 2e-211: they underflow
    for (int power : new int[] {1000, -700}) {
      double[] far = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        far[i] = Math.scalb(x[i], power);
      }
      MergeTree scaled = Agglomerative.builder().linkage(linkage).fit(Matrix.wrap(n, d, far))
          .mergeTree();
      for (int i = 0; i < unit.merges(); i++) {
        assertThat(new int[] {scaled.left(i), scaled.right(i), scaled.size(i)})
            .as("2^%d, merge %d", power, i)
            .containsExactly(unit.left(i), unit.right(i), unit.size(i));
        assertThat(scaled.height(i)).as("2^%d, merge %d", power, i)
            .isEqualTo(Math.scalb(unit.height(i), power));
      }
    }
  }

  /**
   * Points far from the origin (timestamps, projected coordinates): the heights depend on the
   * differences only, and must be those of the points moved to the origin. Ward's centroids
   * of values near 1e12 were rounded to its ulp (1.2e-4), one height off by 1.5e-6 relative.
   * Reference: {@code scipy.cluster.hierarchy.linkage(P, "ward")[:, 2]} with P the points
   * below (the same for P + 1e12, scipy using only distances); P + 1e12 is exact in doubles.
   */
  @ParameterizedTest
  @EnumSource(Linkage.class)
  void pointsFarFromTheOriginMergeAsTheirDifferences(Linkage linkage) {
    double[][] p = {{0, 0}, {1, 0}, {0, 2}, {5, 5}, {6, 5.5}, {10, 0}, {10.25, 1}, {3, 7}};
    double[][] shifted = new double[p.length][];
    for (int i = 0; i < p.length; i++) {
      shifted[i] = new double[] {p[i][0] + 1e12, p[i][1] + 1e12};
    }
    double[] near = Agglomerative.builder().linkage(linkage).fit(Matrix.of(p)).mergeTree()
        .heights();
    double[] far = Agglomerative.builder().linkage(linkage).fit(Matrix.of(shifted))
        .mergeTree().heights();
    for (int i = 0; i < near.length; i++) {
      assertThat(far[i]).as("height %d", i)
          .isCloseTo(near[i], within(near[i] * RELATIVE_HEIGHT_TOLERANCE));
    }
    if (linkage == Linkage.WARD) {
      double[] scipy = {1.0, 1.0307764064044151, 1.118033988749895, 2.3804761428476167,
          3.523729085310996, 11.679754563631318, 14.039564630001886};
      for (int i = 0; i < scipy.length; i++) {
        assertThat(far[i]).as("height %d", i)
            .isCloseTo(scipy[i], within(scipy[i] * RELATIVE_HEIGHT_TOLERANCE));
      }
    }
  }

  @Test
  void wardHeightsAddUpToTheTotalSumOfSquares() {
    Matrix points = Blobs.generate(3, 300, 4, 5, 5, 1.0).points();
    MergeTree tree = Agglomerative.builder().linkage(Linkage.WARD).fit(points).mergeTree();
    double half = 0;
    for (double h : tree.heights()) {
      half += h * h / 2;
    }
    double total = KMeans.builder().k(1).fit(points).inertia();
    assertThat(half).isCloseTo(total, within(total * 1e-10));
    assertThat(tree.size(tree.merges() - 1)).isEqualTo(300);
  }

  @ParameterizedTest
  @EnumSource(Linkage.class)
  void resultsAreIdenticalForAnyThreadCount(Linkage linkage) {
    // n * d large enough for a parallel nearest-neighbour search in several chunks.
    Matrix points = Blobs.generate(4, 1200, 60, 6, 3, 1.0).points();
    AgglomerativeModel one = Agglomerative.builder().linkage(linkage).clusters(6).threads(1)
        .fit(points);
    for (int threads : new int[] {2, 3, 8}) {
      AgglomerativeModel other = Agglomerative.builder().linkage(linkage).clusters(6)
          .threads(threads).fit(points);
      assertThat(other.labels()).isEqualTo(one.labels());
      assertThat(other.mergeTree().heights()).isEqualTo(one.mergeTree().heights());
    }
  }

  @Test
  void wellSeparatedBlobsAreRecoveredByEveryLinkage() {
    Blobs blobs = Blobs.generate(5, 200, 2, 4, 50, 0.5);
    for (Linkage linkage : Linkage.values()) {
      AgglomerativeModel model =
          Agglomerative.builder().linkage(linkage).clusters(4).fit(blobs.points());
      assertThat(model.labels()).as("%s", linkage).isEqualTo(firstAppearance(blobs.labels()));
    }
  }

  @Test
  void cutsAndThresholds() {
    Matrix points = Matrix.of(new double[][] {{0}, {1}, {10}, {12}, {30}});
    MergeTree tree = Agglomerative.builder().linkage(Linkage.SINGLE).fit(points).mergeTree();
    assertThat(tree.heights()).containsExactly(1, 2, 9, 18);
    assertThat(tree.cut(5)).containsExactly(0, 1, 2, 3, 4);
    assertThat(tree.cut(3)).containsExactly(0, 0, 1, 1, 2);
    assertThat(tree.cut(1)).containsExactly(0, 0, 0, 0, 0);
    assertThat(tree.cutAtHeight(9)).containsExactly(0, 0, 1, 1, 2);
    assertThat(tree.cutAtHeight(9.5)).containsExactly(0, 0, 0, 0, 1);
    assertThat(tree.left(0)).isEqualTo(0);
    assertThat(tree.right(0)).isEqualTo(1);
    assertThat(tree.left(1)).isEqualTo(2);
    assertThat(tree.right(1)).isEqualTo(3);
    assertThat(tree.left(2)).isEqualTo(5);
    assertThat(tree.right(2)).isEqualTo(6);
    assertThat(tree.size(2)).isEqualTo(4);
    AgglomerativeModel single = Agglomerative.builder().clusters(1).fit(Matrix.of(new double[][] {{7, 7}}));
    assertThat(single.labels()).containsExactly(0);
    assertThat(single.mergeTree().merges()).isZero();
  }

  @Test
  void rejectsBadInput() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
    assertThatThrownBy(() -> Agglomerative.builder().clusters(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("clusters must be >= 1, was 0");
    assertThatThrownBy(() -> Agglomerative.builder().linkage(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("linkage must not be null");
    assertThatThrownBy(() -> Agglomerative.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1, was 0");
    assertThatThrownBy(() -> Agglomerative.builder().clusters(4).fit(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clusters must be <= the number of points (3), was 4");
    assertThatThrownBy(() -> Agglomerative.builder().fit(Matrix.zeros(0, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 0x2");
    assertThatThrownBy(() -> Agglomerative.builder().fit(
            Matrix.of(new double[][] {{0, 0}, {Double.NaN, 1}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 1, column 0; values must be finite");
    assertThatThrownBy(() -> Agglomerative.builder().linkage(Linkage.AVERAGE)
            .fit(Matrix.zeros(65_537, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AVERAGE linkage needs an n x n distance matrix and supports at most 65536 "
            + "points, was 65537");
    MergeTree tree = Agglomerative.builder().fit(points).mergeTree();
    assertThatThrownBy(() -> tree.cut(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clusters must be in [1, 3] (the number of points), was 4");
    assertThatThrownBy(() -> tree.cutAtHeight(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be >= 0, was -1.0");
    assertThatThrownBy(() -> tree.height(2))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("merge 2 outside [0, 2)");
  }

  /** Labels renumbered by order of first appearance. */
  static int[] firstAppearance(int[] labels) {
    java.util.Map<Integer, Integer> names = new java.util.HashMap<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = names.computeIfAbsent(labels[i], l -> names.size());
    }
    return out;
  }
}
