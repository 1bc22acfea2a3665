package io.github.nmf4j.benchmarks.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The wide data sets of the k-means and silhouette benchmarks, the same as in {@code
 * benchmarks/python/kmeans_wide_sklearn.py}: {@code digits} (scikit-learn's bundled 1797 x 64
 * digits, read from its installed copy) and {@code mnist} (70000 x 784 {@link SyntheticDigits},
 * seed 7).
 */
public final class WideData {

  /** Where the system scikit-learn keeps its digits. */
  public static final Path DIGITS =
      Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz");

  /** Rows and columns of a data set, with its row-major values. */
  public static final class Data {
    public final int rows;
    public final int cols;
    public final double[] values;

    Data(int rows, int cols, double[] values) {
      this.rows = rows;
      this.cols = cols;
      this.values = values;
    }
  }

  private WideData() {}

  /** The data set called {@code name} ({@code digits} or {@code mnist}). */
  public static Data load(String name) {
    switch (name) {
      case "digits":
        return digits();
      case "mnist":
        return new Data(70_000, SyntheticDigits.FEATURES, SyntheticDigits.images(70_000, 7));
      default:
        throw new IllegalArgumentException("unknown data set " + name);
    }
  }

  private static Data digits() {
    double[] x = new double[1797 * 64];
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(DIGITS)), StandardCharsets.US_ASCII))) {
      for (int i = 0; i < 1797; i++) {
        String[] cells = in.readLine().split(",");
        for (int f = 0; f < 64; f++) {
          x[i * 64 + f] = Double.parseDouble(cells[f]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Data(1797, 64, x);
  }

  /** The checksum of labels the Python script prints: the sum of (i mod 1000) * label. */
  public static long checksum(int[] labels) {
    long s = 0;
    for (int i = 0; i < labels.length; i++) {
      s += (long) (i % 1000) * labels[i];
    }
    return s;
  }
}
