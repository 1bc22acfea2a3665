package io.github.nmf4j.image;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.kernel.MatrixAccess;
import io.github.nmf4j.metrics.ReconstructionMetrics;

/**
 * Lossy image compression with the library's models, reporting stored numbers and quality
 * ({@link CompressionResult}).
 *
 * <p><b>k-means colour quantization</b>: the pixels are points (three coordinates for colour,
 * one for gray), k-means finds k colours, and every pixel is replaced by the centroid of its
 * cluster. The compressed form is one label per pixel plus the palette: {@code pixels +
 * channels * k} numbers.
 */
public final class ImageCompression {

  private ImageCompression() {}

  /**
   * Quantizes an image to {@code kmeans.k()} colours (or gray levels, when the image {@link
   * RgbImage#isGray() is gray}).
   *
   * @param image the image, values in [0, 1]
   * @param kmeans the k-means settings (k, seed, restarts, threads)
   * @return the quantized image and its counts; stored numbers {@code pixels + channels * k}
   * @throws IllegalArgumentException if an argument is null, or k-means rejects the pixels (for
   *     instance fewer distinct colours than k)
   */
  public static CompressionResult kmeans(RgbImage image, KMeans kmeans) {
    if (image == null || kmeans == null) {
      throw new IllegalArgumentException("image and kmeans must not be null");
    }
    boolean gray = image.isGray();
    Matrix points = gray ? Matrix.wrap(image.pixels(), 1, MatrixAccess.data(image.red()))
        : image.toPixels();
    KMeansModel model = kmeans.fit(points);
    double[] centroids = MatrixAccess.data(model.centroids());
    int[] labels = model.labels();
    int d = points.cols();
    double[] q = new double[points.size()];
    for (int i = 0; i < labels.length; i++) {
      for (int c = 0; c < d; c++) {
        q[i * d + c] = clip(centroids[labels[i] * d + c]);
      }
    }
    Matrix quantized = Matrix.wrap(points.rows(), d, q);
    RgbImage out = gray
        ? RgbImage.ofGray(Matrix.wrap(image.height(), image.width(), q))
        : RgbImage.fromPixels(quantized, image.height(), image.width());
    long stored = (long) image.pixels() + (long) d * model.k();
    return new CompressionResult("kmeans", model.k(), out, stored, (long) image.pixels() * d,
        ReconstructionMetrics.psnr(points, quantized, 1),
        ReconstructionMetrics.relativeError(points, quantized));
  }

  /**
   * Quantizes a gray image to {@code kmeans.k()} gray levels.
   *
   * @throws IllegalArgumentException as {@link #kmeans(RgbImage, KMeans)}
   */
  public static CompressionResult kmeans(Matrix gray, KMeans kmeans) {
    if (gray == null) {
      throw new IllegalArgumentException("gray must not be null");
    }
    return kmeans(RgbImage.ofGray(gray), kmeans);
  }

  static double clip(double v) {
    return v > 0 ? Math.min(v, 1) : 0;
  }
}
