package io.github.nmf4j.testing;

import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The small real and synthetic data sets under {@code src/test/resources/reference/data/} (see
 * the README there).
 */
public final class Datasets {

  private Datasets() {}

  /** The first {@code n} of scikit-learn's 1,797 8x8 digits, {@code n x 64}, pixels 0..16. */
  public static Matrix digits(int n) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(open("reference/data/digits.csv.gz")), StandardCharsets.US_ASCII))) {
      String line;
      while (lines.size() < n && (line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] data = new double[lines.size() * 64];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split(",");
      for (int j = 0; j < 64; j++) {
        data[i * 64 + j] = Double.parseDouble(f[j]);
      }
    }
    return Matrix.wrap(lines.size(), 64, data);
  }

  /**
   * The 200 synthetic 25x25 faces of {@code make_faces_like.py}, {@code 200 x 625}, pixels
   * scaled to [0, 1] as scikit-learn's Olivetti faces.
   */
  public static Matrix facesLike() {
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(open("reference/data/faces_like.u8.gz"))) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] data = new double[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = (bytes[i] & 0xff) / 255.0;
    }
    return Matrix.wrap(bytes.length / 625, 625, data);
  }

  private static InputStream open(String path) {
    InputStream in = Datasets.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException("no test resource " + path);
    }
    return in;
  }
}
