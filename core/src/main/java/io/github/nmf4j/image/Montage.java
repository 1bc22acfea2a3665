package io.github.nmf4j.image;

import io.github.nmf4j.linalg.Matrix;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Tiles gray images into one picture: a grid of tiles, each enlarged by an integer factor
 * (nearest neighbour), separated by gaps. Used for the basis images of a factorization and for
 * originals beside their reconstructions.
 */
public final class Montage {

  private static final int GAP_COLOUR = 0x808080;

  private Montage() {}

  /**
   * A grid of {@code tiles} in row-major order with {@code columns} tiles per row.
   *
   * @param tiles gray images of the same shape
   * @param columns tiles per row
   * @param scale the enlargement factor of every pixel
   * @param normalize if true each tile is divided by its own maximum (so faint basis images
   *     show), otherwise values are clipped to [0, 1]
   * @return an RGB image, gray tiles on a mid-gray background
   * @throws IllegalArgumentException if {@code tiles} is empty or null, a tile is null or
   *     empty, the shapes differ, {@code columns} or {@code scale} is below 1, or the picture
   *     would be wider or taller than {@code Integer.MAX_VALUE} pixels
   */
  public static BufferedImage grid(List<Matrix> tiles, int columns, int scale,
      boolean normalize) {
    if (tiles == null || tiles.isEmpty()) {
      throw new IllegalArgumentException("tiles must not be empty");
    }
    if (columns < 1 || scale < 1) {
      throw new IllegalArgumentException(
          "columns and scale must be >= 1, were " + columns + " and " + scale);
    }
    for (int t = 0; t < tiles.size(); t++) {
      if (tiles.get(t) == null || tiles.get(t).size() == 0) {
        throw new IllegalArgumentException("tile " + t + " must have at least one pixel, was "
            + (tiles.get(t) == null ? "null" : tiles.get(t).shape()));
      }
    }
    int h = tiles.get(0).rows();
    int w = tiles.get(0).cols();
    for (int t = 0; t < tiles.size(); t++) {
      if (tiles.get(t).rows() != h || tiles.get(t).cols() != w) {
        throw new IllegalArgumentException("tile " + t + " is " + tiles.get(t).shape()
            + " but tile 0 is " + tiles.get(0).shape());
      }
    }
    int gap = Math.max(2, scale);
    int cols = Math.min(columns, tiles.size());
    int rows = (tiles.size() + cols - 1) / cols;
    int width = side(cols, w, scale, gap, "wide");
    int height = side(rows, h, scale, gap, "tall");
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] background = new int[width];
    java.util.Arrays.fill(background, GAP_COLOUR);
    for (int y = 0; y < height; y++) {
      img.setRGB(0, y, width, 1, background, 0, width);
    }
    for (int t = 0; t < tiles.size(); t++) {
      Matrix m = tiles.get(t);
      double max = normalize ? Math.max(m.max(), 0) : 1;
      double factor = max > 0 ? 1 / max : 0;
      int x0 = gap + (t % cols) * (w * scale + gap);
      int y0 = gap + (t / cols) * (h * scale + gap);
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          int v = Images.toByte(m.get(i, j) * factor);
          int rgb = v << 16 | v << 8 | v;
          for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
              img.setRGB(x0 + j * scale + dx, y0 + i * scale + dy, rgb);
            }
          }
        }
      }
    }
    return img;
  }

  /** {@code count} tiles of {@code pixels} pixels enlarged by {@code scale}, with the gaps. */
  private static int side(int count, int pixels, int scale, int gap, String what) {
    long side = (long) count * pixels * scale + (long) (count + 1) * gap;
    if (side > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the montage would be " + side + " pixels " + what
          + " (" + count + " tiles of " + pixels + " pixels at scale " + scale
          + "), more than an image holds");
    }
    return (int) side;
  }
}
