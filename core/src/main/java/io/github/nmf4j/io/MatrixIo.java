package io.github.nmf4j.io;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.AtomicFiles;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes matrices in files, choosing the format by the file name's extension.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>extension</th><th>format</th><th>reads</th><th>writes</th></tr>
 *   <tr><td>{@code .npy}</td><td>NumPy array, versions 1.0, 2.0, 3.0</td>
 *       <td>float64, float32, float16, int8..int64, uint8..uint64, bool; either byte order;
 *       C or Fortran order; 0, 1 (as a column) or 2 dimensions</td>
 *       <td>little-endian float64, C order</td></tr>
 *   <tr><td>{@code .csv}, {@code .tsv}</td><td>delimited text, one row per line</td>
 *       <td>comma, semicolon or tab (detected from the first line; spaces when the first
 *       line is numbers separated by spaces only); an optional header row (skipped when none
 *       of its fields is a number, or when it is pandas' column numbers {@code 0,1,2,...}
 *       (3 or more) above rows that are not all integers); row names under an empty header
 *       cell (pandas' index, R's {@code write.csv}) or under no header cell (R's {@code
 *       write.table}), dropped; quoted fields; R's {@code NA} as NaN; a decimal comma
 *       between semicolons; {@code #} comments to the end of a line; an empty field is an
 *       error</td>
 *       <td>comma ({@code .csv}) or tab ({@code .tsv}), text that reads back to the same
 *       double ({@link Double#toString}, integers without {@code .0})</td></tr>
 *   <tr><td>{@code .txt}</td><td>white-space separated text, one row per line, as
 *       {@code numpy.savetxt} writes it by default</td>
 *       <td>values separated by runs of spaces or tabs; {@code #} comments to the end of a
 *       line, as {@code numpy.loadtxt} reads them; a header row of names (each holding a
 *       letter) and row names as for {@code .csv}; names in double quotes may hold spaces
 *       (R's {@code write.table})</td>
 *       <td>one space between values, text that reads back to the same double</td></tr>
 *   <tr><td>{@code .mtx}, {@code .mtx.gz}</td><td>Matrix Market, plain or gzip-compressed</td>
 *       <td>array and coordinate; real, integer and pattern; general, symmetric and
 *       skew-symmetric</td><td>array real general (a {@link Matrix}; an empty one as
 *       coordinate, which SciPy reads), coordinate real general (a {@link SparseMatrix})</td></tr>
 *   <tr><td>{@code .npz}</td><td>SciPy sparse matrix ({@code scipy.sparse.save_npz})</td>
 *       <td>csr, csc and coo; any integer index type (int32, int64); compressed or not; also
 *       the one array of {@code numpy.savez} or {@code savez_compressed}, a dense matrix read
 *       as {@code .npy} (an archive of several arrays is refused, naming them)</td>
 *       <td>csr, int32 indices, float64 values, compressed</td></tr>
 * </table>
 *
 * <p>{@link #readSparse} reads {@code .npz} and coordinate {@code .mtx}/{@code .mtx.gz} files
 * into a {@link SparseMatrix} without ever building the dense matrix; {@link #read} reads them
 * too, densely, when the dense matrix fits in memory.
 *
 * <p>Values: a {@code .npy} file keeps every double bit for bit, NaN payloads included. The
 * text formats keep every finite double bit for bit ({@code -0.0}, subnormals, {@code
 * Double.MAX_VALUE} included) and the infinities; NaN is written {@code nan} and reads back as
 * {@link Double#NaN}, its sign and payload lost. A {@link SparseMatrix} holds finite values
 * only, and a sparse file ({@code .npz}, coordinate {@code .mtx}) keeps each bit for bit.
 *
 * <p>Writes are atomic: the data goes to a temporary file in the target's directory that is
 * moved over the target only when complete, so a failed write leaves no partial file and never
 * damages an existing one. A read-only file is refused, not replaced ({@link
 * java.nio.file.AccessDeniedException}: no write permission bit, or none for this user).
 */
public final class MatrixIo {

  private MatrixIo() {}

  /** The formats by extension. */
  enum Format { NPY, CSV, TSV, TXT, MTX, MTX_GZ, NPZ }

  private static Format format(Path path) {
    Arguments.requireNonNull(path, "path");
    String file = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
    if (file.endsWith(".mtx.gz")) {
      return Format.MTX_GZ;
    }
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1);
    return switch (ext) {
      case "npy" -> Format.NPY;
      case "csv" -> Format.CSV;
      case "tsv" -> Format.TSV;
      case "txt" -> Format.TXT;
      case "mtx" -> Format.MTX;
      case "npz" -> Format.NPZ;
      default -> throw new IllegalArgumentException("unsupported matrix file '" + path
          + "': the name must end in .npy, .npz, .csv, .tsv, .txt, .mtx or .mtx.gz");
    };
  }

  /**
   * Whether {@code path} names a file that {@link #readSparse} reads without densifying: a
   * SciPy {@code .npz} (not one of {@code numpy.savez}, which holds a dense array), or a
   * {@code .mtx}/{@code .mtx.gz} whose banner does not declare the dense
   * {@code array} format (a file whose banner cannot be read counts as sparse, and reading it
   * says why).
   */
  public static boolean isSparseFormat(Path path) {
    Format f = format(path);
    return f == Format.NPZ && !Npz.isNumpyArchive(path)
        || (f == Format.MTX || f == Format.MTX_GZ) && !isArrayMatrixMarket(path, f);
  }

  /** Whether the first line of a Matrix Market file declares the array format. */
  private static boolean isArrayMatrixMarket(Path path, Format f) {
    try (InputStream raw = Files.newInputStream(path);
        InputStream in = f == Format.MTX ? raw : new GZIPInputStream(raw, 1 << 16);
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      char[] banner = new char[MatrixMarket.BANNER_CHARS];
      int length = 0;
      for (int got; length < banner.length
          && (got = r.read(banner, length, banner.length - length)) > 0; ) {
        length += got;
      }
      return MatrixMarket.declaresArray(new String(banner, 0, length));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads the matrix in {@code path}; the format comes from the extension ({@code .npy},
   * {@code .csv}, {@code .tsv}, {@code .txt} or {@code .mtx}). Every size a file's header
   * claims is checked against the file's length before anything is allocated for it.
   *
   * @throws IllegalArgumentException if {@code path} is null or has another extension
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws FileFormatException if the content is not a valid file of its format, or is
   *     shorter than its header claims; the message names the file and, for text formats, the
   *     line and column (counted from 1)
   * @throws IOException if reading fails, or a sparse Matrix Market file needs more memory as
   *     a dense matrix than Java may use
   */
  public static Matrix read(Path path) throws IOException {
    Format f = format(path);
    FileBudget budget = FileBudget.of(path);
    String name = budget.name();
    if (f == Format.MTX_GZ) {
      // read as a plain .mtx is read: an array file is dense data, NaN included, and a
      // coordinate file's entries sum into the dense zeros in file order, to the same bits
      InputStream raw = Files.newInputStream(path);
      try (InputStream in = gunzip(raw, name);
          BufferedReader r = new BufferedReader(
              new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
        // The length of a compressed stream's text is not known before it is read.
        return MatrixMarket.read(r, new FileBudget(name, Long.MAX_VALUE));
      } catch (CharacterCodingException e) {
        throw notUtf8(name, e);
      } catch (ZipException | EOFException e) {
        throw damagedGzip(name, e);
      }
    }
    if (f == Format.NPZ) {
      Matrix dense = Npz.readDense(path, budget);
      if (dense != null) {
        return dense;
      }
      SparseMatrix s = readSparse(path);
      String claim = "a " + s.shape() + " sparse matrix";
      budget.requireHeap(budget.elements(s.rows(), s.cols(), claim), claim);
      return s.toDense();
    }
    if (f == Format.NPY) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
        return Npy.read(in, budget);
      }
    }
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return switch (f) {
        case MTX -> MatrixMarket.read(r, budget);
        case TXT -> Csv.read(r, name, Csv.WHITESPACE);
        default -> Csv.read(r, name);
      };
    } catch (CharacterCodingException e) {
      throw notUtf8(name, e);
    }
  }

  /**
   * Reads the sparse matrix in {@code path} without building its dense form: a SciPy {@code
   * .npz} file (csr, csc or coo) or a coordinate Matrix Market file ({@code .mtx}, or
   * gzip-compressed {@code .mtx.gz}). Repeated entries are summed and every position the file
   * stores is kept, zeros included, as SciPy keeps them: a matrix {@link #write(Path,
   * SparseMatrix) written} to one of these files reads back equal. Every size a file claims is
   * checked against the file before anything is allocated for it. Other formats ({@code
   * .npy}, {@code .csv}, {@code .tsv}, array {@code .mtx}) are read densely and converted,
   * their zeros not stored.
   *
   * @throws IllegalArgumentException if {@code path} is null or has an unsupported extension
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws FileFormatException if the content is not a valid file of its format, or holds a
   *     value that is not finite; the message names the file and the position
   * @throws IOException if reading fails
   */
  public static SparseMatrix readSparse(Path path) throws IOException {
    Format f = format(path);
    FileBudget budget = FileBudget.of(path);
    String name = budget.name();
    switch (f) {
      case NPZ:
        Matrix dense = Npz.readDense(path, budget);
        return dense != null ? DenseFiles.sparse(name, dense) : Npz.read(path, budget);
      case MTX:
      case MTX_GZ:
        InputStream raw = Files.newInputStream(path);
        try (InputStream in = f == Format.MTX ? raw : gunzip(raw, name);
            BufferedReader r = new BufferedReader(
                new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), 1 << 16)) {
          // The length of a compressed stream's text is not known before it is read.
          FileBudget text = f == Format.MTX ? budget : new FileBudget(name, Long.MAX_VALUE);
          return MatrixMarket.readSparse(r, text);
        } catch (CharacterCodingException e) {
          throw notUtf8(name, e);
        } catch (ZipException | EOFException e) {
          // only a gzip stream throws these: its data is corrupt or ends early
          throw damagedGzip(name, e);
        }
      default:
        return DenseFiles.sparse(name, read(path));
    }
  }

  private static FileFormatException notUtf8(String name, CharacterCodingException e) {
    return new FileFormatException(name + " is not a UTF-8 text file: save it as UTF-8 (a"
        + " spreadsheet's \"CSV UTF-8\"; its \"Unicode text\" is UTF-16)", e);
  }

  private static FileFormatException damagedGzip(String name, IOException e) {
    return new FileFormatException(name + ": the gzip data is damaged or cut short ("
        + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")", e);
  }

  /**
   * A gzip stream over {@code raw}, or an exception naming the file when it does not start as
   * gzip data does, or ends inside the gzip header.
   */
  private static InputStream gunzip(InputStream raw, String name) throws IOException {
    try {
      return new GZIPInputStream(raw, 1 << 16);
    } catch (ZipException e) {
      raw.close();
      throw new FileFormatException(name + " is not a gzip file (" + e.getMessage() + ")", e);
    } catch (EOFException e) {
      raw.close();
      throw damagedGzip(name, e);
    }
  }

  /**
   * Writes {@code matrix} to {@code path}: a SciPy {@code .npz} (csr, as {@code
   * scipy.sparse.save_npz}) or a coordinate Matrix Market file ({@code .mtx}, or {@code
   * .mtx.gz} gzip-compressed), both of which SciPy's {@code load_npz} and {@code mmread} read
   * back. The file is replaced atomically (see the class description).
   *
   * @throws IllegalArgumentException if an argument is null or the extension is not {@code
   *     .npz}, {@code .mtx} or {@code .mtx.gz}
   * @throws IOException if writing fails, or the file is read-only; the target is then
   *     unchanged
   */
  public static void write(Path path, SparseMatrix matrix) throws IOException {
    Format f = format(path);
    Arguments.requireNonNull(matrix, "matrix");
    if (f != Format.NPZ && f != Format.MTX && f != Format.MTX_GZ) {
      throw new IllegalArgumentException("cannot write a sparse matrix to '" + path
          + "': the name must end in .npz, .mtx or .mtx.gz");
    }
    AtomicFiles.write(path, out -> {
      if (f == Format.NPZ) {
        Npz.write(out, matrix);
        return;
      }
      writeText(out, f, w -> MatrixMarketWriter.writeSparse(w, matrix));
    });
  }

  /**
   * Writes {@code matrix} to {@code path} in the format of its extension, replacing the file
   * atomically (see the class description). A {@code .npz} file gets the matrix's non-zero
   * elements (as {@link SparseMatrix#of}).
   *
   * @throws IllegalArgumentException if an argument is null or the extension is not one of
   *     {@code .npy}, {@code .csv}, {@code .tsv}, {@code .txt}, {@code .mtx}, or if it is
   *     {@code .npz} and {@code matrix} holds NaN or an infinity (the message gives its row
   *     and column)
   * @throws IOException if writing fails, or the file is read-only; the target is then
   *     unchanged
   */
  public static void write(Path path, Matrix matrix) throws IOException {
    Format f = format(path);
    Arguments.requireNonNull(matrix, "matrix");
    if (f == Format.NPZ) {
      double[] a = MatrixAccess.data(matrix);
      int i = DenseFiles.firstNotFinite(a);
      if (i >= 0) {
        throw new IllegalArgumentException("cannot write matrix to '" + path + "': it has "
            + DenseFiles.describe(a[i]) + " at row " + i / matrix.cols() + ", column "
            + i % matrix.cols() + ", and a .npz file holds a sparse matrix, whose values must"
            + " be finite");
      }
      write(path, SparseMatrix.of(matrix));
      return;
    }
    AtomicFiles.write(path, out -> {
      if (f == Format.NPY) {
        Npy.write(out, matrix);
        return;
      }
      writeText(out, f, w -> {
        switch (f) {
          case CSV -> Csv.write(w, matrix, ',');
          case TSV -> Csv.write(w, matrix, '\t');
          case TXT -> Csv.write(w, matrix, ' ');
          default -> MatrixMarketWriter.write(w, matrix);
        }
      });
    });
  }

  /**
   * Runs {@code body} on a buffered UTF-8 writer over {@code out}, gzip-compressed for {@code
   * .mtx.gz}, then flushes it and ends the compressed stream ({@code out} stays open: {@link
   * AtomicFiles} closes it).
   */
  private static void writeText(OutputStream out, Format f, TextBody body) throws IOException {
    GZIPOutputStream gz = f == Format.MTX_GZ ? new GZIPOutputStream(out, 1 << 16) : null;
    Writer w = new BufferedWriter(
        new OutputStreamWriter(gz != null ? gz : out, StandardCharsets.UTF_8), 1 << 16);
    body.write(w);
    w.flush();
    if (gz != null) {
      gz.finish();
    }
  }

  /** What {@link #writeText} writes. */
  private interface TextBody {
    void write(Writer w) throws IOException;
  }

  /**
   * Reads cluster labels, one per sample: a one-column or one-row matrix of integers, in any
   * format that {@link #read} accepts, or class names as text ({@code setosa}, in a {@code
   * .csv}, {@code .tsv} or {@code .txt} file one per line or all on one line, or in a {@code
   * .npy} array of str), numbered 0, 1, ... in the order each first appears, as scikit-learn's
   * metrics accept them. A text file of names may have a header (its first name, when it
   * appears nowhere else and the names below repeat) and an index column under an empty
   * header cell (pandas' {@code to_csv}, R's {@code write.csv}) or under a header of one name
   * (R's {@code write.table}).
   *
   * @throws IllegalArgumentException if {@code path} is null or has an unsupported extension
   * @throws FileFormatException if the labels are not one column or one row, or a value is
   *     neither an integer in the range of {@code int} nor (with no number among them) a name
   * @throws IOException if reading fails
   */
  public static int[] readLabels(Path path) throws IOException {
    Format f = format(path);
    Matrix m;
    try {
      m = read(path);
    } catch (FileFormatException e) {
      return Labels.names(path, f, e);
    }
    if (m.rows() == 0 && m.cols() > 0) {
      // one line of names reads as a header above no rows: they are the labels
      String[] names = Labels.textNames(path, f);
      if (names != null) {
        return Labels.number(names);
      }
    }
    return Labels.integers(path.toString(), m);
  }

  /**
   * Writes cluster labels, one per sample: a 1-D {@code int64} array for {@code .npy}, one
   * integer per line for {@code .csv}/{@code .tsv}/{@code .txt}, an n x 1 array for
   * {@code .mtx}. Atomic as {@link #write}.
   *
   * @throws IllegalArgumentException if an argument is null or the extension is unsupported
   * @throws IOException if writing fails, or the file is read-only; the target is then
   *     unchanged
   */
  public static void writeLabels(Path path, int[] labels) throws IOException {
    Format f = format(path);
    Arguments.requireNonNull(labels, "labels");
    if (f == Format.NPY) {
      int[] copy = labels.clone();
      AtomicFiles.write(path, out -> Npy.writeLabels(out, copy));
    } else {
      write(path, Labels.column(labels));
    }
  }
}
