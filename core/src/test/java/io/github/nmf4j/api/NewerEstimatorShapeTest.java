package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The estimator shape of {@link EstimatorShapeTest}, for the estimators that came later:
 * mini-batch k-means, mini-batch NMF, rank selection, consensus and image segmentation. Each
 * {@code toBuilder()} gives back the same settings, executor and listener, its result records
 * the settings, and its listener can cancel the fit. {@link
 * EstimatorShapeTest#everyBuilderRejectsANullListenerAndTooFewThreads} covers all ten builders.
 */
class NewerEstimatorShapeTest {

  private static final Executor SAME_THREAD = Runnable::run;
  private static final ProgressListener QUIET = p -> { };

  private final Matrix points = Blobs.generate(5, 60, 3, 3, 4, 0.5).points();
  private final Matrix nonNegative = map(points, Math::abs);
  private final RgbImage image = RgbImage.fromPixels(
      map(Blobs.generate(7, 24 * 24, 3, 3, 4, 0.5).points(), x -> Math.abs(x) % 1), 24, 24);

  @Test
  void miniBatchKMeansKeepsItsShape() {
    MiniBatchKMeans m = MiniBatchKMeans.builder().k(3).batchSize(32).restarts(2).seed(5)
        .threads(2).executor(SAME_THREAD).listener(QUIET).build();
    MiniBatchKMeans copy = m.toBuilder().build();
    assertSameShape(copy, m);
    assertThat(copy.fit(points).labels()).isEqualTo(m.fit(points).labels());
    assertCancels(() -> m.toBuilder().listener(cancelAt(2)).build().fit(points));
  }

  @Test
  void miniBatchNmfKeepsItsShape() {
    MiniBatchNmf m = MiniBatchNmf.builder().rank(2).batchSize(16).maxIterations(5).seed(5)
        .threads(2).executor(SAME_THREAD).listener(QUIET).build();
    MiniBatchNmf copy = m.toBuilder().build();
    assertSameShape(copy, m);
    assertThat(copy.fit(nonNegative).h()).isEqualTo(m.fit(nonNegative).h());
    assertCancels(() -> m.toBuilder().listener(cancelAt(2)).build().fit(nonNegative));
  }

  @Test
  void rankSelectionKeepsItsShapeAndItsResultRecordsTheSettings() {
    RankSelection r = RankSelection.builder().ranks(1, 2).repeats(2).seed(5)
        .nmf(Nmf.builder().maxIterations(20)).threads(2).executor(SAME_THREAD).listener(QUIET)
        .build();
    RankSelection copy = r.toBuilder().build();
    assertSameShape(copy, r);
    assertThat(copy.fit(nonNegative).settings()).isEqualTo(r.settings());
    assertCancels(() -> r.toBuilder().listener(cancelAt(2)).build().fit(nonNegative));
  }

  @Test
  void consensusKeepsItsShapeAndItsResultRecordsTheSettings() {
    Consensus c = Consensus.builder().rank(2).runs(3).seed(5)
        .nmf(Nmf.builder().maxIterations(20)).threads(2).executor(SAME_THREAD).listener(QUIET)
        .build();
    Consensus copy = c.toBuilder().build();
    assertSameShape(copy, c);
    assertThat(copy.fit(nonNegative).settings()).isEqualTo(c.settings());
    assertCancels(() -> c.toBuilder().listener(cancelAt(2)).build().fit(nonNegative));
  }

  @Test
  void segmentationKeepsItsShapeAndItsResultRecordsTheSettings() {
    Segmentation s = Segmentation.builder().window(4).stride(4).clusters(2).seed(5).threads(2)
        .executor(SAME_THREAD).listener(QUIET).build();
    Segmentation copy = s.toBuilder().build();
    assertSameShape(copy, s);
    assertThat(copy.segment(image).settings()).isEqualTo(s.settings());
    assertCancels(() -> s.toBuilder().listener(cancelAt(1)).build().segment(image));
  }

  private static Matrix map(Matrix m, DoubleUnaryOperator f) {
    double[] a = m.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = f.applyAsDouble(a[i]);
    }
    return Matrix.wrap(m.rows(), m.cols(), a);
  }

  /** The copy from {@code toBuilder()} has the original's settings, executor and listener. */
  private static void assertSameShape(Estimator<?> copy, Estimator<?> original) {
    assertThat(copy.settings()).isEqualTo(original.settings());
    assertThat(copy.executor()).containsSame(SAME_THREAD);
    assertThat(copy.listener()).isSameAs(QUIET);
  }

  private static void assertCancels(Runnable fit) {
    assertThatThrownBy(fit::run).isInstanceOf(CancellationException.class);
  }

  /** Cancels at the progress report of step {@code step}. */
  private static ProgressListener cancelAt(int step) {
    List<Progress> seen = new ArrayList<>();
    return p -> {
      seen.add(p);
      if (seen.size() == step) {
        p.cancel();
      }
    };
  }
}
