package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.testing.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpectralClusteringTest {

  /** Agreement with scikit-learn's labels the issue asks for. */
  private static final double SAME_CLUSTERING = 0.99;

  @ParameterizedTest
  @CsvSource({
      "moons, 2, 30, NEAREST_NEIGHBORS, KMEANS",
      "moons, 2, 30, NEAREST_NEIGHBORS, DISCRETIZE",
      "moons, 2, 30, RBF, KMEANS",
      "moons, 2, 30, RBF, DISCRETIZE",
      "circles, 2, 30, NEAREST_NEIGHBORS, KMEANS",
      "circles, 2, 30, NEAREST_NEIGHBORS, DISCRETIZE",
      "circles, 2, 30, RBF, KMEANS",
      "circles, 2, 30, RBF, DISCRETIZE",
      "blobs, 3, 1, NEAREST_NEIGHBORS, KMEANS",
      "blobs, 3, 1, NEAREST_NEIGHBORS, DISCRETIZE",
      "blobs, 3, 1, RBF, KMEANS",
      "blobs, 3, 1, RBF, DISCRETIZE"})
  void labelsAgreeWithScikitLearn(String data, int k, double gamma, Affinity affinity,
      LabelAssignment assignment) {
    Fixture f = Fixture.load("cluster/spectral_" + data + ".txt");
    SpectralModel model = SpectralClustering.builder().clusters(k).affinity(affinity)
        .gamma(gamma).neighbors(10).labelAssignment(assignment).seed(0).threads(2)
        .fit(f.matrix("points"));
    String column = (affinity == Affinity.RBF ? "rbf_" : "nearest_neighbors_")
        + assignment.name().toLowerCase();
    assertThat(model.converged()).isTrue();
    assertThat(ClusteringMetrics.adjustedRandIndex(f.ints(column), model.labels()))
        .isGreaterThanOrEqualTo(SAME_CLUSTERING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"moons", "circles", "blobs"})
  void eigenvaluesOfTheNeighborGraphMatchScipy(String data) {
    Fixture f = Fixture.load("cluster/spectral_" + data + ".txt");
    double[] expected = f.doubles("knn_eigenvalues");
    SpectralModel model = SpectralClustering.builder().clusters(expected.length)
        .affinity(Affinity.NEAREST_NEIGHBORS).eigenTolerance(1e-9).seed(3)
        .fit(f.matrix("points"));
    double[] values = model.eigenvalues();
    for (int j = 0; j < expected.length; j++) {
      // A residual r bounds the eigenvalue error by r (Weyl), far closer in practice.
      assertThat(values[j]).isCloseTo(expected[j], within(1e-9));
    }
  }

  @Test
  void embeddingSpansTheComponentIndicatorsOfADisconnectedGraph() {
    // Two far-apart groups: each component's D^-1/2 u is constant on it. An eigenvector's
    // error is at most its residual over the gap to the next eigenvalue, so the residual is
    // set well below the 1e-6 the constancy is checked to.
    Matrix points = twoGroups(60, 40);
    SpectralModel model = SpectralClustering.builder().clusters(2)
        .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(5).eigenTolerance(1e-9).seed(1)
        .fit(points);
    Matrix e = model.embedding();
    assertThat(e.rows()).isEqualTo(100);
    assertThat(e.cols()).isEqualTo(2);
    for (int j = 0; j < 2; j++) {
      for (int i = 1; i < 60; i++) {
        assertThat(e.get(i, j)).isCloseTo(e.get(0, j), within(1e-6));
      }
      for (int i = 61; i < 100; i++) {
        assertThat(e.get(i, j)).isCloseTo(e.get(60, j), within(1e-6));
      }
    }
    int[] labels = model.labels();
    assertThat(ClusteringMetrics.adjustedRandIndex(labels, truthOfTwoGroups(60, 40)))
        .isEqualTo(1.0);
  }

  @ParameterizedTest
  @CsvSource({"NEAREST_NEIGHBORS, KMEANS", "RBF, DISCRETIZE"})
  void sameSeedSameResultForAnyThreadCount(Affinity affinity, LabelAssignment assignment) {
    Matrix points = noisyRings(600, 11);
    SpectralClustering.Builder b = SpectralClustering.builder().clusters(3).affinity(affinity)
        .gamma(5).labelAssignment(assignment).seed(42);
    SpectralModel one = b.threads(1).fit(points);
    for (int threads : new int[] {2, 3, 8}) {
      SpectralModel other = b.threads(threads).fit(points);
      assertThat(other.labels()).isEqualTo(one.labels());
      assertThat(other.embedding()).isEqualTo(one.embedding());
      assertThat(other.eigenvalues()).isEqualTo(one.eigenvalues());
    }
  }

  @Test
  void toBuilderKeepsEverySettingAndTheModelRecordsThem() {
    ProgressListener listener = p -> { };
    Executor sameThread = Runnable::run;
    SpectralClustering s = SpectralClustering.builder().clusters(4)
        .affinity(Affinity.NEAREST_NEIGHBORS).gamma(2).neighbors(7)
        .labelAssignment(LabelAssignment.DISCRETIZE).eigenTolerance(1e-7).maxEigenIterations(99)
        .seed(5).threads(3).executor(sameThread).listener(listener).build();
    assertThat(s.settings()).isEqualTo(new SpectralSettings(4, Affinity.NEAREST_NEIGHBORS, 2, 7,
        LabelAssignment.DISCRETIZE, 1e-7, 99, 5, 3));
    SpectralClustering copy = s.toBuilder().build();
    assertThat(copy.settings()).isEqualTo(s.settings());
    assertThat(copy.executor()).containsSame(sameThread);
    assertThat(copy.listener()).isSameAs(listener);
    SpectralClustering t = s.toBuilder().clusters(6).build();
    assertThat(t.settings().clusters()).isEqualTo(6);
    assertThat(t.settings().neighbors()).isEqualTo(7);
    assertThat(s.settings().clusters()).isEqualTo(4);
    SpectralClustering two = s.toBuilder().clusters(2).build();
    assertThat(two.fit(noisyRings(90, 3)).settings()).isEqualTo(two.settings());
  }

  @Test
  void theListenerSeesTheGraphEveryEigensolverIterationAndTheLabels() {
    Matrix points = noisyRings(300, 4);
    List<Progress> seen = new ArrayList<>();
    SpectralModel model = SpectralClustering.builder().clusters(3)
        .affinity(Affinity.NEAREST_NEIGHBORS).seed(2).listener(seen::add).fit(points);
    int steps = model.eigenIterations() + 2;
    assertThat(seen).extracting(Progress::iteration)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, steps).boxed().toList());
    assertThat(seen).allSatisfy(p -> assertThat(p.maxIterations()).isEqualTo(2002));
    // The eigensolver's steps report the largest residual, the first and last nothing.
    assertThat(seen.get(0).loss()).isEmpty();
    assertThat(seen.get(steps - 1).loss()).isEmpty();
    assertThat(seen.subList(1, steps - 1)).allSatisfy(p -> assertThat(p.loss()).isPresent());
    assertThat(seen.get(steps - 2).loss().getAsDouble()).isLessThanOrEqualTo(1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void theListenerCancelsAtAnyStep(int step) {
    Matrix points = noisyRings(300, 4);
    List<Progress> seen = new ArrayList<>();
    assertThatThrownBy(() -> SpectralClustering.builder().clusters(3)
        .affinity(Affinity.NEAREST_NEIGHBORS).seed(2).listener(p -> {
          seen.add(p);
          if (p.iteration() == step) {
            p.cancel();
          }
        }).fit(points))
        .isInstanceOf(CancellationException.class)
        .hasMessage("spectral clustering cancelled by its listener");
    assertThat(seen).hasSize(step);
  }

  /**
   * The nearest-neighbour graph depends only on which points are nearest: points scaled by any
   * power of two, also where squared distances overflow or underflow, give the same clustering.
   */
  @ParameterizedTest
  @ValueSource(ints = {-1060, -600, 600, 1015})
  void theNeighborGraphDoesNotDependOnTheScale(int e) {
    double[] x = noisyRings(200, 2).toRowMajorArray();
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.scalb(Math.scalb(x[i], e), -e); // what is representable at 2^e
    }
    Matrix points = Matrix.wrap(200, 2, x);
    SpectralClustering spectral = SpectralClustering.builder().clusters(2)
        .affinity(Affinity.NEAREST_NEIGHBORS).seed(3).build();
    SpectralModel expected = spectral.fit(points);
    SpectralModel model = spectral.fit(points.scale(Math.scalb(1.0, e)));
    assertThat(model.labels()).isEqualTo(expected.labels());
    assertThat(model.eigenvalues()).isEqualTo(expected.eigenvalues());
    assertThat(model.embedding()).isEqualTo(expected.embedding());
  }

  @Test
  void inputIsNotModified() {
    Matrix points = noisyRings(200, 2);
    Matrix copy = Matrix.of(points.toArray());
    SpectralClustering.builder().clusters(2).affinity(Affinity.NEAREST_NEIGHBORS).fit(points);
    assertThat(points).isEqualTo(copy);
  }

  @Test
  void badInputIsRejectedWithClearMessages() {
    Matrix points = noisyRings(20, 1);
    assertThatThrownBy(() -> SpectralClustering.builder().clusters(21).fit(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clusters must be <= the number of points (20), was 21");
    assertThatThrownBy(() -> SpectralClustering.builder().clusters(2)
        .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(20).fit(points))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("neighbors must be < the number of points (20), was 20");
    double[][] a = points.toArray();
    a[4][1] = Double.NaN;
    assertThatThrownBy(() -> SpectralClustering.builder().clusters(2).fit(Matrix.of(a)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("points has NaN at row 4, column 1");
    assertThatThrownBy(() -> SpectralClustering.builder().gamma(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gamma must be finite and > 0, was 0.0");
    assertThatThrownBy(() -> SpectralClustering.builder().neighbors(0))
        .hasMessage("neighbors must be >= 1, was 0");
    assertThatThrownBy(() -> SpectralClustering.builder().clusters(0))
        .hasMessage("clusters must be >= 1, was 0");
    assertThatThrownBy(() -> SpectralClustering.builder().affinity(null))
        .hasMessage("affinity must not be null");
    assertThatThrownBy(() -> SpectralClustering.builder().fit(null))
        .hasMessage("points must not be null");
    assertThatThrownBy(() -> SpectralClustering.builder().eigenTolerance(Double.NaN))
        .hasMessage("eigenTolerance must be finite and > 0, was NaN");
  }

  @Test
  void anInterruptedFitIsCancelled() {
    Matrix points = noisyRings(300, 4);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> SpectralClustering.builder().clusters(2).fit(points))
          .isInstanceOf(CancellationException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  /** Three noisy concentric rings of radius 1, 2 and 3. */
  static Matrix noisyRings(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double radius = 1 + i % 3 + 0.1 * (r.nextDouble() - 0.5);
      double angle = 2 * Math.PI * r.nextDouble();
      x[2 * i] = radius * Math.cos(angle);
      x[2 * i + 1] = radius * Math.sin(angle);
    }
    return Matrix.wrap(n, 2, x);
  }

  private static Matrix twoGroups(int a, int b) {
    SplittableRandom r = new SplittableRandom(9);
    double[] x = new double[2 * (a + b)];
    for (int i = 0; i < a + b; i++) {
      double offset = i < a ? 0 : 100;
      x[2 * i] = offset + r.nextDouble();
      x[2 * i + 1] = r.nextDouble();
    }
    return Matrix.wrap(a + b, 2, x);
  }

  private static int[] truthOfTwoGroups(int a, int b) {
    int[] t = new int[a + b];
    for (int i = a; i < a + b; i++) {
      t[i] = 1;
    }
    return t;
  }
}
