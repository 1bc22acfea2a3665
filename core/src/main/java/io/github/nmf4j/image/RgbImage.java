package io.github.nmf4j.image;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;

/**
 * A colour image as three channel matrices of the same shape ({@code height x width}), values
 * nominally in [0, 1]. Immutable, like the matrices it holds.
 *
 * @param red the red channel, {@code height x width}
 * @param green the green channel, same shape
 * @param blue the blue channel, same shape
 */
public record RgbImage(Matrix red, Matrix green, Matrix blue) {

  /**
   * Validates the channels.
   *
   * @throws IllegalArgumentException if a channel is null or the shapes differ
   */
  public RgbImage {
    if (red == null || green == null || blue == null) {
      throw new IllegalArgumentException("channels must not be null");
    }
    if (red.rows() != green.rows() || red.rows() != blue.rows()
        || red.cols() != green.cols() || red.cols() != blue.cols()) {
      throw new IllegalArgumentException("channels must have the same shape, were "
          + red.shape() + ", " + green.shape() + " and " + blue.shape());
    }
  }

  /** A colour image whose three channels are {@code gray}. */
  public static RgbImage ofGray(Matrix gray) {
    return new RgbImage(gray, gray, gray);
  }

  /** The height in pixels (rows of each channel). */
  public int height() {
    return red.rows();
  }

  /** The width in pixels (columns of each channel). */
  public int width() {
    return red.cols();
  }

  /** The number of pixels, {@code height * width}. */
  public int pixels() {
    return red.size();
  }

  /**
   * The channel with index 0 (red), 1 (green) or 2 (blue).
   *
   * @throws IllegalArgumentException if {@code c} is not 0, 1 or 2
   */
  public Matrix channel(int c) {
    return switch (c) {
      case 0 -> red;
      case 1 -> green;
      case 2 -> blue;
      default -> throw new IllegalArgumentException("channel must be 0, 1 or 2, was " + c);
    };
  }

  /** Whether the three channels are equal element by element (a gray image stored as RGB). */
  public boolean isGray() {
    return red.equals(green) && red.equals(blue);
  }

  /**
   * The luma {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, as Pillow's {@code convert("L")})
   * of each pixel; exactly the channel when the image {@link #isGray() is gray}.
   */
  public Matrix toGray() {
    if (isGray()) {
      return red;
    }
    double[] r = MatrixAccess.data(red);
    double[] g = MatrixAccess.data(green);
    double[] b = MatrixAccess.data(blue);
    double[] y = new double[r.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = 0.299 * r[i] + 0.587 * g[i] + 0.114 * b[i];
    }
    return Matrix.wrap(height(), width(), y);
  }

  /**
   * The pixels as points for clustering: a {@code pixels() x 3} matrix whose row {@code y *
   * width + x} holds the red, green and blue values of the pixel at row {@code y}, column
   * {@code x}.
   */
  public Matrix toPixels() {
    double[] r = MatrixAccess.data(red);
    double[] g = MatrixAccess.data(green);
    double[] b = MatrixAccess.data(blue);
    double[] p = new double[3 * r.length];
    for (int i = 0; i < r.length; i++) {
      p[3 * i] = r[i];
      p[3 * i + 1] = g[i];
      p[3 * i + 2] = b[i];
    }
    return Matrix.wrap(r.length, 3, p);
  }

  /**
   * The image whose pixels are the rows of {@code pixels} (the inverse of {@link #toPixels}).
   *
   * @throws IllegalArgumentException if {@code pixels} is null, has not 3 columns, or has not
   *     {@code height * width} rows, or a size is negative
   */
  public static RgbImage fromPixels(Matrix pixels, int height, int width) {
    Arguments.requireNonNull(pixels, "pixels");
    if (height < 0 || width < 0) {
      throw new IllegalArgumentException(
          "height and width must be >= 0, were " + height + " and " + width);
    }
    if (pixels.cols() != 3 || pixels.rows() != (long) height * width) {
      throw new IllegalArgumentException("pixels must be " + (long) height * width
          + "x3 for an image of " + Phrases.imageSize(height, width) + ", was " + pixels.shape());
    }
    double[] p = MatrixAccess.data(pixels);
    int n = pixels.rows();
    double[] r = new double[n];
    double[] g = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = p[3 * i];
      g[i] = p[3 * i + 1];
      b[i] = p[3 * i + 2];
    }
    return new RgbImage(Matrix.wrap(height, width, r), Matrix.wrap(height, width, g),
        Matrix.wrap(height, width, b));
  }
}
