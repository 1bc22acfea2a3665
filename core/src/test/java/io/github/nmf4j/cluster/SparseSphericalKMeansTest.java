package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spherical k-means ({@link Distance#COSINE}) on a {@link SparseMatrix}: the dense cosine fit
 * of the same rows, prediction, thread counts, zero rows, and a planted text-like case.
 */
class SparseSphericalKMeansTest {

  /**
   * {@code n x d} random rows storing each entry with probability {@code density} (at least one
   * per row), values in [0.1, 3) and one in five negative; every fifth column and the last ten
   * columns are empty.
   */
  static SparseMatrix randomRows(int n, int d, double density, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] dense = new double[n * d];
    int used = d - 10;
    for (int i = 0; i < n; i++) {
      boolean any = false;
      for (int f = 0; f < used; f++) {
        if (f % 5 != 4 && random.nextDouble() < density) {
          dense[i * d + f] = value(random);
          any = true;
        }
      }
      if (!any) {
        dense[i * d + random.nextInt(4)] = value(random);
      }
    }
    return SparseMatrix.of(Matrix.wrap(n, d, dense));
  }

  private static double value(SplittableRandom random) {
    double v = 0.1 + 2.9 * random.nextDouble();
    return random.nextInt(5) == 0 ? -v : v;
  }

  private static void assertSameClustering(KMeansModel sparse, KMeansModel dense) {
    assertThat(sparse.labels()).isEqualTo(dense.labels());
    assertThat(sparse.iterations()).isEqualTo(dense.iterations());
    assertThat(sparse.converged()).isEqualTo(dense.converged());
    double[] a = sparse.centroids().toRowMajorArray();
    double[] b = dense.centroids().toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      // unit centroids: entries at most 1, so this is 1e-12 relative to the centroid's length
      assertThat(a[i]).isCloseTo(b[i], within(1e-12));
    }
    assertThat(sparse.inertia()).isCloseTo(dense.inertia(), within(dense.inertia() * 1e-12));
  }

  private static KMeans.Builder cosine(int k, KMeansInit init, long seed) {
    return KMeans.builder().k(k).distance(Distance.COSINE).initialization(init).seed(seed);
  }

  @ParameterizedTest
  @EnumSource(value = KMeansInit.class, names = {"K_MEANS_PLUS_PLUS", "RANDOM"})
  void theSparseFitIsTheDenseFit(KMeansInit init) {
    for (double density : new double[] {0.02, 0.1, 0.5}) {
      for (long seed = 1; seed <= 3; seed++) {
        SparseMatrix x = randomRows(500, 70, density, 10 * seed);
        KMeans kMeans = cosine(6, init, seed).restarts(2).build();
        KMeansModel sparse = kMeans.fit(x);
        KMeansModel dense = kMeans.fit(x.toDense());
        assertThat(sparse.inertia()).as("density %s seed %d", density, seed).isPositive();
        assertSameClustering(sparse, dense);
      }
    }
  }

  @Test
  void fromGivenCentroidsTheSparseFitIsTheDenseFit() {
    SparseMatrix x = randomRows(400, 50, 0.1, 4);
    double[] given = new double[5 * 50];
    for (int j = 0; j < 5; j++) {
      double[] row = x.row(j * 31);
      for (int f = 0; f < 50; f++) {
        given[j * 50 + f] = 3 * row[f]; // not unit length: the fit scales them
      }
    }
    Matrix centroids = Matrix.wrap(5, 50, given.clone());
    KMeans kMeans = KMeans.builder().k(5).distance(Distance.COSINE).initialCentroids(centroids)
        .build();
    assertSameClustering(kMeans.fit(x), kMeans.fit(x.toDense()));
    assertThat(centroids.toRowMajorArray()).isEqualTo(given);
    // K_MEANS_PARALLEL stays refused for sparse points
    assertThatThrownBy(() -> cosine(5, KMeansInit.K_MEANS_PARALLEL, 1).fit(x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("K_MEANS_PARALLEL is not supported for SparseMatrix");
  }

  @Test
  void anEmptyClusterIsReseededAsInTheDenseFit() {
    double[] values = randomRows(300, 50, 0.1, 11).toDense().toRowMajorArray();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.abs(values[i]);
    }
    SparseMatrix x = SparseMatrix.of(Matrix.wrap(300, 50, values));
    double[] given = new double[5 * 50];
    for (int j = 0; j < 4; j++) {
      System.arraycopy(values, j * 71 * 50, given, j * 50, 50);
    }
    given[4 * 50 + 4] = 1; // column 4 is empty: no point is nearer this centroid than another
    KMeans kMeans = KMeans.builder().k(5).distance(Distance.COSINE)
        .initialCentroids(Matrix.wrap(5, 50, given)).build();
    KMeansModel sparse = kMeans.fit(x);
    assertSameClustering(sparse, kMeans.fit(x.toDense()));
    assertThat(sparse.labels()).contains(4);
  }

  @Test
  void predictAndTransformOfSparseRowsAreTheDenseOnes() {
    SparseMatrix x = randomRows(600, 40, 0.15, 5);
    SparseMatrix queries = randomRows(200, 40, 0.3, 6);
    for (KMeansModel model : new KMeansModel[] {cosine(5, KMeansInit.K_MEANS_PLUS_PLUS, 2)
        .fit(x), cosine(5, KMeansInit.K_MEANS_PLUS_PLUS, 2).fit(x.toDense())}) {
      assertThat(model.predict(x)).isEqualTo(model.labels());
      assertThat(model.predict(queries)).isEqualTo(model.predict(queries.toDense()));
      double[] sparse = model.transform(queries).toRowMajorArray();
      double[] dense = model.transform(queries.toDense()).toRowMajorArray();
      assertThat(sparse).hasSize(200 * 5);
      for (int i = 0; i < sparse.length; i++) {
        assertThat(sparse[i]).isCloseTo(dense[i], within(1e-12));
      }
      // the inertia is the sum of the training points' distances to their own centroid
      double[] own = model.transform(x).toRowMajorArray();
      int[] labels = model.labels();
      double sum = 0;
      for (int i = 0; i < labels.length; i++) {
        sum += own[i * 5 + labels[i]];
      }
      assertThat(sum).isCloseTo(model.inertia(), within(model.inertia() * 1e-12));
      SparseMatrix none = SparseMatrix.of(Matrix.wrap(0, 40, new double[0]));
      assertThat(model.predict(none)).isEmpty();
    }
  }

  @Test
  void aZeroRowIsRefusedByItsIndex() {
    SparseMatrix withZero = SparseMatrix.of(Matrix.of(new double[][] {
        {1, 0, 2}, {0, 1, 0}, {0, 0, 0}, {1, 1, 0}}));
    KMeans kMeans = KMeans.builder().k(2).distance(Distance.COSINE).build();
    assertThatThrownBy(() -> kMeans.fit(withZero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has a zero row at row 2; the cosine distance needs rows of non-zero"
            + " length");
    // an explicit zero is no entry: row 1 is zero
    SparseMatrix explicit = SparseMatrix.fromCsr(3, 3, new int[] {0, 1, 2, 4},
        new int[] {0, 1, 0, 2}, new double[] {1, 0, 2, 1});
    assertThatThrownBy(() -> kMeans.fit(explicit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("points has a zero row at row 1;");
    KMeansModel model = kMeans.fit(SparseMatrix.of(Matrix.of(new double[][] {
        {1, 0, 0}, {0, 1, 0}, {2, 0.1, 0}})));
    SparseMatrix query = SparseMatrix.of(Matrix.of(new double[][] {{0, 1, 0}, {0, 0, 0}}));
    assertThatThrownBy(() -> model.predict(query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x has a zero row at row 1");
    assertThatThrownBy(() -> model.transform(query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x has a zero row at row 1");
    // rows pointing the same way are one point
    SparseMatrix sameWay = SparseMatrix.of(Matrix.of(new double[][] {{1, 1}, {2, 2}, {3, 3}}));
    assertThatThrownBy(() -> kMeans.fit(sameWay))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has only 1 distinct direction (rows scaled to unit length),"
            + " fewer than k = 2");
  }

  @ParameterizedTest
  @EnumSource(value = KMeansInit.class, names = {"K_MEANS_PLUS_PLUS", "RANDOM"})
  void identicalForOneAndThreeThreadsAndTheInputIsNotModified(KMeansInit init) {
    // 9,000 rows (three chunks) and about 180,000 stored values (several column tasks)
    SparseMatrix x = randomRows(9000, 410, 0.05, 8);
    Matrix before = x.toDense();
    KMeans one = cosine(8, init, 3).restarts(2).maxIterations(15).threads(1).build();
    KMeansModel a = one.fit(x);
    KMeansModel b = one.toBuilder().threads(3).build().fit(x);
    assertThat(b.labels()).isEqualTo(a.labels());
    assertThat(b.centroids().toRowMajorArray()).isEqualTo(a.centroids().toRowMajorArray());
    assertThat(b.inertia()).isEqualTo(a.inertia());
    assertThat(b.iterations()).isEqualTo(a.iterations());
    assertThat(a.predict(x)).isEqualTo(a.labels());
    assertThat(x.toDense()).isEqualTo(before);
    double[] c = a.centroids().toRowMajorArray();
    for (int j = 0; j < 8; j++) {
      double s = 0;
      for (int f = 0; f < 410; f++) {
        s += c[j * 410 + f] * c[j * 410 + f];
      }
      assertThat(s).isCloseTo(1, within(1e-12));
    }
  }

  /**
   * Documents drawn from {@code k} disjoint vocabularies of 30 words, half of them short (a few
   * words) and half long (many words, large counts): by raw term counts the long documents
   * stand apart from the short ones, by direction they group by vocabulary.
   */
  @Test
  void recoversPlantedVocabulariesThatEuclideanSplitsByLength() {
    int k = 4;
    int words = 30;
    int n = 400;
    int d = k * words;
    SplittableRandom random = new SplittableRandom(12);
    double[] counts = new double[n * d];
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      int topic = i % k;
      truth[i] = topic;
      boolean longDocument = (i / k) % 2 == 0;
      int length = longDocument ? 200 + random.nextInt(100) : 3 + random.nextInt(4);
      for (int w = 0; w < length; w++) {
        // a Zipf-like draw: low word indices of the vocabulary are more frequent
        int word = (int) (words * Math.pow(random.nextDouble(), 2));
        counts[i * d + topic * words + word]++;
      }
    }
    SparseMatrix docs = SparseMatrix.of(Matrix.wrap(n, d, counts));
    KMeansModel spherical = KMeans.builder().k(k).distance(Distance.COSINE).restarts(5).seed(1)
        .fit(docs);
    assertThat(ClusteringMetrics.adjustedRandIndex(truth, spherical.labels())).isEqualTo(1.0);
    KMeansModel euclidean = KMeans.builder().k(k).restarts(5).seed(1).fit(docs);
    assertThat(ClusteringMetrics.adjustedRandIndex(truth, euclidean.labels())).isLessThan(0.8);
  }

  @Test
  void listenerAndCancellation() {
    SparseMatrix x = randomRows(300, 30, 0.2, 9);
    List<Double> losses = new ArrayList<>();
    KMeansModel model = cosine(3, KMeansInit.K_MEANS_PLUS_PLUS, 1)
        .listener(p -> losses.add(p.loss().getAsDouble())).fit(x);
    assertThat(losses).hasSize(model.iterations());
    // the losses are sums of cosine distances, at most 2 per point
    assertThat(losses).allSatisfy(l -> assertThat(l).isBetween(0.0, 600.0));
    assertThatThrownBy(() -> cosine(3, KMeansInit.K_MEANS_PLUS_PLUS, 1)
        .listener(p -> p.cancel()).fit(x)).isInstanceOf(CancellationException.class);
  }
}
