import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.image.ChannelLayout;
import io.github.nmf4j.image.CompressionResult;
import io.github.nmf4j.image.ImageCompression;
import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.LineChart;
import io.github.nmf4j.image.Montage;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Swimmer;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Makes the figures of the user guide's image compression, basis images (swimmer) and
 * choosing-the-rank pages (docs/figures/) and the numbers they quote (docs/figures/numbers.txt)
 * with the library's public API, from the real photographs of docs/figures/input (README.md
 * there names them) and the synthetic swimmer. Run from the repository's root:
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp core/target/classes docs/GuideFigures.java
 * </pre>
 *
 * Everything is seeded, so the same library version gives the same figures.
 */
public class GuideFigures {

  static final Path FIGURES = Path.of("docs/figures");
  static final StringBuilder NUMBERS = new StringBuilder();
  /** The photograph is reduced to this width (and the height that keeps its proportions). */
  static final int PHOTO_WIDTH = 320;

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(FIGURES);
    note("# Numbers quoted in the guide, made by docs/GuideFigures.java (" + solverName() + ")");
    RgbImage photo = photo("china.png");
    grayCompression(photo);
    colourCompression(photo);
    nightCompression(photo("summer-1am.png"), photo);
    rankSweep(photo);
    swimmer();
    Files.writeString(FIGURES.resolve("numbers.txt"), NUMBERS);
    System.out.print(NUMBERS);
  }

  // ---------------------------------------------------------------- settings

  /** The solver the command line would choose for the Frobenius loss (HALS once it exists). */
  static Solver solver() {
    for (Solver s : Solver.values()) {
      if (s.name().equals("HALS")) {
        return s;
      }
    }
    return Solver.MULTIPLICATIVE_UPDATE;
  }

  static String solverName() {
    return solver() == Solver.MULTIPLICATIVE_UPDATE ? "multiplicative updates" : solver().name();
  }

  /** The settings of {@code nmf4j compress}: the best solver, 200 iterations, tolerance 1e-5. */
  static Nmf.Builder nmf(int rank) {
    return Nmf.builder().rank(rank).solver(solver()).maxIterations(200).tolerance(1e-5).seed(0);
  }

  static void note(String line) {
    NUMBERS.append(line).append('\n');
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  // ---------------------------------------------------------------- the photograph

  /** A photograph of docs/figures/input, reduced to {@link #PHOTO_WIDTH} by area averaging. */
  static RgbImage photo(String name) throws IOException {
    BufferedImage source = ImageIO.read(FIGURES.resolve("input").resolve(name).toFile());
    int height = Math.round((float) source.getHeight() * PHOTO_WIDTH / source.getWidth());
    BufferedImage small = new BufferedImage(PHOTO_WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.drawImage(source.getScaledInstance(PHOTO_WIDTH, height, Image.SCALE_AREA_AVERAGING), 0, 0,
        null);
    g.dispose();
    return Images.fromBufferedImage(small);
  }

  static void grayCompression(RgbImage photo) throws IOException {
    Matrix gray = photo.toGray();
    int[] ranks = {5, 10, 20, 40, 80};
    List<BufferedImage> pictures = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    pictures.add(Images.toBufferedImage(gray));
    captions.add(f("original\n%,d numbers", gray.size()));
    note("");
    note("## Gray photograph " + gray.shape() + ", NMF per rank");
    note("| rank | stored numbers | compression ratio | PSNR (dB) | relative error |");
    note("|---:|---:|---:|---:|---:|");
    for (int r : ranks) {
      CompressionResult c = ImageCompression.nmf(gray, nmf(r).build());
      pictures.add(Images.toBufferedImage(c.reconstruction().red()));
      captions.add(f("rank %d: %,d numbers (%.1fx smaller)\nPSNR %.1f dB", r, c.storedValues(),
          c.compressionRatio(), c.psnr()));
      note(f("| %d | %,d | %.2f | %.2f | %.4f |", r, c.storedValues(), c.compressionRatio(),
          c.psnr(), c.relativeError()));
    }
    write("compress-gray.jpg", captioned(pictures, captions, 3));
  }

  static void colourCompression(RgbImage photo) throws IOException {
    CompressionResult separate = ImageCompression.nmf(photo, nmf(40).build(),
        ChannelLayout.SEPARATE);
    CompressionResult joint = ImageCompression.nmf(photo, nmf(55).build(),
        ChannelLayout.SIDE_BY_SIDE);
    CompressionResult kmeans16 = ImageCompression.kmeans(photo,
        KMeans.builder().k(16).seed(0).build());
    List<BufferedImage> pictures = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    pictures.add(Images.toBufferedImage(photo));
    captions.add(f("original\n%,d numbers", 3 * photo.pixels()));
    note("");
    note("## Colour photograph " + photo.height() + "x" + photo.width()
        + ", about a third of the numbers");
    note("| method | stored numbers | compression ratio | PSNR (dB) | relative error |");
    note("|---|---:|---:|---:|---:|");
    String[] names = {"NMF rank 40, channels separate", "NMF rank 55, channels side by side",
        "k-means, 16 colours"};
    CompressionResult[] results = {separate, joint, kmeans16};
    for (int i = 0; i < results.length; i++) {
      CompressionResult c = results[i];
      pictures.add(Images.toBufferedImage(c.reconstruction()));
      captions.add(f("%s\n%,d numbers, PSNR %.1f dB", names[i], c.storedValues(), c.psnr()));
      note(f("| %s | %,d | %.2f | %.2f | %.4f |", names[i], c.storedValues(),
          c.compressionRatio(), c.psnr(), c.relativeError()));
    }
    write("compress-colour.jpg", captioned(pictures, captions, 2));
  }

  /**
   * The night photograph against the day photograph: NMF and k-means at a small and a larger
   * budget, with the PSNR on the edge pixels (the tenth of the pixels with the largest gray
   * gradient) and on the rest; and a picture of the night photograph with a magnified crop.
   */
  static void nightCompression(RgbImage night, RgbImage day) throws IOException {
    note("");
    note("## Night and day photographs: NMF (channels separate) and k-means colours");
    note("| photograph | method | stored numbers | PSNR (dB) | PSNR on edges | PSNR elsewhere |");
    note("|---|---|---:|---:|---:|---:|");
    String[] names = {"NMF rank 10", "NMF rank 40", "k-means, 16 colours", "k-means, 64 colours"};
    List<BufferedImage> pictures = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    int[] crop = {200, 118, 100, 50};   // x, y, width, height in the 320 x 200 night picture
    for (RgbImage photo : List.of(night, day)) {
      boolean[] edges = edgePixels(photo.toGray(), 0.9);
      CompressionResult[] results = {
          ImageCompression.nmf(photo, nmf(10).build()),
          ImageCompression.nmf(photo, nmf(40).build()),
          ImageCompression.kmeans(photo, KMeans.builder().k(16).seed(0).build()),
          ImageCompression.kmeans(photo, KMeans.builder().k(64).seed(0).build())};
      String which = photo == night ? "night" : "day";
      for (int i = 0; i < results.length; i++) {
        CompressionResult c = results[i];
        note(f("| %s %dx%d | %s | %,d | %.2f | %.2f | %.2f |", which, photo.height(),
            photo.width(), names[i], c.storedValues(), c.psnr(),
            maskedPsnr(photo, c.reconstruction(), edges, true),
            maskedPsnr(photo, c.reconstruction(), edges, false)));
      }
      if (photo == night) {
        RgbImage[] shown = {photo, results[0].reconstruction(), results[2].reconstruction()};
        String[] labels = {f("original\n%,d numbers", 3 * photo.pixels()),
            f("NMF rank 10\n%,d numbers, PSNR %.1f dB", results[0].storedValues(),
                results[0].psnr()),
            f("k-means, 16 colours\n%,d numbers, PSNR %.1f dB", results[2].storedValues(),
                results[2].psnr())};
        for (int i = 0; i < shown.length; i++) {
          pictures.add(Images.toBufferedImage(shown[i]));
          captions.add(labels[i]);
        }
        for (int i = 0; i < shown.length; i++) {
          pictures.add(magnified(Images.toBufferedImage(shown[i]), crop, 3));
          captions.add(f("%s, the reeds x3", i == 0 ? "original" : labels[i].split("\n")[0]));
        }
      }
    }
    write("compress-night.jpg", captioned(pictures, captions, 3));
  }

  /** Pixels whose gray gradient |dx| + |dy| is at or above the given quantile. */
  static boolean[] edgePixels(Matrix gray, double quantile) {
    int h = gray.rows();
    int w = gray.cols();
    double[] g = new double[h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x + 1 < w ? gray.get(y, x + 1) - gray.get(y, x) : 0;
        double dy = y + 1 < h ? gray.get(y + 1, x) - gray.get(y, x) : 0;
        g[y * w + x] = Math.abs(dx) + Math.abs(dy);
      }
    }
    double[] sorted = g.clone();
    Arrays.sort(sorted);
    double limit = sorted[(int) (quantile * (sorted.length - 1))];
    boolean[] edges = new boolean[g.length];
    for (int i = 0; i < g.length; i++) {
      edges[i] = g[i] >= limit;
    }
    return edges;
  }

  /** PSNR (peak 1) over the three channels of the pixels where {@code mask == inside}. */
  static double maskedPsnr(RgbImage a, RgbImage b, boolean[] mask, boolean inside) {
    double sum = 0;
    long count = 0;
    for (int c = 0; c < 3; c++) {
      double[] x = a.channel(c).toRowMajorArray();
      double[] y = b.channel(c).toRowMajorArray();
      for (int i = 0; i < x.length; i++) {
        if (mask[i] == inside) {
          double d = x[i] - y[i];
          sum += d * d;
          count++;
        }
      }
    }
    return 10 * Math.log10(count / sum);
  }

  /** The rectangle {x, y, width, height} of {@code image}, each pixel repeated {@code times}. */
  static BufferedImage magnified(BufferedImage image, int[] r, int times) {
    BufferedImage out = new BufferedImage(r[2] * times, r[3] * times, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(image.getSubimage(r[0], r[1], r[2], r[3]), 0, 0, r[2] * times, r[3] * times,
        null);
    g.dispose();
    return out;
  }

  static void rankSweep(RgbImage photo) throws IOException {
    int[] ranks = {2, 5, 10, 20, 30, 40, 60, 80, 100};
    int[] jointRanks = new int[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      jointRanks[i] = (int) Math.round(ranks[i] * 1.365); // same storage as the separate ranks
    }
    int[] colours = {2, 4, 8, 16, 32, 64, 128};
    List<CompressionResult> separate = ImageCompression.rankSweep(photo, nmf(1).build(),
        ChannelLayout.SEPARATE, ranks);
    List<CompressionResult> joint = ImageCompression.rankSweep(photo, nmf(1).build(),
        ChannelLayout.SIDE_BY_SIDE, jointRanks);
    List<CompressionResult> quantized = new ArrayList<>();
    for (int k : colours) {
      quantized.add(ImageCompression.kmeans(photo, KMeans.builder().k(k).seed(0).build()));
    }
    note("");
    note("## Colour rank sweep (stored numbers in thousands, PSNR in dB)");
    note("| method | k | stored | PSNR | relative error |");
    note("|---|---:|---:|---:|---:|");
    LineChart chart = new LineChart("Compressing a " + photo.height() + "x" + photo.width()
        + " colour photograph", "stored numbers (thousands; the original has "
        + 3 * photo.pixels() / 1000 + ")", "PSNR (dB)");
    String[] names = {"NMF, channels separate", "NMF, channels side by side", "k-means colours"};
    List<List<CompressionResult>> all = List.of(separate, joint, quantized);
    for (int s = 0; s < all.size(); s++) {
      List<CompressionResult> list = all.get(s);
      double[] x = new double[list.size()];
      double[] y = new double[list.size()];
      for (int i = 0; i < list.size(); i++) {
        CompressionResult c = list.get(i);
        x[i] = c.storedValues() / 1000.0;
        y[i] = c.psnr();
        note(f("| %s | %d | %.1f | %.2f | %.4f |", names[s], c.k(), x[i], y[i],
            c.relativeError()));
      }
      chart.series(names[s], x, y);
    }
    write("rank-sweep.png", chart.draw(720, 450));
  }

  // ---------------------------------------------------------------- parts

  static void swimmer() throws IOException {
    Matrix v = Swimmer.images();
    List<Matrix> samples = new ArrayList<>();
    for (int n = 0; n < 256; n += 23) {
      samples.add(Swimmer.image(v, n));
    }
    write("swimmer-samples.png", Montage.grid(samples, samples.size(), 3, false));
    // The multiplicative updates, as the demo: the swimmer matrix has many exact rank-17
    // factorizations, and MU's best of 8 random starts is the one that separates the parts.
    NmfModel model = nmf(17).solver(Solver.MULTIPLICATIVE_UPDATE).maxIterations(400)
        .initialization(Initialization.RANDOM).restarts(8).tolerance(1e-5).fit(v);
    write("swimmer-basis.png", Montage.grid(rows(model.h(), 32, 32), 9, 3, true));
    double[] c = Swimmer.bestCorrelations(model.h());
    note("");
    note("## Swimmer, rank 17, best of 8 random starts (multiplicative updates)");
    note(f("relative error %.4f, worst part correlation %.3f, iterations %d",
        model.relativeError(), Arrays.stream(c).min().getAsDouble(), model.iterations()));

    note("");
    note("## Swimmer, error by rank (best of 4 random starts, multiplicative updates)");
    note("| rank | relative error | parts found (correlation >= 0.9) |");
    note("|---:|---:|---:|");
    int[] ranks = {4, 8, 12, 13, 14, 15, 16, 17, 18, 20, 24};
    double[] x = new double[ranks.length];
    double[] y = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      NmfModel m = nmf(ranks[i]).solver(Solver.MULTIPLICATIVE_UPDATE).maxIterations(400)
          .initialization(Initialization.RANDOM).restarts(4).tolerance(1e-5).fit(v);
      long found = Arrays.stream(Swimmer.bestCorrelations(m.h())).filter(t -> t >= 0.9).count();
      x[i] = ranks[i];
      y[i] = Math.max(m.relativeError(), 1e-4);
      note(f("| %d | %.4f | %d |", ranks[i], m.relativeError(), found));
    }
    write("swimmer-rank.png", new LineChart("Swimmer images: error against rank", "rank",
        "relative error ||V - WH|| / ||V||").logY(true).series("NMF", x, y).draw(720, 400));
  }

  // ---------------------------------------------------------------- helpers

  /** Each row of {@code m} as an {@code h x w} image. */
  static List<Matrix> rows(Matrix m, int h, int w) {
    List<Matrix> tiles = new ArrayList<>();
    for (int k = 0; k < m.rows(); k++) {
      tiles.add(Matrix.wrap(h, w, m.row(k)));
    }
    return tiles;
  }

  /** Pictures in a grid, each with its caption below, on white. */
  static BufferedImage captioned(List<BufferedImage> pictures, List<String> captions,
      int columns) {
    int cellW = 0;
    int cellH = 0;
    for (BufferedImage p : pictures) {
      cellW = Math.max(cellW, p.getWidth());
      cellH = Math.max(cellH, p.getHeight());
    }
    int pad = 12;
    int lines = 1;
    for (String c : captions) {
      lines = Math.max(lines, c.split("\n").length);
    }
    int text = 6 + 17 * lines;
    int cols = Math.min(columns, pictures.size());
    int rows = (pictures.size() + cols - 1) / cols;
    int width = cols * (cellW + pad) + pad;
    int height = rows * (cellH + text + pad) + pad;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    for (int i = 0; i < pictures.size(); i++) {
      int x = pad + (i % cols) * (cellW + pad);
      int y = pad + (i / cols) * (cellH + text + pad);
      g.drawImage(pictures.get(i), x, y, null);
      String[] c = captions.get(i).split("\n");
      for (int l = 0; l < c.length; l++) {
        g.drawString(c[l], x, y + pictures.get(i).getHeight() + fm.getAscent() + 4 + 17 * l);
      }
    }
    g.dispose();
    return img;
  }

  static void write(String name, BufferedImage image) throws IOException {
    Images.write(FIGURES.resolve(name), image);
    System.out.println("wrote " + FIGURES.resolve(name));
  }
}
