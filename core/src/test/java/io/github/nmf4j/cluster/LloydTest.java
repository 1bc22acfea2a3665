package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.testing.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bounds change the speed of Lloyd's algorithm, never its results: every strategy gives its
 * oracle's labels, centroids, inertias and iterations bit for bit ({@link PlainAssignment} for
 * the direct strategies, {@link UnboundedProduct#none()} for the product form).
 */
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
      Run plain = run(new PlainAssignment(x, n, d, k, PAR), k, d, initial, tolerance);
      for (Assignment step : direct(x, n, d, k)) {
        Run bounded = run(step, k, d, initial, tolerance);
        assertThat(bounded.inertias).as("%s", step).isEqualTo(plain.inertias);
        assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
        assertThat(bounded.result.centers).isEqualTo(plain.result.centers);
        assertThat(bounded.result.inertia).isEqualTo(plain.result.inertia);
        assertThat(bounded.result.iterations).isEqualTo(plain.result.iterations);
      }
    }
  }

  /**
   * The three-feature scans, scalar or on the Vector API (the build runs this class in both
   * JVMs), give a plain scalar loop's fits bit for bit: under the Vector API, the two kernel
   * choices agree.
   */
  @ParameterizedTest
  @CsvSource({"16, 1.0, false", "16, 1.0, true", "64, 2.0, false", "64, 2.0, true",
      "5, 0.5, false", "37, 3.0, true"})
  void pixelScansGiveThePlainScalarLoopsResults(int k, double spread, boolean quantized) {
    double[] x = MatrixAccess.data(Blobs.generate(300L + k, 7_001, 3, 10, 3, spread).points())
        .clone();
    if (quantized) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.rint(x[i] * 4) / 4;
      }
    }
    int n = x.length / 3;
    double[] initial = Seeding.random(x, n, 3, k, new SplittableRandom(k));
    for (double tolerance : new double[] {0, 1e-4}) {
      Run plain = run(new ScalarPixelLoops(x, n, k, PAR), k, 3, initial, tolerance);
      for (Assignment step : List.of(new PixelAssignment(x, n, k, PAR),
          new PlainAssignment(x, n, 3, k, PAR))) {
        Run scanned = run(step, k, 3, initial, tolerance);
        assertThat(scanned.inertias).as("%s", step).isEqualTo(plain.inertias);
        assertThat(scanned.result.labels).isEqualTo(plain.result.labels);
        assertThat(scanned.result.centers).isEqualTo(plain.result.centers);
        assertThat(scanned.result.inertia).isEqualTo(plain.result.inertia);
        assertThat(scanned.result.iterations).isEqualTo(plain.result.iterations);
      }
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
      UnboundedProduct.Counting none = UnboundedProduct.none();
      Run plain = run(product(x, n, d, k, none), k, d, initial, tolerance);
      for (boolean elkan : new boolean[] {false, true}) {
        UnboundedProduct.Counting bounds = UnboundedProduct.counting(bounds(x, n, d, k, elkan));
        Run bounded = run(product(x, n, d, k, bounds), k, d, initial, tolerance);
        assertThat(bounded.inertias).as("Elkan %s", elkan).isEqualTo(plain.inertias);
        assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
        assertThat(bounded.result.centers).isEqualTo(plain.result.centers);
        assertThat(bounded.result.inertia).isEqualTo(plain.result.inertia);
        assertThat(bounded.result.iterations).isEqualTo(plain.result.iterations);
        assertThat(plain.result.iterations).isGreaterThan(k > 1 ? 2 : 1);
        // Every step scans all n points without bounds (plus a last assignment unless strict).
        assertThat(none.scanned()).isBetween((long) n * plain.result.iterations,
            (long) n * (plain.result.iterations + 1));
        assertThat(bounds.scanned()).as("the bounds spare products")
            .isLessThan(none.scanned());
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
    Run plain = run(new PlainAssignment(x, n, 2, 8, PAR), 8, 2, initial, 0);
    Run bounded = run(new HamerlyAssignment(x, n, 2, 8, PAR), 8, 2, initial, 0);
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
    Run plain = run(product(x, n, d, 8, UnboundedProduct.none()), 8, d, initial, 0);
    for (boolean elkan : new boolean[] {false, true}) {
      Run bounded = run(product(x, n, d, 8, bounds(x, n, d, 8, elkan)), 8, d, initial, 0);
      assertThat(bounded.result.centers).as("Elkan %s", elkan).isEqualTo(plain.result.centers);
      assertThat(bounded.result.labels).isEqualTo(plain.result.labels);
      assertThat(bounded.inertias).isEqualTo(plain.inertias);
    }
  }

  private static final Parallel PAR = Parallel.of(2);

  /** The direct strategies for {@code d} features: Hamerly's, and for three the pixel kernel. */
  private static List<Assignment> direct(double[] x, int n, int d, int k) {
    List<Assignment> steps = new ArrayList<>();
    steps.add(new HamerlyAssignment(x, n, d, k, PAR));
    if (d == 3) {
      steps.add(new PixelAssignment(x, n, k, PAR));
    }
    return steps;
  }

  private static ProductBounds bounds(double[] x, int n, int d, int k, boolean elkan) {
    double[] norms = Chunks.centredNorms(x, n, d, Chunks.columnMeans(x, n, d, PAR), PAR);
    return elkan ? new ElkanBounds(x, n, d, k, norms) : new HamerlyBounds(x, n, d, k, norms);
  }

  private static Assignment product(double[] x, int n, int d, int k, ProductBounds bounds) {
    double[] mean = Chunks.columnMeans(x, n, d, PAR);
    double[] norms = Chunks.centredNorms(x, n, d, mean, PAR);
    return new ProductAssignment(x, n, d, k, mean, norms, bounds, PAR);
  }

  private static Run run(Assignment step, int k, int d, double[] initial, double tolerance) {
    List<Double> inertias = new ArrayList<>();
    Lloyd.Result result = new Lloyd(step, k, d).run(initial, 300, tolerance,
        (it, inertia, shift) -> inertias.add(inertia));
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
