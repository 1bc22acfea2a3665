package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageCompressionKMeansTest {

  /** A 30 x 40 image of four flat colour blocks. */
  static RgbImage blocks() {
    double[][] colours = {{0.9, 0.1, 0.1}, {0.1, 0.8, 0.2}, {0.2, 0.2, 0.9}, {0.7, 0.7, 0.1}};
    double[] p = new double[30 * 40 * 3];
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        int c = (y < 15 ? 0 : 2) + (x < 20 ? 0 : 1);
        System.arraycopy(colours[c], 0, p, 3 * (y * 40 + x), 3);
      }
    }
    return RgbImage.fromPixels(Matrix.wrap(1200, 3, p), 30, 40);
  }

  @Test
  void fourColoursAreRecoveredExactlyWithFourClusters() {
    CompressionResult r = ImageCompression.kmeans(blocks(), KMeans.builder().k(4).seed(1).build());
    assertThat(r.method()).isEqualTo("kmeans");
    assertThat(r.k()).isEqualTo(4);
    assertThat(r.storedValues()).isEqualTo(1200 + 3 * 4);
    assertThat(r.originalValues()).isEqualTo(3600);
    assertThat(r.compressionRatio()).isEqualTo(3600.0 / 1212);
    assertThat(r.relativeError()).isLessThan(1e-12);
    assertThat(r.psnr()).isGreaterThan(200);
    assertThat(r.reconstruction().red().get(29, 39)).isCloseTo(0.7, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void grayImagesAreQuantizedAsOneChannel() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] g = new double[20 * 20];
    for (int i = 0; i < g.length; i++) {
      g[i] = rnd.nextDouble();
    }
    Matrix gray = Matrix.wrap(20, 20, g);
    CompressionResult r = ImageCompression.kmeans(gray, KMeans.builder().k(8).seed(2).build());
    assertThat(r.storedValues()).isEqualTo(400 + 8);
    assertThat(r.originalValues()).isEqualTo(400);
    assertThat(r.reconstruction().isGray()).isTrue();
    // 8 levels of a uniform variable: MSE about (1/8)^2 / 12, PSNR about 10 log10(768) = 28.9 dB
    assertThat(r.psnr()).isBetween(25.0, 33.0);
    CompressionResult more = ImageCompression.kmeans(gray, KMeans.builder().k(32).seed(2).build());
    assertThat(more.psnr()).isGreaterThan(r.psnr());
  }

  @Test
  void rejectsNullsAndTooManyColours() {
    assertThatThrownBy(() -> ImageCompression.kmeans((RgbImage) null, KMeans.builder().build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageCompression.kmeans(blocks(), KMeans.builder().k(5).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
