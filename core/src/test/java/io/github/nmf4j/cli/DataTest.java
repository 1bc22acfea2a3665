package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Data}: a data file as the commands read it, sparse or dense. */
class DataTest {

  @TempDir Path dir;

  /** The first zero, stored or not, in row-major order; none when every entry is positive. */
  @Test
  void firstZeroOfASparseFileIsTheDenseFilesFirstZero() throws IOException {
    double[][][] cases = {
        {{1, 2, 3}, {4, 5, 6}},
        {{1, 2, 3}, {4, 0, 6}},
        {{1, 2, 0}, {4, 5, 6}},
        {{0, 2, 3}, {4, 5, 6}},
    };
    for (double[][] rows : cases) {
      Matrix m = Matrix.of(rows);
      Path dense = dir.resolve("v.npy");
      MatrixIo.write(dense, m);
      Path sparse = dir.resolve("v.npz");
      MatrixIo.write(sparse, SparseMatrix.of(m));
      assertThat(Data.read(sparse, true, "NMF").firstZero()).as(Arrays.deepToString(rows))
          .isEqualTo(Data.read(dense, true, "NMF").firstZero());
    }
    // an explicit zero, stored, is a zero too
    Path stored = dir.resolve("stored.npz");
    MatrixIo.write(stored, SparseMatrix.fromCsr(1, 2, new int[] {0, 2}, new int[] {0, 1},
        new double[] {1, 0}));
    assertThat(Data.read(stored, true, "NMF").firstZero()).containsExactly(0, 1);
  }

  /**
   * A sparse file that stores every entry, all positive (the data --beta-loss 0 needs): the
   * search copied the stored entries for every row and the row pointers for every entry, so
   * 50,000 rows of 20 took many minutes before the fit started.
   */
  @Test
  void firstZeroOfALargeSparseFileTakesOnePass() throws IOException {
    int n = 50_000;
    int p = 20;
    double[] values = new double[n * p];
    Arrays.fill(values, 1.5);
    Path file = dir.resolve("positive.npz");
    MatrixIo.write(file, SparseMatrix.of(Matrix.wrap(n, p, values)));
    Data data = Data.read(file, true, "NMF");
    int[] zero = assertTimeoutPreemptively(Duration.ofSeconds(20), data::firstZero);
    assertThat(zero).isNull();
  }
}
