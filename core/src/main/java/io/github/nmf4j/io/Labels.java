package io.github.nmf4j.io;

import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cluster labels as files hold them ({@link MatrixIo#readLabels}): integers, or class names
 * as text ({@code setosa}), which scikit-learn's metrics accept as well. Names are numbered 0,
 * 1, ... in the order they first appear; the Rand indices do not depend on the numbering.
 *
 * <p>A text file of names has one name per line, or an index column (pandas' {@code to_csv},
 * R's {@code write.csv}) under a header whose first field is empty, or under a header of one
 * field (R's {@code write.table}); without an index column, its first line is a header when
 * its name appears nowhere else and the names below it repeat ({@code species} above 50
 * {@code setosa}...). A {@code .npy} file of names has a text dtype
 * ({@code <U10} as {@code np.save(f, y)} writes an array of str, or {@code |S10}).
 */
final class Labels {

  private Labels() {}

  /**
   * The class names of a text file (CSV, TSV or, with {@link Csv#WHITESPACE}, {@code .txt}),
   * a column of names or a single line of them, or null when it is neither: several columns,
   * a blank, or a number among them (the number reading's error then stands).
   */
  static String[] textNames(Path path, String name, char delimiter) throws IOException {
    List<List<String>> lines;
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      lines = Csv.fields(r, name, delimiter);
    }
    if (lines.isEmpty()) {
      return null;
    }
    if (lines.size() == 1 && lines.get(0).size() > 1) {
      List<String> names = new ArrayList<>();
      for (String field : lines.get(0)) {
        String v = className(field);
        if (v == null) {
          return null;
        }
        names.add(v);
      }
      return names.toArray(new String[0]);
    }
    // an index column under an empty header cell, or under none (R's write.table)
    boolean index = lines.get(0).size() == 2 && lines.get(0).get(0).isBlank()
        || lines.get(0).size() == 1 && lines.size() > 1 && lines.get(1).size() == 2;
    List<String> names = new ArrayList<>();
    for (List<String> fields : index ? lines.subList(1, lines.size()) : lines) {
      if (fields.size() != (index ? 2 : 1)) {
        return null;
      }
      String v = className(fields.get(fields.size() - 1));
      if (v == null) {
        return null;
      }
      names.add(v);
    }
    if (!index && isHeader(names)) {
      names.remove(0);
    }
    return names.toArray(new String[0]);
  }

  /** The class name a field holds, stripped; null when it is blank or a number. */
  private static String className(String field) {
    String v = field.strip();
    return v.isEmpty() || Csv.parseNumber(v) != null ? null : v;
  }

  /** Whether the first name appears nowhere else while the names after it repeat. */
  private static boolean isHeader(List<String> names) {
    if (names.size() < 3 || names.subList(1, names.size()).contains(names.get(0))) {
      return false;
    }
    Set<String> seen = new HashSet<>();
    for (String n : names.subList(1, names.size())) {
      if (!seen.add(n)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The class names of a {@code .npy} file of a text dtype ({@code U}: UTF-32, {@code S}:
   * bytes), one row or one column, each without the NULs that pad it; null when its dtype is
   * not text.
   *
   * @throws FileFormatException if the array is not one row or one column, or is shorter than
   *     its header claims
   */
  static String[] npyNames(Path path, FileBudget budget) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      Npy.Start start = Npy.start(in, budget);
      NpyHeader h = start.header();
      String descr = h.descr();
      char kind = descr.length() > 2 ? descr.charAt(1) : '?';
      int chars;
      try {
        chars = Integer.parseInt(descr.substring(2));
      } catch (RuntimeException e) {
        return null;
      }
      if (kind != 'U' && kind != 'S' || chars <= 0) {
        return null;
      }
      long[] shape = h.shape();
      long rows = shape.length == 0 ? 1 : shape[0];
      long cols = shape.length == 2 ? shape[1] : 1;
      if (shape.length > 2 || rows > 1 && cols > 1) {
        throw new FileFormatException(budget.name() + ": labels must be one column or one row,"
            + " found shape " + h.shapeText());
      }
      String claim = "shape " + h.shapeText() + " of " + descr;
      int count = budget.elements(rows, cols, claim);
      int width = kind == 'U' ? 4 : 1;
      budget.requireBinary(count, chars * width, start.dataStart(), claim);
      String[] names = new String[count];
      for (int i = 0; i < count; i++) {
        byte[] b = Npy.readFully(in, chars * width, budget.name(), "the data");
        String s = kind == 'S' ? new String(b, StandardCharsets.ISO_8859_1)
            : new String(b, descr.charAt(0) == '>' ? "UTF-32BE" : "UTF-32LE");
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
          end--;
        }
        names[i] = s.substring(0, end);
      }
      return names;
    }
  }

  /** The names numbered 0, 1, ... in the order each first appears. */
  static int[] number(String[] names) {
    Map<String, Integer> classes = new HashMap<>();
    int[] labels = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      labels[i] = classes.computeIfAbsent(names[i], n -> classes.size());
    }
    return labels;
  }

  /**
   * The labels of a one-column or one-row matrix of integers read from {@code name}.
   *
   * @throws FileFormatException if the matrix has more than one row and more than one column,
   *     or a value is not an integer in the range of {@code int}
   */
  static int[] integers(String name, Matrix m) throws FileFormatException {
    if (m.rows() > 1 && m.cols() > 1) {
      throw new FileFormatException(name + ": labels must be one column or one row, found a "
          + m.shape() + " matrix");
    }
    int[] labels = new int[m.size()];
    for (int i = 0; i < labels.length; i++) {
      double v = m.cols() == 1 ? m.get(i, 0) : m.get(0, i);
      if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw new FileFormatException(name + ": label " + (i + 1) + " (counting from 1) is "
            + v + ", not an integer in the range of int");
      }
      labels[i] = (int) v;
    }
    return labels;
  }

  /**
   * The labels of a file that {@link MatrixIo#read} refused with {@code e}, as class names
   * ({@link #textNames}, {@link #npyNames}) numbered by first appearance; {@code e} itself for
   * a format that holds no names.
   */
  static int[] names(Path path, MatrixIo.Format f, FileFormatException e) throws IOException {
    String[] names = f == MatrixIo.Format.NPY ? npyNames(path, FileBudget.of(path))
        : textNames(path, f);
    if (names == null) {
      throw e;
    }
    return number(names);
  }

  /**
   * The class names of a {@code .csv}, {@code .tsv} or {@code .txt} file ({@link
   * #textNames(Path, String, char)}), or null for another format or when it holds no names.
   */
  static String[] textNames(Path path, MatrixIo.Format f) throws IOException {
    String name = path.toString();
    return switch (f) {
      case CSV, TSV -> textNames(path, name, (char) 0);
      case TXT -> textNames(path, name, Csv.WHITESPACE);
      default -> null;
    };
  }

  /** {@code labels} as an n x 1 matrix of doubles, to be written as text or Matrix Market. */
  static Matrix column(int[] labels) {
    double[] values = new double[labels.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels[i];
    }
    return Matrix.wrap(values.length, 1, values);
  }
}
