package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.io.FileFormatException;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the fixtures of {@code reference/image/make_images.py} (Pillow) and round-trips. */
class ImagesTest {

  private static final int W = 5;
  private static final int H = 4;
  /**
   * JPEG decoders may differ in their inverse DCT and chroma upsampling: the largest difference
   * allowed between the JDK's and Pillow's decoding of the same file.
   */
  private static final double JPEG_DECODER_DIFFERENCE = 3 / 255.0;

  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(ImagesTest.class.getResource("/reference/image/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double red(int x, int y) {
    return ((17 * x + 40 * y) % 256) / 255.0;
  }

  private static double green(int x, int y) {
    return ((3 * x * y + 50) % 256) / 255.0;
  }

  private static double blue(int x, int y) {
    return (Math.floorMod(255 - 20 * x - 30 * y, 256)) / 255.0;
  }

  private static double gray(int x, int y) {
    return ((13 * x + 60 * y) % 256) / 255.0;
  }

  @ParameterizedTest
  @ValueSource(strings = {"rgb.png", "rgb.bmp", "rgba.png", "palette.png", "palette.gif"})
  void readsLosslessColourImagesExactly(String file) throws IOException {
    RgbImage img = Images.readRgb(fixture(file));
    assertThat(img.height()).isEqualTo(H);
    assertThat(img.width()).isEqualTo(W);
    assertThat(img.isGray()).isFalse();
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        assertThat(img.red().get(y, x)).as("%s red at (%d, %d)", file, y, x).isEqualTo(red(x, y));
        assertThat(img.green().get(y, x)).isEqualTo(green(x, y));
        assertThat(img.blue().get(y, x)).isEqualTo(blue(x, y));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gray.png", "gray.bmp"})
  void readsGrayImagesWithoutColourConversion(String file) throws IOException {
    RgbImage img = Images.readRgb(fixture(file));
    assertThat(img.isGray()).isTrue();
    Matrix g = Images.readGray(fixture(file));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        assertThat(g.get(y, x)).as("%s at (%d, %d)", file, y, x).isEqualTo(gray(x, y));
      }
    }
  }

  @Test
  void readsSixteenBitPngsWithFullPrecision() throws IOException {
    Matrix g = Images.readGray(fixture("gray16.png"));
    RgbImage c = Images.readRgb(fixture("rgb16.png"));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        assertThat(g.get(y, x)).isEqualTo(((13 * x + 60 * y) * 257 + x) / 65535.0);
        assertThat(c.red().get(y, x))
            .isEqualTo(((17 * x + 40 * y) % 256 * 257 + x) / 65535.0);
        assertThat(c.green().get(y, x)).isEqualTo(green(x, y));
        assertThat(c.blue().get(y, x)).isEqualTo(blue(x, y));
      }
    }
  }

  @Test
  void decodesJpegsAsPillowDoesWithinRounding() throws IOException {
    RgbImage c = Images.readRgb(fixture("rgb.jpg"));
    Matrix pillow = MatrixIo.read(fixture("rgb_jpg_pillow.csv")).scale(1 / 255.0);
    assertThat(maxAbsDifference(c.toPixels(), pillow)).isLessThanOrEqualTo(JPEG_DECODER_DIFFERENCE);
    Matrix g = Images.readGray(fixture("gray.jpg"));
    Matrix pillowGray = MatrixIo.read(fixture("gray_jpg_pillow.csv")).scale(1 / 255.0);
    assertThat(maxAbsDifference(Matrix.wrap(W * H, 1, g.toRowMajorArray()), pillowGray))
        .isLessThanOrEqualTo(JPEG_DECODER_DIFFERENCE);
  }

  private static double maxAbsDifference(Matrix a, Matrix b) {
    assertThat(a.shape()).isEqualTo(b.shape());
    double max = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.cols(); j++) {
        max = Math.max(max, Math.abs(a.get(i, j) - b.get(i, j)));
      }
    }
    return max;
  }

  @Test
  void grayOfAColourImageIsBt601Luma() throws IOException {
    Matrix g = Images.readGray(fixture("rgb.png"));
    assertThat(g.get(2, 3)).isCloseTo(
        0.299 * red(3, 2) + 0.587 * green(3, 2) + 0.114 * blue(3, 2), within(1e-15));
  }

  @Test
  void rejectsFilesThatAreNotImages() {
    assertThatThrownBy(() -> Images.readRgb(fixture("not_an_image.png")))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("not_an_image.png is not an image nmf4j can read");
    assertThatThrownBy(() -> Images.readGray(fixture("truncated.png")))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("truncated.png is truncated or damaged: ");
    assertThatThrownBy(() -> Images.readGray(dir.resolve("absent.png")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> Images.readGray(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.png", "out.bmp", "out.gif"})
  void grayRoundTripsThroughLosslessFormatsToTheNearestLevel(String name) throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    double[] v = new double[7 * 11];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble();
    }
    Matrix m = Matrix.wrap(7, 11, v);
    Path p = dir.resolve(name);
    Images.writeGray(p, m);
    Matrix back = Images.readGray(p);
    assertThat(back.shape()).isEqualTo("7x11");
    for (int i = 0; i < v.length; i++) {
      assertThat(back.get(i / 11, i % 11)).isEqualTo(Math.round(v[i] * 255) / 255.0);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.png", "out.bmp"})
  void colourRoundTripsExactlyOnEightBitLevels(String name) throws IOException {
    RgbImage img = Images.readRgb(fixture("rgb.png"));
    Path p = dir.resolve(name);
    Images.writeRgb(p, img);
    assertThat(Images.readRgb(p)).isEqualTo(img);
    Path jpg = dir.resolve("out.jpg");
    Images.writeRgb(jpg, img);
    assertThat(Images.readRgb(jpg).height()).isEqualTo(H);
  }

  @Test
  void writingClipsToTheUnitIntervalAndMapsNanToZero() throws IOException {
    Matrix m = Matrix.of(new double[][] {{-3, 0.5, 7, Double.NaN}});
    Path p = dir.resolve("clip.png");
    Images.writeGray(p, m);
    assertThat(Images.readGray(p).row(0)).containsExactly(0, 128 / 255.0, 1, 0);
  }

  @Test
  void rejectsBadWriteArgumentsAndLeavesNoFile() throws IOException {
    Matrix m = Matrix.of(new double[][] {{0.5}});
    assertThatThrownBy(() -> Images.writeGray(dir.resolve("x.tiff"), m))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".png, .jpg");
    assertThatThrownBy(() -> Images.writeGray(dir.resolve("x.png"), Matrix.zeros(0, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an image needs at least one pixel, was 0 x 3 pixels (height x width)");
    assertThatThrownBy(() -> Images.writeGray(dir.resolve("none/x.png"), m))
        .isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void pixelsRoundTripAndValidate() throws IOException {
    RgbImage img = Images.readRgb(fixture("rgb.png"));
    Matrix pixels = img.toPixels();
    assertThat(pixels.shape()).isEqualTo("20x3");
    assertThat(pixels.row(W + 2)).containsExactly(red(2, 1), green(2, 1), blue(2, 1));
    assertThat(RgbImage.fromPixels(pixels, H, W)).isEqualTo(img);
    assertThatThrownBy(() -> RgbImage.fromPixels(pixels, W, W))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("25x3");
    assertThatThrownBy(() -> RgbImage.fromPixels(pixels, 2, 3)).hasMessage("pixels must be 6x3"
        + " for an image of 2 x 3 pixels (height x width), was 20x3");
    assertThatThrownBy(() -> new RgbImage(img.red(), img.green(), Matrix.zeros(1, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x1");
  }
}
