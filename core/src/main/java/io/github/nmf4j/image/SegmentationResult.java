package io.github.nmf4j.image;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;

/**
 * What {@link Segmentation} found: the label of every window position, the label of every pixel
 * (that of the window centred nearest to it), and the colour of every cluster (the mean colour
 * of its windows). Immutable; accessors return copies.
 */
public final class SegmentationResult {

  /**
   * The colours of {@link #labelMap()}, cycled for more clusters: matplotlib's "tab10"
   * palette, chosen to tell neighbouring segments apart rather than to look like the photo.
   */
  private static final int[] PALETTE = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
      0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};

  private final SegmentationSettings settings;
  private final int height;
  private final int width;
  private final int[] tops;
  private final int[] lefts;
  private final int[] windowLabels;
  private final Matrix colors;
  private final int[] pixelLabels;

  SegmentationResult(SegmentationSettings settings, int height, int width, int[] tops,
      int[] lefts, int[] windowLabels, Matrix colors) {
    this.settings = settings;
    this.height = height;
    this.width = width;
    int window = settings.window();
    this.tops = tops;
    this.lefts = lefts;
    this.windowLabels = windowLabels;
    this.colors = colors;
    int[] row = nearestCentre(height, window, tops);
    int[] col = nearestCentre(width, window, lefts);
    this.pixelLabels = new int[height * width];
    for (int i = 0; i < height; i++) {
      for (int j = 0; j < width; j++) {
        pixelLabels[i * width + j] = windowLabels[row[i] * lefts.length + col[j]];
      }
    }
  }

  /**
   * For every pixel coordinate, the index of the window start whose centre {@code start +
   * (window - 1) / 2} is nearest (ties to the lower index).
   */
  private static int[] nearestCentre(int size, int window, int[] starts) {
    int[] nearest = new int[size];
    int p = 0;
    for (int i = 0; i < size; i++) {
      // Centres increase with the index: move on while the next one is strictly nearer.
      while (p + 1 < starts.length
          && Math.abs(2.0 * starts[p + 1] + window - 1 - 2.0 * i)
              < Math.abs(2.0 * starts[p] + window - 1 - 2.0 * i)) {
        p++;
      }
      nearest[i] = p;
    }
    return nearest;
  }

  /** The image height in pixels. */
  public int height() {
    return height;
  }

  /** The image width in pixels. */
  public int width() {
    return width;
  }

  /** The settings of the segmentation this result came from (no executor or listener). */
  public SegmentationSettings settings() {
    return settings;
  }

  /** The side of the window in pixels. */
  public int window() {
    return settings.window();
  }

  /** The number of clusters. */
  public int clusters() {
    return colors.rows();
  }

  /** The first row of each row of window positions, ascending (a copy). */
  public int[] windowTops() {
    return tops.clone();
  }

  /** The first column of each column of window positions, ascending (a copy). */
  public int[] windowLefts() {
    return lefts.clone();
  }

  /**
   * The label of every window position, row-major over the grid of {@link #windowTops()} x
   * {@link #windowLefts()}: the window at top {@code tops[r]} and left {@code lefts[c]} is entry
   * {@code r * lefts.length + c} (a copy).
   */
  public int[] windowLabels() {
    return windowLabels.clone();
  }

  /** The label of every pixel, row-major, {@code height x width} (a copy). */
  public int[] pixelLabels() {
    return pixelLabels.clone();
  }

  /** The label of pixel ({@code row}, {@code col}). */
  public int pixelLabel(int row, int col) {
    if (row < 0 || row >= height || col < 0 || col >= width) {
      throw new IllegalArgumentException("pixel (" + row + ", " + col + ") is outside the "
          + "image of " + Phrases.imageSize(height, width));
    }
    return pixelLabels[row * width + col];
  }

  /** The colour of every cluster, {@code clusters x 3} (red, green, blue): its windows' mean. */
  public Matrix colors() {
    return colors;
  }

  /** Every pixel painted in its cluster's mean colour ({@link #colors()}). */
  public RgbImage meanColorImage() {
    double[][] ch = new double[3][height * width];
    for (int p = 0; p < pixelLabels.length; p++) {
      for (int c = 0; c < 3; c++) {
        ch[c][p] = colors.get(pixelLabels[p], c);
      }
    }
    return image(ch);
  }

  /**
   * Every pixel painted in a colour per label from a fixed palette of ten (matplotlib's
   * "tab10", cycled), so that neighbouring segments stand apart.
   */
  public RgbImage labelMap() {
    double[][] ch = new double[3][height * width];
    for (int p = 0; p < pixelLabels.length; p++) {
      int rgb = PALETTE[pixelLabels[p] % PALETTE.length];
      ch[0][p] = ((rgb >> 16) & 0xff) / 255.0;
      ch[1][p] = ((rgb >> 8) & 0xff) / 255.0;
      ch[2][p] = (rgb & 0xff) / 255.0;
    }
    return image(ch);
  }

  /**
   * {@code image} with the segment borders drawn in yellow, two pixels wide: a pixel is on a
   * border when its label differs from that of one of its four neighbours.
   *
   * @throws IllegalArgumentException if {@code image} is null or not {@code height x width}
   */
  public RgbImage overlay(RgbImage image) {
    Arguments.requireNonNull(image, "image");
    if (image.height() != height || image.width() != width) {
      throw new IllegalArgumentException("image is " + image.height() + " x " + image.width()
          + " pixels but the segmentation is " + Phrases.imageSize(height, width));
    }
    double[][] ch = new double[3][];
    for (int c = 0; c < 3; c++) {
      ch[c] = image.channel(c).toRowMajorArray();
    }
    for (int i = 0; i < height; i++) {
      for (int j = 0; j < width; j++) {
        int p = i * width + j;
        int l = pixelLabels[p];
        boolean border = (j + 1 < width && pixelLabels[p + 1] != l)
            || (j > 0 && pixelLabels[p - 1] != l)
            || (i + 1 < height && pixelLabels[p + width] != l)
            || (i > 0 && pixelLabels[p - width] != l);
        if (border) {
          ch[0][p] = 1.0;
          ch[1][p] = 1.0;
          ch[2][p] = 0.0;
        }
      }
    }
    return image(ch);
  }

  private RgbImage image(double[][] ch) {
    return new RgbImage(Matrix.wrap(height, width, ch[0]), Matrix.wrap(height, width, ch[1]),
        Matrix.wrap(height, width, ch[2]));
  }

  @Override
  public String toString() {
    return "SegmentationResult[" + height + "x" + width + ", window=" + settings.window()
        + ", positions=" + tops.length + "x" + lefts.length + ", clusters=" + clusters() + "]";
  }
}
