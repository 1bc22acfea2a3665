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
 * and the entry that leans most on it. Uses the library's public API only. From the repository's
 * root, after {@code mvn -B -DskipTests package}:
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
    for (Loss loss : Loss.values()) {
      long start = System.nanoTime();
      NmfModel model = Nmf.builder().rank(10).loss(loss).seed(0).maxIterations(400).fit(v);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%n%s: %d iterations (%s), relative error %.4f, %.2f s%n",
          loss, model.iterations(), model.converged() ? "converged" : "not converged",
          model.relativeError(), seconds);
      Matrix h = model.h();
      Matrix w = model.w();
      for (int t = 0; t < h.rows(); t++) {
        double[] row = h.row(t);
        Integer[] order = new Integer[row.length];
        for (int j = 0; j < order.length; j++) {
          order[j] = j;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(row[b], row[a]));
        StringBuilder top = new StringBuilder();
        for (int j = 0; j < 8; j++) {
          top.append(j == 0 ? "" : " ").append(words.get(order[j]));
        }
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
  }
}
