package io.github.nmf4j.io;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.AtomicFiles;
import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes matrices in files, choosing the format by the file name's extension.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>extension</th><th>format</th><th>reads</th><th>writes</th></tr>
 *   <tr><td>{@code .npy}</td><td>NumPy array, versions 1.0, 2.0, 3.0</td>
 *       <td>float64, float32, int8..int64, uint8..uint64, bool; either byte order; C or
 *       Fortran order; 0, 1 (as a column) or 2 dimensions</td>
 *       <td>little-endian float64, C order</td></tr>
 *   <tr><td>{@code .csv}, {@code .tsv}</td><td>delimited text, one row per line</td>
 *       <td>comma, semicolon or tab (detected from the first line); an optional header row
 *       (skipped when none of its fields is a number); quoted fields; {@code #} comments</td>
 *       <td>comma ({@code .csv}) or tab ({@code .tsv}), the shortest text that reads back to
 *       the same double</td></tr>
 *   <tr><td>{@code .mtx}</td><td>Matrix Market</td>
 *       <td>array and coordinate; real, integer and pattern; general, symmetric and
 *       skew-symmetric</td><td>array real general</td></tr>
 * </table>
 *
 * <p>Writes are atomic: the data goes to a temporary file in the target's directory that is
 * moved over the target only when complete, so a failed write leaves no partial file and never
 * damages an existing one.
 */
public final class MatrixIo {

  private MatrixIo() {}

  /** The formats by extension. */
  private enum Format { NPY, CSV, TSV, MTX }

  private static Format format(Path path) {
    Arguments.requireNonNull(path, "path");
    String file = String.valueOf(path.getFileName());
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
    return switch (ext) {
      case "npy" -> Format.NPY;
      case "csv" -> Format.CSV;
      case "tsv" -> Format.TSV;
      case "mtx" -> Format.MTX;
      default -> throw new IllegalArgumentException("unsupported matrix file '" + path
          + "': the name must end in .npy, .csv, .tsv or .mtx");
    };
  }

  /**
   * Reads the matrix in {@code path}; the format comes from the extension ({@code .npy},
   * {@code .csv}, {@code .tsv} or {@code .mtx}).
   *
   * @throws IllegalArgumentException if {@code path} is null or has another extension
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws FileFormatException if the content is not a valid file of its format; the message
   *     names the file and, for text formats, the line and column
   * @throws IOException if reading fails
   */
  public static Matrix read(Path path) throws IOException {
    Format f = format(path);
    FileBudget budget = FileBudget.of(path);
    String name = budget.name();
    if (f == Format.NPY) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
        return Npy.read(in, budget);
      }
    }
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return f == Format.MTX ? MatrixMarket.read(r, budget) : Csv.read(r, name);
    } catch (CharacterCodingException e) {
      throw new FileFormatException(name + " is not a UTF-8 text file", e);
    }
  }

  /**
   * Writes {@code matrix} to {@code path} in the format of its extension, replacing the file
   * atomically (see the class description).
   *
   * @throws IllegalArgumentException if an argument is null or the extension is not one of
   *     {@code .npy}, {@code .csv}, {@code .tsv}, {@code .mtx}
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void write(Path path, Matrix matrix) throws IOException {
    Format f = format(path);
    Arguments.requireNonNull(matrix, "matrix");
    AtomicFiles.write(path, out -> {
      if (f == Format.NPY) {
        Npy.write(out, matrix);
        return;
      }
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      switch (f) {
        case CSV -> Csv.write(w, matrix, ',');
        case TSV -> Csv.write(w, matrix, '\t');
        default -> MatrixMarket.write(w, matrix);
      }
      w.flush();
    });
  }

  /**
   * Reads cluster labels: a one-column or one-row matrix of integers, in any format that
   * {@link #read} accepts.
   *
   * @throws IllegalArgumentException if {@code path} is null or has an unsupported extension
   * @throws FileFormatException if the matrix has more than one row and more than one column,
   *     or a value is not an integer in the range of {@code int}
   * @throws IOException if reading fails
   */
  public static int[] readLabels(Path path) throws IOException {
    Matrix m = read(path);
    if (m.rows() > 1 && m.cols() > 1) {
      throw new FileFormatException(path + ": labels must be one column or one row, found a "
          + m.shape() + " matrix");
    }
    int[] labels = new int[m.size()];
    for (int i = 0; i < labels.length; i++) {
      double v = m.cols() == 1 ? m.get(i, 0) : m.get(0, i);
      if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
        throw new FileFormatException(path + ": label " + i + " is " + v
            + ", not an integer");
      }
      labels[i] = (int) v;
    }
    return labels;
  }

  /**
   * Writes cluster labels, one per sample: a 1-D {@code int64} array for {@code .npy}, one
   * integer per line for {@code .csv}/{@code .tsv}, an n x 1 array for {@code .mtx}. Atomic as
   * {@link #write}.
   *
   * @throws IllegalArgumentException if an argument is null or the extension is unsupported
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void writeLabels(Path path, int[] labels) throws IOException {
    Format f = format(path);
    Arguments.requireNonNull(labels, "labels");
    if (f == Format.NPY) {
      int[] copy = labels.clone();
      AtomicFiles.write(path, out -> Npy.writeLabels(out, copy));
      return;
    }
    double[] values = new double[labels.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels[i];
    }
    write(path, Matrix.wrap(values.length, 1, values));
  }
}
