package io.github.nmf4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.testing.Blobs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code predict} through the three-feature scans ({@link NearestCentroid#SCANS}, scalar or on
 * the Vector API as the JVM chose; the build runs this class in both JVMs) gives the labels of a
 * plain scalar loop ({@link ScalarPixelLoops}), on data with and without exact distance ties.
 * Whole fits are compared in {@link LloydTest}.
 */
class PixelScansTest {

  @ParameterizedTest
  @CsvSource({"16, false", "64, true", "3, true", "37, false"})
  void predictGivesThePlainLabels(int k, boolean quantized) {
    double[] x = pixels(k, 1.0, quantized, 4_003);
    int n = x.length / 3;
    KMeansModel model = KMeans.builder().k(k).seed(3).threads(3).fit(Matrix.wrap(n, 3, x));
    double[] centers = MatrixAccess.data(model.centroids());
    double[] y = pixels(k + 1, 2.0, quantized, 1_999);
    int m = y.length / 3;
    int[] expected = new int[m];
    for (int i = 0; i < m; i++) {
      expected[i] = ScalarPixelLoops.nearest(y, i, centers, k);
    }
    assertThat(model.predict(Matrix.wrap(m, 3, y))).isEqualTo(expected);
  }

  private static double[] pixels(int k, double spread, boolean quantized, int n) {
    double[] x = MatrixAccess.data(Blobs.generate(300L + k, n, 3, 10, 3, spread).points())
        .clone();
    if (quantized) {
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.rint(x[i] * 4) / 4;
      }
    }
    return x;
  }
}
