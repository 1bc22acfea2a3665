package io.github.nmf4j.benchmarks.cluster;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.linalg.Matrix;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * k-means on the 273,280 pixels of a 427 x 640 photograph, one restart: {@code image=china} is
 * the real photograph {@link RealImage#china()}, {@code image=synthetic} the stand-in {@link
 * SyntheticImage} of earlier measurements. One restart, as scikit-learn's
 * {@code KMeans(algorithm="lloyd", n_init=1)} in {@code benchmarks/python/kmeans_sklearn.py}.
 * {@link #lloydFromGivenCentroids} starts both from the same centroids (300 iterations at most,
 * tolerance 1e-4); {@link #kMeansPlusPlus} times a whole fit with k-means++ seeding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class KMeansBenchmark {

  @Param({"16", "64"})
  public int k;

  @Param({"1", "2"})
  public int threads;

  @Param({"china", "synthetic"})
  public String image = "china";

  private Matrix points;
  private KMeans fromCentroids;
  private KMeans plusPlus;

  @Setup
  public void setUp() {
    double[] pixels = image.equals("synthetic") ? SyntheticImage.pixels(42) : RealImage.china();
    points = Matrix.wrap(pixels.length / 3, 3, pixels);
    Matrix initial = Matrix.wrap(k, 3, SyntheticImage.initialCentroids(pixels, k));
    fromCentroids = KMeans.builder().initialCentroids(initial).threads(threads).build();
    plusPlus = KMeans.builder().k(k).initialization(KMeansInit.K_MEANS_PLUS_PLUS).restarts(1)
        .seed(0).threads(threads).build();
  }

  /** Lloyd's iterations from the centroids scikit-learn also starts from. */
  @Benchmark
  public KMeansModel lloydFromGivenCentroids() {
    return fromCentroids.fit(points);
  }

  /** k-means++ seeding followed by Lloyd's iterations. */
  @Benchmark
  public KMeansModel kMeansPlusPlus() {
    return plusPlus.fit(points);
  }

  /**
   * Prints the inertia and iterations of both fits, to compare with scikit-learn's; the argument
   * is the image ({@code china}, the default, or {@code synthetic}).
   */
  public static void main(String[] args) {
    for (int k : new int[] {16, 64}) {
      KMeansBenchmark b = new KMeansBenchmark();
      b.image = args.length > 0 ? args[0] : "china";
      b.k = k;
      b.threads = 2;
      b.setUp();
      double sum = 0;
      for (double v : b.points.toRowMajorArray()) {
        sum += v;
      }
      KMeansModel m = b.lloydFromGivenCentroids();
      KMeansModel p = b.kMeansPlusPlus();
      System.out.printf("%s: data sum %.10f; k=%d same-init: inertia %.6f, iterations %d; "
          + "k-means++ seed 0: inertia %.6f, iterations %d%n", b.image, sum, k, m.inertia(),
          m.iterations(), p.inertia(), p.iterations());
    }
  }
}
