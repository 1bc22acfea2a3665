package io.github.nmf4j.metrics;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where the silhouette should switch from direct distances to matrix products ({@link
 * Silhouette#WIDE_FEATURES}): the exact silhouettes of all points of Gaussian blobs, both ways,
 * for several numbers of features; prints the median time of 5 runs of each and their ratio. It
 * lives in core's package (the benchmarks jar is on the class path, not the module path)
 * because the two ways are package-private.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.nmf4j.metrics.SilhouetteSwitchOver \
 *     n clusters threads d1,d2,...
 * </pre>
 */
public final class SilhouetteSwitchOver {

  private SilhouetteSwitchOver() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int clusters = Integer.parseInt(args[1]);
    Parallel par = Parallel.of(Integer.parseInt(args[2]));
    for (String column : args[3].split(",")) {
      int d = Integer.parseInt(column);
      SplittableRandom random = new SplittableRandom(7);
      double[] centres = new double[clusters * d];
      for (int i = 0; i < centres.length; i++) {
        centres[i] = 10 * random.nextDouble();
      }
      double[] x = new double[n * d];
      int[] labels = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = i % clusters;
        for (int f = 0; f < d; f++) {
          x[i * d + f] = centres[labels[i] * d + f] + 2 * random.nextDouble() - 1;
        }
      }
      Silhouette.Data data = Silhouette.Data.of(Matrix.wrap(n, d, x), labels);
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      double[] direct = new double[5];
      double[] products = new double[5];
      for (int rep = 0; rep < direct.length; rep++) {
        long t = System.nanoTime();
        data.silhouettes(all, par, false);
        direct[rep] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        data.silhouettes(all, par, true);
        products[rep] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(direct);
      Arrays.sort(products);
      System.out.printf("n=%d clusters=%d d=%d: direct %.1f ms, products %.1f ms, "
          + "products/direct %.2f%n", n, clusters, d, direct[2], products[2],
          products[2] / direct[2]);
    }
  }
}
