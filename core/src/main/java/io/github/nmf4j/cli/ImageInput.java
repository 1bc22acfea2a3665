package io.github.nmf4j.cli;

import io.github.nmf4j.image.Images;

/**
 * The image input of {@code compress} and {@code segment}, declared and read in one place: both
 * take {@code --max-pixels N}, the option their refusal of a large image names.
 */
final class ImageInput {

  private ImageInput() {}

  /** Adds {@code --max-pixels N}. */
  static Options add(Options o) {
    return o.option("max-pixels", "N", "refuse images of more than N pixels (default "
        + Images.DEFAULT_MAX_PIXELS + " = 8192 x 8192, or the system property "
        + Images.MAX_PIXELS_PROPERTY + ")");
  }

  /**
   * The pixel limit: {@code --max-pixels} if given, else {@link Images#maxPixels()}.
   *
   * @throws UsageException if {@code --max-pixels} is below 1
   */
  static long maxPixels(Args args) {
    long maxPixels = args.longValue("max-pixels", Images.maxPixels());
    if (maxPixels < 1) {
      throw new UsageException("--max-pixels must be >= 1, was " + maxPixels);
    }
    return maxPixels;
  }
}
