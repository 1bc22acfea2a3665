import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * nmf4j's side of the sparse NMF benchmark (docs/benchmarks.md, "Sparse NMF"), beside
 * sparse_nmf_sklearn.py on the same file. From the repository's root, after
 * {@code mvn -B -DskipTests package} and {@code docs/topics/make_foldoc_tfidf.py bench
 * benchmarks/data}:
 *
 * <pre>java -cp core/target/classes benchmarks/sparse/SparseNmfBench.java [mu|hals|fit] [TARGET]</pre>
 *
 * <ul>
 *   <li>{@code mu}: seconds per iteration of MU Frobenius and MU KL at rank 20 (NNDSVDA start),
 *       iterations 11 to 40 of a fit timed by its listener, median of 3 fits;</li>
 *   <li>{@code hals TARGET}: seconds from the start of HALS iterations until the Frobenius error
 *       is at most TARGET (scikit-learn's error after 50 'cd' iterations), loss checked every
 *       iteration, median of 3 fits;</li>
 *   <li>{@code fit [INIT]}: one MU Frobenius fit of 30 iterations from INIT (default NNDSVDA),
 *       for the peak-heap runs with -Xmx.</li>
 * </ul>
 */
public class SparseNmfBench {

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "mu";
    SparseMatrix v = MatrixIo.readSparse(Path.of("benchmarks/data/foldoc-bench.npz"));
    System.out.printf(Locale.ROOT, "data %s, %d stored, %d threads%n", v.shape(), v.nonZeros(),
        Runtime.getRuntime().availableProcessors());
    if (mode.equals("fit")) {
      Initialization init = Initialization.valueOf(args.length > 1 ? args[1] : "NNDSVDA");
      NmfModel m = Nmf.builder().rank(20).initialization(init).maxIterations(30).tolerance(0)
          .fit(v);
      System.out.printf(Locale.ROOT, "fit: relative error %.6f%n", m.relativeError());
      return;
    }
    if (mode.equals("mu")) {
      for (Loss loss : Loss.values()) {
        double[] per = new double[3];
        for (int r = 0; r < per.length; r++) {
          long[] at = new long[41];
          Nmf.builder().rank(20).loss(loss).initialization(Initialization.NNDSVDA).seed(0)
              .maxIterations(40).tolerance(0)
              .listener(p -> at[p.iteration()] = System.nanoTime()).fit(v);
          per[r] = (at[40] - at[10]) / 30 / 1e9;
        }
        System.out.printf(Locale.ROOT, "mu %s: per iteration median %.4f s (runs %s)%n", loss,
            median(per), Arrays.toString(per));
      }
      return;
    }
    double target = Double.parseDouble(args[1]);
    double[] seconds = new double[3];
    int[] iterations = new int[3];
    for (int r = 0; r < seconds.length; r++) {
      long[] start = {0};
      long[] reached = {-1};
      int[] it = {0};
      Nmf.Builder hals = Nmf.builder().rank(20).solver(Solver.HALS).initialization(Initialization.NNDSVDA).seed(0)
          .maxIterations(200).tolerance(0).checkEvery(1)
          .listener(p -> {
            if (p.iteration() == 1 && start[0] == 0) {
              start[0] = System.nanoTime();
            }
            if (reached[0] < 0 && p.loss().orElse(Double.NaN) <= target) {
              reached[0] = System.nanoTime();
              it[0] = p.iteration();
              p.cancel();
            }
          });
      try {
        hals.fit(v);
      } catch (java.util.concurrent.CancellationException e) {
        // cancelled by the listener once the target was reached
      }
      // iterations 2..it timed; the first one counted as their mean
      seconds[r] = (reached[0] - start[0]) / 1e9 * it[0] / Math.max(1, it[0] - 1);
      iterations[r] = it[0];
    }
    System.out.printf(Locale.ROOT, "hals: error <= %.10g after %s iterations, median %.4f s"
        + " (runs %s; the start not counted)%n", target,
        Arrays.toString(iterations), median(seconds), Arrays.toString(seconds));
  }

  static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
