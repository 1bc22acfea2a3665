package io.github.nmf4j.benchmarks.cluster;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.linalg.Matrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The one-thread fit of {@link KMeansBenchmark#lloydFromGivenCentroids}, timed in CPU time of
 * the fitting thread as well as wall time, for a machine shared with other work: with one
 * thread every distance and update runs on the calling thread, so its CPU time is the fit's
 * work, whatever else runs. {@code kmeans_sklearn.py --cpu} with {@code OMP_NUM_THREADS=1}
 * measures scikit-learn the same way (process CPU time).
 *
 * <p>{@code digits} fits scikit-learn's bundled digits (1797 x 64, {@link WideData}) at k = 10
 * and 64 from the rows {@code floor((2j + 1) n / (2k))}, as {@code kmeans_wide_sklearn.py
 * --cpu}; a fit takes milliseconds, so each timed repeat is {@value #DIGITS_FITS} fits and the
 * figure is per fit.
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *     io.github.nmf4j.benchmarks.cluster.KMeansCpuDriver [china|synthetic|digits] [repeats]
 * </pre>
 */
public final class KMeansCpuDriver {

  private KMeansCpuDriver() {}

  /** Fits per timed repeat on the digits. */
  private static final int DIGITS_FITS = 20;

  public static void main(String[] args) {
    String image = args.length > 0 ? args[0] : "china";
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    if (image.equals("digits")) {
      digits(repeats);
      return;
    }
    double[] pixels = image.equals("synthetic") ? SyntheticImage.pixels(42) : RealImage.china();
    Matrix points = Matrix.wrap(pixels.length / 3, 3, pixels);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (int k : new int[] {16, 64}) {
      Matrix initial = Matrix.wrap(k, 3, SyntheticImage.initialCentroids(pixels, k));
      KMeans kmeans = KMeans.builder().initialCentroids(initial).threads(1).build();
      for (int i = 0; i < 5; i++) {
        kmeans.fit(points);
      }
      double[] cpu = new double[repeats];
      double[] wall = new double[repeats];
      KMeansModel model = null;
      for (int r = 0; r < repeats; r++) {
        long c0 = bean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        model = kmeans.fit(points);
        wall[r] = (System.nanoTime() - t0) / 1e6;
        cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
      }
      System.out.printf("nmf4j %s k=%d one thread: cpu median %.1f ms (min %.1f), wall median "
          + "%.1f ms, iterations %d, inertia %.6f%n", image, k, median(cpu),
          Arrays.stream(cpu).min().getAsDouble(), median(wall), model.iterations(),
          model.inertia());
    }
  }

  private static void digits(int repeats) {
    WideData.Data data = WideData.load("digits");
    Matrix points = Matrix.wrap(data.rows, data.cols, data.values);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    for (int k : new int[] {10, 64}) {
      double[] c = new double[k * data.cols];
      for (int j = 0; j < k; j++) {
        int row = (int) ((2L * j + 1) * data.rows / (2L * k));
        System.arraycopy(data.values, row * data.cols, c, j * data.cols, data.cols);
      }
      KMeans kmeans = KMeans.builder().initialCentroids(Matrix.wrap(k, data.cols, c)).threads(1)
          .build();
      for (int i = 0; i < 100; i++) {
        kmeans.fit(points);
      }
      double[] cpu = new double[repeats];
      KMeansModel model = null;
      for (int r = 0; r < repeats; r++) {
        long c0 = bean.getCurrentThreadCpuTime();
        for (int f = 0; f < DIGITS_FITS; f++) {
          model = kmeans.fit(points);
        }
        cpu[r] = (bean.getCurrentThreadCpuTime() - c0) / 1e6 / DIGITS_FITS;
      }
      System.out.printf("nmf4j digits k=%d one thread: cpu median %.3f ms per fit (min %.3f), "
          + "iterations %d, inertia %.6f, checksum %d%n", k, median(cpu),
          Arrays.stream(cpu).min().getAsDouble(), model.iterations(), model.inertia(),
          WideData.checksum(model.labels()));
    }
  }

  private static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
