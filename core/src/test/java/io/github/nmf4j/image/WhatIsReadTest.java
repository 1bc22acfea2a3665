package io.github.nmf4j.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins what docs/command-line.md, "What is read from an image file", says is read and what is
 * not applied: the format by content, transparency ignored, EXIF orientation not applied.
 */
class WhatIsReadTest {

  @TempDir Path dir;

  private Path write(String name, BufferedImage image, String format) throws IOException {
    Path p = dir.resolve(name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    Files.write(p, out.toByteArray());
    return p;
  }

  @Test
  void theFormatComesFromTheContentNotTheName() throws IOException {
    BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    img.setRGB(2, 0, 0x336699);
    RgbImage read = Images.readRgb(write("png-bytes.jpg", img, "png"));
    assertThat(read.blue().get(0, 2)).isEqualTo(0x99 / 255.0);
  }

  @Test
  void transparentPixelsGiveTheColourStoredUnderThem() throws IOException {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x00ff8000); // alpha 0
    img.setRGB(1, 0, 0xff0080ff);
    RgbImage read = Images.readRgb(write("alpha.png", img, "png"));
    assertThat(read.red().get(0, 0)).isEqualTo(1.0);
    assertThat(read.green().get(0, 0)).isEqualTo(0x80 / 255.0);
    assertThat(read.blue().get(0, 1)).isEqualTo(1.0);
  }

  @Test
  void aJpegIsReadAsStoredWhateverItsExifOrientation() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB), "jpeg", out);
    byte[] jpeg = out.toByteArray();
    // APP1 "Exif": a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6,
    // "rotate 90 degrees clockwise to display", put right after SOI.
    ByteBuffer tiff = ByteBuffer.allocate(26).put("MM".getBytes(StandardCharsets.US_ASCII))
        .putShort((short) 42).putInt(8).putShort((short) 1).putShort((short) 0x0112)
        .putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0).putInt(0);
    byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer app1 = ByteBuffer.allocate(4 + exif.length + 26).putShort((short) 0xffe1)
        .putShort((short) (2 + exif.length + 26)).put(exif).put(tiff.array());
    ByteArrayOutputStream tagged = new ByteArrayOutputStream();
    tagged.write(jpeg, 0, 2);
    tagged.writeBytes(app1.array());
    tagged.write(jpeg, 2, jpeg.length - 2);
    Path p = dir.resolve("turned.jpg");
    Files.write(p, tagged.toByteArray());
    RgbImage read = Images.readRgb(p);
    assertThat(read.height()).isEqualTo(24);
    assertThat(read.width()).isEqualTo(40);
  }

  @Test
  void imagesOfOneRowOrOneColumnRead() throws IOException {
    for (String format : new String[] {"png", "jpeg", "bmp", "gif"}) {
      assertThat(Images.readRgb(write("row." + format, new BufferedImage(7, 1,
          BufferedImage.TYPE_INT_RGB), format)).red().shape()).as(format).isEqualTo("1x7");
      assertThat(Images.readRgb(write("column." + format, new BufferedImage(1, 7,
          BufferedImage.TYPE_INT_RGB), format)).red().shape()).as(format).isEqualTo("7x1");
    }
  }
}
