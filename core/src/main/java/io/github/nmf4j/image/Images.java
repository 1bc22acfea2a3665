package io.github.nmf4j.image;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.AtomicFiles;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.io.FileFormatException;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reads images into matrices and writes matrices as images, with {@code javax.imageio}.
 *
 * <p>Reading accepts PNG (8 and 16 bits per sample, gray, colour or paletted), JPEG, BMP and GIF.
 * Pixel values become doubles in [0, 1]: a sample {@code s} of {@code b} bits becomes {@code s /
 * (2^b - 1)}. Gray images keep their stored samples (no colour-space conversion); paletted and
 * packed images go through their sRGB colours; the alpha channel is ignored. Rows of a matrix
 * are rows of pixels, top to bottom, as stored: a JPEG's EXIF orientation is not applied. Of
 * an animated GIF, the first frame is read, at its own size. CMYK and YCCK JPEGs are refused
 * (the JDK decodes their colours wrongly). Before any pixel is decoded, the file's structure is
 * checked against its length (a truncated or damaged file is refused, not decoded as far as it
 * goes) and its width x height against a limit, {@link #maxPixels()}: {@value
 * #DEFAULT_MAX_PIXELS} pixels unless the system property {@value #MAX_PIXELS_PROPERTY} says
 * otherwise.
 *
 * <p>Writing chooses the format from the extension ({@code .png}, {@code .jpg}/{@code .jpeg},
 * {@code .bmp}, {@code .gif}), clips every value to [0, 1] (NaN becomes 0), and stores 8 bits
 * per sample: {@code round(255 v)}; JPEG is written at quality 0.95. GIF stores at most 256
 * colours, so colour images written as GIF are approximated by the JDK's default palette; it is
 * written without interlacing, which the JDK's reader gets wrong for images of 2 to 4 rows.
 * Writes are atomic: no partial file is left behind when they fail.
 */
public final class Images {

  /** The JPEG quality used when writing (the JDK's default is 0.75). */
  private static final float JPEG_QUALITY = 0.95f;

  private Images() {}

  /** The system property that sets {@link #maxPixels()}: a whole number of pixels. */
  public static final String MAX_PIXELS_PROPERTY = "nmf4j.image.maxPixels";

  /**
   * The default limit on the pixels of an image read: 67,108,864 (8192 x 8192), about 1.6 GB
   * as the three channel matrices of doubles {@link RgbImage} holds.
   */
  public static final long DEFAULT_MAX_PIXELS = 8192L * 8192;

  /**
   * The most pixels (width x height) {@link #readRgb(Path)} and {@link #readGray(Path)} accept:
   * the system property {@value #MAX_PIXELS_PROPERTY} if it is set, else
   * {@link #DEFAULT_MAX_PIXELS}. The limit is checked against the file's header before any pixel
   * is decoded.
   *
   * @throws IllegalArgumentException if the property is set but is not a whole number >= 1
   */
  public static long maxPixels() {
    String v = System.getProperty(MAX_PIXELS_PROPERTY);
    if (v == null) {
      return DEFAULT_MAX_PIXELS;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("the system property " + MAX_PIXELS_PROPERTY
        + " must be a whole number >= 1, was '" + v + "'");
  }

  /**
   * Reads an image as gray levels in [0, 1]; a colour image is converted with {@link
   * RgbImage#toGray()} (BT.601 luma). At most {@link #maxPixels()} pixels.
   *
   * @throws IllegalArgumentException if {@code path} is null
   * @throws NoSuchFileException if the file does not exist
   * @throws FileFormatException if the file is not an image that can be decoded, is truncated or
   *     damaged, is a CMYK JPEG, or has more pixels than the limit
   * @throws IOException if reading fails
   */
  public static Matrix readGray(Path path) throws IOException {
    return readRgb(path).toGray();
  }

  /**
   * Reads an image as three channel matrices in [0, 1]; a gray image gives three equal channels
   * (the same {@code Matrix} three times, so {@link RgbImage#isGray()} is true). At most {@link
   * #maxPixels()} pixels.
   *
   * @throws IllegalArgumentException if {@code path} is null
   * @throws NoSuchFileException if the file does not exist
   * @throws FileFormatException if the file is not an image that can be decoded, is truncated or
   *     damaged, is a CMYK JPEG, or has more pixels than the limit
   * @throws IOException if reading fails
   */
  public static RgbImage readRgb(Path path) throws IOException {
    return readRgb(path, maxPixels());
  }

  /**
   * Reads an image as {@link #readRgb(Path)} does, with at most {@code maxPixels} pixels.
   *
   * <p>Before decoding, the file's structure is checked against its length: a PNG's chunks and
   * the pixel data its compressed size can hold, a JPEG's segments up to its end-of-image
   * marker, a BMP's rows, a GIF's blocks and the pixels its LZW data can hold; then width x
   * height against {@code maxPixels}. A truncated or damaged file is refused rather than
   * decoded as far as it goes; a CMYK or YCCK JPEG is refused (the JDK's decoder gives it wrong
   * colours), and so is an interlaced GIF of 2 to 4 rows (the JDK's decoder leaves rows of it
   * black).
   *
   * @throws IllegalArgumentException if {@code path} is null or {@code maxPixels < 1}
   * @throws NoSuchFileException if the file does not exist
   * @throws FileFormatException if the file is not an image that can be decoded, is truncated or
   *     damaged, is a CMYK JPEG, or has more pixels than {@code maxPixels}; the message names
   *     the file and says what its header declares
   * @throws IOException if reading fails, or decoding needs more memory than Java may use
   */
  public static RgbImage readRgb(Path path, long maxPixels) throws IOException {
    Arguments.requireNonNull(path, "path");
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels must be >= 1, was " + maxPixels);
    }
    return toRgb(ImageReading.decode(path, maxPixels));
  }

  /**
   * Converts an image into channel matrices in [0, 1], as {@link #readRgb} does for files.
   *
   * @throws IllegalArgumentException if {@code image} is null
   */
  public static RgbImage fromBufferedImage(BufferedImage image) {
    Arguments.requireNonNull(image, "image");
    return toRgb(image);
  }

  /** Converts a decoded image into channel matrices in [0, 1]. */
  static RgbImage toRgb(BufferedImage img) {
    int h = img.getHeight();
    int w = img.getWidth();
    ColorModel cm = img.getColorModel();
    Raster raster = img.getRaster();
    if (cm instanceof ComponentColorModel && !(cm instanceof IndexColorModel)) {
      int type = cm.getColorSpace().getType();
      if (type == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
        Matrix gray = Matrix.wrap(h, w, samples(raster, 0, cm.getComponentSize(0)));
        return RgbImage.ofGray(gray);
      }
      if (type == ColorSpace.TYPE_RGB && cm.getNumColorComponents() == 3
          && cm.getColorSpace().isCS_sRGB()) {
        return new RgbImage(Matrix.wrap(h, w, samples(raster, 0, cm.getComponentSize(0))),
            Matrix.wrap(h, w, samples(raster, 1, cm.getComponentSize(1))),
            Matrix.wrap(h, w, samples(raster, 2, cm.getComponentSize(2))));
      }
    }
    double[] r = new double[h * w];
    double[] g = new double[h * w];
    double[] b = new double[h * w];
    int[] argb = new int[w];
    boolean gray = true;
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, argb, 0, w);
      for (int x = 0; x < w; x++) {
        int p = argb[x];
        int i = y * w + x;
        r[i] = ((p >> 16) & 0xff) / 255.0;
        g[i] = ((p >> 8) & 0xff) / 255.0;
        b[i] = (p & 0xff) / 255.0;
        gray &= r[i] == g[i] && r[i] == b[i];
      }
    }
    if (gray) {
      return RgbImage.ofGray(Matrix.wrap(h, w, r));
    }
    return new RgbImage(Matrix.wrap(h, w, r), Matrix.wrap(h, w, g), Matrix.wrap(h, w, b));
  }

  private static double[] samples(Raster raster, int band, int bits) {
    int h = raster.getHeight();
    int w = raster.getWidth();
    int[] s = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, band, (int[]) null);
    double max = (1L << bits) - 1;
    double[] v = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      v[i] = s[i] / max;
    }
    return v;
  }

  /**
   * Writes a gray image, 8 bits per pixel, in the format of the extension.
   *
   * @throws IllegalArgumentException if an argument is null, the matrix is empty, or the
   *     extension is not {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} or {@code .gif}
   * @throws IOException if writing fails; no partial file is left behind
   */
  public static void writeGray(Path path, Matrix gray) throws IOException {
    String format = format(path);
    Arguments.requireNonNull(gray, "gray");
    write(path, format, toBufferedImage(gray));
  }

  /**
   * Writes a colour image, 8 bits per sample, in the format of the extension.
   *
   * @throws IllegalArgumentException if an argument is null, the image is empty, or the
   *     extension is not {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp} or {@code .gif}
   * @throws IOException if writing fails; no partial file is left behind
   */
  public static void writeRgb(Path path, RgbImage image) throws IOException {
    String format = format(path);
    Arguments.requireNonNull(image, "image");
    write(path, format, toBufferedImage(image));
  }

  /** An 8-bit gray {@link BufferedImage} of a matrix, clipped to [0, 1]. */
  public static BufferedImage toBufferedImage(Matrix gray) {
    checkNotEmpty(gray.rows(), gray.cols());
    BufferedImage img = new BufferedImage(gray.cols(), gray.rows(), BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = img.getRaster();
    double[] v = MatrixAccess.data(gray);
    int[] s = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = toByte(v[i]);
    }
    raster.setSamples(0, 0, gray.cols(), gray.rows(), 0, s);
    return img;
  }

  /** An 8-bit RGB {@link BufferedImage} of a colour image, clipped to [0, 1]. */
  public static BufferedImage toBufferedImage(RgbImage image) {
    int h = image.height();
    int w = image.width();
    checkNotEmpty(h, w);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    double[] r = MatrixAccess.data(image.red());
    double[] g = MatrixAccess.data(image.green());
    double[] b = MatrixAccess.data(image.blue());
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = y * w + x;
        row[x] = toByte(r[i]) << 16 | toByte(g[i]) << 8 | toByte(b[i]);
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
    return img;
  }

  /** {@code round(255 * v)} for v clipped to [0, 1]; NaN gives 0. */
  static int toByte(double v) {
    if (!(v > 0)) {
      return 0;
    }
    if (v >= 1) {
      return 255;
    }
    return (int) Math.round(v * 255);
  }

  private static void checkNotEmpty(int h, int w) {
    if (h == 0 || w == 0) {
      throw new IllegalArgumentException("an image needs at least one pixel, was "
          + Phrases.imageSize(h, w));
    }
  }

  private static String format(Path path) {
    Arguments.requireNonNull(path, "path");
    String file = String.valueOf(path.getFileName());
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "png" -> "png";
      case "jpg", "jpeg" -> "jpeg";
      case "bmp" -> "bmp";
      case "gif" -> "gif";
      default -> throw new IllegalArgumentException("unsupported image file '" + path
          + "': the name must end in .png, .jpg, .jpeg, .bmp or .gif");
    };
  }

  /**
   * Writes an image atomically in the format of the extension.
   *
   * @throws IllegalArgumentException if an argument is null or the extension is unsupported
   * @throws IOException if writing fails; no partial file is left behind
   */
  public static void write(Path path, BufferedImage image) throws IOException {
    String format = format(path);
    Arguments.requireNonNull(image, "image");
    write(path, format, image);
  }

  private static void write(Path path, String format, BufferedImage img) throws IOException {
    BufferedImage toWrite = img;
    if (format.equals("gif") && img.getType() != BufferedImage.TYPE_BYTE_INDEXED
        && img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
      toWrite = new BufferedImage(img.getWidth(), img.getHeight(),
          BufferedImage.TYPE_BYTE_INDEXED);
      toWrite.createGraphics().drawImage(img, 0, 0, null);
    } else if (!format.equals("png") && img.getColorModel().hasAlpha()) {
      toWrite = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
      toWrite.createGraphics().drawImage(img, 0, 0, java.awt.Color.WHITE, null);
    }
    BufferedImage finalImage = toWrite;
    AtomicFiles.write(path, out -> {
      ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
      try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
        writer.setOutput(ios);
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format.equals("jpeg")) {
          param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          param.setCompressionQuality(JPEG_QUALITY);
        } else if (format.equals("gif")) {
          // the JDK interlaces by default, and its reader loses rows of such a GIF of 2-4 rows
          param.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
        }
        writer.write(null, new IIOImage(finalImage, null, null), param);
      } finally {
        writer.dispose();
      }
    });
  }
}
