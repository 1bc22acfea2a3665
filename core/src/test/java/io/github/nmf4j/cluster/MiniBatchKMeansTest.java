package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {

  @Test
  void inertiaIsWithinTwoPercentOfFullKMeansOnBlobs() {
    for (int d : new int[] {2, 3, 10}) {
      Blobs blobs = Blobs.generate(d, 30_000, d, 12, 10, 1.0);
      double full = KMeans.builder().k(12).restarts(3).seed(1).fit(blobs.points()).inertia();
      KMeansModel mini = MiniBatchKMeans.builder().k(12).seed(1).fit(blobs.points());
      assertThat(mini.inertia()).as("d=%d", d).isBetween(full * 0.98, full * 1.02);
      assertThat(mini.converged()).isTrue();
      assertThat(mini.iterations()).isLessThan(100);
    }
  }

  @Test
  void recoversWellSeparatedBlobs() {
    Blobs blobs = Blobs.generate(3, 5000, 4, 6, 30, 0.5);
    KMeansModel model = MiniBatchKMeans.builder().k(6).batchSize(256).seed(2).fit(blobs.points());
    assertThat(ClusteringMetrics.adjustedRandIndex(blobs.labels(), model.labels())).isEqualTo(1.0);
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    // d = 3: the pixel kernel; d = 40 with k = 20: batches split into chunks across threads.
    for (int[] shape : new int[][] {{3, 16}, {40, 20}}) {
      Matrix points = Blobs.generate(5, 12_000, shape[0], shape[1], 4, 1.0).points();
      KMeansModel one = fit(points, shape[1], 1);
      for (int threads : new int[] {2, 3, 8}) {
        KMeansModel other = fit(points, shape[1], threads);
        assertThat(other.centroids()).as("d=%d threads=%d", shape[0], threads)
            .isEqualTo(one.centroids());
        assertThat(other.labels()).isEqualTo(one.labels());
        assertThat(other.inertia()).isEqualTo(one.inertia());
        assertThat(other.iterations()).isEqualTo(one.iterations());
      }
    }
  }

  private static KMeansModel fit(Matrix points, int k, int threads) {
    return MiniBatchKMeans.builder().k(k).batchSize(1500).seed(4).threads(threads).fit(points);
  }

  @Test
  void runsFloorOfPassesTimesPointsOverBatchStepsWithoutEarlyStopping() {
    Matrix points = Blobs.generate(6, 1000, 2, 4, 5, 1.0).points();
    List<Progress> steps = new ArrayList<>();
    KMeansModel model = MiniBatchKMeans.builder().k(4).batchSize(300).maxIterations(2)
        .maxNoImprovement(0).seed(3).listener(steps::add).fit(points);
    assertThat(steps).hasSize(6); // floor(2 * 1000 / 300)
    assertThat(steps.get(5).maxIterations()).isEqualTo(6);
    assertThat(steps).allMatch(p -> p.loss().isPresent() && p.change().isPresent());
    assertThat(model.iterations()).isEqualTo(2); // ceil(6 * 300 / 1000)
    assertThat(model.converged()).isFalse();
  }

  @Test
  void aPositiveToleranceStopsOnceTheCentroidsSettle() {
    Matrix points = Blobs.generate(8, 20_000, 2, 3, 20, 0.3).points();
    KMeansModel model = MiniBatchKMeans.builder().k(3).maxNoImprovement(0).tolerance(1e-4)
        .seed(5).fit(points);
    assertThat(model.converged()).isTrue();
    assertThat(model.iterations()).isLessThan(100);
  }

  @Test
  void reassignmentMovesACentroidThatNoPointChoosesOntoABatchPoint() {
    Matrix points = Blobs.generate(7, 4000, 2, 2, 5, 1.0).points();
    double[] x = points.toRowMajorArray();
    double[] far = {0, 0, 1, 1, 1e6, 1e6};
    for (double ratio : new double[] {0, 0.01}) {
      double[] centers = far.clone();
      MiniBatchLoop loop = new MiniBatchLoop(x, 4000, 2, 3, 100, Parallel.of(1));
      loop.run(centers, 3, 0, ratio, 0, new SplittableRandom(1), (step, inertia, shift) -> { });
      if (ratio == 0) {
        assertThat(centers[4]).isEqualTo(1e6); // never chosen, never moved
      } else {
        // moved at the first step onto a point of the batch (then updated as any centroid)
        assertThat(Math.abs(centers[4])).isLessThan(100);
      }
    }
  }

  @Test
  void predictGivesTheTrainingLabelsAndTheInputIsNotModified() {
    Blobs blobs = Blobs.generate(9, 3000, 3, 5, 10, 1.0);
    double[] before = blobs.points().toRowMajorArray();
    KMeansModel model = MiniBatchKMeans.builder().k(5).seed(6).fit(blobs.points());
    assertThat(model.predict(blobs.points())).isEqualTo(model.labels());
    assertThat(blobs.points().toRowMajorArray()).isEqualTo(before);
    assertThat(model.settings().k()).isEqualTo(5);
    assertThat(model.settings().seed()).isEqualTo(6);
  }

  @Test
  void toBuilderKeepsEverySetting() {
    MiniBatchKMeans a = MiniBatchKMeans.builder().k(7).batchSize(100).maxIterations(9)
        .maxNoImprovement(3).reassignmentRatio(0.2).restarts(2).tolerance(0.5).seed(11)
        .threads(3).build();
    assertThat(a.toBuilder().build().settings()).isEqualTo(a.settings());
    assertThat(a.toBuilder().k(2).build().settings().k()).isEqualTo(2);
    assertThat(a.toString()).contains("batchSize=100", "reassignmentRatio=0.2");
  }

  @Test
  void theListenerCanCancel() {
    Matrix points = Blobs.generate(10, 2000, 2, 4, 5, 1.0).points();
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(4).batchSize(100)
        .listener(p -> {
          if (p.iteration() == 3) {
            p.cancel();
          }
        }).fit(points))
        .isInstanceOf(CancellationException.class)
        .hasMessage("mini-batch k-means cancelled by its listener");
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    MiniBatchKMeans.Builder b = MiniBatchKMeans.builder();
    assertThatThrownBy(() -> b.k(0)).hasMessage("k must be >= 1, was 0");
    assertThatThrownBy(() -> b.batchSize(0)).hasMessage("batchSize must be >= 1, was 0");
    assertThatThrownBy(() -> b.maxIterations(0)).hasMessage("maxIterations must be >= 1, was 0");
    assertThatThrownBy(() -> b.maxNoImprovement(-1))
        .hasMessage("maxNoImprovement must be >= 0, was -1");
    assertThatThrownBy(() -> b.reassignmentRatio(1.5))
        .hasMessage("reassignmentRatio must be in [0, 1], was 1.5");
    assertThatThrownBy(() -> b.reassignmentRatio(Double.NaN))
        .hasMessage("reassignmentRatio must be in [0, 1], was NaN");
    assertThatThrownBy(() -> b.restarts(0)).hasMessage("restarts must be >= 1, was 0");
    assertThatThrownBy(() -> b.tolerance(-1))
        .hasMessage("tolerance must be finite and >= 0, was -1.0");
  }

  @Test
  void rejectsBadDataNamingThePosition() {
    double[][] rows = {{0, 0}, {1, 1}, {2, 2}, {3, 3}};
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(5).fit(Matrix.of(rows)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be <= the number of points (4), was 5");
    rows[2][1] = Double.NaN;
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(2).fit(Matrix.of(rows)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 2, column 1; values must be finite");
    double[][] same = {{1, 2}, {1, 2}, {3, 4}, {1, 2}};
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(3).fit(Matrix.of(same)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has only 2 distinct rows, fewer than k = 3");
    assertThatThrownBy(() -> MiniBatchKMeans.builder().fit((Matrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
    assertThatThrownBy(() -> MiniBatchKMeans.builder().k(1).fit(Matrix.zeros(0, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 0x2");
  }
}
