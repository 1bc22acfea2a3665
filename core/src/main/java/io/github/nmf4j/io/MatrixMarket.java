package io.github.nmf4j.io;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The NIST Matrix Market exchange format
 * (<a href="https://math.nist.gov/MatrixMarket/formats.html">math.nist.gov/MatrixMarket</a>).
 *
 * <p>Reads the {@code array} and {@code coordinate} formats with {@code real}, {@code double},
 * {@code integer} (integers only, as SciPy reads them) and (coordinate only) {@code pattern}
 * fields, and the {@code general}, {@code symmetric} and {@code skew-symmetric} symmetries.
 * Repeated coordinate entries are summed, as SciPy's {@code mmread} does. {@link
 * MatrixMarketWriter} writes the files.
 */
final class MatrixMarket {

  /** Entries allocated before any is read; then doubled as needed. */
  private static final int INITIAL_ENTRIES = 1 << 16;

  /** Characters of a file's start enough to hold any banner {@link #declaresArray} accepts. */
  static final int BANNER_CHARS = 256;

  /** A value of an integer field: a sign and ASCII digits, as Python's {@code int()} reads. */
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

  /**
   * The most characters a line may hold. A Matrix Market line holds a few numbers (NIST's own
   * reader takes 1024 characters), but a line is gathered whole before it is parsed: without a
   * limit, a small gzip file that inflates to gigabytes without a line break ran out of memory.
   */
  static final int MAX_LINE = 1 << 20;

  private MatrixMarket() {}

  /**
   * {@code reader} refusing, with a {@link FileFormatException} naming the file and the line, a
   * line of more than {@link #MAX_LINE} characters before more of it is gathered.
   */
  private static BufferedReader limited(BufferedReader reader, String name) {
    return new BufferedReader(new FilterReader(reader) {
      private int line = 1;
      private int run;

      @Override
      public int read() throws IOException {
        char[] c = new char[1];
        return read(c, 0, 1) < 0 ? -1 : c[0];
      }

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        int got = in.read(buffer, offset, length);
        for (int i = offset; i < offset + got; i++) {
          char c = buffer[i];
          if (c == '\n' || c == '\r') {
            line += c == '\n' ? 1 : 0;
            run = 0;
          } else if (++run > MAX_LINE) {
            throw new FileFormatException(name + ": line " + line + " is longer than " + MAX_LINE
                + " characters; a Matrix Market line holds a few numbers");
          }
        }
        return got;
      }
    }, 1 << 16);
  }

  /**
   * Whether {@code start}, the beginning of a file, is a Matrix Market banner that declares the
   * {@code array} format (a dense matrix) rather than {@code coordinate}.
   */
  static boolean declaresArray(String start) {
    String banner = withoutByteOrderMark(start.lines().findFirst().orElse(""));
    if (!banner.regionMatches(true, 0, "%%MatrixMarket", 0, 14)) {
      return false;
    }
    String[] b = banner.strip().split("\\s+");
    return b.length > 2 && b[2].equalsIgnoreCase("array");
  }

  /** {@code line} without the byte order mark a Windows editor puts before UTF-8 text. */
  private static String withoutByteOrderMark(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  private enum Symmetry { GENERAL, SYMMETRIC, SKEW }

  /** A value is a number ({@code real}, {@code double}), an integer, or absent. */
  private enum Field { REAL, INTEGER, PATTERN }

  /**
   * Reads lines, skipping comments and blank lines, and counts them for messages and their
   * characters for the size checks.
   */
  private static final class Lines {
    private final BufferedReader reader;
    int number;
    long chars;

    Lines(BufferedReader reader) {
      this.reader = reader;
    }

    /** The next data line split into tokens, or null at the end of the file. */
    String[] next() throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        chars += line.length() + 1;
        String s = line.strip();
        if (!s.isEmpty() && s.charAt(0) != '%') {
          return s.split("\\s+");
        }
      }
      return null;
    }
  }

  /** What the banner and the size line say, and the reader positioned after them. */
  private record Header(Lines lines, boolean coordinate, Field field, Symmetry symmetry,
      int rows, int cols, long entries, String claim) {}

  /**
   * Reads the banner and the size line; for a coordinate file, the declared number of entries
   * is checked against the rest of the file.
   */
  private static Header header(BufferedReader reader, FileBudget budget) throws IOException {
    String name = budget.name();
    String banner = reader.readLine();
    if (banner != null) {
      banner = withoutByteOrderMark(banner);
    }
    if (banner == null || !banner.regionMatches(true, 0, "%%MatrixMarket", 0, 14)) {
      throw new FileFormatException(
          name + ": line 1 is not a %%MatrixMarket banner");
    }
    String[] b = banner.strip().toLowerCase(Locale.ROOT).split("\\s+");
    if (b.length != 5 || !b[1].equals("matrix")) {
      throw new FileFormatException(name + ": line 1: expected '%%MatrixMarket matrix FORMAT"
          + " FIELD SYMMETRY', found '" + banner.strip() + "'");
    }
    boolean coordinate = switch (b[2]) {
      case "coordinate" -> true;
      case "array" -> false;
      default -> throw new FileFormatException(
          name + ": line 1: unsupported format '" + b[2] + "' (supported: array, coordinate)");
    };
    Field field = switch (b[3]) {
      case "real", "double" -> Field.REAL;
      case "integer" -> Field.INTEGER;
      case "pattern" -> Field.PATTERN;
      default -> throw new FileFormatException(name + ": line 1: unsupported field '" + b[3]
          + "' (supported: real, integer, pattern" + (b[3].equals("complex")
              ? "; write the real part or the magnitude, scipy.io.mmwrite(f, abs(x))" : "")
          + ")");
    };
    Symmetry symmetry = switch (b[4]) {
      case "general" -> Symmetry.GENERAL;
      case "symmetric" -> Symmetry.SYMMETRIC;
      case "skew-symmetric" -> Symmetry.SKEW;
      default -> throw new FileFormatException(name + ": line 1: unsupported symmetry '" + b[4]
          + "' (supported: general, symmetric, skew-symmetric)");
    };
    if (field == Field.PATTERN && !coordinate) {
      throw new FileFormatException(name + ": line 1: the pattern field needs coordinate format");
    }
    Lines lines = new Lines(reader);
    lines.number = 1;
    lines.chars = banner.length() + 1;
    String[] size = lines.next();
    int need = coordinate ? 3 : 2;
    if (size == null || size.length != need) {
      throw new FileFormatException(name + ": line " + lines.number + ": expected the size line ("
          + (coordinate ? "rows cols entries" : "rows cols") + ")");
    }
    int rows = parseInt(size[0], name, lines.number, 1);
    int cols = parseInt(size[1], name, lines.number, 2);
    String claim = "the " + rows + "x" + cols + " matrix of line " + lines.number;
    if (symmetry != Symmetry.GENERAL && rows != cols) {
      throw new FileFormatException(name + ": a " + b[4] + " matrix must be square, was "
          + rows + "x" + cols);
    }
    long entries = -1;
    if (coordinate) {
      entries = parseLong(size[2], name, lines.number, 3);
      // "1 1" and a line break for a pattern entry, "1 1 1" and a line break otherwise.
      budget.requireText(entries, field == Field.PATTERN ? 4 : 6, lines.chars,
          claim + " with " + Phrases.count(entries, "entry", "entries"));
      if (entries > FileBudget.MAX_ARRAY) {
        throw new FileFormatException(name + ": " + claim + " with " + entries
            + " entries; at most " + FileBudget.MAX_ARRAY + " can be read");
      }
    }
    return new Header(lines, coordinate, field, symmetry, rows, cols, entries, claim);
  }

  /**
   * Reads a Matrix Market file whose length {@code budget} knows: the size line's claims are
   * checked against the rest of the file before anything is allocated, and a coordinate file's
   * entries are read and checked before its dense matrix is.
   */
  static Matrix read(BufferedReader reader, FileBudget budget) throws IOException {
    String name = budget.name();
    Header h = header(limited(reader, name), budget);
    Lines lines = h.lines();
    int rows = h.rows();
    int cols = h.cols();
    Symmetry symmetry = h.symmetry();
    String claim = h.claim();
    int elements = budget.elements(rows, cols, claim);
    double[] a;
    if (h.coordinate()) {
      Entries e = readCoordinate(lines, name, rows, cols, (int) h.entries(), h.field());
      budget.requireHeap(elements, claim);
      a = e.dense(rows, cols, symmetry);
    } else {
      a = readArrayBody(h, budget, elements);
    }
    requireEnd(lines, name);
    return Matrix.wrap(rows, cols, a);
  }

  private static double[] readArrayBody(Header h, FileBudget budget, int elements)
      throws IOException {
    int rows = h.rows();
    long stored = switch (h.symmetry()) {
      case GENERAL -> elements;
      case SYMMETRIC -> (long) rows * (rows + 1) / 2;
      case SKEW -> (long) rows * (rows - 1) / 2;
    };
    budget.requireText(stored, 2, h.lines().chars, h.claim());
    budget.requireHeap(elements, h.claim());
    double[] a = new double[elements];
    readArray(h.lines(), budget.name(), a, rows, h.cols(), h.symmetry(), h.field());
    return a;
  }

  /**
   * Reads a coordinate Matrix Market file as a sparse matrix, never building the dense one:
   * repeated entries are summed, the other triangle of a symmetric or skew-symmetric file is
   * filled in, and every position the file stores is kept, zeros included, as SciPy's {@code
   * mmread} keeps them (an {@code array} file is read densely and converted, its zeros not
   * stored). Memory grows with the entries actually read, so a size line that claims more
   * entries than the file holds (in a compressed stream whose length is not known in advance)
   * fails when the file ends, not with an allocation.
   *
   * @throws FileFormatException as {@link #read}, or for a value that is not finite
   */
  static SparseMatrix readSparse(BufferedReader reader, FileBudget budget) throws IOException {
    String name = budget.name();
    Header h = header(limited(reader, name), budget);
    if (!h.coordinate()) {
      double[] a = readArrayBody(h, budget, budget.elements(h.rows(), h.cols(), h.claim()));
      requireEnd(h.lines(), name);
      return DenseFiles.sparse(name, Matrix.wrap(h.rows(), h.cols(), a));
    }
    budget.requireRowPointers(h.rows(), h.claim());
    Entries e = readCoordinate(h.lines(), name, h.rows(), h.cols(), (int) h.entries(),
        h.field());
    requireEnd(h.lines(), name);
    return e.sparse(h.rows(), h.cols(), h.symmetry(), name);
  }

  private static void requireEnd(Lines lines, String name) throws IOException {
    if (lines.next() != null) {
      throw new FileFormatException(name + ": line " + lines.number
          + ": more entries than the size line declares");
    }
  }

  /** The entries of a coordinate file, 0-based, in file order. */
  private record Entries(int[] row, int[] col, double[] value) {

    /** The sparse matrix, repeated entries summed, the other triangle filled by symmetry. */
    SparseMatrix sparse(int rows, int cols, Symmetry symmetry, String name)
        throws FileFormatException {
      for (int e = 0; e < value.length; e++) {
        if (!Double.isFinite(value[e])) {
          throw new FileFormatException(name + ": entry " + (e + 1) + " (row " + (row[e] + 1)
              + ", column " + (col[e] + 1) + ") is " + value[e]
              + "; a sparse matrix holds finite values");
        }
      }
      int[] r = row;
      int[] c = col;
      double[] v = value;
      if (symmetry != Symmetry.GENERAL) {
        int off = 0;
        for (int e = 0; e < row.length; e++) {
          off += row[e] != col[e] ? 1 : 0;
        }
        int n = row.length;
        if ((long) n + off > FileBudget.MAX_ARRAY) {
          throw new FileFormatException(name + ": " + n + " entries and their " + off
              + " mirror images are more than an array can hold");
        }
        r = new int[n + off];
        c = new int[n + off];
        v = new double[n + off];
        // each mirror image right after its entry, so that a position stored in both
        // triangles sums in file order, as the dense reader sums it
        for (int e = 0, m = 0; e < n; e++) {
          r[m] = row[e];
          c[m] = col[e];
          v[m++] = value[e];
          if (row[e] != col[e]) {
            r[m] = col[e];
            c[m] = row[e];
            v[m++] = symmetry == Symmetry.SKEW ? -value[e] : value[e];
          }
        }
      }
      try {
        return SparseMatrix.fromTriplets(rows, cols, r, c, v, true);
      } catch (IllegalArgumentException e) {
        throw new FileFormatException(name + ": " + e.getMessage(), e);
      }
    }

    /** The dense matrix, repeated entries summed, the other triangle filled by symmetry. */
    double[] dense(int rows, int cols, Symmetry symmetry) {
      double[] a = new double[rows * cols];
      for (int e = 0; e < row.length; e++) {
        int i = row[e];
        int j = col[e];
        double v = value[e];
        a[i * cols + j] += v;
        if (symmetry != Symmetry.GENERAL && i != j) {
          a[j * cols + i] += symmetry == Symmetry.SKEW ? -v : v;
        }
      }
      return a;
    }
  }

  private static Entries readCoordinate(Lines lines, String name, int rows, int cols,
      int entries, Field field) throws IOException {
    int fields = field == Field.PATTERN ? 2 : 3;
    // Grown as entries arrive: a size line that lies costs no more memory than the file holds.
    int capacity = Math.min(entries, INITIAL_ENTRIES);
    int[] ri = new int[capacity];
    int[] ci = new int[capacity];
    double[] values = new double[capacity];
    for (int e = 0; e < entries; e++) {
      if (e == capacity) {
        capacity = (int) Math.min(entries, 2L * capacity);
        ri = Arrays.copyOf(ri, capacity);
        ci = Arrays.copyOf(ci, capacity);
        values = Arrays.copyOf(values, capacity);
      }
      String[] t = lines.next();
      if (t == null) {
        throw new FileFormatException(name + ": the file ends after " + e + " of "
            + Phrases.count(entries, "entry", "entries"));
      }
      if (t.length != fields) {
        throw new FileFormatException(name + ": line " + lines.number + ": expected " + fields
            + " values, found " + t.length);
      }
      int i = parseInt(t[0], name, lines.number, 1) - 1;
      int j = parseInt(t[1], name, lines.number, 2) - 1;
      if (i < 0 || i >= rows || j < 0 || j >= cols) {
        throw new FileFormatException(name + ": line " + lines.number + ": entry (" + (i + 1)
            + ", " + (j + 1) + ") is outside the " + rows + "x" + cols + " matrix");
      }
      ri[e] = i;
      ci[e] = j;
      values[e] = field == Field.PATTERN ? 1 : value(t[2], field, name, lines.number, 3);
    }
    return new Entries(ri, ci, values);
  }

  private static void readArray(Lines lines, String name, double[] a, int rows, int cols,
      Symmetry symmetry, Field field) throws IOException {
    // Column-major; symmetric matrices store the lower triangle with the diagonal,
    // skew-symmetric ones the strict lower triangle.
    for (int j = 0; j < cols; j++) {
      int start = switch (symmetry) {
        case GENERAL -> 0;
        case SYMMETRIC -> j;
        case SKEW -> j + 1;
      };
      for (int i = start; i < rows; i++) {
        String[] t = lines.next();
        if (t == null) {
          throw new FileFormatException(name + ": the file ends before the value of row "
              + (i + 1) + ", column " + (j + 1));
        }
        if (t.length != 1) {
          throw new FileFormatException(name + ": line " + lines.number
              + ": expected one value per line, found " + t.length);
        }
        double v = value(t[0], field, name, lines.number, 1);
        a[i * cols + j] = v;
        if (symmetry != Symmetry.GENERAL) {
          a[j * cols + i] = symmetry == Symmetry.SKEW ? -v : v;
        }
      }
    }
  }

  private static int parseInt(String s, String name, int line, int column)
      throws FileFormatException {
    long v = parseLong(s, name, line, column);
    if (v > Integer.MAX_VALUE) {
      throw new FileFormatException(name + ": line " + line + ", column " + column
          + ": " + s + " is too large");
    }
    return (int) v;
  }

  private static long parseLong(String s, String name, int line, int column)
      throws FileFormatException {
    try {
      long v = Long.parseLong(s);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new FileFormatException(name + ": bad integer '" + s + "' at line " + line
          + ", column " + column);
    }
  }

  /**
   * The value {@code s} of a real or integer field. An integer is what SciPy's {@code mmread}
   * (1.10) reads with Python's {@code int()} into an int64: a sign and ASCII digits, not
   * {@code 2.5}, {@code 1e3} or {@code 3.0}; nor {@code 1_000}, which {@code int()} takes but
   * no writer writes (a real field refuses it too).
   */
  private static double value(String s, Field field, String name, int line, int column)
      throws FileFormatException {
    if (field != Field.INTEGER) {
      return Csv.parse(s, name, line, column);
    }
    String where = name + ": line " + line + ", column " + column + ": " + s;
    if (!INTEGER.matcher(s).matches()) {
      throw new FileFormatException(where + " is not an integer, but line 1 declares the"
          + " integer field (declare it real for other numbers)");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new FileFormatException(where + " is out of the range of the integer field of"
          + " line 1 (64-bit integers, as SciPy's mmread reads them)");
    }
  }
}
