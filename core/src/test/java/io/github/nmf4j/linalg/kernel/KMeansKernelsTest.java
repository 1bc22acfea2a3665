package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The k-means scans (the build runs this class again with {@code --add-modules
 * jdk.incubator.vector}; {@code ElementKernelsTest} checks the choice): the scalar scans give
 * the plain argmin (lowest index on ties) and the two smallest distances; the Vector API scans
 * give the scalar bits, labels included, for block lengths around every multiple of a vector and of a group of vectors, on
 * quantized coordinates with many exact ties, whether or not the arrays have room past the block.
 */
class KMeansKernelsTest {

  private static final KMeansKernels SCALAR = KernelChoice.scalarKMeans();
  /** Past the points of a block: never written. */
  private static final double UNTOUCHED = -7;

  @ParameterizedTest
  @CsvSource({"0, 3", "1, 1", "9, 5", "40, 16", "200, 64"})
  void scalarScansGiveThePlainArgminAndTheTwoSmallest(int m, int k) {
    Block b = new Block(new SplittableRandom(97L * m + k), m, k);
    double[] best = b.output();
    int[] label = new int[m + 1];
    label[m] = -1;
    SCALAR.nearest3(b.p0, b.p1, b.p2, m, b.c0, b.c1, b.c2, k, best, label, new double[m]);
    double[] best2 = b.output();
    double[] second = b.output();
    SCALAR.nearestTwo3(b.p0, b.p1, b.p2, m, b.c0, b.c1, b.c2, k, best2, second);
    for (int t = 0; t < m; t++) {
      double min = Double.POSITIVE_INFINITY;
      double next = Double.POSITIVE_INFINITY;
      int argmin = 0;
      for (int j = 0; j < k; j++) {
        double t0 = b.p0[t] - b.c0[j];
        double t1 = b.p1[t] - b.c1[j];
        double t2 = b.p2[t] - b.c2[j];
        double v = t0 * t0 + t1 * t1 + t2 * t2;
        if (v < min) {
          next = min;
          min = v;
          argmin = j;
        } else if (v < next) {
          next = v;
        }
      }
      assertThat(label[t]).as("label of %d", t).isEqualTo(argmin);
      assertThat(best[t]).isEqualTo(min);
      assertThat(best2[t]).isEqualTo(min);
      assertThat(second[t]).as("second of %d", t).isEqualTo(next);
    }
    assertThat(label[m]).isEqualTo(-1);
    assertThat(best[m]).isEqualTo(UNTOUCHED);
    assertThat(second[m]).isEqualTo(UNTOUCHED);
  }

  @ParameterizedTest
  @CsvSource({"0, 4", "1, 16", "3, 1", "7, 2", "8, 16", "9, 64", "15, 3", "16, 16", "17, 5",
      "31, 16", "32, 64", "33, 7", "47, 16", "63, 64", "64, 16", "65, 2", "199, 64", "200, 16"})
  void vectorScansGiveTheScalarBits(int m, int k) {
    assumeTrue(KernelChoice.vectorKMeans().isPresent(), "the JVM has no jdk.incubator.vector");
    KMeansKernels vector = KernelChoice.vectorKMeans().get();
    Block b = new Block(new SplittableRandom(31L * m + k), m, k);
    double[][] scalar = {b.output(), b.output(), b.output()};
    double[][] vectorized = {b.output(), b.output(), b.output()};
    int[] scalarLabel = new int[m + 1];
    int[] vectorLabel = new int[m + 1];
    SCALAR.nearest3(b.p0, b.p1, b.p2, m, b.c0, b.c1, b.c2, k, scalar[0], scalarLabel,
        new double[m]);
    vector.nearest3(b.p0, b.p1, b.p2, m, b.c0, b.c1, b.c2, k, vectorized[0], vectorLabel,
        new double[m]);
    SCALAR.nearestTwo3(b.p0, b.p1, b.p2, m, b.c0, b.c1, b.c2, k, scalar[1], scalar[2]);
    vector.nearestTwo3(b.p0, b.p1, b.p2, m, b.c0, b.c1, b.c2, k, vectorized[1], vectorized[2]);
    assertThat(Arrays.copyOf(vectorLabel, m)).isEqualTo(Arrays.copyOf(scalarLabel, m));
    for (int a = 0; a < 3; a++) {
      assertThat(Arrays.copyOf(vectorized[a], m)).isEqualTo(Arrays.copyOf(scalar[a], m));
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 16", "7, 3", "9, 64", "17, 5", "33, 16"})
  void vectorScansStayWithinArraysOfTheBlocksLength(int m, int k) {
    assumeTrue(KernelChoice.vectorKMeans().isPresent(), "the JVM has no jdk.incubator.vector");
    KMeansKernels vector = KernelChoice.vectorKMeans().get();
    Block b = new Block(new SplittableRandom(7L * m + k), m, k);
    double[] p0 = Arrays.copyOf(b.p0, m);
    double[] p1 = Arrays.copyOf(b.p1, m);
    double[] p2 = Arrays.copyOf(b.p2, m);
    double[] best = Arrays.copyOf(b.output(), m);
    double[] second = Arrays.copyOf(b.output(), m);
    int[] label = new int[m];
    double[] scalarBest = Arrays.copyOf(b.output(), m);
    double[] scalarSecond = Arrays.copyOf(b.output(), m);
    int[] scalarLabel = new int[m];
    vector.nearest3(p0, p1, p2, m, b.c0, b.c1, b.c2, k, best, label, new double[m]);
    SCALAR.nearest3(p0, p1, p2, m, b.c0, b.c1, b.c2, k, scalarBest, scalarLabel, new double[m]);
    assertThat(label).isEqualTo(scalarLabel);
    assertThat(best).isEqualTo(scalarBest);
    // Folds go on from where the last one stopped.
    vector.nearestTwo3(p0, p1, p2, m, b.c0, b.c1, b.c2, k, best, second);
    SCALAR.nearestTwo3(p0, p1, p2, m, b.c0, b.c1, b.c2, k, scalarBest, scalarSecond);
    assertThat(best).isEqualTo(scalarBest);
    assertThat(second).isEqualTo(scalarSecond);
    vector.nearestTwo3(p0, p1, p2, m, b.c0, b.c1, b.c2, k, best, second);
    SCALAR.nearestTwo3(p0, p1, p2, m, b.c0, b.c1, b.c2, k, scalarBest, scalarSecond);
    assertThat(best).isEqualTo(scalarBest);
    assertThat(second).isEqualTo(scalarSecond);
  }

  /** A block of m points and k centroids on a half-integer grid: many exact ties. */
  private static final class Block {
    final double[] p0;
    final double[] p1;
    final double[] p2;
    final double[] c0;
    final double[] c1;
    final double[] c2;
    final int m;

    Block(SplittableRandom r, int m, int k) {
      this.m = m;
      p0 = quantized(r, m + 1);
      p1 = quantized(r, m + 1);
      p2 = quantized(r, m + 1);
      c0 = quantized(r, k);
      c1 = quantized(r, k);
      c2 = quantized(r, k);
    }

    /** The start of a fold, +infinity, for the block; {@link #UNTOUCHED} past it. */
    double[] output() {
      double[] a = new double[m + 1];
      Arrays.fill(a, Double.POSITIVE_INFINITY);
      a[m] = UNTOUCHED;
      return a;
    }

    private static double[] quantized(SplittableRandom r, int len) {
      double[] a = new double[len];
      for (int i = 0; i < len; i++) {
        a[i] = Math.rint(r.nextDouble(-4, 4) * 2) / 2;
      }
      return a;
    }
  }
}
