package io.github.nmf4j.testing;

import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the plain-text reference fixtures under {@code src/test/resources/reference/}: lines
 * {@code matrix NAME ROWS COLS} each followed by {@code ROWS} lines of {@code COLS} numbers
 * (written with Python's {@code repr}, so every double round-trips), and {@code #} comments.
 */
public final class Fixtures {

  private Fixtures() {}

  /** All matrices of the resource {@code path} (relative to the class path root), by name. */
  public static Map<String, Matrix> read(String path) {
    InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException("no test resource " + path);
    }
    Map<String, Matrix> out = new LinkedHashMap<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] head = line.split("\\s+");
        if (!head[0].equals("matrix") || head.length != 4) {
          throw new IllegalStateException(path + ": expected 'matrix NAME ROWS COLS', got " + line);
        }
        int rows = Integer.parseInt(head[2]);
        int cols = Integer.parseInt(head[3]);
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
          String[] values = r.readLine().strip().split("\\s+");
          if (cols > 0 && values.length != cols) {
            throw new IllegalStateException(path + ": " + head[1] + " row " + i + " has "
                + values.length + " values, expected " + cols);
          }
          for (int j = 0; j < cols; j++) {
            data[i * cols + j] = Double.parseDouble(values[j]);
          }
        }
        out.put(head[1], Matrix.wrap(rows, cols, data));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
