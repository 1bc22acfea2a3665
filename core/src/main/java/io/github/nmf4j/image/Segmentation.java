package io.github.nmf4j.image;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.estimator.SeededBuilder;
import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.DistinctRows;
import io.github.nmf4j.internal.Rescaling;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.util.concurrent.CancellationException;

/**
 * Segments a colour image by sliding a square window over it, describing each window position by
 * its mean red, green and blue, and clustering those descriptions with k-means.
 *
 * <pre>{@code
 * SegmentationResult s = Segmentation.builder().window(100).stride(20).clusters(4).seed(0)
 *     .segment(photo);
 * RgbImage map = s.labelMap();               // each pixel in its segment's colour
 * }</pre>
 *
 * <p><b>Windows.</b> A window of {@code w x w} pixels starts at rows {@code 0, s, 2s, ...} and
 * columns likewise ({@code s} the stride) as long as it fits in the image; if the last one
 * stops short of the bottom (right) edge, one more window is placed flush with that edge, so
 * every pixel is covered. The mean of each channel over a window comes from summed-area tables
 * (Crow 1984), so a window costs {@code O(1)} whatever its size. The tables sum each channel
 * less its top-left pixel, added back to the means: windows whose pixels all equal that pixel
 * (a constant image, a uniform background around it) get its value exactly, where the
 * rounding of running sums would differ from window to window and make equal windows look
 * distinct. A channel with a value beyond {@code 2^960} is summed scaled by {@code 2^-64}
 * (exactly), so that the tables cannot overflow.
 *
 * <p><b>Clustering.</b> The {@code positions x 3} matrix of window means is clustered by {@link
 * KMeans} (k-means++, as many restarts as scikit-learn's {@code n_init="auto"}, the builder's
 * seed and threads). The cluster colours are the centroids: the mean colour of the windows of
 * each cluster.
 *
 * <p><b>Pixels.</b> Each pixel takes the label of the window whose centre is nearest to it
 * (Euclidean; on the regular grid of centres that is the nearest centre row and the nearest
 * centre column, ties to the upper and left one).
 *
 * <p>An estimator like the others ({@link io.github.nmf4j.estimator.Estimator}): its {@link
 * #settings()} record, {@link #toBuilder()}, threads, executor and listener. The {@link
 * EstimatorBuilder#listener listener} receives the k-means fit's {@link
 * io.github.nmf4j.estimator.Progress} (every Lloyd iteration of every restart) and may cancel
 * it. Results do not depend on the number of threads or the executor. Immutable and safe to
 * share; the image is not modified.
 */
public final class Segmentation extends Estimator<SegmentationSettings> {

  private Segmentation(SegmentationSettings settings, Builder builder) {
    super(settings, builder);
  }

  /** A builder with a window of 100 pixels, a stride of 20 and 4 clusters. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Segments {@code image}.
   *
   * @param image the image; not modified
   * @return the labels of the windows and the pixels, and the cluster colours
   * @throws IllegalArgumentException if {@code image} is null or holds NaN or an infinity, the
   *     window is larger than the image, there are fewer window positions than clusters, or the
   *     windows have fewer distinct mean colours than clusters
   * @throws CancellationException if the listener cancelled the k-means fit or the calling
   *     thread was interrupted (the interrupt flag stays set)
   */
  public SegmentationResult segment(RgbImage image) {
    Arguments.requireNonNull(image, "image");
    SegmentationSettings s = settings();
    int window = s.window();
    int stride = s.stride();
    int clusters = s.clusters();
    int h = image.height();
    int w = image.width();
    if (window > h || window > w) {
      throw new IllegalArgumentException("window must be <= the image's height (" + h
          + ") and width (" + w + "), was " + window);
    }
    int[] tops = positions(h, window, stride);
    int[] lefts = positions(w, window, stride);
    int count = tops.length * lefts.length;
    if (count < clusters) {
      throw new IllegalArgumentException("clusters must be <= the number of window positions ("
          + tops.length + " x " + lefts.length + " = " + count + "), was " + clusters);
    }
    double[] features = new double[count * 3];
    String[] names = {"image red channel", "image green channel", "image blue channel"};
    for (int c = 0; c < 3; c++) {
      double[] pixels = MatrixAccess.data(image.channel(c));
      Arguments.requireFinite(pixels, w, names[c]);
      int shift = tableShift(pixels);
      double reference = Math.scalb(pixels[0], shift);
      double[] table = summedArea(pixels, shift, reference, h, w);
      double area = (double) window * window;
      for (int r = 0; r < tops.length; r++) {
        for (int q = 0; q < lefts.length; q++) {
          features[(r * lefts.length + q) * 3 + c] = Math.scalb(
              boxSum(table, w, tops[r], lefts[q], window) / area + reference, -shift);
        }
      }
    }
    int distinct = DistinctRows.count(features, count, 3, clusters);
    if (distinct < clusters) {
      throw new IllegalArgumentException("clusters = " + clusters + " is more than the "
          + distinct + " distinct mean colour" + (distinct == 1 ? "" : "s") + " of the windows"
          + " (window " + window + ", stride "
          + stride + "); each segment needs a different one (lower clusters, window or stride)");
    }
    KMeansModel model = KMeans.builder().k(clusters).seed(s.seed()).threads(s.threads())
        .executor(executor().orElse(null)).listener(listener())
        .fit(Matrix.wrap(count, 3, features));
    return new SegmentationResult(s, h, w, tops, lefts, model.labels(), model.centroids());
  }

  /**
   * The length of {@link #positions}, counted without listing them (a side may be as long as
   * {@code Integer.MAX_VALUE}).
   */
  static int positionCount(int size, int window, int stride) {
    int regular = (size - window) / stride + 1;
    long last = (long) (regular - 1) * stride;
    return regular + (last + window < size ? 1 : 0);
  }

  /**
   * The window starts {@code 0, stride, ...} that fit in {@code size}, plus {@code size -
   * window} if the last one stops short of the edge.
   */
  static int[] positions(int size, int window, int stride) {
    int regular = (size - window) / stride + 1;
    int last = (regular - 1) * stride;
    boolean flush = last + window < size;
    int[] p = new int[regular + (flush ? 1 : 0)];
    for (int i = 0; i < regular; i++) {
      p[i] = i * stride;
    }
    if (flush) {
      p[regular] = size - window;
    }
    return p;
  }

  /**
   * The power of two (0 or -64) by which a channel is scaled for its summed-area table: -64 when
   * a value is beyond {@code 2^960}, where the table's sums of up to {@code 2^31} differences of
   * two pixels could overflow. Scaling by a power of two is exact, so the window means are those
   * of the channel scaled back.
   */
  private static int tableShift(double[] pixels) {
    return Math.getExponent(Rescaling.largest(pixels)) > 960 ? -64 : 0;
  }

  /**
   * The (h + 1) x (w + 1) table of sums of {@code 2^shift pixel - reference} over the pixels
   * above and left of each corner: all 0, exactly, where the pixels equal {@code reference}.
   */
  private static double[] summedArea(double[] pixels, int shift, double reference, int h,
      int w) {
    double[] t = new double[(h + 1) * (w + 1)];
    for (int i = 0; i < h; i++) {
      double row = 0;
      for (int j = 0; j < w; j++) {
        row += Math.scalb(pixels[i * w + j], shift) - reference;
        t[(i + 1) * (w + 1) + j + 1] = t[i * (w + 1) + j + 1] + row;
      }
    }
    return t;
  }

  private static double boxSum(double[] t, int w, int top, int left, int size) {
    int stride = w + 1;
    int bottom = top + size;
    int right = left + size;
    return t[bottom * stride + right] - t[top * stride + right] - t[bottom * stride + left]
        + t[top * stride + left];
  }

  /**
   * Configures a {@link Segmentation}; setters check their argument at once.
   *
   * <p>{@link #seed}: the k-means seed, default 0.
   */
  public static final class Builder extends SeededBuilder<Builder> {
    private int window = 100;
    private int stride = 20;
    private int clusters = 4;

    private Builder() {}

    private Builder(Segmentation segmentation) {
      SegmentationSettings s = segmentation.settings();
      window = s.window();
      stride = s.stride();
      clusters = s.clusters();
      seed(s.seed());
      runAs(s.threads(), segmentation);
    }

    /**
     * The side of the square window in pixels (default 100).
     *
     * @throws IllegalArgumentException if {@code window < 1}
     */
    public Builder window(int window) {
      this.window = Arguments.requireAtLeast(window, 1, "window");
      return this;
    }

    /**
     * The step between window positions in pixels (default 20).
     *
     * @throws IllegalArgumentException if {@code stride < 1}
     */
    public Builder stride(int stride) {
      this.stride = Arguments.requireAtLeast(stride, 1, "stride");
      return this;
    }

    /**
     * The number of segments (default 4).
     *
     * @throws IllegalArgumentException if {@code clusters < 1}
     */
    public Builder clusters(int clusters) {
      this.clusters = Arguments.requireAtLeast(clusters, 1, "clusters");
      return this;
    }

    /** The configuration. */
    public Segmentation build() {
      return new Segmentation(
          new SegmentationSettings(window, stride, clusters, seedValue(), threadCount()), this);
    }

    /**
     * Shorthand for {@code build().segment(image)}.
     *
     * @throws IllegalArgumentException as {@link Segmentation#segment} does
     * @throws CancellationException as {@link Segmentation#segment} does
     */
    public SegmentationResult segment(RgbImage image) {
      return build().segment(image);
    }
  }
}
