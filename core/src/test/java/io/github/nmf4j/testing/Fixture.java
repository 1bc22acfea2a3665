package io.github.nmf4j.testing;

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
 * A reference fixture under {@code src/test/resources/reference/}: blocks introduced by a line
 * {@code name rows cols} followed by {@code rows} lines of {@code cols} numbers; {@code #} starts a
 * comment line. Written by the Python scripts beside the fixtures.
 */
public final class Fixture {

  private final Map<String, Matrix> blocks;

  private Fixture(Map<String, Matrix> blocks) {
    this.blocks = blocks;
  }

  /** Loads {@code /reference/<path>} from the test class path. */
  public static Fixture load(String path) {
    String resource = "/reference/" + path;
    try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, Matrix> blocks = new HashMap<>();
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] head = line.trim().split("\\s+");
        int rows = Integer.parseInt(head[1]);
        int cols = Integer.parseInt(head[2]);
        double[] data = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
          String[] fields = r.readLine().trim().split("\\s+");
          for (int j = 0; j < cols; j++) {
            data[i * cols + j] = parse(fields[j]);
          }
        }
        blocks.put(head[0], Matrix.wrap(rows, cols, data));
      }
      return new Fixture(blocks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double parse(String s) {
    switch (s) {
      case "True":
        return 1;
      case "False":
        return 0;
      case "nan":
        return Double.NaN;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(s);
    }
  }

  /** The block {@code name} as a matrix. */
  public Matrix matrix(String name) {
    Matrix m = blocks.get(name);
    if (m == null) {
      throw new IllegalArgumentException("fixture has no block " + name);
    }
    return m;
  }

  /** The block {@code name}, flattened, as ints. */
  public int[] ints(String name) {
    double[] v = matrix(name).toRowMajorArray();
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (int) v[i];
    }
    return out;
  }

  /** The block {@code name}, flattened. */
  public double[] doubles(String name) {
    return matrix(name).toRowMajorArray();
  }

  /** The single number in block {@code name}. */
  public double scalar(String name) {
    return matrix(name).get(0, 0);
  }
}
