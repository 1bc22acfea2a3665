package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.io.FileFormatException;
import io.github.nmf4j.linalg.Matrix;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 items 1 and 5: image headers are checked against the file and a pixel limit before
 * decoding; truncated images and CMYK JPEGs are refused with the reason.
 */
class HostileImagesTest {

  @TempDir Path dir;

  private Path write(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  /** A PNG chunk with its length and CRC. */
  static byte[] chunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length).put(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .put(data);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 4, 4 + data.length);
    return b.putInt((int) crc.getValue()).array();
  }

  /** A PNG of the given size and colour type (0 gray, 2 RGB), 8 bits, with this IDAT data. */
  static byte[] png(int width, int height, int colour, byte[] idat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8).put((byte) colour).put(new byte[3]).array()));
    out.writeBytes(chunk("IDAT", idat));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /** The zlib stream of a gray image of zeros: each row a filter byte and width zeros. */
  static byte[] zeros(int width, int height) {
    Deflater d = new Deflater(9);
    byte[] row = new byte[width + 1];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    for (int y = 0; y < height; y++) {
      d.setInput(row);
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  private static BufferedImage noise(int width, int height) {
    return noise(width, height, BufferedImage.TYPE_INT_RGB);
  }

  private static BufferedImage noise(int width, int height, int type) {
    BufferedImage img = new BufferedImage(width, height, type);
    SplittableRandom rnd = new SplittableRandom(3);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, rnd.nextInt(1 << 24));
      }
    }
    return img;
  }

  @Test
  void aTinyPngDeclaringHugeDimensionsIsRefusedBeforeDecoding() throws IOException {
    byte[] tiny = png(46000, 46000, 2, zeros(1, 1));
    assertThat(tiny.length).isLessThan(80);
    Path p = write("huge.png", tiny);
    assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + " is truncated or damaged: its header declares 46000 x 46000"
            + " pixels (height x width) (6.3 GB of pixel data), but it holds ")
        .hasMessageContaining(" bytes of compressed image data, which can inflate to at most ");
  }

  @Test
  void aDecompressionBombIsStoppedByThePixelLimit() throws IOException {
    // 8200 x 8200 gray zeros: a valid 70 kB PNG of 67,240,000 pixels, above the default limit
    // of 8192 x 8192; as doubles it would take 1.6 GB.
    Path bomb = write("bomb.png", png(8200, 8200, 0, zeros(8200, 8200)));
    assertThat(Files.size(bomb)).isLessThan(100_000);
    assertThatThrownBy(() -> Images.readGray(bomb)).isInstanceOf(FileFormatException.class)
        .hasMessage(bomb + " declares 8200 x 8200 pixels (height x width), 67240000 in all, more"
            + " than the limit of"
            + " 67108864; raise it with --max-pixels N on the command line or"
            + " -Dnmf4j.image.maxPixels=N");
    Path small = write("small.png", png(300, 200, 0, zeros(300, 200)));
    assertThatThrownBy(() -> Images.readRgb(small, 59_999))
        .hasMessageContaining("declares 200 x 300 pixels (height x width), 60000 in all, more"
            + " than the limit of 59999");
    assertThat(Images.readRgb(small, 60_000).pixels()).isEqualTo(60_000);
  }

  @Test
  void theLimitCanBeRaisedOrLoweredByASystemProperty() throws IOException {
    Path small = write("small.png", png(30, 20, 0, zeros(30, 20)));
    String before = System.getProperty(Images.MAX_PIXELS_PROPERTY);
    try {
      System.setProperty(Images.MAX_PIXELS_PROPERTY, "599");
      assertThat(Images.maxPixels()).isEqualTo(599);
      assertThatThrownBy(() -> Images.readGray(small)).hasMessageContaining("limit of 599");
      System.setProperty(Images.MAX_PIXELS_PROPERTY, "lots");
      assertThatThrownBy(Images::maxPixels).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the system property nmf4j.image.maxPixels must be a whole number >= 1,"
              + " was 'lots'");
      System.clearProperty(Images.MAX_PIXELS_PROPERTY);
      assertThat(Images.maxPixels()).isEqualTo(Images.DEFAULT_MAX_PIXELS);
      assertThat(Images.readGray(small).shape()).isEqualTo("20x30");
    } finally {
      if (before != null) {
        System.setProperty(Images.MAX_PIXELS_PROPERTY, before);
      }
    }
  }

  @Test
  void truncatedImagesOfEveryFormatAreRefused() throws IOException {
    BufferedImage img = noise(40, 30);
    for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
      byte[] full = encode(img, format);
      Path whole = write("whole." + format, full);
      assertThat(Images.readRgb(whole).width()).isEqualTo(40);
      Path half = write("half." + format, Arrays.copyOf(full, full.length / 2));
      assertThatThrownBy(() -> Images.readRgb(half)).as(format)
          .isInstanceOf(FileFormatException.class)
          .hasMessageStartingWith(half.toString())
          .hasMessageMatching(".*(truncated|damaged|not a readable image).*");
    }
    byte[] jpeg = encode(img, "jpeg");
    Path cut = write("cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
    assertThatThrownBy(() -> Images.readRgb(cut)).hasMessage(cut + " is truncated: the file"
        + " ends at byte " + jpeg.length / 2 + " inside the image data, without an"
        + " end-of-image marker");
    byte[] bmp = encode(img, "bmp");
    Path shortBmp = write("short.bmp", Arrays.copyOf(bmp, bmp.length - 100));
    assertThatThrownBy(() -> Images.readRgb(shortBmp)).hasMessage(shortBmp + " is truncated or"
        + " damaged: its header declares 30 x 40 pixels (height x width) of 24 bits from byte"
        + " 54, 3654 bytes in all, but the file holds " + (bmp.length - 100) + " bytes");
  }

  /**
   * A GIF89a of one image, {@code width x height}, with a two-colour table and {@code lzw} as
   * its LZW-coded data (minimum code size 2), in sub-blocks of at most 255 bytes.
   */
  static byte[] gif(int width, int height, byte[] lzw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {(byte) width, (byte) (width >> 8), (byte) height,
        (byte) (height >> 8), (byte) 0x80, 0, 0, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    out.writeBytes(new byte[] {0x2c, 0, 0, 0, 0, (byte) width, (byte) (width >> 8),
        (byte) height, (byte) (height >> 8), 0, 2});
    for (int i = 0; i < lzw.length; i += 255) {
      int n = Math.min(255, lzw.length - i);
      out.write(n);
      out.write(lzw, i, n);
    }
    out.writeBytes(new byte[] {0, 0x3b});
    return out.toByteArray();
  }

  @Test
  void aTinyGifDeclaringHugeDimensionsIsRefusedBeforeDecoding() throws IOException {
    // 35 bytes: a clear code, one pixel and the end code for a 2000 x 2000 image, within the
    // pixel limit. The JDK decodes it to 4 million black pixels (32 MB of doubles per channel);
    // at 8000 x 8000 it is 1.5 GB from 35 bytes.
    byte[] tiny = gif(2000, 2000, new byte[] {0x44, 0x01});
    assertThat(tiny.length).isEqualTo(35);
    Path p = write("huge.gif", tiny);
    assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
        .hasMessage(p + " is truncated or damaged: its first image declares 2000 x 2000"
            + " pixels (height x width),"
            + " but it holds 2 bytes of LZW-coded data, which can decode to at most 15 pixels");
  }

  @Test
  void aGifCutInsideItsBlocksSaysWhere() throws IOException {
    byte[] whole = encode(noise(40, 30, BufferedImage.TYPE_BYTE_INDEXED), "gif");
    Path p = write("cut.gif", Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + " is truncated or damaged: a data block at byte ")
        .hasMessageEndingWith(" bytes, but the file ends at byte " + whole.length / 2);
    Path header = write("header.gif", Arrays.copyOf(whole, 9));
    assertThatThrownBy(() -> Images.readRgb(header)).isInstanceOf(FileFormatException.class)
        .hasMessage(header + " is truncated: the file ends at byte 9, inside the height");
    Path none = write("none.gif", Arrays.copyOf(gif(4, 4, new byte[] {0x44, 0x01}), 13));
    assertThatThrownBy(() -> Images.readRgb(none)).isInstanceOf(FileFormatException.class)
        .hasMessage(none + " is truncated: the file ends at byte 13, inside the colour table");
  }

  @Test
  void interlacedGifsOfTwoToFourRowsAreRefusedAsTheJdkDecodesThemWrongly() throws IOException {
    // The JDK writes interlaced GIFs; its reader leaves rows 1 (of 2 or 3) and 1 to 3 (of 4)
    // black when the second interlace pass is empty. Pillow reads the same files correctly.
    for (int height = 1; height <= 6; height++) {
      BufferedImage img = noise(50, height, BufferedImage.TYPE_BYTE_INDEXED);
      Path p = write("rows" + height + ".gif", encode(img, "gif"));
      if (height >= 2 && height <= 4) {
        assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
            .hasMessage(p + " is an interlaced GIF of " + height + " rows, which Java decodes"
                + " wrongly (rows missing); convert it to PNG first, for example with"
                + " ImageMagick: magick " + p + " out.png");
        continue;
      }
      RgbImage read = Images.readRgb(p);
      for (int y = 0; y < height; y++) {
        assertThat(read.red().get(y, 49)).as("row %d of %d", y, height)
            .isEqualTo(((img.getRGB(49, y) >> 16) & 0xff) / 255.0);
      }
    }
  }

  /**
   * nmf4j's own GIF writer took the JDK's default, interlacing, so that a GIF of 2 to 4 rows it
   * wrote could not be read back. It writes them without interlacing now.
   */
  @Test
  void smallGifsThatNmf4jWritesReadBack() throws IOException {
    for (int height = 1; height <= 6; height++) {
      BufferedImage img = noise(50, height, BufferedImage.TYPE_BYTE_GRAY);
      Path p = dir.resolve("own" + height + ".gif");
      Images.write(p, img);
      RgbImage read = Images.readRgb(p);
      for (int y = 0; y < height; y++) {
        assertThat(read.red().get(y, 49)).as("row %d of %d", y, height)
            .isEqualTo((img.getRaster().getSample(49, y, 0)) / 255.0);
      }
    }
  }

  @Test
  void realGifsStillRead() throws IOException {
    BufferedImage img = noise(300, 5, BufferedImage.TYPE_BYTE_INDEXED);
    RgbImage read = Images.readRgb(write("ok.gif", encode(img, "gif")));
    assertThat(read.width()).isEqualTo(300);
    assertThat(read.red().get(4, 299)).isEqualTo(((img.getRGB(299, 4) >> 16) & 0xff) / 255.0);
    // Uniform: the most a GIF compresses; 200 x 200 of one colour, palette included.
    BufferedImage flat = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_INDEXED);
    Path p = write("flat.gif", encode(flat, "gif"));
    assertThat(Files.size(p)).isLessThan(2000);
    assertThat(Images.readRgb(p).pixels()).isEqualTo(40_000);
  }

  @Test
  void aJpegWithItsEndMarkerButDataMissingIsRefused() throws IOException {
    byte[] jpeg = encode(noise(64, 64), "jpeg");
    byte[] gap = new byte[jpeg.length / 2 + 2];
    System.arraycopy(jpeg, 0, gap, 0, jpeg.length / 2);
    gap[gap.length - 2] = (byte) 0xff;
    gap[gap.length - 1] = (byte) 0xd9;
    Path p = write("gap.jpg", gap);
    assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + " is truncated or damaged: ");
  }

  @Test
  void aJpegEndingBetweenMarkersNamesWhereItEnds() throws IOException {
    // SOI, then stray bytes and fill bytes with no marker code after them.
    byte[] bytes = {(byte) 0xff, (byte) 0xd8, 0x12, (byte) 0xff, (byte) 0xff};
    Path p = write("ends.jpg", bytes);
    assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
        .hasMessage(p + " is truncated: the file ends at byte 5 without an end-of-image marker");
    Path q = write("stray.jpg", Arrays.copyOf(bytes, 3));
    assertThatThrownBy(() -> Images.readRgb(q)).isInstanceOf(FileFormatException.class)
        .hasMessage(q + " is truncated: the file ends at byte 3 without an end-of-image marker");
  }

  @Test
  void cmykJpegsAreRefusedWithWhatToDo() throws IOException {
    WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE,
        16, 8, 4, null);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        cmyk.setPixel(x, y, new int[] {x * 16, y * 32, 128, 20});
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(new IIOImage(cmyk, null, null));
    } finally {
      writer.dispose();
    }
    Path p = write("cmyk.jpg", out.toByteArray());
    assertThatThrownBy(() -> Images.readRgb(p)).isInstanceOf(FileFormatException.class)
        .hasMessage(p + " is a CMYK or YCCK JPEG (4 colour components); nmf4j reads gray and"
            + " RGB JPEGs only: convert it to RGB first, for example with ImageMagick: magick "
            + p + " -colorspace sRGB out.png");
  }

  @Test
  void otherFormatsTheJdkDecodesAreRefused() throws IOException {
    Path tiff = write("x.tif", encode(noise(4, 4), "tiff"));
    assertThatThrownBy(() -> Images.readRgb(tiff)).isInstanceOf(FileFormatException.class)
        .hasMessage(tiff + " is not an image nmf4j can read (PNG, JPEG, BMP or GIF)");
    Path empty = write("empty.png", new byte[0]);
    assertThatThrownBy(() -> Images.readRgb(empty)).isInstanceOf(FileFormatException.class)
        .hasMessage(empty + " is empty (0 bytes), not an image");
  }

  @Test
  void aGoodPngWithTheSameDataStillReads() throws IOException {
    Matrix m = Images.readGray(write("ok.png", png(30, 20, 0, zeros(30, 20))));
    assertThat(m.shape()).isEqualTo("20x30");
    assertThat(m.max()).isZero();
  }

  @Test
  void strayBytesBetweenJpegSegmentsAreSkippedAsLibjpegDoes() throws IOException {
    byte[] jpeg = encode(noise(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg");
    // Three stray bytes (one of them a stuffed FF 00) before the second segment.
    int second = 2 + 2 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
    byte[] stray = new byte[jpeg.length + 4];
    System.arraycopy(jpeg, 0, stray, 0, second);
    System.arraycopy(new byte[] {0x12, (byte) 0xff, 0x00, 0x34}, 0, stray, second, 4);
    System.arraycopy(jpeg, second, stray, second + 4, jpeg.length - second);
    assertThat(Images.readRgb(write("stray.jpg", stray)).width()).isEqualTo(16);
  }
}
