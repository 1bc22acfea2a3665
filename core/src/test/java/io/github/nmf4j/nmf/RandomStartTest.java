package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The RANDOM start draws each row of W from the seed and the row index alone, so that a block of
 * rows held elsewhere (a partition of a distributed V) can draw its rows by itself.
 */
class RandomStartTest {

  private static final int K = 4;

  @Test
  void theRowsOfWDoNotDependOnTheOtherRows() {
    // Small integers: sums are exact, so V stacked on itself has exactly the same mean, hence
    // the same scale sqrt(mean / k).
    double[] values = new SplittableRandom(5).ints(37 * 11, 0, 10).asDoubleStream().toArray();
    Matrix v = Matrix.wrap(37, 11, values);
    Matrix twice = Matrix.wrap(74, 11, concat(v.toRowMajorArray(), v.toRowMajorArray()));

    Factors small = start(v, 9);
    Factors large = start(twice, 9);

    assertThat(Arrays.copyOf(large.w, 37 * K)).containsExactly(small.w);
    assertThat(large.h).containsExactly(small.h);
  }

  @Test
  void anyRowCanBeDrawnAloneFromTheSeedOfW() {
    ScaledData data = ScaledData.of(TestMatrices.uniform(20, 6, 3, 1), "v", Parallel.serial());
    Factors f = Initializer.random(data, K, new SplittableRandom(42));
    long wSeed = new SplittableRandom(42).nextLong();
    double avg = Math.sqrt(data.mean() / K);

    for (int row : new int[] {19, 0, 7}) {
      double[] out = new double[K];
      Initializer.randomRow(wSeed, row, avg, out, 0, K);
      assertThat(out).containsExactly(Arrays.copyOfRange(f.w, row * K, row * K + K));
    }
  }

  @Test
  void rowsAreDistinctDrawsInTheUnitIntervalTimesTheScale() {
    ScaledData data = ScaledData.of(TestMatrices.uniform(200, 6, 3, 1), "v", Parallel.serial());
    double avg = Math.sqrt(data.mean() / K);
    double[] w = Initializer.random(data, K, new SplittableRandom(3)).w;

    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      assertThat(w[i]).isGreaterThan(0).isLessThanOrEqualTo(avg);
      sum += w[i];
    }
    // 800 uniform draws: the mean is within 5 standard deviations (0.29 / sqrt(800)) of 1/2.
    assertThat(sum / w.length / avg).isCloseTo(0.5, offset(0.05));
    // Neighbouring rows are not shifted copies of one stream.
    for (int i = 0; i + 1 < 200; i++) {
      assertThat(w[(i + 1) * K]).isNotEqualTo(w[i * K + 1]);
    }
  }

  private static Factors start(Matrix v, long seed) {
    ScaledData data = ScaledData.of(v, "v", Parallel.serial());
    return Initializer.random(data, K, new SplittableRandom(seed));
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
