package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the fixtures written by numpy ({@code reference/io/make_npy.py}) and round-trips. */
class NpyTest {

  @TempDir Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(NpyTest.class.getResource("/reference/io/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value make_npy.py stores at (i, j) for a dtype kind. */
  private static double expected(char kind, int i, int j) {
    int a = 4 * i + j + 1;
    return switch (kind) {
      case 'f' -> a * 0.5 - 3;
      case 'i' -> a - 6;
      case 'u' -> a;
      default -> a % 2;
    };
  }

  static Stream<Arguments> typedFixtures() {
    Stream.Builder<Arguments> b = Stream.builder();
    String[][] kinds = {{"f", "4", "8"}, {"i", "1", "2", "4", "8"}, {"u", "1", "2", "4", "8"},
        {"b", "1"}};
    for (String[] k : kinds) {
      for (int s = 1; s < k.length; s++) {
        String[] orders = k[s].equals("1") ? new String[] {"na"} : new String[] {"le", "be"};
        for (String order : orders) {
          for (String layout : new String[] {"C", "F"}) {
            b.add(Arguments.of(k[0] + k[s] + "_" + order + "_" + layout + ".npy"));
          }
        }
      }
    }
    b.add(Arguments.of("f8_le_C_v2.npy"));
    b.add(Arguments.of("f8_le_C_v3.npy"));
    return b.build();
  }

  @ParameterizedTest
  @MethodSource("typedFixtures")
  void readsEveryDtypeByteOrderLayoutAndVersion(String file) throws IOException {
    Matrix m = MatrixIo.read(fixture(file));
    assertThat(m.rows()).isEqualTo(3);
    assertThat(m.cols()).isEqualTo(4);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(m.get(i, j)).as("%s at (%d, %d)", file, i, j)
            .isEqualTo(expected(file.charAt(0), i, j));
      }
    }
  }

  @Test
  void readsIntegerExtremesExactlyAsDoubles() throws IOException {
    assertThat(MatrixIo.read(fixture("i8_extremes.npy")).row(0))
        .containsExactly(-0x1p63, 0x1p63);
    assertThat(MatrixIo.read(fixture("u8_extremes.npy")).row(0))
        .containsExactly(0x1p64, 0x1p63, 0);
    assertThat(MatrixIo.read(fixture("i1_extremes.npy")).row(0)).containsExactly(-128, 127);
    assertThat(MatrixIo.read(fixture("u4_extremes.npy")).row(0))
        .containsExactly(4294967295.0, 0);
    assertThat(MatrixIo.read(fixture("f4_third.npy")).get(0, 0)).isEqualTo((double) (1f / 3));
  }

  @Test
  void readsOneDimensionalArraysAsAColumnAndScalarsAsOneByOne() throws IOException {
    Matrix v = MatrixIo.read(fixture("vector.npy"));
    assertThat(v.shape()).isEqualTo("5x1");
    assertThat(v.column(0)).containsExactly(1.5, 2.5, 3.5, 4.5, 5.5);
    assertThat(MatrixIo.read(fixture("scalar.npy"))).isEqualTo(Matrix.of(new double[][] {{7.25}}));
    assertThat(MatrixIo.read(fixture("empty.npy")).shape()).isEqualTo("0x3");
    assertThat(MatrixIo.readLabels(fixture("labels.npy"))).containsExactly(0, 2, 1, 1, 0);
  }

  @Test
  void rejectsUnsupportedArraysWithTheReason() {
    assertThatThrownBy(() -> MatrixIo.read(fixture("cube.npy")))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("3 dimensions");
    assertThatThrownBy(() -> MatrixIo.read(fixture("complex.npy")))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("unsupported dtype '<c16'");
  }

  @Test
  void rejectsTruncatedAndForeignFiles() throws IOException {
    byte[] full = Files.readAllBytes(fixture("f8_le_C.npy"));
    Path truncated = dir.resolve("truncated.npy");
    Files.write(truncated, java.util.Arrays.copyOf(full, full.length - 8));
    assertThatThrownBy(() -> MatrixIo.read(truncated))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("truncated").hasMessageContaining("12 values")
        .hasMessageContaining("after 11");
    Path text = dir.resolve("text.npy");
    Files.writeString(text, "1,2,3\n");
    assertThatThrownBy(() -> MatrixIo.read(text))
        .isInstanceOf(FileFormatException.class).hasMessageContaining("not a NumPy .npy file");
  }

  @Test
  void writesExactlyTheBytesNumpyWrites() throws IOException {
    Matrix m = MatrixIo.read(fixture("f8_le_C.npy"));
    Path out = dir.resolve("out.npy");
    MatrixIo.write(out, m);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(fixture("f8_le_C.npy")));
    Path labels = dir.resolve("labels.npy");
    MatrixIo.writeLabels(labels, new int[] {0, 2, 1, 1, 0});
    assertThat(Files.readAllBytes(labels)).isEqualTo(Files.readAllBytes(fixture("labels.npy")));
  }

  @Test
  void roundTripsRandomMatricesBitForBit() throws IOException {
    SplittableRandom rnd = new SplittableRandom(6);
    int[][] shapes = {{0, 0}, {1, 1}, {1, 7}, {7, 1}, {13, 9}, {300, 301}};
    for (int[] s : shapes) {
      double[] a = new double[s[0] * s[1]];
      for (int i = 0; i < a.length; i++) {
        a[i] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-300, 300));
      }
      Matrix m = Matrix.wrap(s[0], s[1], a);
      Path p = dir.resolve("m.npy");
      MatrixIo.write(p, m);
      assertThat(MatrixIo.read(p)).isEqualTo(m);
    }
  }

  /** A version 1.0 .npy file: magic, {@code lengthField}, {@code header}, then {@code data}. */
  static byte[] npy(int lengthField, String header, byte[] data) {
    byte[] h = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length + data.length)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) lengthField)
        .put(h).put(data);
    return b.array();
  }

  /** A header padded as numpy pads it, with its true length in the length field. */
  static byte[] npy(String dict, byte[] data) {
    String header = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
    return npy(header.length(), header, data);
  }

  private Path write(String file, byte[] content) throws IOException {
    Path p = dir.resolve(file);
    Files.write(p, content);
    return p;
  }

  @Test
  void aTinyFileClaimingAHugeShapeFailsBeforeAllocatingWithWhatItClaims() throws IOException {
    // 20000 x 20000 doubles are 3.2 GB, more than the test JVM's heap: reading must not try.
    Path square = write("square.npy", npy(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (20000, 20000), }", new byte[20]));
    assertThat(Files.size(square)).isEqualTo(148);
    assertThatThrownBy(() -> MatrixIo.read(square)).isInstanceOf(FileFormatException.class)
        .hasMessage(square + ": file is truncated: the header claims shape (20000, 20000) of"
            + " <f8, 400000000 values of 8 bytes (3.2 GB), but the data ends after 2 values"
            + " (20 bytes after the 128-byte header)");
    Path vector = write("vector.npy", npy(
        "{'descr': '<f8', 'fortran_order': True, 'shape': (2000000000,), }", new byte[0]));
    assertThatThrownBy(() -> MatrixIo.read(vector)).isInstanceOf(FileFormatException.class)
        .hasMessageContaining("shape (2000000000,) of <f8, 2000000000 values of 8 bytes (16.0 GB)")
        .hasMessageContaining("ends after 0 values");
    Path tooMany = write("many.npy", npy(
        "{'descr': '|u1', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[0]));
    assertThatThrownBy(() -> MatrixIo.read(tooMany)).isInstanceOf(FileFormatException.class)
        .hasMessageContaining("shape (100000, 100000) of |u1 has 100000 x 100000 = 10000000000"
            + " elements; a Java array holds at most 2147483639");
  }

  @Test
  void anEmptyArrayWithADimensionBeyondAnIntIsRefusedNotTruncated() throws IOException {
    // zero elements, but a dimension a Matrix cannot have: (int) 2^31 is negative, (int)
    // (2^32 + 5) is 5, so a cast would fail with an unrelated message or read a 0x5 matrix
    String[][] cases = {{"(0, 2147483648)", "2147483648"}, {"(2147483648, 0)", "2147483648"},
        {"(0, 4294967301)", "4294967301"}};
    for (String[] c : cases) {
      Path p = write("wide.npy", npy(
          "{'descr': '<f8', 'fortran_order': False, 'shape': " + c[0] + ", }", new byte[0]));
      assertThatThrownBy(() -> MatrixIo.read(p)).as(c[0])
          .isInstanceOf(FileFormatException.class)
          .hasMessage(p + ": shape " + c[0] + " of <f8 has a dimension of " + c[1]
              + "; a matrix has at most 2147483647 rows and columns");
    }
  }

  @Test
  void aHeaderLengthThatLiesIsRejectedInsteadOfReadingGarbage() throws IOException {
    byte[] good = Files.readAllBytes(fixture("f8_le_C.npy"));
    int length = (good[8] & 0xff) | (good[9] & 0xff) << 8;
    for (int lie : new int[] {-10, -1, 8, 24}) {
      byte[] bad = good.clone();
      bad[8] = (byte) (length + lie);
      bad[9] = (byte) ((length + lie) >>> 8);
      Path p = write("lie" + lie + ".npy", bad);
      assertThatThrownBy(() -> MatrixIo.read(p)).as("length field off by %d", lie)
          .isInstanceOf(FileFormatException.class)
          .hasMessageStartingWith(p + ": bad .npy header: ")
          .hasMessageContaining("length field is wrong");
    }
    byte[] huge = good.clone();
    huge[8] = (byte) 0xff;
    huge[9] = (byte) 0xff;
    Path p = write("huge.npy", huge);
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessage(p + ": the header length field says 65535 bytes, but the file holds "
            + good.length + " bytes in all");
  }

  @Test
  void aRepeatedKeyTakesItsLastValueAsInNumpy() throws IOException {
    byte[] data = new byte[6 * 8];
    java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer()
        .put(new double[] {1, 2, 3, 4, 5, 6});
    Path p = write("twice.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1),"
        + " 'shape': (2, 3), }", data));
    assertThat(MatrixIo.read(p)).isEqualTo(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    Path q = write("order.npy", npy("{'fortran_order': True, \"shape\": (2, 3),"
        + " 'descr': '<i4', 'fortran_order': False}", new byte[24]));
    assertThat(MatrixIo.read(q).shape()).isEqualTo("2x3");
  }

  @Test
  void headersNumpyRefusesAreRefused() throws IOException {
    String[][] cases = {
        {"{'descr': '<f8', 'shape': (2,), }", "must have the keys"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}", "must have the keys"},
        {"{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }", "'fortran_order' must be"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (-2,), }", "'shape' must be"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': ('2',), }", "'shape' must be"},
        {"{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }",
            "structured arrays"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (2,) ", "dict is complete"},
        {"['descr', 'fortran_order', 'shape']", "not a dict"},
        {"{'descr': '<f8' 'fortran_order': False, 'shape': (2,), }", "expected '}'"},
        {"{'descr': '<f8, 'fortran_order': False, 'shape': (2,), }", "at character"},
        {"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }",
            "bad integer"},
    };
    for (String[] c : cases) {
      Path p = write("h.npy", npy(c[0], new byte[16]));
      assertThatThrownBy(() -> MatrixIo.read(p)).as(c[0])
          .isInstanceOf(FileFormatException.class).hasMessageContaining(c[1]);
    }
  }
}
