package io.github.nmf4j.io;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The NumPy {@code .npy} format, versions 1.0, 2.0 and 3.0
 * (<a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html"
 * >numpy.lib.format</a>).
 *
 * <p>Reads arrays of {@code float64}, {@code float32}, {@code float16}, signed and unsigned
 * integers of 1 to 8 bytes and booleans, in either byte order and in C or Fortran order; a 1-D
 * array of length n becomes an n x 1 matrix, a 0-D array a 1 x 1 matrix. Writes little-endian
 * {@code float64} (matrices) and {@code int64} (labels) in C order, format version 1.0.
 */
final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 1 << 16;
  /** numpy refuses headers over 10000 bytes unless told otherwise; this allows far more. */
  private static final int MAX_HEADER = 1 << 20;

  private Npy() {}

  /** The element type of an array, from its {@code descr} string such as {@code "<f8"}. */
  record DType(char kind, int size, ByteOrder order) {}

  /** A parsed header, and the offset of the first data byte from the start of the file. */
  record Start(NpyHeader header, long dataStart) {}

  /**
   * Reads a {@code .npy} array from {@code in}, whose length {@code budget} knows: the header's
   * shape is checked against the bytes that follow it before the values are allocated.
   */
  static Matrix read(InputStream in, FileBudget budget) throws IOException {
    String name = budget.name();
    Start start = start(in, budget);
    NpyHeader header = start.header();
    long dataStart = start.dataStart();
    DType type = parseDType(header.descr(), name);
    long[] shape = header.shape();
    long rows;
    long cols;
    if (shape.length > 2) {
      throw new FileFormatException(name + ": array has " + shape.length
          + " dimensions; only 0, 1 and 2 dimensions can be read as a matrix");
    }
    rows = shape.length == 0 ? 1 : shape[0];
    cols = shape.length == 2 ? shape[1] : 1;
    String claim = "shape " + header.shapeText() + " of " + header.descr();
    if (Math.max(rows, cols) > Integer.MAX_VALUE) {
      // an empty array passes the element count; its dimensions must still fit an int
      throw new FileFormatException(name + ": " + claim + " has a dimension of "
          + Math.max(rows, cols) + "; a matrix has at most " + Integer.MAX_VALUE
          + " rows and columns");
    }
    int count = budget.elements(rows, cols, claim);
    budget.requireBinary(count, type.size(), dataStart, claim);
    budget.requireHeap(header.fortran() ? 2L * count : count, claim);
    double[] values = readValues(in, count, type, name);
    if (header.fortran() && rows > 1 && cols > 1) {
      return Matrix.wrap((int) cols, (int) rows, values).transpose();
    }
    return Matrix.wrap((int) rows, (int) cols, values);
  }

  /**
   * Reads the magic string, the version and the header of a {@code .npy} array from {@code in},
   * leaving the stream at the first data byte; the header length is checked against the
   * length {@code budget} knows.
   */
  static Start start(InputStream in, FileBudget budget) throws IOException {
    String name = budget.name();
    byte[] magic = in.readNBytes(8);
    for (int i = 0; i < MAGIC.length; i++) {
      if (i >= magic.length || magic[i] != MAGIC[i]) {
        throw new FileFormatException(name + " is not a NumPy .npy file (no \\x93NUMPY magic)");
      }
    }
    if (magic.length < 8) {
      throw new FileFormatException(name + ": file ends inside the header");
    }
    int major = magic[6] & 0xff;
    long headerLength;
    int lengthBytes;
    if (major == 1) {
      lengthBytes = 2;
      byte[] b = readFully(in, 2, name, "the header length");
      headerLength = (b[0] & 0xff) | (b[1] & 0xff) << 8;
    } else if (major == 2 || major == 3) {
      lengthBytes = 4;
      byte[] b = readFully(in, 4, name, "the header length");
      headerLength = (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16
          | (b[3] & 0xffL) << 24;
    } else {
      throw new FileFormatException(
          name + ": unsupported .npy format version " + major + "." + (magic[7] & 0xff)
              + " (supported: 1.0, 2.0, 3.0)");
    }
    long dataStart = 8 + lengthBytes + headerLength;
    if (headerLength > MAX_HEADER || dataStart > budget.length()) {
      throw new FileFormatException(name + ": the header length field says " + headerLength
          + " bytes, but the file holds " + Phrases.count(budget.length(), "byte") + " in all");
    }
    NpyHeader header = NpyHeader.parse(new String(
        readFully(in, (int) headerLength, name, "the header"),
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), name);
    return new Start(header, dataStart);
  }

  static DType parseDType(String descr, String name) throws FileFormatException {
    if (descr.length() < 3 || descr.charAt(1) == 'O') {
      throw new FileFormatException(name + ": unsupported dtype '" + descr + "'"
          + advice(descr.length() > 1 ? descr.charAt(1) : ' '));
    }
    ByteOrder order;
    switch (descr.charAt(0)) {
      case '<', '|', '=' -> order = ByteOrder.LITTLE_ENDIAN;
      case '>' -> order = ByteOrder.BIG_ENDIAN;
      default -> throw new FileFormatException(name + ": unsupported dtype '" + descr + "'");
    }
    char kind = descr.charAt(1);
    int size;
    try {
      size = Integer.parseInt(descr.substring(2));
    } catch (NumberFormatException e) {
      throw new FileFormatException(name + ": unsupported dtype '" + descr + "'");
    }
    boolean ok = switch (kind) {
      case 'f' -> size == 2 || size == 4 || size == 8;
      case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
      case 'b' -> size == 1;
      default -> false;
    };
    if (!ok) {
      throw new FileFormatException(name + ": unsupported dtype '" + descr
          + "' (supported: float16, float32, float64, int8..int64, uint8..uint64, bool)"
          + advice(kind));
    }
    return new DType(kind, size, order);
  }

  /** What to do about an array of the dtype kind {@code kind} that is not numbers. */
  private static String advice(char kind) {
    return switch (kind) {
      case 'O' -> ": an array of Python objects; save numbers, as np.save(f, a.astype(float))"
          + " does, or, for labels, text: np.save(f, y.astype(str))";
      case 'U', 'S' -> ": an array of text; save it as numbers, as np.save(f, a.astype(float))"
          + " does";
      case 'c' -> ": complex values; save the real part (a.real) or the magnitude (np.abs(a))";
      case 'f' -> ": longdouble; save it as float64, as np.save(f, a.astype(float)) does";
      default -> "";
    };
  }

  static double[] readValues(InputStream in, int count, DType type, String name)
      throws IOException {
    double[] values = new double[count];
    int size = type.size();
    readChunks(in, count, type, name + ": file", (bb, done, n) -> {
      for (int i = 0; i < n; i++) {
        values[done + i] = decode(bb, type, i * size);
      }
    });
    return values;
  }

  /** Decodes one chunk of values: {@code n} of them, the first of index {@code done}. */
  interface ChunkReader {
    /** {@code bb} holds the chunk's bytes from index 0, in the array's byte order. */
    void decode(ByteBuffer bb, int done, int n) throws IOException;
  }

  /**
   * Reads {@code count} values of {@code type} from {@code in} in chunks of at most {@link
   * #CHUNK} bytes, handing each to {@code reader}.
   *
   * @throws FileFormatException {@code "<what> is truncated: ..."} if {@code in} ends first
   */
  static void readChunks(InputStream in, int count, DType type, String what, ChunkReader reader)
      throws IOException {
    int size = type.size();
    byte[] buf = new byte[CHUNK - CHUNK % size];
    ByteBuffer bb = ByteBuffer.wrap(buf).order(type.order());
    int done = 0;
    while (done < count) {
      int n = Math.min(count - done, buf.length / size);
      int got = in.readNBytes(buf, 0, n * size);
      if (got < n * size) {
        throw new FileFormatException(what + " is truncated: the header promises "
            + Phrases.count(count, "value") + " but the data ends after " + (done + got / size));
      }
      reader.decode(bb, done, n);
      done += n;
    }
  }

  private static double decode(ByteBuffer bb, DType t, int at) {
    switch (t.kind()) {
      case 'f':
        return t.size() == 8 ? bb.getDouble(at)
            : t.size() == 4 ? bb.getFloat(at) : halfToDouble(bb.getShort(at));
      case 'b':
        return bb.get(at) != 0 ? 1 : 0;
      case 'i':
        return switch (t.size()) {
          case 1 -> bb.get(at);
          case 2 -> bb.getShort(at);
          case 4 -> bb.getInt(at);
          default -> (double) bb.getLong(at);
        };
      default: // 'u'
        return switch (t.size()) {
          case 1 -> bb.get(at) & 0xff;
          case 2 -> bb.getShort(at) & 0xffff;
          case 4 -> bb.getInt(at) & 0xffffffffL;
          default -> unsignedToDouble(bb.getLong(at));
        };
    }
  }

  /**
   * The value of an IEEE 754 half-precision number (numpy's {@code float16}): 1 sign bit, 5
   * exponent bits of bias 15, 10 fraction bits; every such value is exact as a double.
   */
  static double halfToDouble(short half) {
    int exponent = half >>> 10 & 0x1f;
    int fraction = half & 0x3ff;
    double v;
    if (exponent == 0) {
      v = fraction * 0x1p-24; // zero or subnormal
    } else if (exponent == 0x1f) {
      v = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else {
      v = Math.scalb((double) (fraction | 0x400), exponent - 25);
    }
    return half < 0 ? -v : v;
  }

  private static double unsignedToDouble(long v) {
    if (v >= 0) {
      return v;
    }
    // Halve (keeping the low bit so rounding stays correct), convert, double again.
    return ((v >>> 1) | (v & 1)) * 2.0;
  }

  static byte[] readFully(InputStream in, int n, String name, String what)
      throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new FileFormatException(name + ": file ends inside " + what);
    }
    return b;
  }

  /** Writes {@code m} as a little-endian float64 C-order array of shape (rows, cols). */
  static void write(OutputStream out, Matrix m) throws IOException {
    writeHeader(out, "<f8", "(" + m.rows() + ", " + m.cols() + ")");
    writeDoubles(out, m.toRowMajorArray());
  }

  /** Writes {@code labels} as a little-endian int64 array of shape (n,). */
  static void writeLabels(OutputStream out, int[] labels) throws IOException {
    writeHeader(out, "<i8", "(" + labels.length + ",)");
    writeChunks(out, labels.length, Long.BYTES, (bb, from, to) -> {
      for (int i = from; i < to; i++) {
        bb.putLong(labels[i]);
      }
    });
  }

  /** Writes the values of {@code a} as little-endian float64 (the header written before). */
  static void writeDoubles(OutputStream out, double[] a) throws IOException {
    writeChunks(out, a.length, Double.BYTES,
        (bb, from, to) -> bb.asDoubleBuffer().put(a, from, to - from));
  }

  /** Writes {@code a} as a little-endian int32 array of shape (n,), header included. */
  static void writeInts(OutputStream out, int[] a) throws IOException {
    writeHeader(out, "<i4", "(" + a.length + ",)");
    writeChunks(out, a.length, Integer.BYTES,
        (bb, from, to) -> bb.asIntBuffer().put(a, from, to - from));
  }

  /** Fills a little-endian chunk, from index 0, with the values {@code [from, to)}. */
  private interface ChunkWriter {
    void fill(ByteBuffer bb, int from, int to);
  }

  /** Writes {@code count} values of {@code size} bytes in chunks of at most {@link #CHUNK}. */
  private static void writeChunks(OutputStream out, int count, int size, ChunkWriter writer)
      throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    int per = CHUNK / size;
    for (int from = 0; from < count; from += per) {
      int to = Math.min(count, from + per);
      bb.clear();
      writer.fill(bb, from, to);
      out.write(bb.array(), 0, (to - from) * size);
    }
  }

  static void writeHeader(OutputStream out, String descr, String shape)
      throws IOException {
    StringBuilder h = new StringBuilder("{'descr': '").append(descr)
        .append("', 'fortran_order': False, 'shape': ").append(shape).append(", }");
    // Pad with spaces so that magic + version + length + header is a multiple of 64 bytes.
    int total = 10 + h.length() + 1;
    int padded = (total + 63) / 64 * 64;
    h.append(" ".repeat(padded - total)).append('\n');
    if (h.length() > 0xffff) {
      throw new IOException("npy header too long");
    }
    out.write(MAGIC);
    out.write(new byte[] {1, 0, (byte) (h.length() & 0xff), (byte) (h.length() >>> 8)});
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
  }
}
