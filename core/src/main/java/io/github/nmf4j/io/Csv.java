package io.github.nmf4j.io;

import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Delimited text: one matrix row per line, values separated by a comma, a semicolon, a tab or
 * white space.
 *
 * <p>Reading {@code .txt}: values separated by runs of white space, as {@code numpy.savetxt}
 * writes them by default. Reading {@code .csv} and {@code .tsv}: the delimiter is the first
 * line's tab if it has one, else its semicolon if it has one, else the comma, and the first
 * line is a header (and skipped) when none of its fields is a number. A {@code #} starts a
 * comment that runs to the end of its line, as with {@code numpy.loadtxt}'s default {@code
 * comments='#'} (NumPy's {@code savetxt} writes its header so), except inside a quoted field;
 * lines that are blank once their comment is dropped are skipped. Fields may be quoted with
 * {@code "}; {@code nan}, {@code inf} and {@code -inf} are accepted in any case. A field that
 * is not a number fails with its line and column.
 *
 * <p>A file with no data rows reads as an empty matrix, as an empty {@code .npy} array does:
 * 0 x the number of fields of its header, or 0x0 without one.
 */
final class Csv {

  private Csv() {}

  /** The delimiter of whitespace-separated text ({@code .txt}): any run of spaces and tabs. */
  static final char WHITESPACE = ' ';

  /** Reads delimited text whose delimiter is detected from the first line. */
  static Matrix read(BufferedReader reader, String name) throws IOException {
    return read(reader, name, (char) 0);
  }

  /**
   * Reads delimited text; {@code delimiter} is {@link #WHITESPACE} for {@code .txt} files
   * (values separated by runs of spaces or tabs, as {@code numpy.savetxt} writes and
   * {@code numpy.loadtxt} reads them), or 0 to detect it from the first line.
   */
  static Matrix read(BufferedReader reader, String name, char delimiter) throws IOException {
    List<double[]> rows = new ArrayList<>();
    int cols = -1;
    int firstDataLine = 0;
    int headerFields = 0;
    boolean first = true;
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      String content = line.substring(0, commentStart(line, delimiter != WHITESPACE)).strip();
      if (content.isEmpty()) {
        continue;
      }
      if (first && delimiter == 0) {
        delimiter = content.indexOf('\t') >= 0 ? '\t' : content.indexOf(';') >= 0 ? ';' : ',';
      }
      List<String> fields = delimiter == WHITESPACE ? List.of(content.split("\\s+"))
          : split(line, delimiter, name, lineNo);
      if (first) {
        first = false;
        // numpy.loadtxt has no header row (savetxt writes its header as a # comment).
        if (delimiter != WHITESPACE && isHeader(fields)) {
          headerFields = fields.size();
          continue;
        }
      }
      if (cols < 0) {
        cols = fields.size();
        firstDataLine = lineNo;
      } else if (fields.size() != cols) {
        throw new FileFormatException(name + ": line " + lineNo + " has " + fields.size()
            + " values but line " + firstDataLine + " has " + cols);
      }
      double[] row = new double[cols];
      for (int j = 0; j < cols; j++) {
        row[j] = parse(fields.get(j), name, lineNo, j + 1);
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      return Matrix.zeros(0, headerFields);
    }
    return Matrix.of(rows.toArray(new double[0][]));
  }

  /**
   * Where the comment of {@code line} starts (its length if it has none): its first {@code #},
   * outside double quotes when the text has {@code quotes}. Splitting finds the same place
   * with the exact quoting rule; this one only has to tell the delimiter and blank lines.
   */
  private static int commentStart(String line, boolean quotes) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' && quotes) {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return i;
      }
    }
    return line.length();
  }

  private static boolean isHeader(List<String> fields) {
    for (String f : fields) {
      if (f.isBlank() || parseNumber(f) != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Splits one line at the delimiter, up to its comment (a {@code #} outside quotes); a field in
   * double quotes may contain the delimiter and {@code #}.
   */
  static List<String> split(String line, char delimiter, String name, int lineNo)
      throws FileFormatException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank()) {
        quoted = true;
        field.setLength(0);
      } else if (c == '#') {
        break;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new FileFormatException(name + ": unterminated quote on line " + lineNo);
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * The value of one field of a text file, or an exception that names the file, the line and
   * the column (both counted from 1) and says what is wrong: a missing value, text that is not
   * a number, or a number beyond the range of a double ({@code 1e400}, which
   * {@link Double#parseDouble} would silently turn into infinity).
   */
  static double parse(String field, String name, int line, int column)
      throws FileFormatException {
    Double v = parseNumber(field);
    String where = " at line " + line + ", column " + column;
    if (v == null) {
      String what = field.isBlank() ? "missing value" : "bad number '" + field.strip() + "'";
      throw new FileFormatException(name + ": " + what + where);
    }
    if (Double.isInfinite(v) && !isInfinityWord(field)) {
      throw new FileFormatException(name + ": " + field.strip() + where + " is out of the"
          + " range of a double (magnitudes up to about 1.8e308)");
    }
    return v;
  }

  private static boolean isInfinityWord(String field) {
    String s = field.strip().toLowerCase(java.util.Locale.ROOT);
    return s.endsWith("inf") || s.endsWith("infinity");
  }

  /** The value of a field, or null if it is not a number. */
  static Double parseNumber(String field) {
    String s = field.strip();
    if (s.isEmpty()) {
      return null;
    }
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    // Double.parseDouble also takes hexadecimal and a trailing d or f; a data file has neither.
    char last = s.charAt(s.length() - 1);
    if (!(Character.isDigit(last) || last == '.') || s.indexOf('x') >= 0
        || s.indexOf('X') >= 0) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static void write(Writer out, Matrix m, char delimiter) throws IOException {
    int cols = m.cols();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < m.rows(); i++) {
      line.setLength(0);
      for (int j = 0; j < cols; j++) {
        if (j > 0) {
          line.append(delimiter);
        }
        appendNumber(line, m.get(i, j));
      }
      line.append('\n');
      out.write(line.toString());
    }
  }

  /**
   * Text that reads back to the same double: integers below 1e15 without a trailing ".0",
   * else {@link Double#toString} (the shortest such text only from JDK 19: JDK 17 writes
   * {@code 1e23} as {@code 9.999999999999999E22}, which reads back to the same double).
   */
  static void appendNumber(StringBuilder sb, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      sb.append((long) v);
    } else if (Double.isNaN(v)) {
      sb.append("nan");
    } else if (Double.isInfinite(v)) {
      sb.append(v > 0 ? "inf" : "-inf");
    } else {
      sb.append(v);
    }
  }
}
