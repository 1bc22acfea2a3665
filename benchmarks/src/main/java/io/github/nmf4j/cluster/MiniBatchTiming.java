package io.github.nmf4j.cluster;

import io.github.nmf4j.linalg.Matrix;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Side-by-side timing of {@link MiniBatchKMeans} against scikit-learn's {@code MiniBatchKMeans}
 * (benchmarks/python/minibatch_sklearn.py) on the 273,280 pixels of {@code
 * docs/figures/input/china.png}, scaled to [0, 1], with scikit-learn's defaults. Run from the
 * repository's root after {@code mvn -B -DskipTests package}:
 *
 * <pre>
 * /usr/bin/python3 benchmarks/python/minibatch_sklearn.py 5 16
 * java -cp core/target/classes \
 *     benchmarks/src/main/java/io/github/nmf4j/cluster/MiniBatchTiming.java 5 16 2
 * </pre>
 *
 * Prints, per fit (seed = repeat index, after one warm-up fit), the seconds, the passes and the
 * inertia, and the inertia of a full k-means fit for reference.
 */
public final class MiniBatchTiming {

  private MiniBatchTiming() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    BufferedImage image = ImageIO.read(new File("docs/figures/input/china.png"));
    int w = image.getWidth();
    int h = image.getHeight();
    double[] x = new double[w * h * 3];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int rgb = image.getRGB(c, r);
        int i = (r * w + c) * 3;
        x[i] = ((rgb >> 16) & 0xff) / 255.0;
        x[i + 1] = ((rgb >> 8) & 0xff) / 255.0;
        x[i + 2] = (rgb & 0xff) / 255.0;
      }
    }
    Matrix pixels = Matrix.wrap(w * h, 3, x);
    MiniBatchKMeans.builder().k(k).seed(0).threads(threads).fit(pixels); // warm-up
    for (int seed = 0; seed < repeats; seed++) {
      long start = System.nanoTime();
      KMeansModel m = MiniBatchKMeans.builder().k(k).seed(seed).threads(threads).fit(pixels);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "nmf4j china %s k=%d seed=%d: %.3f s, %d passes, "
          + "inertia %.3f%n", pixels.shape(), k, seed, seconds, m.iterations(), m.inertia());
    }
    System.out.printf(Locale.ROOT, "nmf4j full k-means inertia %.3f%n",
        KMeans.builder().k(k).seed(0).threads(threads).fit(pixels).inertia());
  }
}
