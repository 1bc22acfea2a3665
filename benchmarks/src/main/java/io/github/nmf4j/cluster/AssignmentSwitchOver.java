package io.github.nmf4j.cluster;

import io.github.nmf4j.internal.Parallel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Where k-means should switch from direct distances to the product form ({@link
 * KMeans#WIDE_FEATURES}): runs Lloyd's iterations with both assignment strategies ({@link
 * Assignment#choose} without and with the points' centred norms: direct distances, and the
 * product form {@code KMeans.fit} would choose) on the same Gaussian blobs from the same
 * initial centroids, for several numbers of features, and prints the median time of 7 runs and
 * the per-iteration ratio; then the median time of 7 k-means++ seedings each way. It lives in
 * core's package (the benchmarks jar is on the class path, not the module path) because the steps
 * are package-private.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.nmf4j.cluster.AssignmentSwitchOver \
 *     n k threads d1,d2,... [seed]
 * </pre>
 */
public final class AssignmentSwitchOver {

  private AssignmentSwitchOver() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int k = Integer.parseInt(args[1]);
    Parallel par = Parallel.of(Integer.parseInt(args[2]));
    long seed = args.length > 4 ? Long.parseLong(args[4]) : 7;
    for (String column : args[3].split(",")) {
      int d = Integer.parseInt(column);
      double[] x = blobs(n, d, 2 * k, new SplittableRandom(seed));
      double[] initial = new double[k * d];
      for (int j = 0; j < k; j++) {
        System.arraycopy(x, (int) ((2L * j + 1) * n / (2 * k)) * d, initial, j * d, d);
      }
      double[] mean = Chunks.columnMeans(x, n, d, par);
      double[] norms = Chunks.centredNorms(x, n, d, mean, par);
      String product = ElkanBounds.fits(n, d, k) ? "Elkan product" : "Hamerly product";
      double[] direct = new double[7];
      double[] products = new double[7];
      int directIterations = 0;
      int productIterations = 0;
      for (int rep = 0; rep < direct.length; rep++) {
        long t = System.nanoTime();
        directIterations = new Lloyd(Assignment.choose(x, n, d, k, mean, null, par), k, d)
            .run(initial, 300, 0, (i, inertia, shift) -> { }).iterations;
        direct[rep] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        productIterations = new Lloyd(Assignment.choose(x, n, d, k, mean, norms, par), k, d)
            .run(initial, 300, 0, (i, inertia, shift) -> { }).iterations;
        products[rep] = (System.nanoTime() - t) / 1e6;
      }
      double[] directSeeding = new double[7];
      double[] productSeeding = new double[7];
      for (int rep = 0; rep < directSeeding.length; rep++) {
        long t = System.nanoTime();
        Seeding.kMeansPlusPlus(x, n, d, k, new SplittableRandom(rep), par);
        directSeeding[rep] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        ProductSeeding.kMeansPlusPlus(x, n, d, k, new SplittableRandom(rep), par, mean, norms);
        productSeeding[rep] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(directSeeding);
      Arrays.sort(productSeeding);
      Arrays.sort(direct);
      Arrays.sort(products);
      System.out.printf("n=%d k=%d d=%d: direct %.1f ms (%d iterations), %s %.1f ms (%d "
          + "iterations), per iteration product/direct %.2f; k-means++ seeding direct %.1f ms, "
          + "product %.1f ms%n", n, k, d, direct[3], directIterations, product, products[3],
          productIterations, (products[3] / productIterations) / (direct[3] / directIterations),
          directSeeding[3], productSeeding[3]);
    }
  }

  /** {@code n} points around {@code blobs} centres uniform in [0, 10)^d, unit normal noise. */
  private static double[] blobs(int n, int d, int blobs, SplittableRandom random) {
    double[] centres = new double[blobs * d];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = 10 * random.nextDouble();
    }
    double[] x = new double[n * d];
    for (int i = 0; i < n; i++) {
      int b = random.nextInt(blobs);
      for (int f = 0; f < d; f++) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        x[i * d + f] = centres[b * d + f]
            + Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
      }
    }
    return x;
  }
}
