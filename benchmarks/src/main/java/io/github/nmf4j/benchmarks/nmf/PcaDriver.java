package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Times {@code Pca.builder().components(k).fit(x)} on the matrices of {@code
 * benchmarks/python/pca_sklearn.py}: the digits (1797 x 64, 10 components) and the dense 70000 x
 * 784 matrix of the HALS comparison (20 components). Run from the repository's root:
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar io.github.nmf4j.benchmarks.nmf.PcaDriver \
 *     [repeats] [threads]
 * </pre>
 */
public final class PcaDriver {

  private PcaDriver() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    run("digits", digits(), 10, 4 * repeats, 20, threads);
    run("dense", HalsData.dense(70000, 784, 20), 20, repeats, 1, threads);
  }

  private static void run(String name, Matrix x, int k, int repeats, int warmups, int threads) {
    Pca pca = Pca.builder().components(k).threads(threads).build();
    for (int i = 0; i < warmups; i++) {
      pca.fit(x);
    }
    double[] t = new double[repeats];
    PcaModel model = null;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      model = pca.fit(x);
      t[r] = Math.round((System.nanoTime() - t0) / 1e5) / 1e4;
    }
    double[] sorted = t.clone();
    Arrays.sort(sorted);
    System.out.printf("%s %s, %d components, %d threads: Pca median %.4f s (runs %s), "
        + "ratio[0] %.10f%n", name, x.shape(), k, threads, sorted[repeats / 2],
        Arrays.toString(t), model.explainedVarianceRatio()[0]);
  }

  private static Matrix digits() throws Exception {
    Path file = Path.of("core/src/test/resources/reference/data/digits.csv.gz");
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        double[] x = new double[64];
        for (int j = 0; j < 64; j++) {
          x[j] = Double.parseDouble(f[j]);
        }
        rows.add(x);
      }
    }
    return Matrix.of(rows.toArray(new double[0][]));
  }
}
