package io.github.nmf4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.testing.Blobs;
import io.github.nmf4j.testing.Fixture;
import io.github.nmf4j.testing.HashedBlobs;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SilhouetteTest {

  /**
   * scikit-learn computes distances as sqrt(|x|^2 - 2 x.y + |y|^2), we as sqrt(|x - y|^2): both
   * are accurate to about 1e-15 relative on these O(1) points, so s(i) agrees to ~1e-13.
   */
  private static final double REFERENCE_TOLERANCE = 1e-12;

  @Test
  void matchesScikitLearnOnFixedInput() {
    Fixture f = Fixture.load("metrics/silhouette.txt");
    double[] samples = Silhouette.samples(f.matrix("points"), f.ints("labels"));
    double[] expected = f.doubles("samples");
    assertThat(samples).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(samples[i]).as("sample %d", i).isCloseTo(expected[i], within(REFERENCE_TOLERANCE));
    }
    assertThat(samples[samples.length - 1]).as("a singleton cluster scores 0").isZero();
    assertThat(Silhouette.score(f.matrix("points"), f.ints("labels")))
        .isCloseTo(f.scalar("score"), within(REFERENCE_TOLERANCE));
  }

  /**
   * On wide points (120 features) both sides compute distances as sqrt(|x|^2 - 2 x.y + |y|^2),
   * we on centred rows: each distance is accurate to about 1e-13 relative on both sides.
   */
  private static final double WIDE_REFERENCE_TOLERANCE = 1e-11;

  @Test
  void matchesScikitLearnOnWidePoints() {
    Fixture f = Fixture.load("metrics/silhouette_wide.txt");
    double[] shape = f.doubles("shape");
    Matrix points = HashedBlobs.points((int) shape[0], (int) shape[1], (int) shape[2],
        (long) shape[3]);
    assertThat(points.cols()).isGreaterThanOrEqualTo(Silhouette.WIDE_FEATURES);
    int[] labels = f.ints("labels");
    double[] expected = f.doubles("samples");
    for (int threads : new int[] {1, 3}) {
      double[] samples = Silhouette.samples(points, labels, threads);
      for (int i = 0; i < expected.length; i++) {
        assertThat(samples[i]).as("sample %d", i)
            .isCloseTo(expected[i], within(WIDE_REFERENCE_TOLERANCE));
      }
      assertThat(samples[5]).as("a singleton cluster scores 0").isZero();
    }
    assertThat(Silhouette.score(points, labels, 2))
        .isCloseTo(f.scalar("score"), within(WIDE_REFERENCE_TOLERANCE));
  }

  @Test
  void bitIdenticalForAnyThreadCount() {
    for (int d : new int[] {3, 12, 40}) {
      Blobs blobs = Blobs.generate(d, 1_500, d, 5, 3, 1.0);
      double[] one = Silhouette.samples(blobs.points(), blobs.labels(), 1);
      double oneEstimate = Silhouette.estimate(blobs.points(), blobs.labels(), 500, 3, 1);
      for (int threads : new int[] {2, 3, 8}) {
        assertThat(Silhouette.samples(blobs.points(), blobs.labels(), threads))
            .as("d=%d threads=%d", d, threads).isEqualTo(one);
        assertThat(Silhouette.estimate(blobs.points(), blobs.labels(), 500, 3, threads))
            .isEqualTo(oneEstimate);
      }
      assertThat(Silhouette.score(blobs.points(), blobs.labels(), 2)).isEqualTo(mean(one));
    }
  }

  @Test
  void matrixProductsAgreeWithDirectDistancesIncludingNearDuplicates() {
    // Wide points with an offset, exact duplicates and near duplicates (1e-9 apart), where the
    // product form alone would lose most digits of the distance.
    int n = 300;
    int d = 50;
    SplittableRandom random = new SplittableRandom(9);
    double[] x = new double[n * d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 4;
      for (int f = 0; f < d; f++) {
        x[i * d + f] = i % 3 == 2 && i > 2
            ? x[(i - 1) * d + f] + (i % 2 == 0 ? 0 : 1e-9)
            : 100 + labels[i] + random.nextDouble();
      }
    }
    SilhouetteProducts products = new SilhouetteProducts(x, n, d, labels, 4,
        io.github.nmf4j.internal.Parallel.serial());
    int[] all = new int[n];
    java.util.Arrays.setAll(all, i -> i);
    double[] sums = new double[SilhouetteProducts.SAMPLES * 4];
    for (int from = 0; from < n; from += SilhouetteProducts.SAMPLES) {
      int to = Math.min(n, from + SilhouetteProducts.SAMPLES);
      products.sums(all, from, to, sums);
      for (int i = from; i < to; i++) {
        double[] direct = new double[4];
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int f = 0; f < d; f++) {
            double t = x[i * d + f] - x[j * d + f];
            s += t * t;
          }
          direct[labels[j]] += Math.sqrt(s);
        }
        for (int c = 0; c < 4; c++) {
          assertThat(sums[(i - from) * 4 + c]).as("sample %d cluster %d", i, c)
              .isCloseTo(direct[c], within(direct[c] * 1e-10));
        }
      }
    }
    // Each pair of blocks computed once for all samples gives the same sums, bit for bit (the
    // matrix kernel computes each product x'.y' as one chain in feature order, so the distance
    // from i to j is the same value whichever block holds the sample).
    double[] every = products.allSamples(io.github.nmf4j.internal.Parallel.of(3));
    for (int from = 0; from < n; from += SilhouetteProducts.SAMPLES) {
      int to = Math.min(n, from + SilhouetteProducts.SAMPLES);
      products.sums(all, from, to, sums);
      for (int e = 0; e < (to - from) * 4; e++) {
        assertThat(sums[e]).isEqualTo(every[from * 4 + e]);
      }
    }
  }

  private static double mean(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s / values.length;
  }

  /**
   * The silhouette does not change when every point is scaled by a power of two, exactly; points
   * whose squared distances overflow (1e154 and beyond) or underflow (below 1e-200) are
   * measured scaled into range. Before, huge points gave NaN and tiny ones all zeros.
   */
  @Test
  void hugeAndTinyPointsScoreAsOrdinaryOnes() {
    for (int d : new int[] {3, 12}) {
      Blobs blobs = Blobs.generate(d, 200, d, 3, 4, 1.0);
      double[] ordinary = Silhouette.samples(blobs.points(), blobs.labels(), 1);
      assertThat(Silhouette.samples(blobs.points().scale(0x1p40), blobs.labels(), 1))
          .as("a scale in range").containsExactly(ordinary);
      for (int power : new int[] {600, 1000, -700, -900}) {
        Matrix scaled = blobs.points().scale(Math.scalb(1.0, power));
        assertThat(Silhouette.samples(scaled, blobs.labels(), 2))
            .as("d = %d, points times 2^%d", d, power).containsExactly(ordinary);
        assertThat(Silhouette.score(scaled, blobs.labels()))
            .isEqualTo(Silhouette.score(blobs.points(), blobs.labels()));
      }
    }
    // one dimension, the report's case: 1e200 points
    Matrix line = Matrix.of(new double[][] {{0}, {1e200}, {5e200}, {6e200}});
    int[] labels = {0, 0, 1, 1};
    assertThat(Silhouette.samples(line, labels))
        .containsExactly(Silhouette.samples(line.scale(0x1p-600), labels));
  }

  @Test
  void estimateIsExactWhenTheSampleCoversEverythingAndCloseOtherwise() {
    Blobs blobs = Blobs.generate(5, 3000, 3, 4, 4, 1.0);
    double exact = Silhouette.score(blobs.points(), blobs.labels());
    assertThat(Silhouette.estimate(blobs.points(), blobs.labels(), 3000, 1)).isEqualTo(exact);
    double estimate = Silhouette.estimate(blobs.points(), blobs.labels(), 1000, 1);
    assertThat(estimate).isCloseTo(exact, within(0.03)).isNotEqualTo(exact);
    assertThat(Silhouette.estimate(blobs.points(), blobs.labels(), 1000, 1)).isEqualTo(estimate);
  }

  @Test
  void wellSeparatedClustersScoreNearOneAndSwappedLabelsScoreNegative() {
    Blobs blobs = Blobs.generate(6, 300, 2, 3, 50, 0.1);
    assertThat(Silhouette.score(blobs.points(), blobs.labels())).isGreaterThan(0.95);
    int[] wrong = blobs.labels();
    for (int i = 0; i < wrong.length; i++) {
      wrong[i] = i % 2;
    }
    assertThat(Silhouette.score(blobs.points(), wrong)).isLessThan(0.1);
  }

  @Test
  void rejectsBadInput() {
    Matrix points = Matrix.of(new double[][] {{0, 0}, {1, 1}, {2, 2}});
    assertThatThrownBy(() -> Silhouette.samples(points, new int[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the silhouette needs between 2 and n - 1 = 2 distinct labels, labels has 1");
    assertThatThrownBy(() -> Silhouette.score(points, new int[] {0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the silhouette needs between 2 and n - 1 = 2 distinct labels, labels has 3");
    assertThatThrownBy(() -> Silhouette.score(points, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels has 2 entries but points has 3 rows");
    assertThatThrownBy(() -> Silhouette.score(Matrix.zeros(0, 2), new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points must have at least one row and one column, was 0x2");
    assertThatThrownBy(() -> Silhouette.score(
            Matrix.of(new double[][] {{0, 0}, {1, Double.NaN}, {2, 2}}), new int[] {0, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points has NaN at row 1, column 1; values must be finite");
    assertThatThrownBy(() -> Silhouette.estimate(points, new int[] {0, 1, 1}, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("sampleSize must be >= 1, was 0");
    assertThatThrownBy(() -> Silhouette.score(null, new int[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("points must not be null");
    assertThatThrownBy(() -> Silhouette.samples(points, new int[] {0, 1, 1}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1, was 0");
    assertThatThrownBy(() -> Silhouette.score(points, new int[] {0, 1, 1}, -2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1, was -2");
    assertThatThrownBy(() -> Silhouette.estimate(points, new int[] {0, 1, 1}, 2, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("threads must be >= 1, was 0");
  }
}
