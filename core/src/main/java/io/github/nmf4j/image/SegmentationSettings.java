package io.github.nmf4j.image;

/**
 * The settings of a {@link Segmentation}, as validated by its builder: every value that
 * determines a result, and nothing about how it runs besides {@code threads} (no executor, no
 * listener). {@link SegmentationResult#settings()} keeps the record of the segmentation it came
 * from.
 *
 * @param window the side of the square window, in pixels
 * @param stride the step between window positions, in pixels
 * @param clusters the number of segments (k-means clusters)
 * @param seed the k-means seed
 * @param threads the most threads the k-means fit uses (results do not depend on it)
 */
public record SegmentationSettings(int window, int stride, int clusters, long seed,
    int threads) {

  /**
   * The number of window positions along a side of {@code size} pixels: every {@code stride}
   * pixels, plus one flush with the far edge where the last stops short of it (see {@link
   * Segmentation}). An image of {@code h x w} pixels has {@code positionsAlong(h) x
   * positionsAlong(w)} windows, and each segment needs at least one.
   *
   * @throws IllegalArgumentException if the window is larger than {@code size}
   */
  public int positionsAlong(int size) {
    if (window > size) {
      throw new IllegalArgumentException("window " + window + " is larger than the side of "
          + size + " pixels");
    }
    return Segmentation.positionCount(size, window, stride);
  }

  @Override
  public String toString() {
    return "Segmentation[window=" + window + ", stride=" + stride + ", clusters=" + clusters
        + ", seed=" + seed + ", threads=" + threads + "]";
  }
}
