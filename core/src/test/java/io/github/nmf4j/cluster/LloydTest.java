package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.MatrixAccess;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hamerly's bounds change the speed of Lloyd's algorithm, never its results. */
class LloydTest {

  @ParameterizedTest
  @CsvSource({
    // d, k, spread, quantized: integer-valued data has many exact distance ties
    "3, 16, 1.0, false", "3, 16, 1.0, true", "3, 64, 2.0, true", "2, 9, 0.5, false",
    "5, 12, 1.0, true", "1, 5, 1.0, true", "3, 1, 1.0, false", "8, 30, 3.0, false"
  })
  void boundedAssignmentGivesExactlyThePlainResults(int d, int k, double spread,
      boolean quantized) {
    double[] x = MatrixAccess.data(Blobs.generate(d * 100L + k, 6_000, d, 10, 3, spread)
        .points());
    if (quantized) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.rint(x[i] * 4) / 4;
      }
    }
    int n = x.length / d;
    SplittableRandom random = new SplittableRandom(k);
    double[] initial = Seeding.random(x, n, d, k, random);
    for (double tolerance : new double[] {0, 1e-4}) {
      Run plain = run(x, n, d, k, initial, tolerance, false);
      Run bounded = run(x, n, d, k, initial, tolerance, true);
      assertThat(bounded.inertias).isEqualTo(plain.inertias);
      assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
      assertThat(bounded.result.centers).isEqualTo(plain.result.centers);
      assertThat(bounded.result.inertia).isEqualTo(plain.result.inertia);
      assertThat(bounded.result.iterations).isEqualTo(plain.result.iterations);
    }
  }

  @ParameterizedTest
  @CsvSource({
    // d, k, spread, quantized: integer-valued data has many exact distance ties
    "20, 10, 1.0, false", "64, 10, 3.0, true", "100, 16, 2.0, false", "100, 32, 3.0, true",
    "130, 5, 1.0, true", "40, 1, 1.0, false"
  })
  void boundedProductGivesExactlyThePlainProductResults(int d, int k, double spread,
      boolean quantized) {
    double[] x = MatrixAccess.data(Blobs.generate(d * 100L + k, 3_000, d, 10, 3, spread)
        .points());
    if (quantized) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.rint(x[i] * 2) / 2 + 1000; // ties, and an offset the centring removes
      }
    }
    int n = x.length / d;
    double[] initial = Seeding.random(x, n, d, k, new SplittableRandom(k));
    for (double tolerance : new double[] {0, 1e-4}) {
      Run plain = run(x, n, d, k, initial, tolerance, Lloyd.Step.PRODUCT);
      for (Lloyd.Step step : new Lloyd.Step[] {Lloyd.Step.BOUNDED_PRODUCT,
          Lloyd.Step.ELKAN_PRODUCT}) {
        Run bounded = run(x, n, d, k, initial, tolerance, step);
        assertThat(bounded.inertias).as("%s", step).isEqualTo(plain.inertias);
        assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
        assertThat(bounded.result.centers).isEqualTo(plain.result.centers);
        assertThat(bounded.result.inertia).isEqualTo(plain.result.inertia);
        assertThat(bounded.result.iterations).isEqualTo(plain.result.iterations);
        assertThat(plain.result.iterations).isGreaterThan(k > 1 ? 2 : 1);
        // Every step scans all n points without bounds (plus a last assignment unless strict).
        assertThat(plain.result.scanned).isBetween((long) n * plain.result.iterations,
            (long) n * (plain.result.iterations + 1));
        assertThat(bounded.result.scanned).as("the bounds spare products")
            .isLessThan(plain.result.scanned);
      }
    }
  }

  @Test
  void boundsSurviveEmptyClusterReseeding() {
    // Duplicate initial centroids leave clusters empty; they are re-seeded mid-run.
    double[] x = MatrixAccess.data(Blobs.generate(3, 5000, 2, 8, 5, 1.0).points());
    int n = x.length / 2;
    double[] initial = new double[16];
    for (int j = 0; j < 8; j++) {
      initial[2 * j] = x[2 * (j % 3)];
      initial[2 * j + 1] = x[2 * (j % 3) + 1];
    }
    Run plain = run(x, n, 2, 8, initial, 0, false);
    Run bounded = run(x, n, 2, 8, initial, 0, true);
    assertThat(bounded.result.centers).isEqualTo(plain.result.centers);
    assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
    assertThat(bounded.inertias).isEqualTo(plain.inertias);
  }

  @Test
  void productBoundsSurviveEmptyClusterReseeding() {
    int d = 40;
    double[] x = MatrixAccess.data(Blobs.generate(5, 4000, d, 8, 3, 1.0).points());
    int n = x.length / d;
    double[] initial = new double[8 * d];
    for (int j = 0; j < 8; j++) {
      System.arraycopy(x, (j % 3) * d, initial, j * d, d); // duplicates: empty clusters
    }
    Run plain = run(x, n, d, 8, initial, 0, Lloyd.Step.PRODUCT);
    for (Lloyd.Step step : new Lloyd.Step[] {Lloyd.Step.BOUNDED_PRODUCT,
        Lloyd.Step.ELKAN_PRODUCT}) {
      Run bounded = run(x, n, d, 8, initial, 0, step);
      assertThat(bounded.result.centers).as("%s", step).isEqualTo(plain.result.centers);
      assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
      assertThat(bounded.inertias).isEqualTo(plain.inertias);
    }
  }

  private static Run run(double[] x, int n, int d, int k, double[] initial, double tolerance,
      boolean accelerated) {
    return run(x, n, d, k, initial, tolerance,
        accelerated ? Lloyd.Step.BOUNDED : Lloyd.Step.PLAIN);
  }

  private static Run run(double[] x, int n, int d, int k, double[] initial, double tolerance,
      Lloyd.Step step) {
    Lloyd lloyd = new Lloyd(x, n, d, k, Parallel.of(2), step, null, null);
    List<Double> inertias = new ArrayList<>();
    Lloyd.Result result = lloyd.run(initial, 300, tolerance, (it, inertia, shift) ->
        inertias.add(inertia));
    return new Run(result, inertias);
  }

  private static final class Run {
    final Lloyd.Result result;
    final List<Double> inertias;

    Run(Lloyd.Result result, List<Double> inertias) {
      this.result = result;
      this.inertias = inertias;
    }
  }
}
