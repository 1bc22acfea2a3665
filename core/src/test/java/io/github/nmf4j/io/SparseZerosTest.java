package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.SparseMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored zeros survive a sparse file in every format, as SciPy's {@code load_npz} and {@code
 * mmread} keep them: a {@link SparseMatrix} with explicit zeros (and -0.0, subnormals, values
 * near {@code Double.MAX_VALUE}) reads back equal, bit for bit, and repeated entries that cancel
 * leave a stored zero, as SciPy's {@code tocsr()} does.
 */
class SparseZerosTest {

  @TempDir Path dir;

  private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL,
      Double.MAX_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1e-320, 9007199254740991.0, 1e23};

  /** A random matrix whose stored values are drawn from {@link #SPECIAL} and plain numbers. */
  private static SparseMatrix randomWithZeros(long seed) {
    Random r = new Random(seed);
    int rows = 1 + r.nextInt(8);
    int cols = 1 + r.nextInt(8);
    int[] pointers = new int[rows + 1];
    int[] columns = new int[rows * cols];
    double[] values = new double[rows * cols];
    int q = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (r.nextInt(3) > 0) {
          columns[q] = j;
          values[q++] = r.nextBoolean() ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextGaussian();
        }
      }
      pointers[i + 1] = q;
    }
    return SparseMatrix.fromCsr(rows, cols, pointers, Arrays.copyOf(columns, q),
        Arrays.copyOf(values, q));
  }

  @ParameterizedTest
  @ValueSource(strings = {"s.npz", "s.mtx", "s.mtx.gz"})
  void storedZerosRoundTrip(String name) throws IOException {
    Path p = dir.resolve(name);
    for (long seed = 0; seed < 50; seed++) {
      SparseMatrix s = randomWithZeros(seed);
      MatrixIo.write(p, s);
      assertThat(MatrixIo.readSparse(p)).as("seed %d", seed).isEqualTo(s);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"general", "symmetric"})
  void cancellingDuplicatesLeaveAStoredZero(String symmetry) throws IOException {
    Path p = dir.resolve("d.mtx");
    Files.writeString(p, "%%MatrixMarket matrix coordinate real " + symmetry + "\n"
        + "2 2 5\n2 1 1.5\n1 1 0\n2 1 -1.5\n2 2 -0.0\n2 2 -0.0\n");
    SparseMatrix s = MatrixIo.readSparse(p);
    int[] expectedPointers = symmetry.equals("general") ? new int[] {0, 1, 3}
        : new int[] {0, 2, 4};
    assertThat(s.rowPointers()).containsExactly(expectedPointers);
    assertThat(s.get(1, 0)).isEqualTo(0.0);
    assertThat(Double.doubleToRawLongBits(s.get(1, 1)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"coo", "csr"})
  void cancellingDuplicatesInAnNpzLeaveAStoredZero(String format) throws IOException {
    // (1, 0) twice, cancelling; (1, 1) an explicit -0.0; csr with its columns out of order
    int[] rowsOrPointers = format.equals("coo") ? new int[] {1, 0, 1, 1} : new int[] {0, 1, 4};
    int[] columns = format.equals("coo") ? new int[] {0, 1, 1, 0} : new int[] {1, 0, 1, 0};
    double[] values = format.equals("coo") ? new double[] {1.5, 2, -0.0, -1.5}
        : new double[] {2, 1.5, -0.0, -1.5};
    Path p = dir.resolve(format + ".npz");
    try (OutputStream out = Files.newOutputStream(p);
        ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("format.npy"));
      Npy.writeHeader(z, "|S3", "()");
      z.write(format.getBytes(StandardCharsets.US_ASCII));
      z.putNextEntry(new ZipEntry("shape.npy"));
      Npy.writeInts(z, new int[] {2, 2});
      z.putNextEntry(new ZipEntry(format.equals("coo") ? "row.npy" : "indptr.npy"));
      Npy.writeInts(z, rowsOrPointers);
      z.putNextEntry(new ZipEntry(format.equals("coo") ? "col.npy" : "indices.npy"));
      Npy.writeInts(z, columns);
      z.putNextEntry(new ZipEntry("data.npy"));
      Npy.writeHeader(z, "<f8", "(4,)");
      Npy.writeDoubles(z, values);
    }
    SparseMatrix s = MatrixIo.readSparse(p);
    assertThat(s.rowPointers()).containsExactly(0, 1, 3);
    assertThat(s.columnIndices()).containsExactly(1, 0, 1);
    assertThat(Double.doubleToRawLongBits(s.get(1, 1)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(s.get(1, 0)).isEqualTo(0.0);
    assertThat(s.get(0, 1)).isEqualTo(2.0);
  }

  /**
   * A coordinate file reads densely to the same bits plain or gzip-compressed: a stored -0.0
   * (which sums into the dense zeros as 0.0) and repeated entries summed in the same order,
   * here a symmetric file that stores both triangles.
   */
  @ParameterizedTest
  @ValueSource(strings = {"general\n2 2 3\n1 1 -0.0\n2 1 -0.0\n2 1 -0.0\n",
      "symmetric\n2 2 3\n2 1 1e16\n1 2 1\n2 1 -1e16\n"})
  void aCompressedCoordinateFileReadsDenselyAsThePlainOne(String body) throws IOException {
    String text = "%%MatrixMarket matrix coordinate real " + body;
    Path plain = dir.resolve("c.mtx");
    Files.writeString(plain, text);
    Path gz = dir.resolve("c.mtx.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(MatrixIo.read(gz)).isEqualTo(MatrixIo.read(plain));
  }

  /**
   * A symmetric file that stores a position in both triangles reads sparsely to the dense
   * reading's values, a symmetric matrix: its entries and their mirror images sum in file order.
   */
  @ParameterizedTest
  @ValueSource(strings = {"symmetric", "skew-symmetric"})
  void bothTrianglesSumInFileOrderWhenReadSparsely(String symmetry) throws IOException {
    Path p = dir.resolve("both.mtx");
    Files.writeString(p, "%%MatrixMarket matrix coordinate real " + symmetry
        + "\n3 3 4\n2 1 1e16\n1 2 1\n2 1 -1e16\n3 1 2.5\n");
    assertThat(MatrixIo.readSparse(p).toDense()).isEqualTo(MatrixIo.read(p));
  }
}
