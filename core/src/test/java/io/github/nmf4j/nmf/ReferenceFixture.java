package io.github.nmf4j.nmf;

import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Named matrices from a fixture under {@code reference/nmf/}: blocks of a header line
 * {@code name rows cols} followed by {@code rows} lines of numbers (written by the Python
 * scripts beside the fixtures).
 */
final class ReferenceFixture {

  private final Map<String, Matrix> matrices = new HashMap<>();

  private ReferenceFixture() {}

  static ReferenceFixture load(String file) {
    ReferenceFixture f = new ReferenceFixture();
    String path = "/reference/nmf/" + file;
    try (InputStream in = ReferenceFixture.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + path);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header;
      while ((header = r.readLine()) != null) {
        if (header.isBlank()) {
          continue;
        }
        String[] h = header.trim().split(" ");
        int rows = Integer.parseInt(h[1]);
        int cols = Integer.parseInt(h[2]);
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
          String[] values = r.readLine().trim().split(" ");
          for (int j = 0; j < cols; j++) {
            data[i * cols + j] = Double.parseDouble(values[j]);
          }
        }
        f.matrices.put(h[0], Matrix.wrap(rows, cols, data));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  Matrix get(String name) {
    Matrix m = matrices.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no matrix " + name + " in fixture");
    }
    return m;
  }

  boolean has(String name) {
    return matrices.containsKey(name);
  }
}
