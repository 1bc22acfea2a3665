import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.Montage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes the numbers and the figure of docs/clustering-guide.md with the library's public API:
 * NMF and k-means clusterings of the 269 chapters of Jane Austen's six novels (word counts,
 * docs/figures/input/austen-*.{npy,txt,csv}) and of the 1,797 handwritten digits
 * (docs/figures/input/digits.npy), scored against the true novel or digit. Run from the
 * repository's root:
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp core/target/classes docs/ClusteringGuideFigures.java
 * </pre>
 *
 * Writes docs/figures/clustering-guide-numbers.txt and docs/figures/digits-nmf-kmeans.png. Everything
 * is seeded: the same library version gives the same numbers.
 */
public class ClusteringGuideFigures {

  static final Path FIGURES = Path.of("docs/figures");
  static final Path INPUT = FIGURES.resolve("input");
  static final StringBuilder NUMBERS = new StringBuilder();
  static final String[] NOVELS = {"Sense & Sensibility", "Pride & Prejudice", "Mansfield Park",
      "Emma", "Northanger Abbey", "Persuasion"};

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    note("# Numbers of docs/clustering-guide.md, made by docs/ClusteringGuideFigures.java; do not edit");
    chapters();
    digits();
    Files.writeString(FIGURES.resolve("clustering-guide-numbers.txt"), NUMBERS);
    System.out.print(NUMBERS);
  }

  static void chapters() throws IOException {
    Matrix counts = MatrixIo.read(INPUT.resolve("austen-counts.npy"));
    int[] novel = MatrixIo.readLabels(INPUT.resolve("austen-novels.csv"));
    List<String> words = Files.readAllLines(INPUT.resolve("austen-words.txt"));
    Matrix unit = unitRows(counts);
    note("");
    note("## Chapters of Jane Austen's novels " + counts.shape() + ", 6 clusters");
    note("| data | method | Rand index | adjusted Rand index |");
    note("|---|---|---:|---:|");
    NmfModel shown = null;
    int[] shownLabels = null;
    for (Matrix v : List.of(counts, unit)) {
      String data = v == counts ? "word counts" : "each chapter scaled to length 1";
      NmfModel nmf = Nmf.builder().rank(6).seed(0).fit(v);
      KMeansModel km = KMeans.builder().k(6).restarts(5).seed(0).fit(v);
      NmfModel hals = Nmf.builder().rank(6).solver(Solver.HALS).seed(0).fit(v);
      score(data, "NMF rank 6 (multiplicative updates), label = largest entry of W", novel,
          nmf.clusterLabels());
      score(data, "NMF rank 6 (HALS), label = largest entry of W", novel, hals.clusterLabels());
      score(data, "k-means, k = 6, best of 5 starts", novel, km.labels());
      if (v == unit) {
        shown = nmf;
        shownLabels = nmf.clusterLabels();
      }
    }
    note("");
    note("## The six NMF topics of the scaled chapters: top words and the chapters per novel");
    note("| topic | top 8 words | " + String.join(" | ", NOVELS) + " |");
    note("|---|---|" + "---:|".repeat(NOVELS.length));
    for (int t = 0; t < 6; t++) {
      double[] h = shown.h().row(t);
      Integer[] order = new Integer[h.length];
      for (int j = 0; j < h.length; j++) {
        order[j] = j;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(h[b], h[a]));
      List<String> top = new ArrayList<>();
      for (int j = 0; j < 8; j++) {
        top.add(words.get(order[j]));
      }
      int[] perNovel = new int[NOVELS.length];
      for (int i = 0; i < novel.length; i++) {
        if (shownLabels[i] == t) {
          perNovel[novel[i]]++;
        }
      }
      StringBuilder row = new StringBuilder(f("| %d | %s |", t, String.join(" ", top)));
      for (int c : perNovel) {
        row.append(f(" %d |", c));
      }
      note(row.toString());
    }
  }

  /** Each row divided by its Euclidean length (rows of zeros stay zero). */
  static Matrix unitRows(Matrix m) {
    double[] a = m.toRowMajorArray();
    int p = m.cols();
    for (int i = 0; i < m.rows(); i++) {
      double s = 0;
      for (int j = 0; j < p; j++) {
        s += a[i * p + j] * a[i * p + j];
      }
      double norm = Math.sqrt(s);
      for (int j = 0; norm > 0 && j < p; j++) {
        a[i * p + j] /= norm;
      }
    }
    return Matrix.wrap(m.rows(), p, a);
  }

  static void score(String data, String method, int[] truth, int[] labels) {
    note(f("| %s | %s | %.4f | %.4f |", data, method, ClusteringMetrics.randIndex(truth, labels),
        ClusteringMetrics.adjustedRandIndex(truth, labels)));
  }

  static void digits() throws IOException {
    Matrix x = MatrixIo.read(INPUT.resolve("digits.npy")).scale(1.0 / 16);
    int[] truth = MatrixIo.readLabels(INPUT.resolve("digits-labels.csv"));
    NmfModel nmf = Nmf.builder().rank(10).solver(Solver.HALS).maxIterations(200).tolerance(1e-5)
        .seed(0).fit(x);
    KMeansModel km = KMeans.builder().k(10).restarts(10).seed(0).fit(x);
    note("");
    note("## Digits " + x.shape() + ", 10 clusters");
    note("| method | Rand index | adjusted Rand index |");
    note("|---|---:|---:|");
    note(f("| NMF rank 10 (HALS), label = largest entry of the row of W | %.4f | %.4f |",
        ClusteringMetrics.randIndex(truth, nmf.clusterLabels()),
        ClusteringMetrics.adjustedRandIndex(truth, nmf.clusterLabels())));
    note(f("| k-means, k = 10, best of 10 starts | %.4f | %.4f |",
        ClusteringMetrics.randIndex(truth, km.labels()),
        ClusteringMetrics.adjustedRandIndex(truth, km.labels())));
    List<BufferedImage> pictures = List.of(
        Montage.grid(rows(nmf.h()), 10, 6, true),
        Montage.grid(rows(km.centroids()), 10, 6, true));
    Images.write(FIGURES.resolve("digits-nmf-kmeans.png"), captioned(pictures, List.of(
        "NMF, rank 10: the rows of H", "k-means, k = 10: the centroids")));
  }

  /** Each row of {@code m} as an 8 x 8 image. */
  static List<Matrix> rows(Matrix m) {
    List<Matrix> tiles = new ArrayList<>();
    for (int k = 0; k < m.rows(); k++) {
      tiles.add(Matrix.wrap(8, 8, m.row(k)));
    }
    return tiles;
  }

  /** Pictures one above the other, each with its caption below, on white. */
  static BufferedImage captioned(List<BufferedImage> pictures, List<String> captions) {
    int pad = 12;
    int text = 23;
    int width = 0;
    int height = pad;
    for (BufferedImage p : pictures) {
      width = Math.max(width, p.getWidth() + 2 * pad);
      height += p.getHeight() + text + pad;
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    int y = pad;
    for (int i = 0; i < pictures.size(); i++) {
      g.drawImage(pictures.get(i), pad, y, null);
      y += pictures.get(i).getHeight();
      g.drawString(captions.get(i), pad, y + fm.getAscent() + 4);
      y += text + pad;
    }
    g.dispose();
    return img;
  }

  static void note(String line) {
    NUMBERS.append(line).append('\n');
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
