package io.github.nmf4j.io;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a delimited text file, fed one line's fields at a time, and what its first lines
 * mean, as pandas and R write them:
 *
 * <ul>
 *   <li>The first line is a header when none of its fields is a number (in white-space
 *       separated text: each holds a letter), or when its first
 *       field is empty and the others are names or the column numbers {@code 0, 1, ...}
 *       ({@code DataFrame.to_csv} with its index; R's {@code write.csv}).
 *   <li>A first line of exactly the column numbers {@code 0, 1, ..., n-1} (n >= 3), what
 *       {@code pd.DataFrame(x).to_csv(index=False)} writes for unnamed columns, is a header
 *       when the line below it is not all integers; above integer rows it is data, as it may
 *       be a row of counts, and so is {@code 0,1}, a one-hot row as likely as a header.
 *       {@link Csv#write} writes such a first row of data as {@code 0.0,1,2,...}, so that
 *       every matrix it writes reads back.
 *   <li>With a header, the first column holds row names, and is dropped, when the header's
 *       first field is empty and the rows have as many fields as the header (pandas' index,
 *       R's {@code write.csv}), or when the rows have one field more than the header (R's
 *       {@code write.table} and {@code read.table} rule). Row names may be any text.
 * </ul>
 */
final class CsvTable {

  /** The fewest columns whose numbers {@code 0,1,...} on the first line may be a header. */
  static final int MIN_NUMBERED = 3;

  private final String name;
  private final List<double[]> rows = new ArrayList<>();
  private char delimiter;
  /** The header's fields, or null when the file has none (or none was seen yet). */
  private List<String> header;
  private int headerLine;
  /** The first line while it may be pandas' column numbers, which the next line decides. */
  private List<String> pending;
  private int pendingLine;
  /** Whether the first line has been classified as header or data. */
  private boolean started;
  /** 1 when the first column holds row names, 0 when not, -1 before the first data row. */
  private int skip = -1;
  private int cols;
  private int firstDataLine;

  CsvTable(String name) {
    this.name = name;
  }

  /** Adds the fields of the non-blank line {@code lineNo}, split at {@code delimiter}. */
  void add(List<String> fields, int lineNo, char delimiter) throws FileFormatException {
    this.delimiter = delimiter;
    if (!started) {
      if (pending != null) {
        started = true;
        List<String> first = pending;
        pending = null;
        if (integers(fields)) {
          data(first, pendingLine);
        } else {
          header = first;
          headerLine = pendingLine;
        }
      } else if (isHeader(fields)) {
        header = fields;
        headerLine = lineNo;
        started = true;
        return;
      } else if (fields.size() >= MIN_NUMBERED && columnNumbers(fields)) {
        pending = fields;
        pendingLine = lineNo;
        return;
      } else {
        started = true;
      }
    }
    data(fields, lineNo);
  }

  /**
   * The matrix read; with no data rows, 0 x the number of the header's columns (without its
   * row-names column), or 0x0 without a header.
   */
  Matrix matrix() throws FileFormatException {
    if (pending != null) {
      data(pending, pendingLine);
      pending = null;
    }
    if (rows.isEmpty()) {
      int names = header != null && header.size() > 1 && header.get(0).isBlank() ? 1 : 0;
      return Matrix.zeros(0, header == null ? 0 : header.size() - names);
    }
    return Matrix.of(rows.toArray(new double[0][]));
  }

  /**
   * Adds a data row; the first one decides whether the first column holds row names, and must
   * have as many values as a header of two or more names, or one more (a header of one name
   * may be a title, as {@code numpy.savetxt(f, x, header="a b c", comments="")} writes it).
   */
  private void data(List<String> fields, int lineNo) throws FileFormatException {
    if (skip < 0 && header != null && header.size() > 1 && fields.size() != header.size()
        && fields.size() != header.size() + 1) {
      throw new FileFormatException(name + ": line " + lineNo + " has "
          + Phrases.count(fields.size(), "value") + " but the header on line " + headerLine
          + " has " + header.size() + " names");
    }
    if (skip < 0) {
      skip = header != null && (header.size() > 1 && header.get(0).isBlank()
          && fields.size() == header.size() || fields.size() == header.size() + 1) ? 1 : 0;
      cols = fields.size() - skip;
      firstDataLine = lineNo;
    } else if (fields.size() - skip != cols) {
      throw new FileFormatException(name + ": line " + lineNo + " has "
          + Phrases.count(fields.size(), "value") + " but line " + firstDataLine + " has "
          + (cols + skip));
    }
    double[] row = new double[cols];
    for (int j = 0; j < cols; j++) {
      try {
        row[j] = Csv.parse(fields.get(j + skip), delimiter, name, lineNo, j + skip + 1);
      } catch (FileFormatException e) {
        throw new FileFormatException(e.getMessage() + advice(fields, j + skip));
      }
    }
    rows.add(row);
  }

  /**
   * What to do about the field {@code at} of {@code fields} that failed: text in the first
   * column of the first data row below a header may be row names; an empty last field, a
   * delimiter at the end of the line (a spreadsheet's empty cells); a number with a decimal
   * comma, a file that is not separated by semicolons.
   */
  private String advice(List<String> fields, int at) {
    String field = fields.get(at).strip();
    int comma = field.indexOf(',');
    if (delimiter != ';' && comma >= 0 && comma == field.lastIndexOf(',')
        && field.indexOf('.') < 0 && Csv.value(field.replace(',', '.'), ';') != null) {
      return "; a comma in a number is read only as a decimal comma between semicolons: save"
          + " the file separated by semicolons, or with decimal points and no thousands"
          + " separators";
    }
    if (at == 0 && header != null && rows.isEmpty() && fields.size() > 1
        && !fields.get(0).isBlank()) {
      return "; if the first column holds row names, leave its header cell empty or out"
          + " (pandas: to_csv(index_label=False)), or drop them (to_csv(index=False))";
    }
    if (at == fields.size() - 1 && at > 0 && fields.get(at).isBlank()) {
      return "; or, if the line ends with a delimiter and no value is missing, remove it";
    }
    return "";
  }

  /**
   * Whether the first line is a header: no field is a number, or the first field is empty and
   * the others are names or the column numbers from 0. In white-space separated text each
   * name must hold a letter, so that a {@code .txt} file of comma-separated numbers is refused
   * as such rather than read as a header.
   */
  private boolean isHeader(List<String> fields) {
    int from = fields.size() > 1 && fields.get(0).isBlank() ? 1 : 0;
    List<String> rest = fields.subList(from, fields.size());
    if (from == 1 && columnNumbers(rest)) {
      return true;
    }
    for (String f : rest) {
      if (f.isBlank() || Csv.value(f, delimiter) != null
          || delimiter == Csv.WHITESPACE && f.chars().noneMatch(Character::isLetter)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the fields are exactly the text {@code 0, 1, ..., n-1}. */
  static boolean columnNumbers(List<String> fields) {
    for (int j = 0; j < fields.size(); j++) {
      if (!fields.get(j).strip().equals(Integer.toString(j))) {
        return false;
      }
    }
    return !fields.isEmpty();
  }

  /** Whether every field is an integer written with digits only (and a sign). */
  private static boolean integers(List<String> fields) {
    for (String f : fields) {
      String s = f.strip();
      int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
      if (s.length() == start) {
        return false;
      }
      for (int i = start; i < s.length(); i++) {
        if (!Character.isDigit(s.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }
}
