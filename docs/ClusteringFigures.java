import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.image.SegmentationResult;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Shift;
import io.github.nmf4j.nmf.Solver;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Makes the figures and numbers of the guide's clustering pages ("Clustering signed waveforms",
 * "When k-means fails", "Segmenting an image") with the library's public API. Run from the
 * repository's root:
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp core/target/classes docs/ClusteringFigures.java
 * </pre>
 *
 * It writes docs/figures/waveforms-*.png, moons-circles.png, segment-*.png and
 * docs/figures/clustering-numbers.txt. Everything is seeded.
 */
public class ClusteringFigures {

  static final Path FIGURES = Path.of("docs/figures");
  static final StringBuilder NUMBERS = new StringBuilder();
  static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(FIGURES);
    note("# Numbers quoted in the clustering pages, made by docs/ClusteringFigures.java");
    waveforms();
    segmentation();
    kmeansFails();
    Files.writeString(FIGURES.resolve("clustering-numbers.txt"), NUMBERS);
    System.out.print(NUMBERS);
  }

  static void note(String line) {
    NUMBERS.append(line).append('\n');
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  // ---------------------------------------------------------------- signed waveforms

  /** Samples per waveform: 3 ms at 16 kHz. */
  static final int SAMPLES = 48;

  /**
   * The three templates of docs/signed-waveforms.md: a negative trough and a positive rebound,
   * differing in depth, width and timing. Time in ms.
   */
  static double template(int t, double time) {
    return switch (t) {
      case 0 -> -1.0 * bump(time, 0.8, 0.12) + 0.35 * bump(time, 1.3, 0.30);
      case 1 -> -0.6 * bump(time, 0.8, 0.25) + 0.50 * bump(time, 1.6, 0.35);
      default -> -1.4 * bump(time, 0.8, 0.08) + 0.15 * bump(time, 1.1, 0.50);
    };
  }

  static double bump(double time, double centre, double width) {
    double z = (time - centre) / width;
    return Math.exp(-z * z);
  }

  /** 100 noisy waveforms per template, interleaved (row i comes from template i % 3). */
  static Matrix waveformData(int[] truth) {
    SplittableRandom random = new SplittableRandom(7);
    double[][] rows = new double[truth.length][SAMPLES];
    for (int i = 0; i < rows.length; i++) {
      truth[i] = i % 3;
      for (int s = 0; s < SAMPLES; s++) {
        rows[i][s] = template(truth[i], s / 16.0) + 0.08 * random.nextGaussian();
      }
    }
    return Matrix.of(rows);
  }

  static void waveforms() throws IOException {
    int[] truth = new int[300];
    Matrix x = waveformData(truth);
    note("");
    note("## Signed waveforms: 300 x " + SAMPLES + ", NMF rank 3, adjusted Rand index");
    note("| shift | solver | offset range | ARI | relative error |");
    note("|---|---|---|---:|---:|");
    int[] shown = null;
    for (Shift.Scope scope : Shift.Scope.values()) {
      Shift shift = Shift.toNonNegative(x, scope);
      double[] offsets = shift.offsets();
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (double o : offsets) {
        lo = Math.min(lo, o);
        hi = Math.max(hi, o);
      }
      for (Solver solver : Solver.values()) {
        NmfModel model = Nmf.builder().rank(3).solver(solver).maxIterations(500).seed(0)
            .fit(shift.shifted());
        int[] labels = model.clusterLabels();
        double ari = ClusteringMetrics.adjustedRandIndex(truth, labels);
        note(f("| %s | %s | %.3f-%.3f | %.3f | %.4f |", scope, solver, lo, hi, ari,
            model.relativeError()));
        if (scope == Shift.Scope.PER_COLUMN && solver == Solver.MULTIPLICATIVE_UPDATE) {
          shown = labels;
        }
      }
    }
    write("waveforms-clusters.png", waveformPanels(x, shown, 3));
  }

  /** One panel per cluster: its waveforms in light colour, their mean in bold. */
  static BufferedImage waveformPanels(Matrix x, int[] labels, int k) {
    int pw = 300;
    int ph = 220;
    int margin = 36;
    BufferedImage img = new BufferedImage(k * pw, ph + 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(img);
    double lo = x.min();
    double hi = x.max();
    for (int c = 0; c < k; c++) {
      int x0 = c * pw + margin;
      int w = pw - margin - 10;
      int y0 = 30;
      int h = ph - 50;
      double[] mean = new double[x.cols()];
      int count = 0;
      for (int i = 0; i < x.rows(); i++) {
        if (labels[i] != c) {
          continue;
        }
        count++;
        double[] row = x.row(i);
        for (int s = 0; s < row.length; s++) {
          mean[s] += row[s];
        }
        Color base = PALETTE[c];
        g.setColor(new Color(base.getRed(), base.getGreen(), base.getBlue(), 40));
        g.setStroke(new BasicStroke(1f));
        polyline(g, row, x0, y0, w, h, lo, hi);
      }
      for (int s = 0; s < mean.length; s++) {
        mean[s] /= Math.max(1, count);
      }
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(2.5f));
      polyline(g, mean, x0, y0, w, h, lo, hi);
      g.setStroke(new BasicStroke(1f));
      g.setColor(Color.GRAY);
      int zero = (int) Math.round(y0 + h * (hi - 0) / (hi - lo));
      g.drawLine(x0, zero, x0 + w, zero);
      g.drawRect(x0, y0, w, h);
      g.setColor(Color.BLACK);
      g.drawString(f("cluster %d: %d waveforms", c + 1, count), x0, 20);
      g.drawString("0", x0 - 14, zero + 4);
      g.drawString("0 ms", x0, y0 + h + 16);
      g.drawString("3 ms", x0 + w - 28, y0 + h + 16);
    }
    g.dispose();
    return img;
  }

  static void polyline(Graphics2D g, double[] y, int x0, int y0, int w, int h, double lo,
      double hi) {
    int[] xs = new int[y.length];
    int[] ys = new int[y.length];
    for (int s = 0; s < y.length; s++) {
      xs[s] = x0 + (int) Math.round((double) s * w / (y.length - 1));
      ys[s] = y0 + (int) Math.round(h * (hi - y[s]) / (hi - lo));
    }
    g.drawPolyline(xs, ys, y.length);
  }

  // ---------------------------------------------------------------- segmentation

  static void segmentation() throws IOException {
    RgbImage photo = Images.readRgb(FIGURES.resolve("input/china.png"));
    long start = System.nanoTime();
    SegmentationResult s = Segmentation.builder().window(100).stride(20).clusters(4).seed(0)
        .segment(photo);
    double seconds = (System.nanoTime() - start) / 1e9;
    note("");
    note("## Segmentation of china.png " + photo.height() + "x" + photo.width()
        + ", window 100, stride 20, k = 4");
    note(f("window positions %d x %d, %.3f s", s.windowTops().length, s.windowLefts().length,
        seconds));
    int[] pixels = new int[s.clusters()];
    for (int l : s.pixelLabels()) {
      pixels[l]++;
    }
    note("| segment | mean colour (R, G, B) | share of pixels |");
    note("|---:|---|---:|");
    for (int c = 0; c < s.clusters(); c++) {
      note(f("| %d | %.2f, %.2f, %.2f | %.1f%% |", c, s.colors().get(c, 0),
          s.colors().get(c, 1), s.colors().get(c, 2), 100.0 * pixels[c] / photo.pixels()));
    }
    BufferedImage[] panels = {Images.toBufferedImage(photo),
        Images.toBufferedImage(s.labelMap()), Images.toBufferedImage(s.overlay(photo))};
    String[] captions = {"china.png", "segment map (k = 4)", "segment borders"};
    int scale = 2;
    int pw = photo.width() / scale;
    int ph = photo.height() / scale;
    BufferedImage img = new BufferedImage(3 * pw + 20, ph + 24, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(img);
    for (int i = 0; i < 3; i++) {
      int x0 = i * (pw + 10);
      g.drawImage(panels[i].getScaledInstance(pw, ph, java.awt.Image.SCALE_AREA_AVERAGING), x0,
          20, null);
      g.setColor(Color.BLACK);
      g.drawString(captions[i], x0, 14);
    }
    g.dispose();
    write("segment-china.png", img);
  }

  // ---------------------------------------------------------------- when k-means fails

  /** scikit-learn's make_moons: two interleaved half circles, Gaussian noise. */
  static Matrix moons(int n, double noise, long seed, int[] truth) {
    SplittableRandom r = new SplittableRandom(seed);
    int outer = n / 2;
    double[] x = new double[2 * n];
    for (int i = 0; i < n; i++) {
      boolean isOuter = i < outer;
      int m = isOuter ? outer : n - outer;
      double t = Math.PI * (isOuter ? i : i - outer) / (m - 1);
      x[2 * i] = (isOuter ? Math.cos(t) : 1 - Math.cos(t)) + noise * gaussian(r);
      x[2 * i + 1] = (isOuter ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * gaussian(r);
      truth[i] = isOuter ? 0 : 1;
    }
    return Matrix.wrap(n, 2, x);
  }

  /** scikit-learn's make_circles: two concentric circles, radii 1 and factor. */
  static Matrix circles(int n, double factor, double noise, long seed, int[] truth) {
    SplittableRandom r = new SplittableRandom(seed);
    int outer = n / 2;
    double[] x = new double[2 * n];
    for (int i = 0; i < n; i++) {
      boolean isOuter = i < outer;
      int m = isOuter ? outer : n - outer;
      double t = 2 * Math.PI * (isOuter ? i : i - outer) / m;
      double radius = isOuter ? 1 : factor;
      x[2 * i] = radius * Math.cos(t) + noise * gaussian(r);
      x[2 * i + 1] = radius * Math.sin(t) + noise * gaussian(r);
      truth[i] = isOuter ? 0 : 1;
    }
    return Matrix.wrap(n, 2, x);
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static void kmeansFails() throws IOException {
    int n = 400;
    int[][] truths = {new int[n], new int[n]};
    Matrix[] data = {moons(n, 0.06, 1, truths[0]), circles(n, 0.5, 0.05, 2, truths[1])};
    String[] names = {"two moons", "two circles"};
    String[] methods = {"k-means", "spectral (10-NN graph)", "agglomerative (single)",
        "agglomerative (Ward)"};
    note("");
    note("## When k-means fails: " + n + " points, 2 clusters, adjusted Rand index");
    note("| data | k-means | spectral (10-NN) | single linkage | Ward linkage |");
    note("|---|---:|---:|---:|---:|");
    int cell = 230;
    BufferedImage img = new BufferedImage(methods.length * cell, 2 * (cell + 20),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(img);
    for (int d = 0; d < 2; d++) {
      Matrix x = data[d];
      int[][] labels = {
          KMeans.builder().k(2).restarts(10).seed(0).fit(x).labels(),
          SpectralClustering.builder().clusters(2).affinity(Affinity.NEAREST_NEIGHBORS)
              .neighbors(10).seed(0).fit(x).labels(),
          Agglomerative.builder().linkage(Linkage.SINGLE).clusters(2).fit(x).labels(),
          Agglomerative.builder().linkage(Linkage.WARD).clusters(2).fit(x).labels()};
      StringBuilder row = new StringBuilder("| " + names[d]);
      for (int m = 0; m < methods.length; m++) {
        double ari = ClusteringMetrics.adjustedRandIndex(truths[d], labels[m]);
        row.append(f(" | %.3f", ari));
        scatter(g, x, labels[m], m * cell, d * (cell + 20) + 20, cell,
            f("%s: ARI %.2f", methods[m], ari));
      }
      note(row + " |");
    }
    g.dispose();
    write("kmeans-fails.png", img);
  }

  static void scatter(Graphics2D g, Matrix x, int[] labels, int x0, int y0, int size,
      String title) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.rows(); i++) {
      minX = Math.min(minX, x.get(i, 0));
      maxX = Math.max(maxX, x.get(i, 0));
      minY = Math.min(minY, x.get(i, 1));
      maxY = Math.max(maxY, x.get(i, 1));
    }
    double span = Math.max(maxX - minX, maxY - minY);
    int pad = 12;
    int inner = size - 2 * pad;
    g.setColor(Color.BLACK);
    g.drawString(title, x0 + 6, y0 - 4);
    g.setColor(Color.LIGHT_GRAY);
    g.drawRect(x0 + 4, y0, size - 8, size - 8);
    for (int i = 0; i < x.rows(); i++) {
      int px = x0 + pad + (int) Math.round((x.get(i, 0) - minX) / span * inner);
      int py = y0 + pad + (int) Math.round((maxY - x.get(i, 1)) / span * inner);
      g.setColor(PALETTE[labels[i] % PALETTE.length]);
      g.fillOval(px - 2, py - 2, 5, 5);
    }
  }

  // ---------------------------------------------------------------- drawing

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  static void write(String name, BufferedImage image) throws IOException {
    String format = name.endsWith(".png") ? "png" : "jpg";
    if (!ImageIO.write(image, format, FIGURES.resolve(name).toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
  }
}
