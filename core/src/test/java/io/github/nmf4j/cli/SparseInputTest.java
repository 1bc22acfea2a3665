package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fit} and {@code cluster} read .npz, .mtx and .mtx.gz files and keep them sparse. */
class SparseInputTest {

  @TempDir Path dir;
  SparseMatrix v;

  @BeforeEach
  void makeSparse() {
    // two groups of rows using disjoint columns: 0-9 and 10-19
    SplittableRandom r = new SplittableRandom(4);
    int n = 60;
    int[] ri = new int[n * 4];
    int[] ci = new int[n * 4];
    double[] x = new double[n * 4];
    for (int i = 0; i < n; i++) {
      for (int e = 0; e < 4; e++) {
        ri[i * 4 + e] = i;
        ci[i * 4 + e] = (i < n / 2 ? 0 : 10) + r.nextInt(10);
        x[i * 4 + e] = 1 + r.nextDouble();
      }
    }
    v = SparseMatrix.fromTriplets(n, 20, ri, ci, x);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v.npz", "v.mtx", "v.mtx.gz"})
  void fitKeepsASparseFileSparseAndGivesTheLibrarysFit(String name) throws IOException {
    Path input = dir.resolve(name);
    MatrixIo.write(input, v);
    Path outW = dir.resolve("w.npy");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        outW.toString(), "--seed", "3", "--threads", "1", "--solver", "hals", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("rows", 60.0).containsEntry("cols", 20.0)
        .containsEntry("storedValues", (double) v.nonZeros());
    NmfModel expected = Nmf.builder().rank(2).seed(3).threads(1)
        .solver(io.github.nmf4j.nmf.Solver.HALS).fit(v);
    assertThat(MatrixIo.read(outW)).isEqualTo(expected.w());
    assertThat((Double) json.get("relativeError")).isEqualTo(expected.relativeError());
  }

  /**
   * An array-format Matrix Market file (what MatrixIo.write and scipy.io.mmwrite write for a
   * dense matrix) is dense data: its zeros are observed values and its NaN entries missing ones,
   * as in the same matrix in a .npy. It was read as a sparse file, so --missing ignore left its
   * zeros out of the fit (a different, wrong fit) and refused its NaN entries.
   */
  @ParameterizedTest
  @ValueSource(strings = {"v.mtx", "v.mtx.gz"})
  void anArrayMatrixMarketFileIsDenseDataForMissingValues(String name) throws IOException {
    double[] a = v.toDense().toRowMajorArray();
    a[3] = Double.NaN;
    a[41] = Double.NaN;
    Matrix dense = Matrix.wrap(v.rows(), v.cols(), a);
    Path npy = dir.resolve("v.npy");
    MatrixIo.write(npy, dense);
    Path mtx = dir.resolve(name);
    MatrixIo.write(mtx, dense);
    assertThat(MatrixIo.isSparseFormat(mtx)).isFalse();
    assertThat(MatrixIo.read(mtx).toRowMajorArray()).isEqualTo(a);
    String[] options = {"--rank", "2", "--seed", "3", "--threads", "1", "--missing", "ignore",
        "--json"};
    CliRunner fromNpy = CliRunner.run(concat("fit", npy.toString(), options));
    CliRunner fromMtx = CliRunner.run(concat("fit", mtx.toString(), options));
    assertThat(fromNpy.exitCode()).as(fromNpy.err()).isZero();
    assertThat(fromMtx.exitCode()).as(fromMtx.err()).isZero();
    assertThat(fromMtx.json()).doesNotContainKey("storedValues")
        .containsEntry("relativeError", fromNpy.json().get("relativeError"))
        .containsEntry("reconstructionError", fromNpy.json().get("reconstructionError"));
  }

  private static String[] concat(String command, String input, String... options) {
    String[] all = new String[options.length + 2];
    all[0] = command;
    all[1] = input;
    System.arraycopy(options, 0, all, 2, options.length);
    return all;
  }

  @Test
  void clusterWithNmfOnASparseFileFindsTheGroups() throws IOException {
    Path input = dir.resolve("v.npz");
    MatrixIo.write(input, v);
    double[] truth = new double[60];
    for (int i = 30; i < 60; i++) {
      truth[i] = 1;
    }
    Path truthFile = dir.resolve("truth.csv");
    MatrixIo.write(truthFile, Matrix.wrap(60, 1, truth));
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "2", "--method", "nmf",
        "--truth", truthFile.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("adjustedRandIndex", 1.0);
    // k-means keeps the file sparse too, agrees, and gives the library's sparse fit
    Path labels = dir.resolve("labels.npy");
    CliRunner km = CliRunner.run("cluster", input.toString(), "--k", "2", "--truth",
        truthFile.toString(), "--labels-out", labels.toString(), "--threads", "2", "--json");
    assertThat(km.exitCode()).as(km.err()).isZero();
    assertThat(km.json()).containsEntry("adjustedRandIndex", 1.0)
        .containsEntry("storedValues", (double) v.nonZeros());
    KMeansModel expected = KMeans.builder().k(2).threads(1).fit(v);
    assertThat(MatrixIo.readLabels(labels)).isEqualTo(expected.labels());
    assertThat((Double) km.json().get("inertia")).isEqualTo(expected.inertia());
    // the sparse inertia of the NMF labels is the dense one
    assertThat((Double) r.json().get("inertia"))
        .isCloseTo((Double) km.json().get("inertia"), org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void clusterWithMiniBatchKeepsASparseFileSparse() throws IOException {
    Path input = dir.resolve("v.mtx");
    MatrixIo.write(input, v);
    Path labels = dir.resolve("labels.npy");
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "2", "--method",
        "mini-batch", "--batch-size", "16", "--labels-out", labels.toString(), "--threads",
        "2", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "mini-batch")
        .containsEntry("storedValues", (double) v.nonZeros());
    MiniBatchKMeans.Builder library = MiniBatchKMeans.builder().k(2).batchSize(16).threads(1);
    KMeansModel expected = library.fit(v);
    assertThat(MatrixIo.readLabels(labels)).isEqualTo(expected.labels())
        .isEqualTo(library.fit(v.toDense()).labels());
    assertThat((Double) r.json().get("inertia")).isEqualTo(expected.inertia());
  }

  @Test
  void aNegativeStoredValueIsReportedWithItsPosition() throws IOException {
    Path input = dir.resolve("neg.mtx");
    MatrixIo.write(input, SparseMatrix.fromTriplets(3, 3, new int[] {0, 2}, new int[] {0, 1},
        new double[] {1, -4}));
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("negative value -4.0 at row 3, column 2 (counting from 1)");
  }
}
