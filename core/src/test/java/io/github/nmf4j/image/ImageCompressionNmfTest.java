package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ReconstructionMetrics;
import io.github.nmf4j.nmf.Nmf;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageCompressionNmfTest {

  private static final int H = 24;
  private static final int W = 36;
  /** Rank-3 channels are factored almost exactly at rank 3. */
  private static final double PLANTED_PSNR = 40;

  /** A colour image whose channels are each of rank 3 (sums of outer products). */
  static RgbImage lowRankImage(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Matrix[] ch = new Matrix[3];
    for (int c = 0; c < 3; c++) {
      double[] w = new double[H * 3];
      double[] h = new double[3 * W];
      for (int i = 0; i < w.length; i++) {
        w[i] = rnd.nextDouble() * 0.5;
      }
      for (int i = 0; i < h.length; i++) {
        h[i] = rnd.nextDouble() * 0.6;
      }
      ch[c] = Matrix.wrap(H, 3, w).multiply(Matrix.wrap(3, W, h));
    }
    return new RgbImage(ch[0], ch[1], ch[2]);
  }

  @Test
  void separateChannelsStoreThreeFactorizations() {
    RgbImage img = lowRankImage(1);
    CompressionResult r = ImageCompression.nmf(img,
        Nmf.builder().rank(3).maxIterations(2000).tolerance(0).seed(3).build());
    assertThat(r.method()).isEqualTo("nmf");
    assertThat(r.storedValues()).isEqualTo(3L * (H * 3 + 3 * W));
    assertThat(r.originalValues()).isEqualTo(3L * H * W);
    assertThat(r.compressionRatio()).isCloseTo(3.0 * H * W / (3 * (H * 3 + 3 * W)), within(1e-12));
    assertThat(r.psnr()).isGreaterThan(PLANTED_PSNR);
    assertThat(r.psnr()).isCloseTo(ReconstructionMetrics.psnr(img.toPixels(),
        r.reconstruction().toPixels(), 1), within(1e-9));
  }

  @Test
  void sideBySideSharesW() {
    RgbImage img = lowRankImage(2);
    CompressionResult r = ImageCompression.nmf(img, Nmf.builder().rank(9).seed(3).build(),
        ChannelLayout.SIDE_BY_SIDE);
    assertThat(r.storedValues()).isEqualTo((long) H * 9 + 9L * 3 * W);
    assertThat(r.reconstruction().height()).isEqualTo(H);
    assertThat(r.reconstruction().width()).isEqualTo(W);
    assertThat(r.psnr()).isGreaterThan(PLANTED_PSNR);
    Matrix joint = ImageCompression.sideBySide(img);
    assertThat(joint.get(5, W + 7)).isEqualTo(img.green().get(5, 7));
    assertThat(joint.get(5, 2 * W + 7)).isEqualTo(img.blue().get(5, 7));
  }

  @Test
  void grayImagesAreOneMatrixAndReconstructionsAreClipped() {
    SplittableRandom rnd = new SplittableRandom(4);
    double[] g = new double[H * W];
    for (int i = 0; i < g.length; i++) {
      g[i] = rnd.nextDouble() < 0.1 ? 1 : rnd.nextDouble() * 0.2;
    }
    Matrix gray = Matrix.wrap(H, W, g);
    CompressionResult r = ImageCompression.nmf(gray, Nmf.builder().rank(4).seed(1).build());
    assertThat(r.storedValues()).isEqualTo(H * 4L + 4L * W);
    assertThat(r.originalValues()).isEqualTo((long) H * W);
    assertThat(r.reconstruction().isGray()).isTrue();
    assertThat(r.reconstruction().red().max()).isLessThanOrEqualTo(1);
    assertThat(r.reconstruction().red().min()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aRankSweepImprovesWithTheRankAndCountsStorage() {
    RgbImage img = lowRankImage(5);
    Matrix noisy = img.red();
    List<CompressionResult> sweep = ImageCompression.rankSweep(RgbImage.ofGray(noisy),
        Nmf.builder().rank(1).seed(0).maxIterations(400).build(), ChannelLayout.SEPARATE,
        1, 2, 3);
    assertThat(sweep).extracting(CompressionResult::k).containsExactly(1, 2, 3);
    assertThat(sweep).extracting(CompressionResult::storedValues)
        .containsExactly((long) H + W, 2L * (H + W), 3L * (H + W));
    assertThat(sweep.get(1).relativeError()).isLessThan(sweep.get(0).relativeError());
    assertThat(sweep.get(2).psnr()).isGreaterThan(sweep.get(1).psnr());
    assertThatThrownBy(() -> ImageCompression.rankSweep(img, Nmf.builder().rank(1).build(),
        ChannelLayout.SEPARATE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageCompression.rankSweep(img, Nmf.builder().rank(1).build(),
        ChannelLayout.SEPARATE, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rank must be >= 1, was 0");
  }
}
