package io.github.nmf4j.image;

/**
 * What compressing an image cost and what it kept: the reconstructed image, how many numbers
 * the compressed form stores against the original's, and the reconstruction's quality.
 *
 * <p>The reconstruction is clipped to [0, 1], like the image a viewer would show, and its
 * quality is measured after clipping: {@link #psnr()} is {@code 10 log10(1 / MSE)} over every
 * sample of every channel (peak 1), {@link #relativeError()} is {@code ||X - Y||_F / ||X||_F}.
 *
 * <p>Made by {@link ImageCompression}; a record, so two results are equal when every component
 * is.
 *
 * @param method {@code "nmf"} or {@code "kmeans"}
 * @param k the rank (NMF) or the number of colours (k-means)
 * @param reconstruction the reconstructed image, clipped to [0, 1]; gray images come back with
 *     equal channels
 * @param storedValues the numbers the compressed form stores: {@code rows * k + k * cols} for
 *     each factored matrix (NMF), or one label per pixel plus {@code channels * k} for the
 *     palette (k-means)
 * @param originalValues the numbers of the original: pixels times channels (1 for gray, 3 for
 *     colour)
 * @param psnr the peak signal-to-noise ratio in decibels (peak 1); infinite for a perfect copy
 * @param relativeError the relative Frobenius error of the reconstruction over all channels
 */
public record CompressionResult(String method, int k, RgbImage reconstruction, long storedValues,
    long originalValues, double psnr, double relativeError) {

  /** {@link #originalValues()} divided by {@link #storedValues()}: above 1 means smaller. */
  public double compressionRatio() {
    return (double) originalValues / storedValues;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "%s k=%d: stored %d of %d values (ratio %.2f), PSNR %.2f dB, relative error %.4f",
        method, k, storedValues, originalValues, compressionRatio(), psnr, relativeError);
  }
}
