package io.github.nmf4j.io;

import io.github.nmf4j.linalg.SparseMatrix;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * SciPy's sparse matrix files ({@code scipy.sparse.save_npz}): a zip archive, compressed or
 * not, of {@code .npy} arrays. {@code format.npy} names the layout ({@code csr}, {@code csc} or
 * {@code coo}), {@code shape.npy} holds the two dimensions, and the data arrays are {@code
 * indptr}, {@code indices}, {@code data} (csr, csc) or {@code row}, {@code col}, {@code data}
 * (coo). Index arrays may be of any integer type (SciPy uses int32, or int64 for large
 * matrices); values of any type {@link Npy} reads.
 *
 * <p>Reading never builds the dense matrix. Before anything is allocated, each entry's claimed
 * length is checked against its compressed length (deflate expands at most 1032-fold), each
 * array's shape against its entry's bytes, the arrays' lengths against each other and against
 * the shape, and the shape against what an array can index. Writes csr with int32 indices and
 * float64 values, deflated, as {@code save_npz} does by default.
 */
final class Npz {

  /** Deflate's largest expansion is 1032:1 (258-byte matches coded in 2 bits); some slack. */
  private static final long MAX_RATIO = 1032;
  private static final long SLACK = 1024;
  /** A format or shape entry is a few hundred bytes; more is not a SciPy file. */
  private static final long SMALL_ENTRY = 1 << 16;

  private Npz() {}

  static SparseMatrix read(Path path, FileBudget budget) throws IOException {
    String name = budget.name();
    ZipFile zip;
    try {
      zip = new ZipFile(path.toFile());
    } catch (ZipException e) {
      throw new FileFormatException(name + " is not a SciPy .npz file (not a zip archive: "
          + e.getMessage() + ")", e);
    }
    try (zip) {
      Archive a = new Archive(zip, budget);
      String format = a.format();
      long[] shape = a.shape();
      long rows = shape[0];
      long cols = shape[1];
      return switch (format) {
        case "csr" -> compressed(a, rows, cols, false);
        case "csc" -> compressed(a, cols, rows, true);
        case "coo" -> coordinate(a, rows, cols);
        default -> throw new FileFormatException(name + ": format '" + format
            + "' is not supported (supported: csr, csc, coo)");
      };
    } catch (ZipException e) {
      throw new FileFormatException(name + ": damaged zip archive: " + e.getMessage(), e);
    }
  }

  /**
   * csr (or csc, read as the csr form of the transpose, {@code major x minor}): checks the
   * lengths the three headers claim, reads the arrays, and wraps them when every row's columns
   * are strictly increasing (else sums duplicates and sorts through triplets, as SciPy's
   * {@code sum_duplicates} and {@code sort_indices}).
   */
  private static SparseMatrix compressed(Archive a, long major, long minor, boolean transposed)
      throws IOException {
    String name = a.name;
    String what = transposed ? "csc" : "csr";
    if (major + 1 > FileBudget.MAX_ARRAY || minor > Integer.MAX_VALUE) {
      throw new FileFormatException(name + ": shape.npy claims " + (transposed ? minor : major)
          + " x " + (transposed ? major : minor) + "; the " + what + " pointer array of "
          + (major + 1) + " entries (or an index of " + minor
          + ") would not fit a Java array");
    }
    if (transposed) {
      // csc is read as the csr form of the transpose, then transposed: rows + 1 pointers
      a.budget.requireRowPointers(minor, "shape.npy claims " + a.shapeText);
    }
    Array indptr = a.open("indptr");
    Array indices = a.open("indices");
    Array data = a.open("data");
    if (indptr.length != major + 1) {
      throw new FileFormatException(name + ": indptr.npy has " + indptr.length
          + " entries but a " + what + " matrix of shape " + a.shapeText + " needs "
          + (major + 1));
    }
    if (indices.length != data.length) {
      throw new FileFormatException(name + ": indices.npy has " + indices.length
          + " entries but data.npy has " + data.length + "; they must be equal");
    }
    int[] pointers = indptr.ints();
    int[] columns = indices.ints();
    double[] values = data.doubles();
    int r = (int) major;
    int c = (int) minor;
    checkPointers(name, pointers, values.length);
    for (int i = 0; i < r; i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (!Double.isFinite(values[q])) {
          throw notFinite(data, q, values[q], transposed ? columns[q] : i,
              transposed ? i : columns[q]);
        }
      }
    }
    boolean canonical = true;
    for (int i = 0; i < r && canonical; i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        int j = columns[q];
        if (j < 0 || j >= c) {
          throw new FileFormatException(name + ": indices[" + q + "] is " + j + "; a " + what
              + " matrix of shape " + a.shapeText + " needs indices in [0, " + c + ")");
        }
        if (q > pointers[i] && j <= columns[q - 1]) {
          canonical = false;
        }
      }
    }
    SparseMatrix s;
    try {
      if (canonical) {
        s = SparseMatrix.wrapCsr(r, c, pointers, columns, values);
      } else {
        int[] rowOf = new int[values.length];
        for (int i = 0; i < r; i++) {
          for (int q = pointers[i]; q < pointers[i + 1]; q++) {
            rowOf[q] = i;
          }
        }
        s = SparseMatrix.fromTriplets(r, c, rowOf, columns, values);
      }
    } catch (IllegalArgumentException e) {
      throw new FileFormatException(name + ": " + e.getMessage(), e);
    }
    return transposed ? s.transpose() : s;
  }

  /**
   * The error for value {@code q} of {@code data}, not finite, which stands at row {@code row}
   * and column {@code col} (counting from 0) of the matrix: the message gives both, counting
   * rows and columns from 1 as the other readers do.
   */
  private static FileFormatException notFinite(Array data, int q, double value, int row,
      int col) {
    return new FileFormatException(data.budget.name() + ": value " + q + " is " + value
        + ", at row " + (row + 1) + ", column " + (col + 1) + " (counting from 1); a sparse "
        + "matrix holds finite values");
  }

  private static void checkPointers(String name, int[] p, int nnz) throws FileFormatException {
    if (p[0] != 0) {
      throw new FileFormatException(name + ": indptr[0] is " + p[0] + "; must be 0");
    }
    for (int i = 1; i < p.length; i++) {
      if (p[i] < p[i - 1]) {
        throw new FileFormatException(name + ": indptr[" + i + "] is " + p[i]
            + ", less than indptr[" + (i - 1) + "] = " + p[i - 1] + "; it must not decrease");
      }
    }
    if (p[p.length - 1] != nnz) {
      throw new FileFormatException(name + ": indptr ends at " + p[p.length - 1]
          + " but there are " + nnz + " stored values; it must end at their number");
    }
  }

  private static SparseMatrix coordinate(Archive a, long rows, long cols) throws IOException {
    String name = a.name;
    if (rows >= Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
      throw new FileFormatException(name + ": shape.npy claims " + a.shapeText
          + "; at most " + (Integer.MAX_VALUE - 1) + " rows and " + Integer.MAX_VALUE
          + " columns can be indexed");
    }
    a.budget.requireRowPointers(rows, "shape.npy claims " + a.shapeText);
    Array row = a.open("row");
    Array col = a.open("col");
    Array data = a.open("data");
    if (row.length != data.length || col.length != data.length) {
      throw new FileFormatException(name + ": row.npy, col.npy and data.npy have " + row.length
          + ", " + col.length + " and " + data.length + " entries; they must be equal");
    }
    int[] ri = row.ints();
    int[] ci = col.ints();
    double[] values = data.doubles();
    for (int e = 0; e < values.length; e++) {
      if (ri[e] < 0 || ri[e] >= rows || ci[e] < 0 || ci[e] >= cols) {
        throw new FileFormatException(name + ": entry " + e + " is at (" + ri[e] + ", " + ci[e]
            + "), outside the shape " + a.shapeText);
      }
      if (!Double.isFinite(values[e])) {
        throw notFinite(data, e, values[e], ri[e], ci[e]);
      }
    }
    try {
      return SparseMatrix.fromTriplets((int) rows, (int) cols, ri, ci, values);
    } catch (IllegalArgumentException e) {
      throw new FileFormatException(name + ": " + e.getMessage(), e);
    }
  }

  /** The entries of one archive, each opened with a budget checked against its compression. */
  private static final class Archive {
    final ZipFile zip;
    final FileBudget budget;
    final String name;
    final long fileLength;
    String shapeText = "";

    Archive(ZipFile zip, FileBudget budget) {
      this.zip = zip;
      this.budget = budget;
      this.name = budget.name();
      this.fileLength = budget.length();
    }

    /** The {@code .npy} entry {@code key}, its header read and its length checked. */
    Array open(String key) throws IOException {
      String entryName = key + ".npy";
      ZipEntry entry = zip.getEntry(entryName);
      if (entry == null) {
        throw new FileFormatException(name + ": no " + entryName + " in the archive (a SciPy"
            + " .npz of this format has one)");
      }
      long size = entry.getSize();
      long packed = entry.getCompressedSize();
      String where = name + "!" + entryName;
      if (size < 0 || packed < 0 || packed > fileLength
          || size > packed * MAX_RATIO + SLACK) {
        throw new FileFormatException(where + ": the archive claims " + size + " bytes stored in "
            + packed + " compressed bytes of a " + fileLength + "-byte file, which no valid"
            + " archive can hold");
      }
      FileBudget budget = new FileBudget(where, size);
      CheckedInputStream checked = new CheckedInputStream(zip.getInputStream(entry), new CRC32());
      InputStream in = new BufferedInputStream(checked, 1 << 16);
      Npy.Start start = Npy.start(in, budget);
      long[] shape = start.header().shape();
      if (shape.length > 1) {
        throw new FileFormatException(where + ": expected a 1-D array, found shape "
            + start.header().shapeText());
      }
      long length = shape.length == 0 ? 1 : shape[0];
      return new Array(in, budget, start, length, checked, entry.getCrc());
    }

    /** The text of {@code format.npy}: a 0-D byte or unicode string array. */
    String format() throws IOException {
      Array f = open("format");
      String descr = f.start.header().descr();
      char kind = descr.length() > 1 ? descr.charAt(1) : '?';
      int chars;
      try {
        chars = Integer.parseInt(descr.substring(2));
      } catch (RuntimeException e) {
        chars = -1;
      }
      if ((kind != 'S' && kind != 'U') || chars < 0 || f.length != 1
          || f.budget.length() > SMALL_ENTRY) {
        throw new FileFormatException(f.budget.name() + ": expected a string naming the format,"
            + " found dtype '" + descr + "' of shape " + f.start.header().shapeText());
      }
      int width = kind == 'S' ? 1 : 4;
      f.budget.requireBinary(chars, width, f.start.dataStart(), "a string of dtype " + descr);
      byte[] b = Npy.readFully(f.in, chars * width, f.budget.name(), "the string");
      f.verify();
      String s = kind == 'S' ? new String(b, StandardCharsets.ISO_8859_1)
          : new String(b, descr.charAt(0) == '>' ? "UTF-32BE" : "UTF-32LE");
      return s.replace("\0", "");
    }

    /** The two dimensions of {@code shape.npy}, checked to be non-negative. */
    long[] shape() throws IOException {
      Array s = open("shape");
      if (s.length != 2 || s.budget.length() > SMALL_ENTRY) {
        throw new FileFormatException(s.budget.name() + ": expected two dimensions, found "
            + s.length + " values");
      }
      double[] d = s.doubles();
      for (double x : d) {
        if (!(x >= 0 && x == Math.rint(x) && x < 0x1p62)) {
          throw new FileFormatException(s.budget.name() + ": dimension " + x
              + " is not an integer >= 0");
        }
      }
      shapeText = "(" + (long) d[0] + ", " + (long) d[1] + ")";
      return new long[] {(long) d[0], (long) d[1]};
    }
  }

  /**
   * An opened 1-D array: its stream at the first data byte, its header and length, and the
   * entry's CRC-32 to check the bytes against once they are read.
   */
  private static final class Array {
    final InputStream in;
    final FileBudget budget;
    final Npy.Start start;
    final long length;
    private final CheckedInputStream checked;
    private final long crc;

    Array(InputStream in, FileBudget budget, Npy.Start start, long length,
        CheckedInputStream checked, long crc) {
      this.in = in;
      this.budget = budget;
      this.start = start;
      this.length = length;
      this.checked = checked;
      this.crc = crc;
    }

    /**
     * Reads the rest of the entry (no more than its declared size) and checks its CRC-32
     * against the archive's, as Python's zipfile does for numpy: the inflater does not, so
     * damaged data that still inflated was read as values.
     *
     * @throws FileFormatException if they differ, or the entry is longer than declared
     */
    void verify() throws IOException {
      long left = budget.length();
      byte[] buffer = new byte[8192];
      for (int got; left >= 0
          && (got = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1))) > 0; ) {
        left -= got;
      }
      if (left < 0) {
        throw new FileFormatException(budget.name() + ": the data is damaged (longer than the "
            + budget.length() + " bytes the archive says)");
      }
      long actual = checked.getChecksum().getValue();
      if (crc != -1 && actual != crc) {
        throw new FileFormatException(budget.name() + ": the data is damaged (CRC-32 "
            + Long.toHexString(actual) + ", the archive says " + Long.toHexString(crc) + ")");
      }
    }

    double[] doubles() throws IOException {
      Npy.DType type = Npy.parseDType(start.header().descr(), budget.name());
      String claim = "shape " + start.header().shapeText() + " of " + start.header().descr();
      int count = budget.elements(length, 1, claim);
      budget.requireBinary(count, type.size(), start.dataStart(), claim);
      double[] values = Npy.readValues(in, count, type, budget.name());
      verify();
      // not checked to be finite here: the readers of data.npy name a bad value's row and
      // column, and shape.npy's check refuses any value that is not a whole number
      return values;
    }

    /** An integer array of any width, each value checked to fit an {@code int}. */
    int[] ints() throws IOException {
      Npy.DType type = Npy.parseDType(start.header().descr(), budget.name());
      String claim = "shape " + start.header().shapeText() + " of " + start.header().descr();
      if (type.kind() != 'i' && type.kind() != 'u') {
        throw new FileFormatException(budget.name() + ": expected integers, found dtype '"
            + start.header().descr() + "'");
      }
      int count = budget.elements(length, 1, claim);
      int size = type.size();
      budget.requireBinary(count, size, start.dataStart(), claim);
      int[] out = new int[count];
      Npy.readChunks(in, count, type, budget.name() + ": entry", (bb, done, n) -> {
        for (int i = 0; i < n; i++) {
          long v = switch (size) {
            case 1 -> type.kind() == 'i' ? bb.get(i) : bb.get(i) & 0xff;
            case 2 -> type.kind() == 'i' ? bb.getShort(2 * i) : bb.getShort(2 * i) & 0xffff;
            case 4 -> type.kind() == 'i' ? bb.getInt(4 * i) : bb.getInt(4 * i) & 0xffffffffL;
            default -> bb.getLong(8 * i);
          };
          if (v < 0 && size == 8 && type.kind() == 'u' || v < Integer.MIN_VALUE
              || v > Integer.MAX_VALUE) {
            throw new FileFormatException(budget.name() + ": value " + (done + i) + " is "
                + (type.kind() == 'u' ? Long.toUnsignedString(v) : Long.toString(v))
                + ", outside the range of a Java int");
          }
          out[done + i] = (int) v;
        }
      });
      verify();
      return out;
    }
  }

  /** Writes {@code s} as SciPy's {@code save_npz} writes a csr matrix (deflated entries). */
  static void write(OutputStream out, SparseMatrix s) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    zip.setLevel(6);
    int[] pointers = s.rowPointers();
    int[] columns = s.columnIndices();
    zip.putNextEntry(new ZipEntry("indices.npy"));
    Npy.writeInts(zip, columns);
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("indptr.npy"));
    Npy.writeInts(zip, pointers);
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("format.npy"));
    Npy.writeHeader(zip, "|S3", "()");
    zip.write("csr".getBytes(StandardCharsets.US_ASCII));
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("shape.npy"));
    Npy.writeHeader(zip, "<i8", "(2,)");
    ByteBuffer shape = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    shape.putLong(s.rows()).putLong(s.cols());
    zip.write(shape.array());
    zip.closeEntry();
    zip.putNextEntry(new ZipEntry("data.npy"));
    double[] values = s.values();
    Npy.writeHeader(zip, "<f8", "(" + values.length + ",)");
    Npy.writeDoubles(zip, values);
    zip.closeEntry();
    zip.finish();
  }
}
