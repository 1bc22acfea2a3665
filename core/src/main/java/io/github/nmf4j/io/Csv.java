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
 * line's tab if it has one, else its semicolon if it has one, else the comma, unless the line
 * is numbers separated by spaces only ({@code numpy.savetxt(f, x, delimiter=" ")}), read as
 * {@code .txt}. The first line may be a header and the first column row names, as pandas and
 * R write them ({@link CsvTable}). A {@code #} starts a
 * comment that runs to the end of its line, as with {@code numpy.loadtxt}'s default {@code
 * comments='#'} (NumPy's {@code savetxt} writes its header so), except inside a quoted field
 * and for the values {@link HashValues} refuses; lines that are blank once their comment is
 * dropped are skipped. Fields may be quoted with
 * {@code "}; {@code nan}, {@code inf} and {@code -inf} are accepted in any case, and R's
 * {@code NA} reads as NaN; between semicolons a decimal comma reads as a decimal point. A
 * field that is not a number, or is empty, fails with its line and column.
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
    CsvTable t = new CsvTable(name);
    lines(reader, name, delimiter, t::add);
    return t.matrix();
  }

  /**
   * The fields of every line of delimited text that is not blank once its comment is dropped,
   * as {@link #read(BufferedReader, String, char)} splits them, as text.
   */
  static List<List<String>> fields(BufferedReader reader, String name, char delimiter)
      throws IOException {
    List<List<String>> lines = new ArrayList<>();
    lines(reader, name, delimiter, (fields, lineNo, d) -> lines.add(fields));
    return lines;
  }

  /** Receives the fields of one line. */
  private interface LineSink {
    void add(List<String> fields, int lineNo, char delimiter) throws FileFormatException;
  }

  /**
   * Splits each line that is not blank once its comment is dropped (a byte order mark at the
   * start dropped too) at {@code delimiter}, detected from the first such line when 0, and
   * hands its fields to {@code sink}. A first line {@code sep=;} (or {@code sep=,}, a tab,
   * {@code |}), which Excel reads as the delimiter of the file, sets it when the caller gave
   * none.
   */
  private static void lines(BufferedReader reader, String name, char delimiter, LineSink sink)
      throws IOException {
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (lineNo == 1 && delimiter == 0 && line.strip().matches("sep=[,;\t|]")) {
        delimiter = line.strip().charAt(4); // Excel's hint of the delimiter, not data
        continue;
      }
      int comment = commentStart(line);
      String content = line.substring(0, comment).strip();
      HashValues.refuse(line, comment, content, delimiter, name, lineNo);
      if (content.isEmpty()) {
        continue;
      }
      if (delimiter == 0) {
        delimiter = delimiter(content);
      }
      sink.add(delimiter == WHITESPACE ? splitWhiteSpace(line, name, lineNo)
          : split(line, delimiter, name, lineNo), lineNo, delimiter);
    }
  }

  /**
   * The delimiter of a {@code .csv} or {@code .tsv} file from its first line: a tab if it has
   * one, else a semicolon if it has one, else a comma; but runs of white space when the line
   * has none of them and is two or more numbers separated by spaces (what {@code
   * numpy.savetxt(f, x, delimiter=" ")} writes, whatever the file's extension). Text in
   * double quotes is not looked at when the rest of the line has a tab, semicolon or comma:
   * R's {@code write.csv} quotes a name such as {@code "a;b"} in a comma-separated file.
   */
  static char delimiter(String content) {
    String unquoted = unquoted(content);
    if (unquoted.indexOf('\t') >= 0 || unquoted.indexOf(';') >= 0
        || unquoted.indexOf(',') >= 0) {
      content = unquoted;
    }
    if (content.indexOf('\t') >= 0) {
      return '\t';
    }
    if (content.indexOf(';') >= 0) {
      return ';';
    }
    if (content.indexOf(',') < 0) {
      String[] words = content.split("\\s+");
      boolean numbers = words.length > 1;
      for (int i = 0; i < words.length && numbers; i++) {
        numbers = parseNumber(words[i]) != null;
      }
      if (numbers) {
        return WHITESPACE;
      }
    }
    return ',';
  }

  /** {@code line} without the text between double quotes, the quotes included. */
  private static String unquoted(String line) {
    StringBuilder sb = new StringBuilder(line.length());
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Where the comment of {@code line} starts (its length if it has none): its first {@code #}
   * outside double quotes. Splitting finds the same place with the exact quoting rule; this
   * one only has to tell the delimiter and blank lines.
   */
  private static int commentStart(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted) {
        return i;
      }
    }
    return line.length();
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
   * Splits one line of white-space separated text at runs of white space, up to its comment (a
   * {@code #} outside quotes); a field in double quotes may contain white space and {@code #},
   * as R's {@code write.table} writes names such as {@code "plant 1"}.
   */
  static List<String> splitWhiteSpace(String line, String name, int lineNo)
      throws FileFormatException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean inField = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c != '"') {
          field.append(c);
        } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else {
          quoted = false;
        }
      } else if (c == '#') {
        break;
      } else if (" \t\n\u000B\f\r".indexOf(c) >= 0) {
        if (inField) {
          fields.add(field.toString());
          field.setLength(0);
          inField = false;
        }
      } else {
        quoted = c == '"' && !inField;
        if (!quoted) {
          field.append(c);
        }
        inField = true;
      }
    }
    if (quoted) {
      throw new FileFormatException(name + ": unterminated quote on line " + lineNo);
    }
    if (inField) {
      fields.add(field.toString());
    }
    return fields;
  }

  /**
   * The value of one field of a delimited text file, as {@link #parse(String, String, int,
   * int)} but with what spreadsheets and R write: R's {@code NA} is a missing value (NaN), and
   * between semicolons a decimal comma ({@code 1,5}, as a spreadsheet in a German or French
   * locale writes it) is read as a decimal point. An empty field is refused, saying how to
   * write a missing value.
   */
  static double parse(String field, char delimiter, String name, int line, int column)
      throws FileFormatException {
    if (field.isBlank()) {
      throw new FileFormatException(name + ": missing value (an empty field) at line " + line
          + ", column " + column + "; write a missing value as nan (pandas: to_csv(na_rep="
          + "'nan'); R: write.csv keeps NA)");
    }
    return parse(normalize(field, delimiter), name, line, column);
  }

  /** The value of a field of a delimited text file, or null if it is not a number. */
  static Double value(String field, char delimiter) {
    return parseNumber(normalize(field, delimiter));
  }

  /** {@code field} with R's {@code NA} as {@code nan} and, after {@code ;}, a decimal comma. */
  private static String normalize(String field, char delimiter) {
    String s = field.strip();
    if (s.equalsIgnoreCase("na")) {
      return "nan";
    }
    int comma = s.indexOf(',');
    if (delimiter == ';' && comma >= 0 && comma == s.lastIndexOf(',') && s.indexOf('.') < 0) {
      return s.substring(0, comma) + '.' + s.substring(comma + 1);
    }
    return field;
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

  /**
   * Writes {@code m}, one row per line; a first row of exactly {@code 0, 1, ..., n-1} (n >= 3)
   * starts with {@code 0.0}, lest it read back as pandas' header of column numbers ({@link
   * CsvTable}).
   */
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
      if (i == 0 && cols >= CsvTable.MIN_NUMBERED && isColumnNumbers(m.row(0))) {
        line.insert(1, ".0");
      }
      line.append('\n');
      out.write(line.toString());
    }
  }

  /** Whether {@code row} is {@code 0, 1, ..., n-1}, each written as a plain integer. */
  private static boolean isColumnNumbers(double[] row) {
    for (int j = 0; j < row.length; j++) {
      if (row[j] != j || j == 0 && 1 / row[j] < 0) {
        return false;
      }
    }
    return true;
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
