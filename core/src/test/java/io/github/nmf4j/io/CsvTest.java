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

class CsvTest {

  private static final Matrix EXPECTED = Matrix.of(new double[][] {{1, -2.5, 3e-4}, {4, 5, 6}});

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** Excel's first line {@code sep=;} names the delimiter and is not data. */
  @Test
  void excelsSeparatorLineSetsTheDelimiter() throws IOException {
    assertThat(MatrixIo.read(file("sep.csv", "sep=;\na;b\n1,5;2\n0;3,25\n")).toArray())
        .isDeepEqualTo(new double[][] {{1.5, 2}, {0, 3.25}});
    assertThat(MatrixIo.read(file("pipe.csv", "\uFEFFsep=|\r\nx|y\r\n1|2\r\n3|4\r\n"))
        .toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
  }

  /**
   * The spellings of a missing value, a documented decision (MatrixIo, docs/command-line.md):
   * what pandas ({@code na_rep='NaN'}), NumPy and C ({@code nan}, {@code -nan}) and R
   * ({@code NA}) write reads as NaN. pandas' default empty field is refused with the fix, as it
   * may be a typo or a delimiter too many; {@code N/A}, {@code NULL} and the like, which none of
   * these tools writes, are refused naming the value and its line (the docs' example error is
   * {@code bad number 'n/a'}), where as NaN a default fit would report only its row and column.
   */
  @Test
  void missingValuesAreTheSpellingsToolsWriteAndNothingElse() throws IOException {
    for (String v : new String[] {"NaN", "nan", "-NaN", "-nan", "NAN", "NA", "\"NA\""}) {
      assertThat(MatrixIo.read(file("m.csv", "a,b\n1,2\n3," + v + "\n")).get(1, 1)).as(v)
          .isNaN();
    }
    for (String v : new String[] {"N/A", "n/a", "NULL", "null", "None", "<NA>"}) {
      Path p = file("m.csv", "a,b\n1,2\n3," + v + "\n");
      assertThatThrownBy(() -> MatrixIo.read(p)).as(v).isInstanceOf(FileFormatException.class)
          .hasMessage(p + ": bad number '" + v + "' at line 3, column 2");
    }
    Path excel = file("m.csv", "a,b\n1,2\n3,#N/A\n");
    assertThatThrownBy(() -> MatrixIo.read(excel)).hasMessageStartingWith(excel
        + ": #N/A at line 3, column 2 is a spreadsheet's error value");
  }

  @Test
  void detectsCommaSemicolonAndTab() throws IOException {
    assertThat(MatrixIo.read(file("a.csv", "1,-2.5,3e-4\n4,5,6\n"))).isEqualTo(EXPECTED);
    assertThat(MatrixIo.read(file("b.csv", "1;-2.5;3e-4\r\n4;5;6\r\n"))).isEqualTo(EXPECTED);
    assertThat(MatrixIo.read(file("c.tsv", "1\t-2.5\t3e-4\n4\t5\t6"))).isEqualTo(EXPECTED);
    assertThat(MatrixIo.read(file("d.csv", " 1 , -2.5 ,3E-4\n\n4,+5,6.\n\n")))
        .isEqualTo(EXPECTED);
  }

  @Test
  void skipsAHeaderRowCommentsAndAByteOrderMark() throws IOException {
    assertThat(MatrixIo.read(file("h.csv", "\uFEFFx,\"y, in m\",z\n1,-2.5,3e-4\n4,5,6\n")))
        .isEqualTo(EXPECTED);
    assertThat(MatrixIo.read(file("n.csv", "# x y z\n1,-2.5,3e-4\n# middle\n4,5,6\n")))
        .isEqualTo(EXPECTED);
    assertThat(MatrixIo.read(file("q.csv", "\"1\",\"-2.5\",\"3e-4\"\n4,5,6\n")))
        .isEqualTo(EXPECTED);
  }

  @Test
  void aDelimiterInsideAQuotedHeaderNameDoesNotChooseTheDelimiter() throws IOException {
    // R's write.csv quotes every name: a ';' or a tab in one must not make the file read as
    // semicolon-separated, where "1,5" would be the decimal 1.5
    Matrix expected = Matrix.of(new double[][] {{1, 5}, {2, 6}});
    assertThat(MatrixIo.read(file("s.csv", "\"a;b\",\"c\"\n1,5\n2,6\n"))).isEqualTo(expected);
    assertThat(MatrixIo.read(file("t.csv", "\"\",\"x\ty\",\"z\"\n\"r1\",1,5\n\"r2\",2,6\n")))
        .isEqualTo(expected);
    // With no delimiter outside quotes the quoted text still decides, as before.
    assertThat(MatrixIo.read(file("one.csv", "\"kg;m\"\n1,5\n2,5\n")))
        .isEqualTo(Matrix.of(new double[][] {{1.5}, {2.5}}));
  }

  @Test
  void acceptsNumpySpellingsOfNanAndInfinity() throws IOException {
    Matrix m = MatrixIo.read(file("s.csv", "nan,inf,-inf,NaN,Infinity\n"));
    assertThat(m.row(0)).containsExactly(Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY);
  }

  @Test
  void namesLineAndColumnOfABadNumber() throws IOException {
    Path p = file("bad.csv", "a,b,c\n1,2,3\n\n4,x5,6\n");
    assertThatThrownBy(() -> MatrixIo.read(p))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(p + ": bad number 'x5' at line 4, column 2");
    Path missing = file("missing.csv", "1,2,3\n4,,6\n");
    assertThatThrownBy(() -> MatrixIo.read(missing))
        .hasMessageStartingWith(missing + ": missing value (an empty field) at line 2, column 2;");
    Path suffix = file("suffix.csv", "1,2d\n");
    assertThatThrownBy(() -> MatrixIo.read(suffix)).hasMessageContaining("bad number '2d'");
  }

  @Test
  void rejectsRaggedRowsAndUnterminatedQuotes() throws IOException {
    Path ragged = file("r.csv", "1,2,3\n4,5\n");
    assertThatThrownBy(() -> MatrixIo.read(ragged))
        .isInstanceOf(FileFormatException.class)
        .hasMessage(ragged + ": line 2 has 2 values but line 1 has 3");
    Path one = file("one.csv", "1,2,3\n4\n");
    assertThatThrownBy(() -> MatrixIo.read(one))
        .hasMessage(one + ": line 2 has 1 value but line 1 has 3");
    Path quote = file("u.csv", "1,\"2\n");
    assertThatThrownBy(() -> MatrixIo.read(quote)).hasMessageContaining("unterminated quote on line 1");
  }

  /**
   * A header of more (or several fewer) names than the rows have values was not compared with
   * them: an Excel tab-delimited text file with an empty column read silently as 2x2.
   */
  @Test
  void rejectsRowsOfOtherLengthThanTheHeader() throws IOException {
    Path excel = file("x.txt", "a\tb\tc\r\n1\t\t3\r\n4\t\t6\r\n");
    assertThatThrownBy(() -> MatrixIo.read(excel)).isInstanceOf(FileFormatException.class)
        .hasMessage(excel + ": line 2 has 2 values but the header on line 1 has 3 names");
    Path fewer = file("f.csv", "a,b\n1,2,3,4\n");
    assertThatThrownBy(() -> MatrixIo.read(fewer)).isInstanceOf(FileFormatException.class)
        .hasMessage(fewer + ": line 2 has 4 values but the header on line 1 has 2 names");
    // one field is a title, as numpy.savetxt(f, x, delimiter=",", header="a b c", comments="")
    assertThat(MatrixIo.read(file("t.csv", "x y z\n1,-2.5,3e-4\n4,5,6\n"))).isEqualTo(EXPECTED);
  }

  /**
   * A decimal comma outside a semicolon-separated file (a spreadsheet's tab-separated text in
   * a German locale) was refused with advice about row names, which the file does not have.
   */
  @Test
  void saysWhereADecimalCommaIsRead() throws IOException {
    Path tabs = file("d.tsv", "x\ty\n1,5\t2\n");
    assertThatThrownBy(() -> MatrixIo.read(tabs)).isInstanceOf(FileFormatException.class)
        .hasMessage(tabs + ": bad number '1,5' at line 2, column 1; a comma in a number is read"
            + " only as a decimal comma between semicolons: save the file separated by"
            + " semicolons, or with decimal points and no thousands separators");
  }

  @Test
  void anEmptyFileIsAnEmptyMatrix() throws IOException {
    assertThat(MatrixIo.read(file("e.csv", "")).shape()).isEqualTo("0x0");
    assertThat(MatrixIo.read(file("c.csv", "# nothing\n\n")).shape()).isEqualTo("0x0");
    // The header gives the columns, as an empty .npy array's shape does (NpyTest: 0x3).
    assertThat(MatrixIo.read(file("e2.csv", "x,y\n")).shape()).isEqualTo("0x2");
    assertThat(MatrixIo.read(file("e3.tsv", "x\ty\tz # names\n# no rows\n")).shape())
        .isEqualTo("0x3");
  }

  @Test
  void dropsCommentsToTheEndOfALineAsNumpyLoadtxtDoes() throws IOException {
    // numpy.loadtxt(f, delimiter=",") with its default comments='#'.
    Path trailing = file("t.csv", "x,y,z # header\n1,-2.5,3e-4 # first\n  # only a comment\n"
        + "4,5,6# no space\n");
    assertThat(MatrixIo.read(trailing)).isEqualTo(EXPECTED);
    Path semicolons = file("s.csv", "1;-2.5;3e-4 # a, b\n4;5;6\n");
    assertThat(MatrixIo.read(semicolons)).isEqualTo(EXPECTED);
    // Inside quotes a '#' is data: here it makes the first line a header.
    Path quoted = file("q.csv", "\"a#1\",\"b\",\"c\" # names\n1,-2.5,3e-4\n4,5,6\n");
    assertThat(MatrixIo.read(quoted)).isEqualTo(EXPECTED);
    Path cut = file("cut.csv", "1,2,#3\n");
    assertThatThrownBy(() -> MatrixIo.read(cut))
        .hasMessage(cut + ": #3 at line 1, column 3 is not a number (its # would start a"
            + " comment); write a missing value as nan");
  }

  @Test
  void roundTripsBitForBitInBothDelimiters() throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] a = new double[40 * 7];
    for (int i = 0; i < a.length; i++) {
      a[i] = switch (i % 5) {
        case 0 -> rnd.nextInt(-1000, 1000);
        case 1 -> -0.0;
        default -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-300, 300));
      };
    }
    a[3] = Double.NaN;
    a[4] = Double.NEGATIVE_INFINITY;
    a[6] = 1e300;
    Matrix m = Matrix.wrap(40, 7, a);
    for (String name : new String[] {"m.csv", "m.tsv"}) {
      Path p = dir.resolve(name);
      MatrixIo.write(p, m);
      assertThat(MatrixIo.read(p)).isEqualTo(m);
    }
    MatrixIo.write(dir.resolve("ints.csv"), Matrix.of(new double[][] {{1, 2}, {3, 4.5}}));
    assertThat(Files.readString(dir.resolve("ints.csv"))).isEqualTo("1,2\n3,4.5\n");
  }

  @Test
  void labelsRoundTripAsOneIntegerPerLine() throws IOException {
    Path p = dir.resolve("labels.csv");
    MatrixIo.writeLabels(p, new int[] {3, 0, -1});
    assertThat(Files.readString(p)).isEqualTo("3\n0\n-1\n");
    assertThat(MatrixIo.readLabels(p)).containsExactly(3, 0, -1);
    assertThat(MatrixIo.readLabels(file("row.csv", "1,2,3\n"))).containsExactly(1, 2, 3);
    Path frac = file("frac.csv", "1\n2.5\n");
    assertThatThrownBy(() -> MatrixIo.readLabels(frac))
        .isInstanceOf(FileFormatException.class).hasMessage(frac + ": label 2 (counting from 1) is 2.5, not an integer in the range of"
            + " int");
    Path wide = file("wide.csv", "1,2\n3,4\n");
    assertThatThrownBy(() -> MatrixIo.readLabels(wide)).hasMessageContaining("2x2");
  }

  @Test
  void labelsTakeTheWholeRangeOfInt() throws IOException {
    Path p = dir.resolve("extremes.csv");
    MatrixIo.writeLabels(p, new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE});
    assertThat(MatrixIo.readLabels(p)).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE);
    for (String outside : new String[] {"-2147483649", "2147483648"}) {
      Path bad = file("outside.csv", "0\n" + outside + "\n");
      assertThatThrownBy(() -> MatrixIo.readLabels(bad)).isInstanceOf(FileFormatException.class)
          .hasMessageContaining("label 2 (counting from 1)")
          .hasMessageContaining("not an integer in the range of int");
    }
  }

  @Test
  void numbersBeyondTheRangeOfADoubleAreReportedWhereTheyAre() throws IOException {
    // Issue 17 item 6: 1e400 was read as infinity and reported later as "infinite value".
    Path big = file("big.csv", "# header comment\n1,2,3\n4,1e400,6\n");
    assertThatThrownBy(() -> MatrixIo.read(big)).isInstanceOf(FileFormatException.class)
        .hasMessage(big + ": 1e400 at line 3, column 2 is out of the range of a double"
            + " (magnitudes up to about 1.8e308)");
    Path negative = file("neg.csv", "-1.8e308\n");
    assertThatThrownBy(() -> MatrixIo.read(negative))
        .hasMessageContaining("-1.8e308 at line 1, column 1 is out of the range of a double");
    Path mtx = file("big.mtx", "%%MatrixMarket matrix array real general\n2 1\n1\n2e999\n");
    assertThatThrownBy(() -> MatrixIo.read(mtx))
        .hasMessage(mtx + ": 2e999 at line 4, column 1 is out of the range of a double"
            + " (magnitudes up to about 1.8e308)");
    Path words = file("words.csv", "inf,-Infinity,1.7976931348623157e308,1e-400\n");
    assertThat(MatrixIo.read(words).row(0)).containsExactly(Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 0);
  }
}
