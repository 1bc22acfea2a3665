package io.github.nmf4j.image;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.metrics.ReconstructionMetrics;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Lossy image compression with the library's models, reporting stored numbers and quality
 * ({@link CompressionResult}).
 *
 * <p><b>NMF compression</b>: a gray image is one {@code rows x cols} matrix V, factored as V ~ WH
 * with W {@code rows x k} and H {@code k x cols}; storing W and H takes {@code rows k + k cols}
 * numbers instead of {@code rows cols}. A colour image is factored per channel ({@link
 * ChannelLayout#SEPARATE}) or as its channels side by side sharing one W ({@link
 * ChannelLayout#SIDE_BY_SIDE}). Lee and Seung, "Learning the parts of objects by non-negative
 * matrix factorization", Nature 401, 1999.
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
    Arguments.requireNonNull(gray, "gray");
    return kmeans(RgbImage.ofGray(gray), kmeans);
  }

  /**
   * Compresses an image with NMF, per channel for colour ({@link ChannelLayout#SEPARATE}) or as
   * one matrix when the image {@link RgbImage#isGray() is gray}.
   *
   * @param image the image, values in [0, 1]
   * @param nmf the NMF settings; its rank is the compression's k
   * @throws IllegalArgumentException if an argument is null or NMF rejects the image (a
   *     negative or non-finite value, or an NNDSVD initialization with a rank above the
   *     image's smaller side)
   */
  public static CompressionResult nmf(RgbImage image, Nmf nmf) {
    return nmf(image, nmf, ChannelLayout.SEPARATE);
  }

  /**
   * Compresses an image with NMF; the layout matters only for colour images.
   *
   * @throws IllegalArgumentException as {@link #nmf(RgbImage, Nmf)}, or if {@code layout} is
   *     null
   */
  public static CompressionResult nmf(RgbImage image, Nmf nmf, ChannelLayout layout) {
    if (image == null || nmf == null || layout == null) {
      throw new IllegalArgumentException("image, nmf and layout must not be null");
    }
    int h = image.height();
    int w = image.width();
    int k = nmf.settings().rank();
    if (image.isGray()) {
      Matrix v = image.red();
      Matrix y = reconstruct(nmf.fit(v));
      return result(k, RgbImage.ofGray(y), (long) h * k + (long) k * w, v, y, 1);
    }
    if (layout == ChannelLayout.SEPARATE) {
      Matrix[] out = new Matrix[3];
      for (int c = 0; c < 3; c++) {
        out[c] = reconstruct(nmf.fit(image.channel(c)));
      }
      RgbImage rec = new RgbImage(out[0], out[1], out[2]);
      return result(k, rec, 3 * ((long) h * k + (long) k * w), image.toPixels(),
          rec.toPixels(), 3);
    }
    Matrix joint = sideBySide(image);
    Matrix y = reconstruct(nmf.fit(joint));
    RgbImage rec = split(y, w);
    return result(k, rec, (long) h * k + 3L * k * w, joint, y, 3);
  }

  /**
   * Compresses a gray image with NMF.
   *
   * @throws IllegalArgumentException as {@link #nmf(RgbImage, Nmf)}
   */
  public static CompressionResult nmf(Matrix gray, Nmf nmf) {
    Arguments.requireNonNull(gray, "gray");
    return nmf(RgbImage.ofGray(gray), nmf, ChannelLayout.SEPARATE);
  }

  /**
   * NMF compression at each of {@code ranks} (the settings of {@code nmf} with their rank
   * replaced): relative error, PSNR and stored numbers side by side, what one looks at to
   * choose the rank.
   *
   * @throws IllegalArgumentException as {@link #nmf(RgbImage, Nmf, ChannelLayout)}, or if
   *     {@code ranks} is null or empty or holds a rank below 1
   */
  public static List<CompressionResult> rankSweep(RgbImage image, Nmf nmf, ChannelLayout layout,
      int... ranks) {
    if (ranks == null || ranks.length == 0) {
      throw new IllegalArgumentException("ranks must not be empty");
    }
    Arguments.requireNonNull(nmf, "nmf");
    List<CompressionResult> results = new ArrayList<>();
    for (int r : ranks) {
      results.add(nmf(image, nmf.toBuilder().rank(r).build(), layout));
    }
    return results;
  }

  private static Matrix reconstruct(NmfModel model) {
    Matrix wh = model.inverseTransform(model.w()); // on the fit's threads and executor
    double[] a = wh.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = clip(a[i]);
    }
    return Matrix.wrap(wh.rows(), wh.cols(), a);
  }

  private static CompressionResult result(int k, RgbImage rec, long stored, Matrix original,
      Matrix reconstruction, int channels) {
    return new CompressionResult("nmf", k, rec, stored,
        (long) rec.pixels() * channels,
        ReconstructionMetrics.psnr(original, reconstruction, 1),
        ReconstructionMetrics.relativeError(original, reconstruction));
  }

  /** {@code [R | G | B]}, {@code rows x 3 cols}. */
  static Matrix sideBySide(RgbImage image) {
    int h = image.height();
    int w = image.width();
    double[] a = new double[h * 3 * w];
    for (int c = 0; c < 3; c++) {
      double[] ch = MatrixAccess.data(image.channel(c));
      for (int i = 0; i < h; i++) {
        System.arraycopy(ch, i * w, a, i * 3 * w + c * w, w);
      }
    }
    return Matrix.wrap(h, 3 * w, a);
  }

  private static RgbImage split(Matrix joint, int w) {
    int h = joint.rows();
    double[] a = MatrixAccess.data(joint);
    Matrix[] ch = new Matrix[3];
    for (int c = 0; c < 3; c++) {
      double[] out = new double[h * w];
      for (int i = 0; i < h; i++) {
        System.arraycopy(a, i * 3 * w + c * w, out, i * w, w);
      }
      ch[c] = Matrix.wrap(h, w, out);
    }
    return new RgbImage(ch[0], ch[1], ch[2]);
  }

  static double clip(double v) {
    return v > 0 ? Math.min(v, 1) : 0;
  }
}
