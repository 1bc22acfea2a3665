package io.github.nmf4j.benchmarks.cluster;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The pixels of a real photograph, {@code docs/figures/input/china.png}: scikit-learn's sample
 * photograph {@code china.jpg} (427 x 640) as PIL decodes it, stored lossless, so that
 * {@code benchmarks/python/kmeans_sklearn.py} reads the same values (value / 255). Run from the
 * repository's root, or set the system property {@code nmf4j.root}.
 */
public final class RealImage {

  private RealImage() {}

  /** The repository's root: {@code -Dnmf4j.root=...}, or the working directory. */
  public static Path root() {
    return Path.of(System.getProperty("nmf4j.root", "."));
  }

  /** The pixels of {@code china.png} as a row-major (427 * 640) x 3 array of value / 255. */
  public static double[] china() {
    return pixels(root().resolve("docs/figures/input/china.png"));
  }

  /** The RGB pixels of a PNG (or any image ImageIO reads) as a row-major n x 3 array. */
  public static double[] pixels(Path file) {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new NoSuchFileException(file.toAbsolutePath() + " (not an image)");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file.toAbsolutePath()
          + ": run from the repository's root or set -Dnmf4j.root", e);
    }
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
    return x;
  }
}
