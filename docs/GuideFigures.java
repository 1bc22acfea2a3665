import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.image.ChannelLayout;
import io.github.nmf4j.image.CompressionResult;
import io.github.nmf4j.image.ImageCompression;
import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.LineChart;
import io.github.nmf4j.image.Montage;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Swimmer;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Makes the figures of the user guide (docs/figures/) and the numbers the pages quote
 * (docs/figures/numbers.txt) with the library's public API. Run from the repository's root:
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
    RgbImage photo = photo();
    grayCompression(photo);
    colourCompression(photo);
    rankSweep(photo);
    swimmer();
    faces();
    digits();
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

  static RgbImage photo() throws IOException {
    BufferedImage source = ImageIO.read(FIGURES.resolve("input/china.jpg").toFile());
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

  static void faces() throws IOException {
    Matrix faces = facesLike();
    NmfModel model = nmf(16).fit(faces);
    PcaModel pca = Pca.builder().components(16).fit(faces);
    List<BufferedImage> pictures = List.of(
        Montage.grid(rows(model.h(), 25, 25), 8, 3, true),
        Montage.grid(rescaled(rows(pca.components(), 25, 25)), 8, 3, false));
    write("faces-nmf-vs-pca.png", captioned(pictures, List.of(
        "NMF, rank 16: the rows of H (non-negative; each face is a sum of them)",
        "PCA, 16 components (gray is 0; holistic, signed)"), 1));
    Matrix wh = model.w().multiply(model.h());
    List<Matrix> pairs = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      pairs.add(Matrix.wrap(25, 25, faces.row(n * 25)));
    }
    for (int n = 0; n < 8; n++) {
      pairs.add(Matrix.wrap(25, 25, wh.row(n * 25)));
    }
    write("faces-reconstructions.png", Montage.grid(pairs, 8, 3, false));
    note("");
    note("## Faces-like images " + faces.shape() + ", rank 16");
    note(f("NMF relative error %.4f; PCA explained variance of 16 components %.4f",
        model.relativeError(), Arrays.stream(pca.explainedVarianceRatio()).sum()));
  }

  static void digits() throws IOException {
    Matrix data = MatrixIo.read(gunzip("core/src/test/resources/reference/data/digits.csv.gz",
        ".csv"));
    int n = data.rows();
    double[] pixels = new double[n * 64];
    int[] truth = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 64; j++) {
        pixels[i * 64 + j] = data.get(i, j) / 16;
      }
      truth[i] = (int) data.get(i, 64);
    }
    Matrix x = Matrix.wrap(n, 64, pixels);
    NmfModel nmf = nmf(10).fit(x);
    int[] nmfLabels = nmf.clusterLabels();
    KMeansModel km = KMeans.builder().k(10).restarts(10).seed(0).fit(x);
    note("");
    note("## Digits " + x.shape() + ", 10 clusters");
    note("| method | Rand index | adjusted Rand index |");
    note("|---|---:|---:|");
    note(f("| NMF rank 10, label = largest entry of the row of W | %.4f | %.4f |",
        ClusteringMetrics.randIndex(truth, nmfLabels),
        ClusteringMetrics.adjustedRandIndex(truth, nmfLabels)));
    note(f("| k-means, k = 10, best of 10 starts | %.4f | %.4f |",
        ClusteringMetrics.randIndex(truth, km.labels()),
        ClusteringMetrics.adjustedRandIndex(truth, km.labels())));
    List<BufferedImage> pictures = List.of(
        Montage.grid(rows(nmf.h(), 8, 8), 10, 6, true),
        Montage.grid(rows(km.centroids(), 8, 8), 10, 6, true));
    write("digits-nmf-kmeans.png", captioned(pictures, List.of(
        "NMF, rank 10: the rows of H", "k-means, k = 10: the centroids"), 1));
  }

  // ---------------------------------------------------------------- helpers

  static Matrix facesLike() throws IOException {
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(
        Path.of("core/src/test/resources/reference/data/faces_like.u8.gz")))) {
      bytes = in.readAllBytes();
    }
    int images = bytes.length / 625;
    double[] a = new double[images * 625];
    for (int i = 0; i < a.length; i++) {
      a[i] = (bytes[i] & 0xff) / 255.0;
    }
    return Matrix.wrap(images, 625, a);
  }

  static Path gunzip(String file, String suffix) throws IOException {
    Path tmp = Files.createTempFile("guide", suffix);
    tmp.toFile().deleteOnExit();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(file)))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      Files.write(tmp, out.toByteArray());
    }
    return tmp;
  }

  /** Each row of {@code m} as an {@code h x w} image. */
  static List<Matrix> rows(Matrix m, int h, int w) {
    List<Matrix> tiles = new ArrayList<>();
    for (int k = 0; k < m.rows(); k++) {
      tiles.add(Matrix.wrap(h, w, m.row(k)));
    }
    return tiles;
  }

  /** Signed images mapped so that 0 is mid-gray and the largest magnitude black or white. */
  static List<Matrix> rescaled(List<Matrix> tiles) {
    List<Matrix> out = new ArrayList<>();
    for (Matrix t : tiles) {
      double max = Math.max(Math.abs(t.min()), Math.abs(t.max()));
      double[] a = t.toRowMajorArray();
      for (int i = 0; i < a.length; i++) {
        a[i] = 0.5 + 0.5 * a[i] / max;
      }
      out.add(Matrix.wrap(t.rows(), t.cols(), a));
    }
    return out;
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
