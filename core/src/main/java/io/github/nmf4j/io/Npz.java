package io.github.nmf4j.io;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 *
 * <p>An archive with no {@code format.npy} is {@code numpy.savez}'s: its one array is a dense
 * matrix ({@link #readDense}).
 *
 * <p>Members must be stored or deflated, as NumPy and SciPy write them: an archive that Python's
 * zipfile rewrote with bzip2 or lzma is refused, naming the first such member and its method.
 */
final class Npz {

  /** Past this many bytes a central directory is not searched for a member's method. */
  private static final long MAX_CENTRAL_DIRECTORY = 1 << 24;

  private Npz() {}

  /**
   * The array of an archive that {@code numpy.savez} or {@code savez_compressed} wrote with
   * one array (it has no {@code format.npy}), as a dense matrix, read as {@link Npy} reads a
   * {@code .npy} file; null for any other archive, which {@link #read} reads or refuses.
   *
   * @throws FileFormatException if the archive holds several arrays and no {@code format.npy}
   *     (the message names them), or its array cannot be read
   */
  static Matrix readDense(Path path, FileBudget budget) throws IOException {
    String name = budget.name();
    try (ZipFile zip = open(path, name)) {
      if (zip.getEntry("format.npy") != null) {
        return null;
      }
      List<String> arrays = zip.stream().map(ZipEntry::getName)
          .filter(n -> n.endsWith(".npy")).toList();
      if (arrays.isEmpty()) {
        return null;
      }
      if (arrays.size() > 1) {
        throw new FileFormatException(name + ": a NumPy archive of " + arrays.size()
            + " arrays (" + String.join(", ", arrays.stream()
                .map(n -> n.substring(0, n.length() - 4)).toList())
            + ") and not a scipy.sparse matrix: save the one matrix to read with numpy.save"
            + " (a .npy file) or numpy.savez(f, x)");
      }
      return new NpzArchive(zip, budget).dense(arrays.get(0));
    } catch (ZipException e) {
      throw new FileFormatException(name + ": damaged zip archive: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code path} is a NumPy {@code savez} archive (arrays, no {@code format.npy}),
   * which {@link #readDense} reads or refuses; false for a file that cannot be read as a zip
   * archive (reading it says why).
   */
  static boolean isNumpyArchive(Path path) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      return zip.getEntry("format.npy") == null
          && zip.stream().anyMatch(e -> e.getName().endsWith(".npy"));
    } catch (IOException e) {
      return false;
    }
  }

  private static ZipFile open(Path path, String name) throws IOException {
    try {
      return new ZipFile(path.toFile());
    } catch (ZipException e) {
      String member = uninflatableMember(path);
      if (member != null) {
        throw new FileFormatException(name + ": " + member + ", which Java cannot inflate (it "
            + "reads stored and deflated members); re-save it with scipy.sparse.save_npz, or "
            + "numpy.savez or numpy.savez_compressed for a dense array, which store or deflate",
            e);
      }
      throw new FileFormatException(name + " is not a SciPy .npz file (not a zip archive: "
          + e.getMessage() + ")", e);
    }
  }

  /**
   * The first member of the zip archive {@code path} that its central directory says is
   * compressed with a method other than stored (0) or deflated (8), which {@link ZipFile}
   * refuses to open, as "member data.npy is compressed with bzip2 (zip method 12)": Python's
   * zipfile writes bzip2 and lzma, and {@code load_npz} reads them. Null when there is none or
   * no central directory is found.
   */
  private static String uninflatableMember(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path)) {
      long size = channel.size();
      // the end of central directory record: 22 bytes and a comment of at most 65535
      ByteBuffer end = read(channel, size - Math.min(size, 22 + 0xFFFF),
          (int) Math.min(size, 22 + 0xFFFF));
      for (int p = end.limit() - 22; p >= 0; p--) {
        if (end.getInt(p) != 0x06054b50) {
          continue;
        }
        long length = end.getInt(p + 12) & 0xFFFFFFFFL;
        long offset = end.getInt(p + 16) & 0xFFFFFFFFL;
        if (offset + length > size || length > MAX_CENTRAL_DIRECTORY) {
          return null;
        }
        ByteBuffer cen = read(channel, offset, (int) length);
        for (int q = 0; q + 46 <= cen.limit() && cen.getInt(q) == 0x02014b50; ) {
          int method = cen.getShort(q + 10) & 0xFFFF;
          int nameLength = cen.getShort(q + 28) & 0xFFFF;
          if (method != 0 && method != 8 && q + 46 + nameLength <= cen.limit()) {
            String member = new String(cen.array(), q + 46, nameLength, StandardCharsets.UTF_8);
            return "member " + member + " is compressed with " + switch (method) {
              case 12 -> "bzip2 (zip method 12)";
              case 14 -> "lzma (zip method 14)";
              default -> "zip method " + method;
            };
          }
          q += 46 + nameLength + (cen.getShort(q + 30) & 0xFFFF)
              + (cen.getShort(q + 32) & 0xFFFF);
        }
        return null;
      }
      return null;
    }
  }

  /** {@code length} bytes of {@code channel} from {@code position}, little-endian. */
  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (channel.read(b, position + b.position()) < 0) {
        throw new EOFException();
      }
    }
    return b.flip();
  }

  static SparseMatrix read(Path path, FileBudget budget) throws IOException {
    String name = budget.name();
    ZipFile zip = open(path, name);
    try (zip) {
      NpzArchive a = new NpzArchive(zip, budget);
      String format = a.format();
      long[] shape = a.shape();
      long rows = shape[0];
      long cols = shape[1];
      return switch (format) {
        case "csr" -> compressed(a, rows, cols, false);
        case "csc" -> compressed(a, cols, rows, true);
        case "coo" -> coordinate(a, rows, cols);
        default -> throw new FileFormatException(name + ": format '" + format
            + "' is not supported (supported: csr, csc, coo; save x.tocsr())");
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
  private static SparseMatrix compressed(NpzArchive a, long major, long minor, boolean transposed)
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
    NpzArchive.Array indptr = a.open("indptr");
    NpzArchive.Array indices = a.open("indices");
    NpzArchive.Array data = a.open("data");
    if (indptr.length != major + 1) {
      throw new FileFormatException(name + ": indptr.npy has "
          + Phrases.count(indptr.length, "entry", "entries") + " but a " + what
          + " matrix of shape " + a.shapeText + " needs " + (major + 1));
    }
    if (indices.length != data.length) {
      throw new FileFormatException(name + ": indices.npy has "
          + Phrases.count(indices.length, "entry", "entries") + " but data.npy has "
          + data.length + "; they must be equal");
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
    // every index is checked here, past a row that needs sorting too, so that the message
    // names the file's array (a csc file's row indices are not columns)
    for (int i = 0; i < r; i++) {
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
        s = SparseMatrix.fromTriplets(r, c, rowOf, columns, values, true);
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
  private static FileFormatException notFinite(NpzArchive.Array data, int q, double value, int row,
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
          + " but there " + (nnz == 1 ? "is " : "are ") + Phrases.count(nnz, "stored value")
          + "; it must end at that number");
    }
  }

  private static SparseMatrix coordinate(NpzArchive a, long rows, long cols) throws IOException {
    String name = a.name;
    if (rows >= Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
      throw new FileFormatException(name + ": shape.npy claims " + a.shapeText
          + "; at most " + (Integer.MAX_VALUE - 1) + " rows and " + Integer.MAX_VALUE
          + " columns can be indexed");
    }
    a.budget.requireRowPointers(rows, "shape.npy claims " + a.shapeText);
    NpzArchive.Array row = a.open("row");
    NpzArchive.Array col = a.open("col");
    NpzArchive.Array data = a.open("data");
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
      return SparseMatrix.fromTriplets((int) rows, (int) cols, ri, ci, values, true);
    } catch (IllegalArgumentException e) {
      throw new FileFormatException(name + ": " + e.getMessage(), e);
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
