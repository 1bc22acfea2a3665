package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sparse files written by SciPy ({@code reference/sparse/make_sparse_io.py}) read back to the
 * matrix SciPy wrote, nmf4j's own files read back (and, committed as {@code java-*}, were read
 * by SciPy's {@code load_npz}/{@code mmread} in that script's {@code --check} mode), and files
 * that lie are refused before anything large is allocated, as are archives whose members Java
 * cannot inflate ({@code reference/sparse/make_zip_methods.py}).
 */
class SparseIoTest {

  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(SparseIoTest.class.getResource("/reference/sparse/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SparseMatrix expected() throws IOException {
    return SparseMatrix.of(MatrixIo.read(fixture("dense.npy")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"csr.npz", "csr-uncompressed.npz", "csc.npz", "coo.npz",
      "csr-int64.npz", "csc-int64.npz", "coo-int64.npz", "coordinate.mtx", "coordinate.mtx.gz",
      "java-csr.npz", "java.mtx"})
  void readsWhatSciPyWrote(String name) throws IOException {
    SparseMatrix s = MatrixIo.readSparse(fixture(name));
    assertThat(s).isEqualTo(expected());
    assertThat(s.get(3, 2)).isEqualTo(1.0 / 3.0);
    assertThat(s.get(5, 1)).isEqualTo(Math.scalb(1.0, -30));
    assertThat(MatrixIo.read(fixture(name))).isEqualTo(MatrixIo.read(fixture("dense.npy")));
  }

  @Test
  void symmetricFilesAreMirroredAndDuplicatesSummed() throws IOException {
    assertThat(MatrixIo.readSparse(fixture("symmetric.mtx")).toDense())
        .isEqualTo(MatrixIo.read(fixture("symmetric.npy")));
    SparseMatrix dup = MatrixIo.readSparse(fixture("coo-duplicates.npz"));
    assertThat(dup.toDense()).isEqualTo(Matrix.of(new double[][] {{0, 0, 5}, {2, 0, 0}}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"m.npz", "m.mtx", "m.mtx.gz"})
  void roundTripsExactly(String name) throws IOException {
    Path p = dir.resolve(name);
    MatrixIo.write(p, expected());
    assertThat(MatrixIo.readSparse(p)).isEqualTo(expected());
    assertThat(MatrixIo.isSparseFormat(p)).isTrue();
    SparseMatrix empty = SparseMatrix.fromTriplets(3, 0, new int[0], new int[0], new double[0]);
    MatrixIo.write(p, empty);
    assertThat(MatrixIo.readSparse(p)).isEqualTo(empty);
  }

  @Test
  void theWriterWritesTheBytesSciPyCheckedAndDenseNpzWorks() throws IOException {
    Path p = dir.resolve("again.npz");
    MatrixIo.write(p, expected());
    assertThat(entries(p)).isEqualTo(entries(fixture("java-csr.npz")));
    Path m = dir.resolve("again.mtx");
    MatrixIo.write(m, expected());
    assertThat(Files.readString(m)).isEqualTo(Files.readString(fixture("java.mtx")));
    Path d = dir.resolve("dense.npz");
    MatrixIo.write(d, MatrixIo.read(fixture("dense.npy")));
    assertThat(MatrixIo.readSparse(d)).isEqualTo(expected());
    assertThat(MatrixIo.isSparseFormat(dir.resolve("x.npy"))).isFalse();
  }

  private static Map<String, String> entries(Path npz) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (ZipFile z = new ZipFile(npz.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        out.put(e.getName(), new String(z.getInputStream(e).readAllBytes(),
            StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  @Test
  void denseFormatsAreConvertedAndArrayMtxToo() throws IOException {
    Path p = dir.resolve("d.mtx");
    MatrixIo.write(p, MatrixIo.read(fixture("dense.npy")));   // array real general
    assertThat(MatrixIo.readSparse(p)).isEqualTo(expected());
    assertThat(MatrixIo.readSparse(fixture("dense.npy"))).isEqualTo(expected());
  }

  /**
   * NaN in a dense file read as sparse, or in a dense matrix written to .npz, was reported in
   * SparseMatrix.of's words: "dense has NaN at row 0, column 1", a parameter the caller never
   * named.
   */
  @Test
  void nanInDenseDataForASparseFileIsNamedByFileOrMatrix() throws IOException {
    Matrix m = Matrix.of(new double[][] {{1, Double.NaN}, {3, 4}});
    Path mtx = dir.resolve("nan.mtx");
    MatrixIo.write(mtx, m);   // array real general
    assertThatThrownBy(() -> MatrixIo.readSparse(mtx)).isInstanceOf(FileFormatException.class)
        .hasMessage(mtx + ": NaN at row 1, column 2 (counting from 1); a sparse matrix holds "
            + "finite values");
    Path csv = dir.resolve("inf.csv");
    MatrixIo.write(csv, Matrix.of(new double[][] {{1, 2}, {3, Double.NEGATIVE_INFINITY}}));
    assertThatThrownBy(() -> MatrixIo.readSparse(csv)).isInstanceOf(FileFormatException.class)
        .hasMessage(csv + ": infinite value -Infinity at row 2, column 2 (counting from 1); a "
            + "sparse matrix holds finite values");
    Path npz = dir.resolve("nan.npz");
    assertThatThrownBy(() -> MatrixIo.write(npz, m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write matrix to '" + npz + "': it has NaN at row 0, column 1, and a"
            + " .npz file holds a sparse matrix, whose values must be finite");
    assertThat(Files.exists(npz)).isFalse();
  }

  /**
   * A .mtx.gz cut short or damaged inside its compressed data was reported as a bare
   * EOFException or "invalid distance too far back", without the file's name.
   */
  @Test
  void aTruncatedOrDamagedMtxGzIsAFileFormatErrorNamingTheFile() throws IOException {
    double[] a = new double[40 * 30];
    for (int i = 0; i < 40; i++) {
      a[i * 30 + i % 30] = i + 0.5;
    }
    Matrix dense = Matrix.wrap(40, 30, a);
    SparseMatrix s = SparseMatrix.of(dense);
    for (Object m : new Object[] {s, dense}) {
      Path good = dir.resolve("good.mtx.gz");
      if (m instanceof SparseMatrix sparse) {
        MatrixIo.write(good, sparse);
      } else {
        MatrixIo.write(good, (Matrix) m);
      }
      byte[] bytes = Files.readAllBytes(good);
      Path cut = dir.resolve("cut.mtx.gz");
      Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      Path tail = dir.resolve("tail.mtx.gz");
      Files.write(tail, java.util.Arrays.copyOf(bytes, bytes.length - 8)); // no trailer
      for (Path bad : new Path[] {cut, tail}) {
        assertThatThrownBy(() -> MatrixIo.readSparse(bad))
            .isInstanceOf(FileFormatException.class)
            .hasMessageStartingWith(bad + ": the gzip data is damaged or cut short (");
        assertThatThrownBy(() -> MatrixIo.read(bad))
            .isInstanceOf(FileFormatException.class)
            .hasMessageStartingWith(bad + ": the gzip data is damaged or cut short (");
      }
    }
  }

  /**
   * A .mtx.gz cut short inside its 10-byte gzip header was reported as "is not a gzip file
   * (null)".
   */
  @Test
  void anMtxGzCutInsideItsHeaderSaysSoWithoutNull() throws IOException {
    Path good = dir.resolve("good.mtx.gz");
    MatrixIo.write(good, SparseMatrix.of(Matrix.of(new double[][] {{1, 0}, {0, 2}})));
    Path cut = dir.resolve("header.mtx.gz");
    Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(good), 5));
    assertThatThrownBy(() -> MatrixIo.readSparse(cut))
        .isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(cut + ": the gzip data is damaged or cut short (")
        .hasMessageNotContaining("null");
    assertThatThrownBy(() -> MatrixIo.read(cut))
        .isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(cut + ": the gzip data is damaged or cut short (")
        .hasMessageNotContaining("null");
  }

  /**
   * NaN stored in data.npy was reported as "x.npz!data.npy: value 5 is NaN; values must be
   * finite", an index into the array, where the other readers give the row and column.
   */
  @ParameterizedTest
  @ValueSource(strings = {"csr.npz", "csc.npz", "coo.npz"})
  void nanInAnNpzNamesItsRowAndColumn(String name) throws IOException {
    Path nan = dir.resolve("nan-" + name);
    try (ZipFile z = new ZipFile(fixture(name).toFile());
        java.util.zip.ZipOutputStream out =
            new java.util.zip.ZipOutputStream(Files.newOutputStream(nan))) {
      byte[] third = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putDouble(1.0 / 3.0).array();
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        byte[] bytes = z.getInputStream(e).readAllBytes();
        if (e.getName().equals("data.npy")) {
          for (int i = 0; i + 8 <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + 8, third, 0, 8)) {
              java.nio.ByteBuffer.wrap(bytes, i, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                  .putDouble(Double.NaN);
            }
          }
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
        out.closeEntry();
      }
    }
    assertThatThrownBy(() -> MatrixIo.readSparse(nan)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(nan + "!data.npy: value ")
        .hasMessageEndingWith(" is NaN, at row 4, column 3 (counting from 1); a sparse matrix "
            + "holds finite values");
  }

  /**
   * One stored value of SciPy's uncompressed csr file changed to another valid one: the zip
   * entry's CRC-32 no longer matches, which Python's zipfile (so load_npz) refuses; the reader
   * read the damaged value as data.
   */
  @Test
  void anNpzEntryWhoseCrcDoesNotMatchIsRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(fixture("csr-uncompressed.npz"));
    double first = expected().values()[0];
    byte[] pattern = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putDouble(first).array();
    int at = -1;
    for (int i = 0; i + 8 <= bytes.length && at < 0; i++) {
      if (java.util.Arrays.equals(bytes, i, i + 8, pattern, 0, 8)) {
        at = i;
      }
    }
    assertThat(at).isNotNegative();
    java.nio.ByteBuffer.wrap(bytes, at, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .putDouble(first + 1);
    Path damaged = dir.resolve("damaged.npz");
    Files.write(damaged, bytes);
    assertThatThrownBy(() -> MatrixIo.readSparse(damaged))
        .isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(damaged + "!data.npy: the data is damaged (CRC-32 ");
    assertThat(MatrixIo.readSparse(fixture("csr-uncompressed.npz"))).isEqualTo(expected());
  }

  @Test
  void refusesNpzFilesThatAreNotCsrCscOrCoo() {
    assertThatThrownBy(() -> MatrixIo.readSparse(fixture("bad-bsr.npz")))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("bad-bsr.npz: format 'bsr' is not supported (supported: csr, csc,"
            + " coo; save x.tocsr())");
  }

  @Test
  void refusesArraysOfDifferentLengthsBeforeReadingThem() {
    assertThatThrownBy(() -> MatrixIo.readSparse(fixture("bad-lengths.npz")))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("indices.npy has 12 entries but data.npy has 11");
  }

  @Test
  void refusesAShapeWhosePointerArrayWouldNotFit() {
    assertThatThrownBy(() -> MatrixIo.readSparse(fixture("bad-shape.npz")))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("shape.npy claims 2147483653 x 7")
        .hasMessageContaining("would not fit a Java array");
  }

  /**
   * A file of a few hundred bytes whose shape claims 2^31 - 2 rows: the row pointers of the
   * sparse matrix (8 GB) come from that claim alone, and the reader ran out of memory
   * allocating them (an OutOfMemoryError from readSparse). More than this 2 GB test heap is
   * refused with a message before the allocation.
   */
  @Test
  void refusesRowPointersBeyondTheHeapBeforeAllocatingThem() throws IOException {
    long rows = Integer.MAX_VALUE - 1L; // 2^31 - 2
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(4 * rows);
    for (String name : new String[] {"bad-coo-rows.npz", "bad-csc-rows.npz"}) {
      assertThatThrownBy(() -> MatrixIo.readSparse(fixture(name)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(name + ": shape.npy claims (" + rows + ", 7); its " + (rows + 1)
              + " row pointers need 8.6 GB, but Java may use at most");
    }
    Path mtx = dir.resolve("rows.mtx");
    Files.writeString(mtx, "%%MatrixMarket matrix coordinate real general\n" + rows
        + " 3 1\n1 1 5\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(mtx))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(mtx + ": the " + rows + "x3 matrix of line 2; its "
            + (rows + 1) + " row pointers need 8.6 GB, but Java may use at most");
  }

  @Test
  void refusesFilesThatAreNotArchivesOrLackEntries() throws IOException {
    Path notZip = dir.resolve("text.npz");
    Files.writeString(notZip, "hello");
    assertThatThrownBy(() -> MatrixIo.readSparse(notZip))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("is not a SciPy .npz file");
    // an archive of no arrays at all (numpy.savez's arrays are read: RealFilesTest)
    Path other = dir.resolve("other.npz");
    try (OutputStream out = Files.newOutputStream(other);
        java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("notes.txt"));
      z.write(new byte[] {'h', 'i'});
      z.closeEntry();
    }
    assertThatThrownBy(() -> MatrixIo.readSparse(other))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("no format.npy in the archive");
  }

  /**
   * Archives whose members Python's zipfile compressed with bzip2 or lzma ({@code
   * reference/sparse/make_zip_methods.py}; {@code load_npz} and {@code numpy.load} read them):
   * they are zip archives, but were reported as "not a zip archive: invalid CEN header (bad
   * compression method: 12)". The message names the member, the method and the way out, for a
   * sparse file and for numpy.savez's dense one, read sparse or dense.
   */
  @Test
  void namesTheMemberAndTheMethodJavaCannotInflate() {
    Path bzip2 = fixture("csr-bzip2.npz");
    Path lzma = fixture("dense-lzma.npz");
    String reSave = ", which Java cannot inflate (it reads stored and deflated members); re-save"
        + " it with scipy.sparse.save_npz, or numpy.savez or numpy.savez_compressed for a dense"
        + " array, which store or deflate";
    String bzip2Member = bzip2 + ": member indices.npy is compressed with bzip2 (zip method 12)";
    assertThatThrownBy(() -> MatrixIo.readSparse(bzip2)).isInstanceOf(FileFormatException.class)
        .hasMessage(bzip2Member + reSave);
    assertThatThrownBy(() -> MatrixIo.read(bzip2)).isInstanceOf(FileFormatException.class)
        .hasMessage(bzip2Member + reSave);
    String lzmaMember = lzma + ": member arr_0.npy is compressed with lzma (zip method 14)";
    assertThatThrownBy(() -> MatrixIo.readSparse(lzma)).isInstanceOf(FileFormatException.class)
        .hasMessage(lzmaMember + reSave);
    assertThatThrownBy(() -> MatrixIo.read(lzma)).isInstanceOf(FileFormatException.class)
        .hasMessage(lzmaMember + reSave);
  }

  /**
   * An index out of range in a row after one whose indices need sorting (a duplicate here, as
   * SciPy allows): the reader stopped checking the ranges at the first such row and left the
   * rest to the triplet check, whose message spoke of {@code columnIndices} and columns, also
   * for a csc file, whose indices are rows.
   */
  @ParameterizedTest
  @ValueSource(strings = {"csr", "csc"})
  void anIndexOutOfRangeAfterAnUnsortedRowIsNamedInTheFilesTerms(String format)
      throws IOException {
    Path p = dir.resolve("late-" + format + ".npz");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("indices.npy"));
      Npy.writeInts(z, new int[] {1, 1, 7});
      z.putNextEntry(new ZipEntry("indptr.npy"));
      Npy.writeInts(z, new int[] {0, 2, 3});
      z.putNextEntry(new ZipEntry("format.npy"));
      Npy.writeHeader(z, "|S3", "()");
      z.write(format.getBytes(StandardCharsets.US_ASCII));
      z.putNextEntry(new ZipEntry("shape.npy"));
      Npy.writeInts(z, format.equals("csr") ? new int[] {2, 3} : new int[] {3, 2});
      z.putNextEntry(new ZipEntry("data.npy"));
      Npy.writeHeader(z, "<f8", "(3,)");
      Npy.writeDoubles(z, new double[] {1, 2, 3});
      z.closeEntry();
    }
    String shape = format.equals("csr") ? "(2, 3)" : "(3, 2)";
    assertThatThrownBy(() -> MatrixIo.readSparse(p))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(p + ": indices[2] is 7; a " + format + " matrix of shape " + shape
            + " needs indices in [0, 3)");
  }

  /** Regression: "indptr ends at 0 but there are 1 stored values". */
  @Test
  void theIndptrMessageAgreesWithOneStoredValue() throws IOException {
    Path p = dir.resolve("short-indptr.npz");
    try (java.util.zip.ZipOutputStream z =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
      z.putNextEntry(new ZipEntry("indices.npy"));
      Npy.writeInts(z, new int[] {0});
      z.putNextEntry(new ZipEntry("indptr.npy"));
      Npy.writeInts(z, new int[] {0, 0});
      z.putNextEntry(new ZipEntry("format.npy"));
      Npy.writeHeader(z, "|S3", "()");
      z.write("csr".getBytes(StandardCharsets.US_ASCII));
      z.putNextEntry(new ZipEntry("shape.npy"));
      Npy.writeInts(z, new int[] {1, 2});
      z.putNextEntry(new ZipEntry("data.npy"));
      Npy.writeHeader(z, "<f8", "(1,)");
      Npy.writeDoubles(z, new double[] {1});
      z.closeEntry();
    }
    assertThatThrownBy(() -> MatrixIo.readSparse(p))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(p + ": indptr ends at 0 but there is 1 stored value; it must end at that"
            + " number");
  }

  @Test
  void aCoordinateFileWhoseEntryCountLiesIsRefused() throws IOException {
    Path plain = dir.resolve("lie.mtx");
    Files.writeString(plain, "%%MatrixMarket matrix coordinate real general\n"
        + "3 3 2000000000\n1 1 1\n2 2 2\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(plain))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("2000000000 entries");
    // compressed: the length of the text is not known, so the reader finds the lie at the end
    Path gz = dir.resolve("lie.mtx.gz");
    gzip(gz, "%%MatrixMarket matrix coordinate real general\n3 3 2000000000\n1 1 1\n2 2 2\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(gz))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("the file ends after 2 of 2000000000 entries");
    Path fewer = dir.resolve("fewer.mtx.gz");
    gzip(fewer, "%%MatrixMarket matrix coordinate real general\n3 3 1\n1 1 1\n2 2 2\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(fewer))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("line 4: more entries than the size line declares");
  }

  @Test
  void aCoordinateFileWhoseSizeLiesIsRefused() throws IOException {
    Path gz = dir.resolve("outside.mtx.gz");
    gzip(gz, "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(gz))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("line 3: entry (3, 1) is outside the 2x2 matrix");
    Path nan = dir.resolve("nan.mtx");
    Files.writeString(nan, "%%MatrixMarket matrix coordinate real general\n2 2 1\n2 1 nan\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(nan))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("entry 1 (row 2, column 1) is NaN");
    Path notGz = dir.resolve("plain.mtx.gz");
    Files.writeString(notGz, "%%MatrixMarket matrix coordinate real general\n1 1 0\n");
    assertThatThrownBy(() -> MatrixIo.readSparse(notGz))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("is not a gzip file");
  }

  /**
   * A line is gathered whole before it is parsed, so a small gzip file that inflates to
   * gigabytes without a line break ran out of memory (600 KB of .mtx.gz under -Xmx512m); a line
   * beyond {@link MatrixMarket#MAX_LINE} characters is refused as soon as it gets that long.
   */
  @Test
  void aLineLongerThanAnyMatrixMarketLineIsRefused() throws IOException {
    Path gz = dir.resolve("long.mtx.gz");
    gzip(gz, "%%MatrixMarket matrix coordinate real general\n% fine\n3 3 1\n1 1 "
        + "1".repeat(MatrixMarket.MAX_LINE) + "\n");
    String message = gz + ": line 4 is longer than " + MatrixMarket.MAX_LINE
        + " characters; a Matrix Market line holds a few numbers";
    assertThatThrownBy(() -> MatrixIo.readSparse(gz))
        .isInstanceOf(FileFormatException.class).hasMessage(message);
    assertThatThrownBy(() -> MatrixIo.read(gz))
        .isInstanceOf(FileFormatException.class).hasMessage(message);
    Path plain = dir.resolve("long.mtx");
    Files.writeString(plain, "%%MatrixMarket matrix array real general\r\n1 1\r\n"
        + "2".repeat(MatrixMarket.MAX_LINE + 1));
    assertThatThrownBy(() -> MatrixIo.readSparse(plain))
        .isInstanceOf(FileFormatException.class).hasMessageStartingWith(plain + ": line 3 is");
    Path longest = dir.resolve("longest.mtx");
    Files.writeString(longest, "%%MatrixMarket matrix coordinate real general\n%"
        + " ".repeat(MatrixMarket.MAX_LINE - 1) + "\n1 1 1\n1 1 2.5\n");
    assertThat(MatrixIo.readSparse(longest).get(0, 0)).isEqualTo(2.5);
  }

  @Test
  void aHugeSparseMatrixIsReadWithoutItsDenseForm() throws IOException {
    Path p = dir.resolve("huge.mtx");
    Files.writeString(p, "%%MatrixMarket matrix coordinate real general\n"
        + "1000000 1000000 2\n1 1 1\n1000000 999999 2\n");
    SparseMatrix s = MatrixIo.readSparse(p);
    assertThat(s.nonZeros()).isEqualTo(2);
    assertThat(s.get(999_999, 999_998)).isEqualTo(2);
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(IOException.class);
  }

  @Test
  void writingADenseFormatRefusesASparseMatrix() {
    assertThatThrownBy(() -> MatrixIo.write(dir.resolve("x.npy"), expected()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the name must end in .npz, .mtx or .mtx.gz");
  }

  private static void gzip(Path p, String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Files.write(p, bytes.toByteArray());
  }
}
