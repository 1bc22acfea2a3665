package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files as ordinary tools write them (pandas, R, NumPy, Excel and LibreOffice), made by {@code
 * reference/io/real/make_real.py}: each reads as the matrix its writer meant, or is refused
 * with a message that names the file and says what to do.
 */
class RealFilesTest {

  /** The matrix every fixture holds. */
  private static final Matrix X = Matrix.of(new double[][] {{1.5, 0, 2}, {0, 3.25, 1e5}});

  private static Path fixture(String name) {
    try {
      return Path.of(RealFilesTest.class.getResource("/reference/io/real/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pandas_index.csv", "pandas_columns_index.csv", "r_write_csv.csv",
      "r_write_table.txt", "r_write_table_spaces.txt"})
  void dropsTheRowNamesOfPandasAndR(String name) throws IOException {
    assertThat(MatrixIo.read(fixture(name))).isEqualTo(X);
  }

  @Test
  void skipsTheColumnNumbersPandasWritesAsAHeader() throws IOException {
    // pd.DataFrame(X).to_csv(f, index=False): the header 0,1,2 is not a row of data
    assertThat(MatrixIo.read(fixture("pandas_columns.csv"))).isEqualTo(X);
  }

  @Test
  void readsTheColumnNumbersAsDataWhenTheRowsBelowAreIntegersToo(@TempDir Path dir)
      throws IOException {
    Path p = Files.writeString(dir.resolve("counts.csv"), "0,1,2\n3,4,5\n");
    assertThat(MatrixIo.read(p)).isEqualTo(Matrix.of(new double[][] {{0, 1, 2}, {3, 4, 5}}));
  }

  @Test
  void readsZeroOneAboveDecimalsAsDataAsItMayBeAOneHotRow(@TempDir Path dir)
      throws IOException {
    Path p = Files.writeString(dir.resolve("p.csv"), "0,1\n0.25,0.75\n");
    assertThat(MatrixIo.read(p)).isEqualTo(Matrix.of(new double[][] {{0, 1}, {0.25, 0.75}}));
  }

  @Test
  void aFirstRowOfColumnNumbersWrittenAsTextReadsBack(@TempDir Path dir) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 60; trial++) {
      int cols = 1 + random.nextInt(6);
      int rows = 1 + random.nextInt(4);
      double[][] a = new double[rows][cols];
      for (int j = 0; j < cols; j++) {
        a[0][j] = j;
      }
      for (int i = 1; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          a[i][j] = random.nextBoolean() ? random.nextInt(5) : random.nextDouble();
        }
      }
      Matrix m = Matrix.of(a);
      for (String ext : new String[] {"csv", "tsv", "txt"}) {
        Path p = dir.resolve("m" + trial + "." + ext);
        MatrixIo.write(p, m);
        assertThat(MatrixIo.read(p)).as("%s %s", ext, m).isEqualTo(m);
      }
    }
  }

  @Test
  void readsNumpySavetxtWithASpaceDelimiterInACsvFile() throws IOException {
    assertThat(MatrixIo.read(fixture("savetxt_space.csv"))).isEqualTo(X);
  }

  @Test
  void skipsAHeaderRowInATxtFile() throws IOException {
    // np.savetxt(f, X, header="a b c", comments="")
    assertThat(MatrixIo.read(fixture("savetxt_header.txt"))).isEqualTo(X);
  }

  @Test
  void readsDecimalCommasBetweenSemicolons() throws IOException {
    assertThat(MatrixIo.read(fixture("excel_decimal_comma.csv"))).isEqualTo(X);
  }

  @Test
  void readsTheNaOfRAsAMissingValue() throws IOException {
    Matrix m = MatrixIo.read(fixture("r_na.csv"));
    assertThat(m.shape()).isEqualTo("2x3");
    assertThat(m.get(0, 1)).isNaN();
    assertThat(m.get(1, 2)).isEqualTo(1e5);
  }

  @Test
  void refusesTheEmptyFieldsOfPandasSayingHowToMarkAMissingValue() {
    Path p = fixture("pandas_nan.csv");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + ": missing value (an empty field) at line 2, column 2")
        .hasMessageContaining("nan")
        .hasMessageContaining("na_rep");
  }

  @ParameterizedTest
  @ValueSource(strings = {"float16.npy", "float16_be.npy"})
  void readsHalfPrecision(String name) throws IOException {
    Matrix m = MatrixIo.read(fixture(name));
    assertThat(m.toRowMajorArray()).containsExactly(1.5, -0.0, 0x1p-24,
        Double.POSITIVE_INFINITY, Double.NaN, 65504);
    assertThat(1 / m.get(0, 1)).isNegative();
  }

  @Test
  void halfPrecisionValuesIncreaseWithTheirBitsAndNegationFlipsTheSignBit() {
    double previous = -1;
    for (int h = 0; h <= 0x7c00; h++) { // from +0 to +infinity
      double v = Npy.halfToDouble((short) h);
      assertThat(v).isGreaterThan(previous);
      assertThat(Npy.halfToDouble((short) (h | 0x8000))).isEqualTo(-v);
      previous = v;
    }
    assertThat(Npy.halfToDouble((short) 0x3c00)).isEqualTo(1.0);
    assertThat(Npy.halfToDouble((short) 0x7c01)).isNaN();
  }

  @Test
  void refusesAnObjectArraySayingHowToSaveANumericOne() {
    Path p = fixture("object.npy");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining("Python objects")
        .hasMessageContaining("astype(float)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"savez_dense.npz", "savez_compressed_dense.npz"})
  void readsTheOneArrayOfANumpySavez(String name) throws IOException {
    assertThat(MatrixIo.read(fixture(name))).isEqualTo(X);
    assertThat(MatrixIo.readSparse(fixture(name)).toDense()).isEqualTo(X);
    // dense: with --missing ignore its zeros are values, not the unstored entries
    assertThat(MatrixIo.isSparseFormat(fixture(name))).isFalse();
  }

  @Test
  void refusesANumpySavezOfSeveralArraysNamingThem() {
    Path p = fixture("savez_two.npz");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + ": ")
        .hasMessageContaining("arr_0, arr_1")
        .hasMessageContaining("numpy.save");
  }

  @ParameterizedTest
  @ValueSource(strings = {"labels_strings.csv", "labels_strings_header.csv",
      "labels_pandas_index.csv", "labels_r.csv", "labels_strings.npy"})
  void numbersClassNamesInTheOrderTheyFirstAppear(String name) throws IOException {
    assertThat(MatrixIo.readLabels(fixture(name))).containsExactly(0, 0, 1, 2);
  }

  @Test
  void readsClassNamesOnePerLineOfATxtFile(@TempDir Path dir) throws IOException {
    Path p = Files.writeString(dir.resolve("y.txt"), "b\na\nb\n# done\nc\n");
    assertThat(MatrixIo.readLabels(p)).containsExactly(0, 1, 0, 2);
  }

  /**
   * One line of names, which the matrix reader takes for a header above no rows, was read as
   * no labels at all ("--truth y.csv has 0 labels"), where one row of integers is read.
   */
  @Test
  void readsClassNamesInOneRow(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("y.csv"), "b,a,b,c\n");
    assertThat(MatrixIo.readLabels(csv)).containsExactly(0, 1, 0, 2);
    Path txt = Files.writeString(dir.resolve("y.txt"), "b a b c\n");
    assertThat(MatrixIo.readLabels(txt)).containsExactly(0, 1, 0, 2);
    Path one = Files.writeString(dir.resolve("one.csv"), "setosa\n");
    assertThat(MatrixIo.readLabels(one)).containsExactly(0);
  }

  /**
   * R's write.table of a factor writes a header of one name above rows of a row name and a
   * class; it was refused with "bad number 'setosa' at line 2, column 2", though its matrix
   * rule (a header one field shorter than the rows) is read.
   */
  @ParameterizedTest
  @ValueSource(strings = {"y.txt", "y.csv"})
  void readsClassNamesWithRowNamesAsRsWriteTableWritesThem(String name, @TempDir Path dir)
      throws IOException {
    String sep = name.endsWith(".txt") ? " " : ",";
    Path p = Files.writeString(dir.resolve(name), "\"x\"\n\"1\"" + sep + "\"setosa\"\n\"2\""
        + sep + "\"setosa\"\n\"3\"" + sep + "\"versicolor\"\n\"4\"" + sep + "\"virginica\"\n");
    assertThat(MatrixIo.readLabels(p)).containsExactly(0, 0, 1, 2);
  }

  @Test
  void aTypoAmongIntegerLabelsIsStillAnError(@TempDir Path dir) throws IOException {
    Path p = Files.writeString(dir.resolve("y.csv"), "0\n1\nx\n1\n");
    assertThatThrownBy(() -> MatrixIo.readLabels(p)).isInstanceOf(FileFormatException.class)
        .hasMessage(p + ": bad number 'x' at line 3, column 1");
  }

  @Test
  void refusesRowNamesUnderANamedHeaderCellSayingHowToWriteThem() throws IOException {
    Path p = fixture("pandas_named_index.csv");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + ": bad number 'x' at line 2, column 1; if the first column"
            + " holds row names")
        .hasMessageContaining("to_csv(index_label=False)");
    // a column of names is not row names: no such advice
    assertThatThrownBy(() -> MatrixIo.read(fixture("labels_strings_header.csv")))
        .hasMessageEndingWith("bad number 'setosa' at line 2, column 1");
    // as the message advises: the header one field shorter than the rows
    assertThat(MatrixIo.read(fixture("pandas_index_label_false.csv"))).isEqualTo(X);
  }

  @Test
  void refusesADelimiterAtTheEndOfALineSayingToRemoveIt(@TempDir Path dir)
      throws IOException {
    // a spreadsheet saving a range one column wider than the data
    Path p = Files.writeString(dir.resolve("wide.csv"), "1.5,0,2,\r\n0,3.25,100000,\r\n");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + ": missing value (an empty field) at line 1, column 4;")
        .hasMessageEndingWith("; or, if the line ends with a delimiter and no value is missing,"
            + " remove it");
  }

  /**
   * A spreadsheet's error value (#N/A, #DIV/0!) starts with the '#' of a comment: first in a
   * row it dropped the row silently, elsewhere it was reported as an empty field.
   */
  @Test
  void refusesASpreadsheetErrorValueNamingIt(@TempDir Path dir) throws IOException {
    Path first = Files.writeString(dir.resolve("first.csv"), "a,b,c\r\n1.5,0,2\r\n"
        + "#N/A,1,1\r\n0,3.25,100000\r\n");
    assertThatThrownBy(() -> MatrixIo.read(first)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(first + ": #N/A at line 3, column 1 is a spreadsheet's error"
            + " value, not a number");
    Path middle = Files.writeString(dir.resolve("middle.csv"), "a;b;c\n1,5;#DIV/0!;2\n");
    assertThatThrownBy(() -> MatrixIo.read(middle)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(middle + ": #DIV/0! at line 2, column 2 is a spreadsheet's");
    Path tabs = Files.writeString(dir.resolve("tabs.txt"), "1.5\t0\t2\n0\t#VALUE!\t1\n");
    assertThatThrownBy(() -> MatrixIo.read(tabs)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(tabs + ": #VALUE! at line 2, column 2 is a spreadsheet's");
    // a comment that merely begins like one is still a comment
    Path comment = Files.writeString(dir.resolve("c.csv"), "# N/A: none\n1.5,0,2 # N/A\n"
        + "0,3.25,1e5\n");
    assertThat(MatrixIo.read(comment)).isEqualTo(X);
  }

  /**
   * A field such as #NA or #missing starts a comment at its '#': the line was cut there and the
   * field reported as "an empty field", which the file does not hold.
   */
  @Test
  void refusesAFieldStartingWithHashNamingIt(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("na.csv"), "a,b\n1,#NA\n2,3\n");
    assertThatThrownBy(() -> MatrixIo.read(csv)).isInstanceOf(FileFormatException.class)
        .hasMessage(csv + ": #NA at line 2, column 2 is not a number (its # would start a"
            + " comment); write a missing value as nan");
    Path tabs = Files.writeString(dir.resolve("first.csv"), "1\t#missing\t2\n3\t4\t5\n");
    assertThatThrownBy(() -> MatrixIo.read(tabs)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(tabs + ": #missing at line 1, column 2 is not a number");
    // a comment after white space, or a '#' followed by white space, is still a comment
    Path comment = Files.writeString(dir.resolve("c.csv"), "1.5,0,2 #NA\n0,3.25,1e5\n");
    assertThat(MatrixIo.read(comment)).isEqualTo(X);
    Path spaced = Files.writeString(dir.resolve("s.csv"), "1.5,0,2,# note\n");
    assertThatThrownBy(() -> MatrixIo.read(spaced)).hasMessageStartingWith(spaced
        + ": missing value (an empty field) at line 1, column 4;");
  }

  /**
   * Microsoft's C library before Visual Studio 2015 prints infinity as 1.#INF00 and NaN as
   * 1.#QNAN0 or -1.#IND00; the '#' cut them to "1." and they read silently as 1 and -1.
   */
  @Test
  void refusesTheInfinityAndNanOfOldMicrosoftCLibraries(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("old.csv"), "1,2,1.#INF00\n4,5,6\n");
    assertThatThrownBy(() -> MatrixIo.read(csv)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(csv + ": 1.#INF00 at line 1, column 3 is how old Microsoft C"
            + " libraries write infinity or NaN");
    Path txt = Files.writeString(dir.resolve("old.txt"), "1 2 3\n4 -1.#IND00 6\n");
    assertThatThrownBy(() -> MatrixIo.read(txt)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(txt + ": -1.#IND00 at line 2, column 2 is how old Microsoft");
  }

  @Test
  void refusesUtf16TextSayingToSaveItAsUtf8() {
    Path p = fixture("excel_unicode.txt");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageStartingWith(p + " is not a UTF-8 text file: save it as UTF-8");
  }

  @Test
  void refusesComplexMatrixMarketSayingWhatToWrite(@TempDir Path dir) throws IOException {
    // scipy.io.mmwrite(f, scipy.sparse.coo_matrix([[1 + 1j]]))
    Path p = Files.writeString(dir.resolve("c.mtx"),
        "%%MatrixMarket matrix coordinate complex general\n%\n1 1 1\n1 1 1.0 1.0\n");
    assertThatThrownBy(() -> MatrixIo.read(p)).isInstanceOf(FileFormatException.class)
        .hasMessageContaining("unsupported field 'complex'")
        .hasMessageContaining("abs(x)");
  }
}
