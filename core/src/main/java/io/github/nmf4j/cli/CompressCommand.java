package io.github.nmf4j.cli;

import io.github.nmf4j.image.ChannelLayout;
import io.github.nmf4j.image.CompressionResult;
import io.github.nmf4j.image.ImageCompression;
import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.internal.DistinctRows;
import io.github.nmf4j.nmf.Nmf;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code nmf4j compress IMAGE --out FILE}: NMF or k-means image compression. */
final class CompressCommand implements Command {

  /** The NMF tolerance of {@code compress} unless {@code --tol} is given. */
  static final double COMPRESS_TOLERANCE = 1e-5;

  @Override
  public String name() {
    return "compress";
  }

  @Override
  public String summary() {
    return "compress an image with NMF (rank K) or k-means (K colours)";
  }

  @Override
  public String description() {
    return "Compresses IMAGE (PNG, JPEG, BMP or GIF) and writes the reconstruction to --out.\n"
        + "--method nmf factors the image V (rows x cols) into W (rows x K) H (K x cols),\n"
        + "storing rows*K + K*cols numbers per channel; --method kmeans replaces each pixel by\n"
        + "the nearest of K colours, storing one label per pixel plus the K colours. Reports\n"
        + "stored and original numbers, the compression ratio and the PSNR (peak 1).";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .positional("IMAGE", "the image to compress")
        .option("out", "FILE", "where to write the reconstruction (.png, .jpg, .bmp, .gif)")
        .option("method", "METHOD", "nmf (default) or kmeans")
        .option("rank", "K", "NMF rank (default 20)")
        .option("layout", "LAYOUT", "NMF of a colour image: separate (default; one W and H per"
            + " channel) or side-by-side (channels as one matrix sharing W)")
        .option("colors", "K", "k-means colours (default 16)")
        .flag("gray", "convert the image to gray first");
    ImageInput.add(o);
    return NmfOptions.add(o, new NmfOptions.Defaults(NmfOptions.LIBRARY.solver(),
        NmfOptions.LIBRARY.init(), "200; k-means 300", "1e-5; k-means 1e-4", "1"));
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path out = outputs.add("out", args.requiredPath("out", "FILE"), Outputs.IMAGE);
    String method = args.choice("method", Map.of("nmf", "nmf", "kmeans", "kmeans"), "nmf");
    FitOptions.Values kMeansFit = FitOptions.read(args, 300, 1e-4, 1);
    if (method.equals("nmf") && args.has("colors") || method.equals("kmeans") && args.has("rank")) {
      throw new UsageException("--rank goes with --method nmf, --colors with --method kmeans");
    }
    for (String nmfOnly : new String[] {"layout", "loss", "solver", "init"}) {
      if (method.equals("kmeans") && args.has(nmfOnly)) {
        throw new UsageException("--" + nmfOnly + " goes with --method nmf");
      }
    }
    if (args.has("layout") && args.has("gray")) {
      throw new UsageException("--layout arranges the three channels of a colour image: it has"
          + " no effect with --gray, which leaves one (leave --layout out)");
    }
    ChannelLayout layout = args.choice("layout", Map.of("separate", ChannelLayout.SEPARATE,
        "side-by-side", ChannelLayout.SIDE_BY_SIDE), ChannelLayout.SEPARATE);
    int rank = args.integer("rank", 20, 1);
    ProgressBar bar = context.progressBar(method);
    Nmf nmf = null;
    if (method.equals("nmf")) {
      Nmf.Builder builder = NmfOptions.builder(args, rank, bar);
      if (!args.has("tol")) {
        // Tighter than the library's 1e-4: at 1e-4 HALS stops up to 0.3 dB short of
        // scikit-learn's default NMF on photographs; at 1e-5 it matches or passes it, still
        // several times faster (docs/benchmarks.md, "Image compression").
        builder.tolerance(COMPRESS_TOLERANCE);
      }
      nmf = builder.build();
    }

    RgbImage image = Images.readRgb(input, ImageInput.maxPixels(args));
    if (args.has("gray")) {
      image = RgbImage.ofGray(image.toGray());
    }
    int colors = args.integer("colors", 16, 1);
    if (method.equals("nmf")) {
      int channels = layout == ChannelLayout.SIDE_BY_SIDE && !image.isGray() ? 3 : 1;
      Preflight.rank("--rank", rank, input.toString(), image.height(),
          (long) image.width() * channels);
      Preflight.initialization(NmfOptions.init(args), "--rank", rank, input.toString(),
          image.height(), (long) image.width() * channels);
      Preflight.restarts(args, NmfOptions.init(args), "--rank", rank, input.toString(),
          image.height(), (long) image.width() * channels, NmfOptions.RANDOM_START);
    } else {
      Preflight.clusters("--colors", colors, (long) image.height() * image.width(),
          "pixel", "of " + input);
      RgbImage rgb = image;
      int width = image.width();
      Preflight.distinctClusters("--colors", colors, DistinctRows.count(image.pixels(), colors,
          i -> {
            double[] colour = new double[rgb.isGray() ? 1 : 3];
            for (int c = 0; c < colour.length; c++) {
              colour[c] = rgb.channel(c).get(i / width, i % width);
            }
            return colour;
          }), "colour", "of " + input);
    }

    CompressionResult result;
    long start = System.nanoTime();
    try {
      if (method.equals("kmeans")) {
        result = ImageCompression.kmeans(image, FitOptions.kMeans(colors, kMeansFit, bar).build());
      } else {
        result = ImageCompression.nmf(image, nmf, layout);
      }
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    outputs.writeAll(() -> Images.writeRgb(out, result.reconstruction()));

    boolean gray = image.isGray();
    // an exact reconstruction (k-means with as many colours as the image has) has no finite PSNR
    String psnr = Double.isInfinite(result.psnr()) ? "PSNR infinite (exact reconstruction)"
        : String.format(Locale.ROOT, "PSNR %.2f dB", result.psnr());
    context.out().printf(Locale.ROOT, "%s %s image %s (%s) with %s %d: stored %d of %s"
        + " (ratio %.2f), %s, %.3f s%n", "compressed", gray ? "gray" : "colour",
        input, PrintOut.imageSize(image.height(), image.width()),
        method.equals("nmf") ? "rank" : "colours", result.k(), result.storedValues(),
        PrintOut.count(result.originalValues(), "number"),
        result.compressionRatio(), psnr, seconds);
    context.out().println("reconstruction written to " + out);
    Json json = new Json().put("command", "compress").put("input", input.toString())
        .put("output", out.toString()).put("rows", image.height()).put("cols", image.width())
        .put("channels", gray ? 1 : 3).put("seconds", seconds).put("method", method)
        .put(method.equals("nmf") ? "rank" : "colors", result.k())
        .put("storedValues", result.storedValues()).put("originalValues",
            result.originalValues()).put("compressionRatio", result.compressionRatio())
        .put("psnr", result.psnr()).put("relativeError", result.relativeError());
    if (nmf != null) {
      json.put("solver", NmfOptions.name(nmf.settings().solver()));
      if (!gray) {
        json.put("layout", layout == ChannelLayout.SEPARATE ? "separate" : "side-by-side");
      }
    }
    return json;
  }
}
