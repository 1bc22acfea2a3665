package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SphericalKMeansTest {

  /** Directions from blobs, each row then scaled by a random factor in [0.5, 5]. */
  private static Matrix scaledDirections(long seed, int n, int d, int k) {
    double[] x = Blobs.generate(seed, n, d, k, 10, 1.5).points().toRowMajorArray();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      double s = 0.5 + 4.5 * random.nextDouble();
      for (int f = 0; f < d; f++) {
        x[i * d + f] *= s;
      }
    }
    return Matrix.wrap(n, d, x);
  }

  @Test
  void equalsKMeansOnNormalizedRowsWithRenormalizedCentroids() {
    int n = 2000;
    int d = 5;
    int k = 6;
    Matrix points = scaledDirections(1, n, d, k);
    double[] unit = points.toRowMajorArray();
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int f = 0; f < d; f++) {
        norm += unit[i * d + f] * unit[i * d + f];
      }
      for (int f = 0; f < d; f++) {
        unit[i * d + f] /= Math.sqrt(norm);
      }
    }
    double[] centres = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(unit, (j * 97) * d, centres, j * d, d);
    }
    // The oracle: Lloyd on the unit rows (nearest by Euclidean distance), each mean rescaled.
    int[] labels = new int[n];
    java.util.Arrays.fill(labels, -1);
    int iterations = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      iterations++;
      double[] sums = new double[k * d];
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double s = 0;
          for (int f = 0; f < d; f++) {
            double t = unit[i * d + f] - centres[j * d + f];
            s += t * t;
          }
          if (s < bestDistance) {
            bestDistance = s;
            best = j;
          }
        }
        changed |= labels[i] != best;
        labels[i] = best;
        for (int f = 0; f < d; f++) {
          sums[best * d + f] += unit[i * d + f];
        }
      }
      for (int j = 0; j < k; j++) {
        double norm = 0;
        for (int f = 0; f < d; f++) {
          norm += sums[j * d + f] * sums[j * d + f];
        }
        for (int f = 0; f < d; f++) {
          centres[j * d + f] = sums[j * d + f] / Math.sqrt(norm);
        }
      }
    }
    double[] init = new double[k * d];
    for (int j = 0; j < k; j++) {
      System.arraycopy(points.toRowMajorArray(), (j * 97) * d, init, j * d, d); // not unit
    }
    KMeansModel model = KMeans.builder().distance(Distance.COSINE)
        .initialCentroids(Matrix.wrap(k, d, init)).tolerance(0).maxIterations(100).fit(points);
    assertThat(model.labels()).isEqualTo(labels);
    assertThat(model.iterations()).isEqualTo(iterations);
    double[] c = model.centroids().toRowMajorArray();
    double inertia = 0;
    for (int i = 0; i < n; i++) {
      double dot = 0;
      for (int f = 0; f < d; f++) {
        dot += unit[i * d + f] * centres[labels[i] * d + f];
      }
      inertia += 1 - dot;
    }
    for (int e = 0; e < c.length; e++) {
      assertThat(c[e]).isCloseTo(centres[e], within(1e-12));
    }
    assertThat(model.inertia()).isCloseTo(inertia, within(1e-9));
  }

  @Test
  void centroidsHaveUnitLengthAndRowScaleDoesNotMatter() {
    Matrix points = scaledDirections(2, 3000, 4, 5);
    KMeansModel model = KMeans.builder().k(5).distance(Distance.COSINE).seed(3).fit(points);
    Matrix c = model.centroids();
    for (int j = 0; j < 5; j++) {
      double norm = 0;
      for (double v : c.row(j)) {
        norm += v * v;
      }
      assertThat(norm).isCloseTo(1, within(1e-12));
    }
    KMeansModel doubled = KMeans.builder().k(5).distance(Distance.COSINE).seed(3)
        .fit(points.scale(8)); // powers of two scale exactly
    assertThat(doubled.labels()).isEqualTo(model.labels());
    assertThat(model.predict(points)).isEqualTo(model.labels());
    Matrix distances = model.transform(points);
    for (int i = 0; i < 3000; i += 101) {
      int label = model.labels()[i];
      assertThat(distances.get(i, label)).isBetween(0.0, 2.0);
      for (int j = 0; j < 5; j++) {
        assertThat(distances.get(i, j)).isGreaterThanOrEqualTo(distances.get(i, label));
      }
    }
  }

  /**
   * The cosine distance ignores the rows' scale: subnormal rows, whose length would round to a
   * few bits, and rows near {@code Double.MAX_VALUE}, whose length overflows, give bit for bit
   * the clustering of the same rows scaled by a power of two into the normal range.
   */
  @ParameterizedTest
  @ValueSource(ints = {-1070, -1060, 1021})
  void rowsOfAnyScaleGiveTheClusteringOfTheirNormalCopy(int e) {
    double[] x = scaledDirections(4, 300, 4, 3).toRowMajorArray();
    for (int i = 0; i < x.length; i++) {
      // clamped, and rounded to what is representable at 2^e
      x[i] = Math.scalb(Math.scalb(Math.max(-7.5, Math.min(x[i], 7.5)), e), -e);
    }
    Matrix normal = Matrix.wrap(300, 4, x);
    Matrix scaled = normal.scale(Math.scalb(1.0, e));
    KMeans kMeans = KMeans.builder().k(3).distance(Distance.COSINE).seed(5).build();
    for (boolean sparse : new boolean[] {false, true}) {
      KMeansModel expected = sparse ? kMeans.fit(SparseMatrix.of(normal)) : kMeans.fit(normal);
      KMeansModel model = sparse ? kMeans.fit(SparseMatrix.of(scaled)) : kMeans.fit(scaled);
      assertThat(model.labels()).isEqualTo(expected.labels());
      assertThat(model.centroids().toRowMajorArray())
          .isEqualTo(expected.centroids().toRowMajorArray());
      assertThat(model.inertia()).isEqualTo(expected.inertia());
      assertThat(model.transform(scaled).toRowMajorArray())
          .isEqualTo(expected.transform(normal).toRowMajorArray());
    }
  }

  @Test
  void inertiaNeverIncreasesAndMatchesTheCosineDistances() {
    Matrix points = scaledDirections(4, 4000, 6, 8);
    List<Double> inertias = new ArrayList<>();
    KMeansModel model = KMeans.builder().k(8).distance(Distance.COSINE).tolerance(0).seed(2)
        .listener(p -> inertias.add(p.loss().getAsDouble())).fit(points);
    for (int i = 1; i < inertias.size(); i++) {
      assertThat(inertias.get(i)).isLessThanOrEqualTo(inertias.get(i - 1) * (1 + 1e-12));
    }
    Matrix distances = model.transform(points);
    double sum = 0;
    for (int i = 0; i < 4000; i++) {
      sum += distances.get(i, model.labels()[i]);
    }
    assertThat(model.inertia()).isCloseTo(sum, within(1e-9));
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    Matrix points = scaledDirections(5, 40_000, 3, 10);
    for (KMeansInit init : KMeansInit.values()) {
      KMeansModel one = fit(points, init, 1);
      for (int threads : new int[] {2, 3, 8}) {
        KMeansModel other = fit(points, init, threads);
        assertThat(other.centroids()).as("%s threads=%d", init, threads)
            .isEqualTo(one.centroids());
        assertThat(other.labels()).isEqualTo(one.labels());
        assertThat(other.inertia()).isEqualTo(one.inertia());
      }
    }
  }

  private static KMeansModel fit(Matrix points, KMeansInit init, int threads) {
    return KMeans.builder().k(10).distance(Distance.COSINE).initialization(init).restarts(2)
        .maxIterations(20).seed(9).threads(threads).fit(points);
  }

  @Test
  void settingsAndBadInput() {
    KMeans kMeans = KMeans.builder().k(2).distance(Distance.COSINE).build();
    assertThat(kMeans.settings().distance()).isEqualTo(Distance.COSINE);
    assertThat(kMeans.toBuilder().build().settings()).isEqualTo(kMeans.settings());
    assertThat(kMeans.toString()).contains("distance=COSINE");
    assertThat(KMeans.builder().build().settings().distance()).isEqualTo(Distance.EUCLIDEAN);
    assertThatThrownBy(() -> KMeans.builder().distance(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("distance must not be null");
    Matrix withZero = Matrix.of(new double[][] {{1, 0}, {0, 1}, {0, 0}, {1, 1}});
    assertThatThrownBy(() -> kMeans.fit(withZero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has a zero row at row 2; the cosine distance needs rows of non-zero"
            + " length");
    // Rows pointing the same way are one point for the cosine distance.
    Matrix sameWay = Matrix.of(new double[][] {{1, 1}, {2, 2}, {3, 3}});
    assertThatThrownBy(() -> kMeans.fit(sameWay))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has only 1 distinct direction (rows scaled to unit length),"
            + " fewer than k = 2");
    KMeansModel model = kMeans.fit(Matrix.of(new double[][] {{1, 0}, {0, 1}, {2, 0.1}}));
    assertThatThrownBy(() -> model.predict(Matrix.of(new double[][] {{0, 0}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x has a zero row at row 0");
  }
}
