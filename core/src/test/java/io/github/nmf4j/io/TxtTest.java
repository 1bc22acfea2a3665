package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: {@code .txt} files as {@code numpy.savetxt} writes them by default. */
class TxtTest {

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void readsWhatNumpySavetxtWritesByDefault() throws IOException {
    // numpy.savetxt("m.txt", [[1, 2.5, -3], [0.1, 1e-20, 4]], header="two rows"): fmt '%.18e',
    // one space between values, the header as a '# ' comment.
    Path m = file("m.txt", """
        # two rows
        1.000000000000000000e+00 2.500000000000000000e+00 -3.000000000000000000e+00
        1.000000000000000056e-01 1.000000000000000008e-20 4.000000000000000000e+00
        """);
    assertThat(MatrixIo.read(m)).isEqualTo(Matrix.of(new double[][] {{1, 2.5, -3},
        {0.1, 1e-20, 4}}));
    // Runs of spaces and tabs, leading blanks, blank lines, nan and inf as numpy writes them.
    Path loose = file("loose.txt", "  1\t 2   nan\n\n3 inf\t-inf  \n");
    Matrix l = MatrixIo.read(loose);
    assertThat(l.shape()).isEqualTo("2x3");
    assertThat(l.get(0, 2)).isNaN();
    assertThat(l.row(1)).containsExactly(3, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
  }

  @Test
  void dropsCommentsToTheEndOfALineAsNumpyLoadtxtDoes() throws IOException {
    // numpy.loadtxt reads this as [[1, 2, 3], [4, 5, 6]]: '#' starts a comment anywhere.
    Path m = file("c.txt", "# header\n1 2 3\n  # only a comment\n4 5 6 # note\n7 8 9#x y\n");
    assertThat(MatrixIo.read(m)).isEqualTo(Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6},
        {7, 8, 9}}));
    assertThat(MatrixIo.readLabels(file("l.txt", "0 # first\n2\n"))).containsExactly(0, 2);
    assertThat(MatrixIo.read(file("e.txt", "# no rows\n")).shape()).isEqualTo("0x0");
  }

  @Test
  void readsOneLabelPerLineAsNumpySavetxtWritesA1dArray() throws IOException {
    // numpy.savetxt("labels.txt", np.array([0, 2, 1, 1])) writes floats, one per line.
    Path labels = file("labels.txt", "0.000000000000000000e+00\n2.000000000000000000e+00\n"
        + "1.000000000000000000e+00\n1.000000000000000000e+00\n");
    assertThat(MatrixIo.readLabels(labels)).containsExactly(0, 2, 1, 1);
    assertThat(MatrixIo.readLabels(file("ints.txt", "3\n0\n-1\n"))).containsExactly(3, 0, -1);
  }

  @Test
  void reportsBadFieldsAtTheirLineAndColumn() throws IOException {
    Path bad = file("bad.txt", "1 2 3\n4 five 6\n");
    assertThatThrownBy(() -> MatrixIo.read(bad)).isInstanceOf(FileFormatException.class)
        .hasMessage(bad + ": bad number 'five' at line 2, column 2");
    Path ragged = file("ragged.txt", "1 2 3\n4 5\n");
    assertThatThrownBy(() -> MatrixIo.read(ragged))
        .hasMessage(ragged + ": line 2 has 2 values but line 1 has 3");
    Path one = file("one.txt", "1 2 3\n4\n");
    assertThatThrownBy(() -> MatrixIo.read(one))
        .hasMessage(one + ": line 2 has 1 value but line 1 has 3");
    Path commas = file("commas.txt", "1,2\n");
    assertThatThrownBy(() -> MatrixIo.read(commas)).hasMessageContaining("bad number '1,2'");
  }

  @Test
  void writesOneSpaceBetweenValuesAndReadsThemBack() throws IOException {
    Matrix m = Matrix.of(new double[][] {{1, 2.5}, {-0.0, 1e-300}});
    Path p = dir.resolve("out.txt");
    MatrixIo.write(p, m);
    assertThat(Files.readString(p)).isEqualTo("1 2.5\n-0.0 1.0E-300\n");
    assertThat(MatrixIo.read(p)).isEqualTo(m);
    Path labels = dir.resolve("labels.txt");
    MatrixIo.writeLabels(labels, new int[] {2, 0});
    assertThat(Files.readString(labels)).isEqualTo("2\n0\n");
  }
}
