package io.github.nmf4j.fuzz;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** The valid files the fuzzer mutates: small, one or more per format, made here. */
final class Seeds {

  /**
   * One valid file: its extension and bytes, and the offsets of its binary size fields (a PNG's
   * width and height, 4 bytes big-endian; a JPEG frame's height and width, 2 bytes), which
   * random mutations rarely hit by chance.
   */
  record Seed(String name, String extension, byte[] bytes, int[] sizeFields, int fieldBytes) {

    Seed(String name, String extension, byte[] bytes) {
      this(name, extension, bytes, new int[0], 0);
    }
  }

  private Seeds() {}

  static List<Seed> all(Path scratch) throws IOException {
    List<Seed> seeds = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(17);
    double[] a = new double[6 * 4];
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 5 == 0 ? 0 : Math.round(rnd.nextDouble() * 1000) / 100.0;
    }
    Matrix m = Matrix.wrap(6, 4, a);
    for (String ext : new String[] {"npy", "csv", "mtx", "txt"}) {
      Path p = scratch.resolve("seed." + ext);
      MatrixIo.write(p, m);
      seeds.add(new Seed("written " + ext, ext, Files.readAllBytes(p)));
    }
    seeds.add(npy("{'descr': '>i2', 'fortran_order': True, 'shape': (3, 2), }", 12));
    seeds.add(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (7,), }", 7));
    seeds.add(text("csv", "x,y,z\n# comment\n1,\"2.5\",nan\n-3,5e-3,inf\n7,8,9\n"));
    seeds.add(text("txt", "# header\n1.000000000000000000e+00 2.5e+00\n\n3\t  6\n"));
    seeds.add(text("mtx", "%%MatrixMarket matrix coordinate real symmetric\n% c\n4 4 5\n"
        + "1 1 1.5\n2 1 -2\n3 3 4e2\n4 2 1\n4 4 0.5\n"));
    seeds.add(text("mtx", "%%MatrixMarket matrix coordinate pattern general\n3 5 4\n1 1\n"
        + "2 5\n3 2\n1 4\n"));
    seeds.add(text("mtx", "%%MatrixMarket matrix array integer skew-symmetric\n3 3\n1\n2\n3\n"));
    BufferedImage rgb = noise(12, 9, BufferedImage.TYPE_INT_RGB, rnd);
    BufferedImage gray = noise(10, 7, BufferedImage.TYPE_BYTE_GRAY, rnd);
    BufferedImage palette = noise(9, 9, BufferedImage.TYPE_BYTE_INDEXED, rnd);
    seeds.add(image("png", rgb, false));
    seeds.add(image("png", gray, false));
    seeds.add(image("png", palette, false));
    seeds.add(image("jpeg", rgb, false));
    seeds.add(image("jpeg", gray, false));
    seeds.add(image("jpeg", noise(20, 18, BufferedImage.TYPE_INT_RGB, rnd), true));
    return seeds;
  }

  private static Seed text(String ext, String content) {
    return new Seed("text " + ext, ext, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Seed npy(String dict, int dataBytes) {
    String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
        (byte) header.length(), (byte) (header.length() >>> 8)});
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < dataBytes; i++) {
      out.write(i * 37);
    }
    return new Seed("npy " + dict, "npy", out.toByteArray());
  }

  private static BufferedImage noise(int w, int h, int type, SplittableRandom rnd) {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rnd.nextInt(1 << 24));
      }
    }
    return img;
  }

  private static Seed image(String format, BufferedImage img, boolean progressive)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(img, null, null), param);
    } finally {
      writer.dispose();
    }
    byte[] b = out.toByteArray();
    String name = format + " " + img.getWidth() + "x" + img.getHeight() + " type "
        + img.getType() + (progressive ? " progressive" : "");
    if (format.equals("png")) {
      return new Seed(name, "png", b, new int[] {16, 20}, 4);
    }
    for (int i = 2; i + 8 < b.length; i++) {
      if ((b[i] & 0xff) == 0xff && ((b[i + 1] & 0xff) == 0xc0 || (b[i + 1] & 0xff) == 0xc2)) {
        return new Seed(name, "jpg", b, new int[] {i + 5, i + 7}, 2);
      }
    }
    throw new IllegalStateException("no frame header in the JPEG the JDK wrote");
  }
}
