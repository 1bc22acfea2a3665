package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixMarketTest {

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path p = Files.createTempFile(dir, "m", ".mtx");
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsCoordinateRealGeneralSummingDuplicates() throws IOException {
    Matrix m = MatrixIo.read(file("""
        %%MatrixMarket matrix coordinate real general
        % a comment
        %
        2 3 4
        1 1 1.5
        2 3 -2e1

        1 1 0.25
        2 2 7
        """));
    assertThat(m).isEqualTo(Matrix.of(new double[][] {{1.75, 0, 0}, {0, 7, -20}}));
  }

  @Test
  void readsCoordinateIntegerAndPatternSymmetric() throws IOException {
    Matrix sym = MatrixIo.read(file("""
        %%MatrixMarket matrix coordinate integer symmetric
        3 3 3
        1 1 4
        3 1 -2
        3 2 5
        """));
    assertThat(sym).isEqualTo(Matrix.of(new double[][] {{4, 0, -2}, {0, 0, 5}, {-2, 5, 0}}));
    Matrix pattern = MatrixIo.read(file("""
        %%MatrixMarket MATRIX Coordinate Pattern General
        2 2 2
        1 2
        2 1
        """));
    assertThat(pattern).isEqualTo(Matrix.of(new double[][] {{0, 1}, {1, 0}}));
  }

  @Test
  void readsArrayGeneralSymmetricAndSkewInColumnMajorOrder() throws IOException {
    Matrix general = MatrixIo.read(file("""
        %%MatrixMarket matrix array real general
        2 3
        1
        4
        2
        5
        3
        6
        """));
    assertThat(general).isEqualTo(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    Matrix sym = MatrixIo.read(file("""
        %%MatrixMarket matrix array integer symmetric
        2 2
        1
        2
        3
        """));
    assertThat(sym).isEqualTo(Matrix.of(new double[][] {{1, 2}, {2, 3}}));
    Matrix skew = MatrixIo.read(file("""
        %%MatrixMarket matrix array real skew-symmetric
        2 2
        5
        """));
    assertThat(skew).isEqualTo(Matrix.of(new double[][] {{0, -5}, {5, 0}}));
  }

  @Test
  void reportsProblemsWithTheirLine() throws IOException {
    Path outside = file("%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n");
    assertThatThrownBy(() -> MatrixIo.read(outside)).isInstanceOf(FileFormatException.class)
        .hasMessage(outside + ": line 3: entry (3, 1) is outside the 2x2 matrix");
    Path bad = file("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 x\n");
    assertThatThrownBy(() -> MatrixIo.read(bad))
        .hasMessage(bad + ": bad number 'x' at line 3, column 3");
    Path shortFile = file("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n"
        + "%\n%\n%\n");
    assertThatThrownBy(() -> MatrixIo.read(shortFile)).hasMessageContaining("after 1 of 2");
    Path extra = file("%%MatrixMarket matrix array real general\n1 1\n1\n2\n");
    assertThatThrownBy(() -> MatrixIo.read(extra)).hasMessageContaining("line 4: more entries");
    Path complex = file("%%MatrixMarket matrix coordinate complex general\n1 1 0\n");
    assertThatThrownBy(() -> MatrixIo.read(complex)).hasMessageContaining("field 'complex'");
    Path noBanner = file("2 2\n1\n2\n3\n4\n");
    assertThatThrownBy(() -> MatrixIo.read(noBanner)).hasMessageContaining("banner");
    Path rect = file("%%MatrixMarket matrix coordinate real symmetric\n2 3 0\n");
    assertThatThrownBy(() -> MatrixIo.read(rect)).hasMessageContaining("must be square");
  }

  /**
   * An integer field holds integers: SciPy's {@code mmread} (1.10) parses each of its values
   * with Python's {@code int()}, which refuses {@code 2.5}, {@code 1e3} and {@code 3.0} alike,
   * and stores them as int64. nmf4j read {@code 2.5} as 2.5. It now takes what {@code int()}
   * takes (a sign, leading zeros), except the digit-group underscores of {@code 1_000}, which
   * it refuses in real fields too.
   */
  @Test
  void anIntegerFieldRefusesAValueThatIsNotAnInteger() throws IOException {
    for (String v : new String[] {"2.5", "1e3", "3.0", "nan", "inf", "1_000", "0x10"}) {
      Path coordinate = file("%%MatrixMarket matrix coordinate integer general\n2 2 2\n"
          + "1 1 4\n2 1 " + v + "\n");
      String message = coordinate + ": line 4, column 3: " + v + " is not an integer, but"
          + " line 1 declares the integer field (declare it real for other numbers)";
      assertThatThrownBy(() -> MatrixIo.read(coordinate)).as(v)
          .isInstanceOf(FileFormatException.class).hasMessage(message);
      assertThatThrownBy(() -> MatrixIo.readSparse(coordinate)).as(v)
          .isInstanceOf(FileFormatException.class).hasMessage(message);
      Path array = file("%%MatrixMarket matrix array integer symmetric\n2 2\n4\n" + v
          + "\n1\n");
      assertThatThrownBy(() -> MatrixIo.read(array)).as(v)
          .isInstanceOf(FileFormatException.class).hasMessage(array + ": line 4, column 1: "
              + v + " is not an integer, but line 1 declares the integer field (declare it"
              + " real for other numbers)");
    }
    Path tooLarge = file("%%MatrixMarket matrix array integer general\n1 1\n"
        + "9223372036854775808\n");
    assertThatThrownBy(() -> MatrixIo.read(tooLarge)).isInstanceOf(FileFormatException.class)
        .hasMessage(tooLarge + ": line 3, column 1: 9223372036854775808 is out of the range"
            + " of the integer field of line 1 (64-bit integers, as SciPy's mmread reads them)");
    Matrix accepted = MatrixIo.read(file("%%MatrixMarket matrix array integer general\n4 1\n"
        + "+3\n-0\n007\n-9223372036854775808\n"));
    assertThat(accepted).isEqualTo(Matrix.of(new double[][] {{3}, {0}, {7}, {-0x1p63}}));
    assertThat(1 / accepted.get(1, 0)).as("int('-0') is 0, not -0.0").isPositive();
  }

  @Test
  void roundTripsBitForBit() throws IOException {
    SplittableRandom rnd = new SplittableRandom(8);
    double[] a = new double[17 * 5];
    for (int i = 0; i < a.length; i++) {
      a[i] = i % 3 == 0 ? 0 : (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-300, 300));
    }
    Matrix m = Matrix.wrap(17, 5, a);
    Path p = dir.resolve("r.mtx");
    MatrixIo.write(p, m);
    assertThat(Files.readString(p)).startsWith("%%MatrixMarket matrix array real general\n");
    assertThat(MatrixIo.read(p)).isEqualTo(m);
  }

  /**
   * An empty matrix was written as {@code array} with its size line only, which SciPy 1.10's
   * {@code mmread} cannot read for 0 rows ("Parse error, did not read all lines": its array
   * reader expects to end past the last column) though it reads {@code 3 0} and {@code 0 0}. It
   * is now written as {@code coordinate} with no entries, which SciPy 1.10.1 reads back as a
   * {@code coo_matrix} of the right shape for 0x3, 3x0 and 0x0 alike, and so does nmf4j.
   */
  @Test
  void anEmptyMatrixIsWrittenAsCoordinateSoThatSciPyReadsItsShape() throws IOException {
    for (int[] shape : new int[][] {{0, 3}, {3, 0}, {0, 0}}) {
      Matrix empty = Matrix.wrap(shape[0], shape[1], new double[0]);
      for (String name : new String[] {"e.mtx", "e.mtx.gz"}) {
        Path p = dir.resolve(name);
        MatrixIo.write(p, empty);
        assertThat(MatrixIo.read(p)).as(name).isEqualTo(empty);
        assertThat(MatrixIo.readSparse(p).shape()).as(name).isEqualTo(empty.shape());
      }
      assertThat(Files.readString(dir.resolve("e.mtx"))).isEqualTo(
          "%%MatrixMarket matrix coordinate real general\n% written by nmf4j\n"
              + shape[0] + " " + shape[1] + " 0\n");
    }
    Path labels = dir.resolve("l.mtx");
    MatrixIo.writeLabels(labels, new int[0]);
    assertThat(MatrixIo.readLabels(labels)).isEmpty();
    // What scipy.io.mmwrite (1.10.1) writes for numpy.zeros((0, 3)), which it cannot read back:
    // nmf4j reads it.
    assertThat(MatrixIo.read(file("%%MatrixMarket matrix array real general\n%\n0 3\n"))
        .shape()).isEqualTo("0x3");
  }

  /** -0.0 is written so that it reads back as -0.0, here and in SciPy 1.10.1 (-0.0 too). */
  @Test
  void negativeZeroIsWrittenWithItsSign() throws IOException {
    Path p = dir.resolve("z.mtx");
    MatrixIo.write(p, Matrix.of(new double[][] {{-0.0, 1}}));
    assertThat(Files.readString(p)).endsWith("\n1 2\n-0.0\n1\n");
    assertThat(1 / MatrixIo.read(p).get(0, 0)).isNegative();
  }

  @Test
  void sizeLinesAreCheckedAgainstTheFileBeforeAllocating() throws IOException {
    Path array = file("%%MatrixMarket matrix array real general\n20000 20000\n1\n2\n3\n");
    assertThatThrownBy(() -> MatrixIo.read(array)).isInstanceOf(FileFormatException.class)
        .hasMessage(array + ": the 20000x20000 matrix of line 2, which needs at"
            + " least 800 MB, but only 6 bytes follow");
    Path entries = file("%%MatrixMarket matrix coordinate real general\n"
        + "20000 20000 400000000\n1 1 1\n");
    assertThatThrownBy(() -> MatrixIo.read(entries)).isInstanceOf(FileFormatException.class)
        .hasMessageContaining("the 20000x20000 matrix of line 2 with 400000000 entries,"
            + " which needs at least 2.4 GB, but only 6 bytes follow");
    Path symmetric = file("%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n");
    assertThatThrownBy(() -> MatrixIo.read(symmetric)).hasMessageContaining(
        "3x3 matrix of line 2, which needs at least 11 bytes");
    Path huge = file("%%MatrixMarket matrix array real general\n100000 100000\n");
    assertThatThrownBy(() -> MatrixIo.read(huge)).isInstanceOf(FileFormatException.class)
        .hasMessage(huge + ": the 100000x100000 matrix of line 2 has 100000 x 100000 ="
            + " 10000000000 elements; a Java array holds at most 2147483639");
  }

  @Test
  void aSparseFileTooLargeToReadDenselySaysHowMuchMemoryItNeeds() throws IOException {
    // One entry of a 30000 x 30000 matrix: a valid file, but 7.2 GB as dense doubles, more than
    // the test JVM may use.
    Path sparse = file("%%MatrixMarket matrix coordinate real general\n30000 30000 1\n1 1 1\n");
    assertThatThrownBy(() -> MatrixIo.read(sparse)).isInstanceOf(IOException.class)
        .hasMessageStartingWith(sparse + ": the 30000x30000 matrix of line 2 needs 7.2 GB"
            + " as a dense matrix, but Java may use at most ");
  }

  @Test
  void aByteOrderMarkAndCrlfLineEndsAreReadAsTheCsvReaderReadsThem() throws IOException {
    // Windows editors save UTF-8 with a byte order mark before the banner
    Path coordinate = file("\uFEFF%%MatrixMarket matrix coordinate real general\r\n"
        + "2 2 1\r\n1 2 1.5\r\n\r\n");
    Matrix expected = Matrix.of(new double[][] {{0, 1.5}, {0, 0}});
    assertThat(MatrixIo.read(coordinate)).isEqualTo(expected);
    assertThat(MatrixIo.readSparse(coordinate).toDense()).isEqualTo(expected);
    Path array = file("\uFEFF%%MatrixMarket matrix array real general\r\n1 2\r\n1\r\nnan\r\n");
    assertThat(MatrixIo.isSparseFormat(array)).isFalse();
    assertThat(MatrixIo.read(array).get(0, 0)).isEqualTo(1);
  }

  @Test
  void theSmallestValidFilesPassTheSizeChecks() throws IOException {
    assertThat(MatrixIo.read(file("%%MatrixMarket matrix array real general\n2 1\n1\n2")))
        .isEqualTo(Matrix.of(new double[][] {{1}, {2}}));
    assertThat(MatrixIo.read(file("%%MatrixMarket matrix coordinate pattern general\n2 2 2\n"
        + "1 1\n2 2"))).isEqualTo(Matrix.of(new double[][] {{1, 0}, {0, 1}}));
    assertThat(MatrixIo.read(file("%%MatrixMarket matrix coordinate real general\n0 0 0\n"))
        .shape()).isEqualTo("0x0");
  }
}
