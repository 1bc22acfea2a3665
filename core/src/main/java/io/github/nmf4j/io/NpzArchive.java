package io.github.nmf4j.io;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The entries of one {@link Npz} archive, each opened with a budget checked against its
 * compression before anything is allocated, and its bytes checked against the entry's CRC-32
 * once read.
 */
final class NpzArchive {

  /** Deflate's largest expansion is 1032:1 (258-byte matches coded in 2 bits); some slack. */
  private static final long MAX_RATIO = 1032;
  private static final long SLACK = 1024;
  /** A format or shape entry is a few hundred bytes; more is not a SciPy file. */
  private static final long SMALL_ENTRY = 1 << 16;

  final ZipFile zip;
  final FileBudget budget;
  final String name;
  final long fileLength;
  String shapeText = "";

  NpzArchive(ZipFile zip, FileBudget budget) {
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
    FileBudget budget = entryBudget(entry);
    CheckedInputStream checked = new CheckedInputStream(zip.getInputStream(entry), new CRC32());
    InputStream in = new BufferedInputStream(checked, 1 << 16);
    Npy.Start start = Npy.start(in, budget);
    long[] shape = start.header().shape();
    if (shape.length > 1) {
      throw new FileFormatException(budget.name() + ": expected a 1-D array, found shape "
          + start.header().shapeText());
    }
    long length = shape.length == 0 ? 1 : shape[0];
    return new Array(in, budget, start, length, checked, entry.getCrc());
  }

  /**
   * The budget of {@code entry}: its name for messages and its uncompressed length, checked
   * against its compressed length and the file's before anything is allocated for it.
   */
  private FileBudget entryBudget(ZipEntry entry) throws FileFormatException {
    long size = entry.getSize();
    long packed = entry.getCompressedSize();
    String where = name + "!" + entry.getName();
    if (size < 0 || packed < 0 || packed > fileLength
        || size > packed * MAX_RATIO + SLACK) {
      throw new FileFormatException(where + ": the archive claims " + size + " bytes stored in "
          + packed + " compressed bytes of a " + fileLength + "-byte file, which no valid"
          + " archive can hold");
    }
    return new FileBudget(where, size);
  }

  /**
   * The entry {@code entryName}, read as {@link Npy} reads a {@code .npy} file (0 to 2
   * dimensions, any dtype it reads) into a dense matrix, its length checked before anything
   * is allocated and its bytes against the entry's CRC-32 once read.
   */
  Matrix dense(String entryName) throws IOException {
    ZipEntry entry = zip.getEntry(entryName);
    FileBudget budget = entryBudget(entry);
    CheckedInputStream checked = new CheckedInputStream(zip.getInputStream(entry), new CRC32());
    InputStream in = new BufferedInputStream(checked, 1 << 16);
    Matrix m = Npy.read(in, budget);
    new Array(in, budget, null, 0, checked, entry.getCrc()).verify();
    return m;
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
          + Phrases.count(s.length, "value"));
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

  /**
   * An opened 1-D array: its stream at the first data byte, its header and length, and the
   * entry's CRC-32 to check the bytes against once they are read.
   */
  static final class Array {
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
}
