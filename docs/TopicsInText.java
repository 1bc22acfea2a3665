import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The numbers of the guide page "Topics in text" (docs/topics.md): NMF of the TF-IDF matrix of
 * 1,500 FOLDOC entries (docs/topics/, made by make_foldoc_tfidf.py), the top words of each topic
 * and the entry that leans most on it; then k-means on the same sparse rows, the top words of
 * each centroid and the entry nearest to it. Uses the library's public API only. From the
 * repository's root, after {@code mvn -B -DskipTests package}:
 *
 * <pre>java -cp core/target/classes docs/TopicsInText.java</pre>
 */
public class TopicsInText {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("docs/topics");
    SparseMatrix v = MatrixIo.readSparse(dir.resolve("foldoc-tfidf.npz"));
    List<String> words = Files.readAllLines(dir.resolve("foldoc-words.txt"));
    List<String> entries = Files.readAllLines(dir.resolve("foldoc-entries.txt"));
    System.out.printf(Locale.ROOT, "V: %s, %d stored values (%.2f%%)%n", v.shape(),
        v.nonZeros(), 100.0 * v.nonZeros() / ((double) v.rows() * v.cols()));
    // the Itakura-Saito and beta divergences need V > 0: a TF-IDF matrix has zeros
    for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
      long start = System.nanoTime();
      NmfModel model = Nmf.builder().rank(10).loss(loss).seed(0).maxIterations(400).fit(v);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%n%s: %d iterations (%s), relative error %.4f, %.2f s%n",
          loss, model.iterations(), model.converged() ? "converged" : "not converged",
          model.relativeError(), seconds);
      Matrix h = model.h();
      Matrix w = model.w();
      for (int t = 0; t < h.rows(); t++) {
        String top = topWords(h.row(t), words);
        double[] col = w.column(t);
        int best = 0;
        for (int i = 1; i < col.length; i++) {
          if (col[i] > col[best]) {
            best = i;
          }
        }
        System.out.printf(Locale.ROOT, "topic %d: %s  [%s]%n", t, top, entries.get(best));
      }
    }

    // k-means on the same rows, kept sparse: each entry in one cluster, dense centroids
    long start = System.nanoTime();
    KMeansModel km = KMeans.builder().k(10).initialization(KMeansInit.K_MEANS_PLUS_PLUS)
        .restarts(4).seed(0).fit(v);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%nK-MEANS: %d iterations of the best of 4 restarts, "
        + "inertia %.2f, %.2f s%n", km.iterations(), km.inertia(), seconds);
    int[] labels = km.labels();
    Matrix distances = km.transform(v);
    Matrix centroids = km.centroids();
    for (int c = 0; c < km.k(); c++) {
      int size = 0;
      int nearest = -1;
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == c) {
          size++;
          if (nearest < 0 || distances.get(i, c) < distances.get(nearest, c)) {
            nearest = i;
          }
        }
      }
      System.out.printf(Locale.ROOT, "cluster %d (%d entries): %s  [%s]%n", c, size,
          topWords(centroids.row(c), words), nearest < 0 ? "-" : entries.get(nearest));
    }
  }

  /** The eight words of the largest weights, heaviest first. */
  static String topWords(double[] weights, List<String> words) {
    Integer[] order = new Integer[weights.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
    StringBuilder top = new StringBuilder();
    for (int j = 0; j < 8; j++) {
      top.append(j == 0 ? "" : " ").append(words.get(order[j]));
    }
    return top.toString();
  }
}
