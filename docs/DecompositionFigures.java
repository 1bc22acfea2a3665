import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.Montage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Makes the figures and the numbers of docs/decomposition.md and of the faces in
 * docs/basis-images.md: NMF (parts), k-means (prototypes, vector quantization) and PCA (signed
 * eigen-images) of the same images side by side, after Lee and Seung (Nature, 1999), with each
 * method's reconstruction error and stored numbers, on the 100 real face photographs of
 * docs/figures/input/lfw-subset.npy (Labeled Faces in the Wild, rows 0-99) and the 1,797
 * handwritten digits of docs/figures/input/digits.npy. Uses the library's public API only.
 * Run from the repository's root:
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp core/target/classes docs/DecompositionFigures.java
 * </pre>
 *
 * Writes docs/figures/decomposition-faces.png, decomposition-digits.png, faces-samples.png,
 * faces-nmf-vs-pca.png, faces-reconstructions.png, faces-nmf-rank49.png and
 * decomposition-numbers.txt. Everything is seeded: the same library version gives
 * the same figures.
 */
public class DecompositionFigures {

  static final Path FIGURES = Path.of("docs/figures");
  static final StringBuilder NUMBERS = new StringBuilder();

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(FIGURES);
    NUMBERS.append("# made by docs/DecompositionFigures.java; do not edit\n");
    Matrix faces = faces();
    Fits fits = compare("faces", faces, 25, 25, 16, 4, 3, 0);
    basisImages(faces, fits);
    likeness(faces, new int[] {16, 49});
    compare("digits", digits(), 8, 8, 16, 4, 8, 0);
    Files.writeString(FIGURES.resolve("decomposition-numbers.txt"), NUMBERS.toString());
    System.out.print(NUMBERS);
  }

  /** The NMF and PCA fits of {@link #compare}. */
  record Fits(NmfModel nmf, PcaModel pca) {}

  /**
   * NMF (HALS, NNDSVDA start), k-means (best of 10 k-means++ starts) and PCA of {@code x} with
   * {@code k} components each; {@code example} is the row shown reconstructed.
   */
  static Fits compare(String name, Matrix x, int h, int w, int k, int columns, int scale,
      int example) throws IOException {
    int n = x.rows();
    int p = x.cols();
    double norm = x.frobeniusNorm();

    NmfModel nmf = Nmf.builder().rank(k).solver(Solver.HALS)
        .initialization(Initialization.NNDSVDA).maxIterations(400).tolerance(1e-5).fit(x);
    Matrix nmfBack = nmf.w().multiply(nmf.h());

    KMeansModel km = KMeans.builder().k(k).restarts(10).seed(0).fit(x);
    int[] labels = km.labels();
    double[] vq = new double[n * p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(km.centroids().row(labels[i]), 0, vq, i * p, p);
    }
    Matrix vqBack = Matrix.wrap(n, p, vq);

    PcaModel pca = Pca.builder().components(k).fit(x);
    Matrix pcaBack = pca.inverseTransform(pca.transform(x));

    double eNmf = nmfBack.subtract(x).frobeniusNorm() / norm;
    double eVq = vqBack.subtract(x).frobeniusNorm() / norm;
    double ePca = pcaBack.subtract(x).frobeniusNorm() / norm;
    long sNmf = (long) k * (n + p);
    long sVq = (long) n + (long) k * p;
    long sPca = (long) k * (n + p) + p;

    List<BufferedImage> panels = new ArrayList<>();
    panels.add(Montage.grid(tiles(nmf.h(), h, w, false), columns, scale, true));
    panels.add(Montage.grid(tiles(km.centroids(), h, w, false), columns, scale, true));
    panels.add(Montage.grid(tiles(pca.components(), h, w, true), columns, scale, false));
    List<String> captions = List.of(
        f("NMF (HALS), rank %d: additive%nrows of H, non-negative%nerror %.3f, %,d numbers", k,
            eNmf, sNmf),
        f("k-means (VQ), k = %d: prototypes%ncentroids, one per image%nerror %.3f, %,d numbers",
            k, eVq, sVq),
        f("PCA, %d components: holistic%nsigned (gray 0, dark < 0)%nerror %.3f, %,d numbers",
            k, ePca, sPca));
    List<Matrix> one = List.of(
        Matrix.wrap(h, w, x.row(example)), Matrix.wrap(h, w, nmfBack.row(example)),
        Matrix.wrap(h, w, vqBack.row(example)), Matrix.wrap(h, w, pcaBack.row(example)));
    double max = x.max();
    List<Matrix> scaled = new ArrayList<>();
    for (Matrix m : one) {
      scaled.add(m.scale(1 / max));
    }
    BufferedImage row = Montage.grid(scaled, 4, scale * 2, false);
    Images.write(FIGURES.resolve("decomposition-" + name + ".png"), layout(panels, captions,
        row, f("an image (left), then as NMF (%d coefficients), k-means (its centroid) and PCA"
            + " (%d scores) rebuild it", k, k)));

    NUMBERS.append(f("%n## %s %s, %d components%n", name, x.shape(), k));
    NUMBERS.append("| method | basis | relative error | stored numbers |\n");
    NUMBERS.append("|---|---|---:|---:|\n");
    NUMBERS.append(f("| NMF (HALS, NNDSVDA, %d iterations) | rows of H | %.4f | %,d = %d (n + p) "
        + "|%n", nmf.iterations(), eNmf, sNmf, k));
    NUMBERS.append(f("| k-means (best of 10) | centroids | %.4f | %,d = n + %d p |%n", eVq, sVq,
        k));
    NUMBERS.append(f("| PCA | components | %.4f | %,d = %d (n + p) + p |%n", ePca, sPca, k));
    NUMBERS.append(f("original: %,d numbers (n p); PCA explains %.4f of the variance%n",
        (long) n * p, sum(pca.explainedVarianceRatio())));
    double sparseW = fractionBelow(nmf.w(), 1e-3);
    double sparseH = fractionBelow(nmf.h(), 1e-3);
    NUMBERS.append(f("NMF entries below 0.001 of their factor's maximum: W %.2f, H %.2f%n",
        sparseW, sparseH));
    return new Fits(nmf, pca);
  }

  /**
   * The figures of docs/basis-images.md: some of the faces, NMF's basis images beside PCA's
   * components, and eight faces above their NMF reconstructions.
   */
  static void basisImages(Matrix faces, Fits fits) throws IOException {
    List<Matrix> some = new ArrayList<>();
    for (int n = 0; n < 16; n++) {
      some.add(Matrix.wrap(25, 25, faces.row(n)));
    }
    Images.write(FIGURES.resolve("faces-samples.png"), Montage.grid(some, 16, 3, false));
    List<BufferedImage> panels = List.of(
        Montage.grid(tiles(fits.nmf().h(), 25, 25, false), 8, 3, true),
        Montage.grid(tiles(fits.pca().components(), 25, 25, true), 8, 3, false));
    Images.write(FIGURES.resolve("faces-nmf-vs-pca.png"), layout(panels, List.of(
        "NMF, rank 16: the rows of H\nnon-negative; a face is a sum of them\n",
        "PCA, 16 components\ngray is 0; signed, holistic\n"), null, null));
    Matrix wh = fits.nmf().w().multiply(fits.nmf().h());
    List<Matrix> pairs = new ArrayList<>();
    for (int n = 0; n < 8; n++) {
      pairs.add(Matrix.wrap(25, 25, faces.row(n * 12)));
    }
    for (int n = 0; n < 8; n++) {
      pairs.add(Matrix.wrap(25, 25, wh.row(n * 12)));
    }
    Images.write(FIGURES.resolve("faces-reconstructions.png"), Montage.grid(pairs, 8, 3, false));
  }

  /**
   * How close NMF's basis images come to single photographs: for each rank, the median over the
   * rows of H of their largest correlation with any image (1 = a copy of one image, up to scale).
   */
  static void likeness(Matrix x, int[] ranks) throws IOException {
    NUMBERS.append(f("%n## faces: NMF basis images against the photographs%n"));
    NUMBERS.append("| rank | relative error | H near 0 | median best correlation with a photo |\n");
    NUMBERS.append("|---:|---:|---:|---:|\n");
    for (int k : ranks) {
      NmfModel nmf = Nmf.builder().rank(k).solver(Solver.HALS)
          .initialization(Initialization.NNDSVDA).maxIterations(400).tolerance(1e-5).fit(x);
      double[] best = new double[k];
      for (int t = 0; t < k; t++) {
        for (int i = 0; i < x.rows(); i++) {
          best[t] = Math.max(best[t], correlation(nmf.h().row(t), x.row(i)));
        }
      }
      Arrays.sort(best);
      if (k != 16) {
        Images.write(FIGURES.resolve("faces-nmf-rank" + k + ".png"),
            Montage.grid(tiles(nmf.h(), 25, 25, false), 7, 3, true));
      }
      NUMBERS.append(f("| %d | %.4f | %.2f | %.3f |%n", k, nmf.relativeError(),
          fractionBelow(nmf.h(), 1e-3), best[k / 2]));
    }
  }

  static double correlation(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += (a[i] - ma) * (b[i] - mb);
      aa += (a[i] - ma) * (a[i] - ma);
      bb += (b[i] - mb) * (b[i] - mb);
    }
    return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
  }

  /** Each row of {@code m} as an {@code h x w} tile; signed rows mapped to [0, 1] around 0.5. */
  static List<Matrix> tiles(Matrix m, int h, int w, boolean signed) {
    List<Matrix> out = new ArrayList<>();
    for (int r = 0; r < m.rows(); r++) {
      double[] row = m.row(r);
      if (signed) {
        double max = 0;
        for (double v : row) {
          max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < row.length; i++) {
          row[i] = max == 0 ? 0.5 : 0.5 + 0.5 * row[i] / max;
        }
      }
      out.add(Matrix.wrap(h, w, row));
    }
    return out;
  }

  /**
   * The panels side by side with their captions, and the reconstruction row below (none if
   * {@code row} is null).
   */
  static BufferedImage layout(List<BufferedImage> panels, List<String> captions,
      BufferedImage row, String rowCaption) {
    int pad = 14;
    int line = 17;
    int cellW = 0;
    int cellH = 0;
    for (BufferedImage p : panels) {
      cellW = Math.max(cellW, Math.max(p.getWidth(), 250));
      cellH = Math.max(cellH, p.getHeight());
    }
    int text = 3 * line + 8;
    int rowW = row == null ? 0 : row.getWidth();
    int rowH = row == null ? -pad : row.getHeight() + line + 8;
    int width = Math.max(panels.size() * (cellW + pad) + pad, rowW + 2 * pad);
    int height = pad + cellH + text + pad + rowH + pad;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics fm = g.getFontMetrics();
    g.setColor(Color.BLACK);
    for (int i = 0; i < panels.size(); i++) {
      int x = pad + i * (cellW + pad);
      g.drawImage(panels.get(i), x, pad, null);
      String[] c = captions.get(i).split("\n");
      for (int l = 0; l < c.length; l++) {
        g.drawString(c[l], x, pad + cellH + fm.getAscent() + 4 + line * l);
      }
    }
    if (row != null) {
      int y = pad + cellH + text + pad;
      g.drawImage(row, pad, y, null);
      g.drawString(rowCaption, pad, y + row.getHeight() + fm.getAscent() + 4);
    }
    g.dispose();
    return img;
  }

  /** The 100 face photographs of lfw-subset.npy (rows 0-99; the rest are not faces). */
  static Matrix faces() throws IOException {
    Matrix all = MatrixIo.read(FIGURES.resolve("input/lfw-subset.npy"));
    double[] first = Arrays.copyOf(all.toRowMajorArray(), 100 * 625);
    return Matrix.wrap(100, 625, first);
  }

  /** The handwritten digits of digits.npy, scaled from 0..16 to [0, 1]. */
  static Matrix digits() throws IOException {
    return MatrixIo.read(FIGURES.resolve("input/digits.npy")).scale(1.0 / 16);
  }

  static double sum(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s;
  }

  static double fractionBelow(Matrix m, double relative) {
    double limit = relative * m.max();
    int count = 0;
    for (double v : m.toRowMajorArray()) {
      if (v < limit) {
        count++;
      }
    }
    return (double) count / m.size();
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
