package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {

  @TempDir Path dir;
  Path input;
  Path truth;

  /** Three well separated blobs of 30 points in 4 dimensions, classes 0, 1, 2. */
  @BeforeEach
  void writeBlobs() throws IOException {
    SplittableRandom rnd = new SplittableRandom(9);
    double[] x = new double[90 * 4];
    int[] classes = new int[90];
    for (int i = 0; i < 90; i++) {
      classes[i] = i % 3;
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = 10 * (j == classes[i] ? 1 : 0) + 1 + rnd.nextDouble();
      }
    }
    input = dir.resolve("x.npy");
    truth = dir.resolve("truth.csv");
    MatrixIo.write(input, Matrix.wrap(90, 4, x));
    MatrixIo.writeLabels(truth, classes);
  }

  @Test
  void kmeansFindsTheBlobsAndReportsTheContractFields() throws IOException {
    Path labels = dir.resolve("labels.npy");
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--truth",
        truth.toString(), "--labels-out", labels.toString(), "--seed", "4", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "cluster").containsEntry("rows", 90.0)
        .containsEntry("cols", 4.0).containsEntry("k", 3.0).containsEntry("method", "kmeans")
        .containsEntry("randIndex", 1.0).containsEntry("adjustedRandIndex", 1.0)
        .containsKeys("seconds", "inertia", "iterations");
    assertThat((Double) json.get("seconds")).isGreaterThanOrEqualTo(0);
    assertThat(MatrixIo.readLabels(labels)).hasSize(90);
    assertThat(r.out()).contains("Rand index 1.0000", "labels written to " + labels);
  }

  @Test
  void nmfLabelsFindTheBlobsToo() {
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method", "nmf",
        "--truth", truth.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "nmf").containsEntry("k", 3.0)
        .containsEntry("adjustedRandIndex", 1.0).containsKeys("inertia", "iterations");
  }

  @Test
  void miniBatchKMeansFindsTheBlobs() {
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
        "mini-batch", "--batch-size", "32", "--truth", truth.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "mini-batch").containsEntry("k", 3.0)
        .containsEntry("adjustedRandIndex", 1.0).containsKeys("inertia", "iterations");
    CliRunner bad = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
        "mini-batch", "--batch-size", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--batch-size");
  }

  @Test
  void withoutJsonThereIsNoJsonLine() {
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("{");
  }

  @Test
  void badInputIsExitCodeTwoAndLeavesNoFile() throws IOException {
    Path labels = dir.resolve("labels.csv");
    assertFails(2, "no such file", "cluster", dir.resolve("absent.npy").toString(), "--k", "2",
        "--labels-out", labels.toString());
    assertFails(2, "--k K is required", "cluster", input.toString());
    assertFails(2, "--k must be >= 1, was 0", "cluster", input.toString(), "--k", "0");
    assertFails(2, "--k 91 is more than the 90 rows of ", "cluster", input.toString(), "--k",
        "91", "--labels-out", labels.toString());
    Path shortTruth = dir.resolve("short.csv");
    Files.writeString(shortTruth, "0\n1\n");
    assertFails(2, "has 2 labels but", "cluster", input.toString(), "--k", "2", "--truth",
        shortTruth.toString(), "--labels-out", labels.toString());
    assertFails(2, "must end in", "cluster", input.toString(), "--k", "2", "--labels-out",
        dir.resolve("labels.json").toString());
    assertFails(2, "does not exist", "cluster", input.toString(), "--k", "2", "--labels-out",
        dir.resolve("nowhere/labels.csv").toString());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,2\n3,x\n");
    assertFails(2, "bad number 'x' at line 2, column 2", "cluster", bad.toString(), "--k", "1");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("x.npy", "truth.csv", "short.csv", "bad.csv");
    }
  }

  @Test
  void fewerDistinctRowsThanClustersNamesK() throws IOException {
    Path same = dir.resolve("same.csv");
    MatrixIo.write(same, Matrix.of(new double[][] {{1, 0}, {1, -0.0}, {2, 0}, {1, 0}}));
    Path sparse = dir.resolve("same.npz");
    MatrixIo.write(sparse, SparseMatrix.of(MatrixIo.read(same)));
    for (Path p : new Path[] {same, sparse}) {
      for (String method : new String[] {"kmeans", "mini-batch"}) {
        assertFails(2, "--k 3 is more than the 2 distinct rows of " + p + "; each cluster needs"
            + " a different one", "cluster", p.toString(), "--k", "3", "--method", method);
        CliRunner r = CliRunner.run("cluster", p.toString(), "--k", "2", "--method", method);
        assertThat(r.exitCode()).as(r.err()).isZero();
      }
    }
  }

  @Test
  void sparseRowsBeyondTheProductFormsRangeAreClusteredAsTheirDenseFile() throws IOException {
    // values of 1e200 overflow the product form |x|^2 - 2 x.c + |c|^2: the library clusters
    // them scaled by a power of two, so the sparse file gets the dense file's labels
    Matrix v = Matrix.of(new double[][] {{1e200, 0}, {0, 1e200}, {2e200, 0}, {0, 3e200}});
    Path sparse = dir.resolve("big.mtx");
    Path dense = dir.resolve("big.csv");
    MatrixIo.write(sparse, SparseMatrix.of(v));
    MatrixIo.write(dense, v);
    for (String method : new String[] {"kmeans", "mini-batch"}) {
      Path fromSparse = dir.resolve(method + "-sparse.csv");
      Path fromDense = dir.resolve(method + "-dense.csv");
      for (Path[] run : new Path[][] {{sparse, fromSparse}, {dense, fromDense}}) {
        CliRunner r = CliRunner.run("cluster", run[0].toString(), "--k", "2", "--method",
            method, "--seed", "1", "--labels-out", run[1].toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
      }
      assertThat(MatrixIo.read(fromSparse).toRowMajorArray())
          .containsExactly(MatrixIo.read(fromDense).toRowMajorArray());
    }
  }

  private static void assertFails(int code, String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(code);
    assertThat(r.err()).startsWith("nmf4j cluster: ").contains(message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void truthMayBeATextFileOfOneLabelPerLine() throws IOException {
    // Issue 11: "cluster --truth labels.txt" was refused; numpy.savetxt writes one float per line.
    int[] classes = MatrixIo.readLabels(truth);
    StringBuilder sb = new StringBuilder();
    for (int c : classes) {
      sb.append(String.format(java.util.Locale.ROOT, "%.18e%n", (double) c));
    }
    Path txt = dir.resolve("truth.txt");
    Files.writeString(txt, sb);
    Path labels = dir.resolve("labels.txt");
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--truth",
        txt.toString(), "--labels-out", labels.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("adjustedRandIndex", 1.0);
    assertThat(MatrixIo.readLabels(labels)).hasSize(90);
  }
}
