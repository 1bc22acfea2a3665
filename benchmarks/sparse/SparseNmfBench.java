import io.github.nmf4j.cluster.Distance;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * nmf4j's side of the sparse benchmark (docs/benchmarks.md, "Sparse NMF"), beside
 * sparse_nmf_sklearn.py on the same file. From the repository's root, after
 * {@code mvn -B -DskipTests package} and {@code docs/topics/make_foldoc_tfidf.py bench
 * benchmarks/data}:
 *
 * <pre>java -cp core/target/classes benchmarks/sparse/SparseNmfBench.java [--cpu] [--warmup=N]
 *     [--runs=N] MODE [ARG]</pre>
 *
 * <ul>
 *   <li>{@code mu}: seconds per iteration of MU Frobenius and MU KL at rank 20 (NNDSVDA start),
 *       iterations 11 to 40 of a fit timed by its listener, median of 3 fits;</li>
 *   <li>{@code hals TARGET}: seconds from the start of HALS iterations until the Frobenius error
 *       is at most TARGET (scikit-learn's error after 50 'cd' iterations), loss checked every
 *       iteration, median of 3 fits;</li>
 *   <li>{@code kmeans}: seconds of a whole k-means fit, k = 20, one restart, (a) from the same
 *       start as the peer (rows 0, n/20, 2n/20, ... of V), (b) k-means++ (seed 0); median of 3;</li>
 *   <li>{@code cosine}: seconds of a whole k-means fit, k = 20, one restart, k-means++ (seeds
 *       0, 1, 2), Euclidean then cosine (spherical k-means) on the same rows, each the median of
 *       3, with its iterations and the median time of an iteration after the first (seeding
 *       excluded, from the listener's calls);</li>
 *   <li>{@code fit [INIT]}: one MU Frobenius fit of 30 iterations from INIT (default NNDSVDA),
 *       for the peak-heap runs with -Xmx.</li>
 * </ul>
 *
 * <p>{@code --cpu}: one thread, and the CPU time of that (the calling) thread instead of the
 * wall clock, so that a shared machine's load does not enter the figures; the peer's {@code
 * --cpu} is its process time with {@code OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1}. Without it:
 * the wall clock, with all cores.
 *
 * <p>{@code --warmup=N} (modes {@code mu} and {@code hals}; default 0): N untimed fits of each
 * measured kind first, so that the timed ones see compiled code, as JMH's warm-up iterations
 * do. On the 2-core machine the first fit of a JVM shares the cores with the JIT compiler: its
 * MU iterations 11-40 took 12.5 ms against 8.2-8.5 ms from the third fit on (2026-12-07).
 * {@code --runs=N}: timed fits per figure, default 3.
 */
public class SparseNmfBench {

  static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
  static boolean cpu;

  /** Nanoseconds: the calling thread's CPU time with --cpu, else the wall clock. */
  static long now() {
    return cpu ? BEAN.getCurrentThreadCpuTime() : System.nanoTime();
  }

  public static void main(String[] argv) throws Exception {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    cpu = args.remove("--cpu");
    int warmup = intOption(args, "--warmup=", 0);
    int runs = intOption(args, "--runs=", 3);
    int threads = cpu ? 1 : Runtime.getRuntime().availableProcessors();
    String mode = args.isEmpty() ? "mu" : args.get(0);
    SparseMatrix v = MatrixIo.readSparse(Path.of("benchmarks/data/foldoc-bench.npz"));
    System.out.printf(Locale.ROOT, "data %s, %d stored, %d threads, %s%n", v.shape(),
        v.nonZeros(), threads, cpu ? "thread CPU time" : "wall clock");
    if (mode.equals("fit")) {
      Initialization init = Initialization.valueOf(args.size() > 1 ? args.get(1) : "NNDSVDA");
      NmfModel m = Nmf.builder().rank(20).initialization(init).maxIterations(30).tolerance(0)
          .threads(threads).fit(v);
      System.out.printf(Locale.ROOT, "fit: relative error %.6f%n", m.relativeError());
      return;
    }
    if (mode.equals("mu")) {
      // the Itakura-Saito loss needs V > 0 everywhere: a TF-IDF matrix is refused
      for (Loss loss : new Loss[] {Loss.FROBENIUS, Loss.KULLBACK_LEIBLER}) {
        double[] per = new double[runs];
        for (int r = -warmup; r < per.length; r++) {
          long[] at = new long[41];
          Nmf.builder().rank(20).loss(loss).initialization(Initialization.NNDSVDA).seed(0)
              .maxIterations(40).tolerance(0).threads(threads)
              .listener(p -> at[p.iteration()] = now()).fit(v);
          if (r >= 0) {
            per[r] = (at[40] - at[10]) / 30 / 1e9;
          }
        }
        System.out.printf(Locale.ROOT, "mu %s: per iteration median %.4f s (runs %s)%n", loss,
            median(per), Arrays.toString(per));
      }
      return;
    }
    if (mode.equals("kmeans")) {
      int n = v.rows();
      double[] start = new double[20 * v.cols()];
      for (int c = 0; c < 20; c++) {
        System.arraycopy(v.row((int) ((long) c * n / 20)), 0, start, c * v.cols(), v.cols());
      }
      KMeans same = KMeans.builder().k(20).initialCentroids(Matrix.wrap(20, v.cols(), start))
          .restarts(1).maxIterations(300).threads(threads).build();
      KMeans plus = KMeans.builder().k(20).initialization(KMeansInit.K_MEANS_PLUS_PLUS)
          .restarts(1).maxIterations(300).seed(0).threads(threads).build();
      for (String name : new String[] {"same start", "k-means++"}) {
        KMeans km = name.equals("same start") ? same : plus;
        double[] seconds = new double[3];
        KMeansModel m = null;
        for (int r = 0; r < seconds.length; r++) {
          long t = now();
          m = km.fit(v);
          seconds[r] = (now() - t) / 1e9;
        }
        System.out.printf(Locale.ROOT, "kmeans %s: %d iterations, inertia %.10g, median %.4f s"
            + " (runs %s)%n", name, m.iterations(), m.inertia(), median(seconds),
            Arrays.toString(seconds));
      }
      return;
    }
    if (mode.equals("cosine")) {
      for (long seed = 0; seed < 3; seed++) {
        for (Distance distance : Distance.values()) {
          long[] first = new long[2]; // the times of iterations 1 and the last seen
          KMeans km = KMeans.builder().k(20).distance(distance).restarts(1).maxIterations(300)
              .seed(seed).threads(threads).listener(p -> {
                long t = now();
                if (p.iteration() == 1) {
                  first[0] = t;
                }
                first[1] = t;
              }).build();
          double[] seconds = new double[3];
          double[] perIteration = new double[3];
          KMeansModel m = null;
          for (int r = 0; r < seconds.length; r++) {
            long t = now();
            m = km.fit(v);
            seconds[r] = (now() - t) / 1e9;
            perIteration[r] = (first[1] - first[0]) / 1e6 / Math.max(1, m.iterations() - 1);
          }
          System.out.printf(Locale.ROOT, "kmeans seed %d %s: %d iterations, inertia %.10g,"
              + " median %.4f s, iterations 2.. %.2f ms each (runs %s)%n", seed, distance,
              m.iterations(), m.inertia(), median(seconds), median(perIteration),
              Arrays.toString(seconds));
        }
      }
      return;
    }
    double target = Double.parseDouble(args.get(1));
    double[] seconds = new double[runs];
    int[] iterations = new int[runs];
    for (int r = -warmup; r < seconds.length; r++) {
      long[] start = {0};
      long[] reached = {-1};
      int[] it = {0};
      Nmf.Builder hals = Nmf.builder().rank(20).solver(Solver.HALS)
          .initialization(Initialization.NNDSVDA).seed(0).maxIterations(200).tolerance(0)
          .checkEvery(1).threads(threads)
          .listener(p -> {
            if (p.iteration() == 1 && start[0] == 0) {
              start[0] = now();
            }
            if (reached[0] < 0 && p.loss().orElse(Double.NaN) <= target) {
              reached[0] = now();
              it[0] = p.iteration();
              p.cancel();
            }
          });
      try {
        hals.fit(v);
      } catch (CancellationException e) {
        // cancelled by the listener once the target was reached
      }
      if (r < 0) {
        continue;
      }
      // iterations 2..it timed; the first one counted as their mean
      seconds[r] = (reached[0] - start[0]) / 1e9 * it[0] / Math.max(1, it[0] - 1);
      iterations[r] = it[0];
    }
    System.out.printf(Locale.ROOT, "hals: error <= %.10g after %s iterations, median %.4f s"
        + " (runs %s; the start not counted)%n", target,
        Arrays.toString(iterations), median(seconds), Arrays.toString(seconds));
  }

  /** The value of {@code --name=N} (removed from {@code args}), or {@code otherwise}. */
  static int intOption(List<String> args, String name, int otherwise) {
    for (String a : args) {
      if (a.startsWith(name)) {
        args.remove(a);
        return Integer.parseInt(a.substring(name.length()));
      }
    }
    return otherwise;
  }

  static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
