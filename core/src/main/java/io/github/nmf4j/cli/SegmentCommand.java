package io.github.nmf4j.cli;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.image.SegmentationResult;
import io.github.nmf4j.image.SegmentationSettings;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code nmf4j segment IMAGE --out FILE}: sliding-window k-means segmentation of an image; see
 * {@link Segmentation}.
 */
final class SegmentCommand implements Command {

  @Override
  public String name() {
    return "segment";
  }

  @Override
  public String summary() {
    return "segment an image by k-means on the mean colour of sliding windows";
  }

  @Override
  public String description() {
    return "Slides a square window over IMAGE with the given stride, takes the mean red, green\n"
        + "and blue of each window position, and clusters them into K segments with k-means.\n"
        + "Each pixel takes the segment of the window centred nearest to it. Writes the\n"
        + "segment map (one colour per segment) and, with --overlay, the image with the\n"
        + "segment borders drawn in yellow.";
  }

  @Override
  public Options options() {
    return ImageInput.add(new Options()
        .positional("IMAGE", "the image to segment (.png, .jpg, .bmp, .gif)")
        .option("out", "FILE", "where to write the segment map (.png, .jpg, .bmp, .gif)")
        .option("overlay", "FILE", "also write the image with the segment borders")
        .option("window", "W", "the window's side in pixels (default 100)")
        .option("stride", "S", "pixels between window positions (default 20)")
        .option("k", "K", "the number of segments (default 4)")
        .option("seed", "S", "random seed of k-means (default 0)")
        .option("threads", "T", FitOptions.THREADS));
  }

  /**
   * Checks {@code --window} against the image and {@code --k} against the window positions.
   *
   * @throws UsageException naming the options (and their defaults when they were not given)
   */
  static void windows(Args args, SegmentationSettings settings, RgbImage image, Path input) {
    int window = settings.window();
    int stride = settings.stride();
    int k = settings.clusters();
    int h = image.height();
    int w = image.width();
    String windowOption = "--window " + window + (args.has("window") ? "" : " (the default)");
    if (window > h || window > w) {
      throw new UsageException(windowOption + " is larger than " + input + " ("
          + PrintOut.imageSize(h, w) + "); it must be at most its smaller side, "
          + Math.min(h, w));
    }
    long tops = settings.positionsAlong(h);
    long lefts = settings.positionsAlong(w);
    if (k > tops * lefts) {
      throw new UsageException("--k " + k + (args.has("k") ? "" : " (the default)")
          + " is more than the " + tops + " x " + lefts + " = " + tops * lefts + " window "
          + "positions of " + input + " at " + windowOption + ", --stride " + stride
          + (args.has("stride") ? "" : " (the default)") + "; each segment needs one (lower "
          + "--k, --window or --stride)");
    }
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path out = outputs.add("out", args.requiredPath("out", "FILE"), Outputs.IMAGE);
    Path overlay = outputs.add("overlay", args.path("overlay"), Outputs.IMAGE);
    Segmentation segmentation = Segmentation.builder()
        .window(args.integer("window", 100, 1))
        .stride(args.integer("stride", 20, 1))
        .clusters(args.integer("k", 4, 1))
        .seed(args.longValue("seed", 0))
        .threads(Preflight.threads(args))
        .build();
    long maxPixels = ImageInput.maxPixels(args);

    RgbImage image = Images.readRgb(input, maxPixels);
    windows(args, segmentation.settings(), image, input);
    long start = System.nanoTime();
    SegmentationResult result;
    try {
      result = segmentation.segment(image);
    } catch (IllegalArgumentException e) {
      // windows() has checked everything else segment() refuses of an image read from a file:
      // what remains is k-means finding fewer distinct window colours than segments
      if (e.getMessage() == null || !e.getMessage().contains("distinct")) {
        throw e;
      }
      throw new UsageException("--k " + segmentation.settings().clusters()
          + (args.has("k") ? "" : " (the default)") + " is more than the distinct mean colours"
          + " of the windows of " + input + " at --window " + segmentation.settings().window()
          + ", --stride " + segmentation.settings().stride() + "; each segment needs a "
          + "different one (lower --k)");
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    outputs.writeAll(() -> {
      Images.writeRgb(out, result.labelMap());
      if (overlay != null) {
        Images.writeRgb(overlay, result.overlay(image));
      }
    });
    int[] tops = result.windowTops();
    int[] lefts = result.windowLefts();
    context.out().printf(Locale.ROOT, "segmented %s (%s) into %s from %dx%d windows of %s,"
        + " %.3f s%n", input, PrintOut.imageSize(image.height(), image.width()),
        PrintOut.count(result.clusters(), "segment"), tops.length, lefts.length,
        PrintOut.count(result.window(), "pixel"), seconds);
    context.out().println("segment map written to " + out);
    if (overlay != null) {
      context.out().println("overlay written to " + overlay);
    }
    Json json = new Json().put("command", "segment").put("input", input.toString())
        .put("output", out.toString()).put("rows", image.height()).put("cols", image.width())
        .put("seconds", seconds).put("window", segmentation.settings().window())
        .put("stride", segmentation.settings().stride()).put("k", result.clusters())
        .put("windows", tops.length * lefts.length);
    if (overlay != null) {
      json.put("overlay", overlay.toString());
    }
    return json;
  }
}
