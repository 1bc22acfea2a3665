package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {

  /** A planted rank-4 matrix is fitted to this relative error at rank 4. */
  private static final double PLANTED_ERROR = 0.05;

  @TempDir Path dir;
  Path input;

  @BeforeEach
  void writePlanted() throws IOException {
    SplittableRandom rnd = new SplittableRandom(21);
    double[] w = new double[40 * 4];
    double[] h = new double[4 * 30];
    for (int i = 0; i < w.length; i++) {
      w[i] = rnd.nextDouble();
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = rnd.nextDouble();
    }
    input = dir.resolve("v.csv");
    MatrixIo.write(input, Matrix.wrap(40, 4, w).multiply(Matrix.wrap(4, 30, h)));
  }

  @Test
  void fitsWritesFactorsAndReportsTheContractFields() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path outH = dir.resolve("h.csv");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "4", "--max-iter", "500",
        "--out-w", outW.toString(), "--out-h", outH.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "fit").containsEntry("rows", 40.0)
        .containsEntry("cols", 30.0).containsEntry("rank", 4.0)
        .containsEntry("loss", "frobenius").containsEntry("init", "nndsvda")
        .containsKeys("seconds", "iterations", "converged", "reconstructionError",
            "relativeError", "solver");
    assertThat((Double) json.get("relativeError")).isLessThan(PLANTED_ERROR);
    assertThat(json.get("converged")).isInstanceOf(Boolean.class);
    Matrix w = MatrixIo.read(outW);
    Matrix h = MatrixIo.read(outH);
    assertThat(w.shape()).isEqualTo("40x4");
    assertThat(h.shape()).isEqualTo("4x30");
    Matrix v = MatrixIo.read(input);
    double rel = v.subtract(w.multiply(h)).frobeniusNorm() / v.frobeniusNorm();
    assertThat(rel).isCloseTo((Double) json.get("relativeError"),
        org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void optionsReachTheFit() {
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "3", "--loss", "kl",
        "--init", "random", "--solver", "mu", "--max-iter", "7", "--tol", "0", "--seed", "5",
        "--restarts", "2", "--threads", "1", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("loss", "kl").containsEntry("init", "random")
        .containsEntry("solver", "mu").containsEntry("iterations", 7.0)
        .containsEntry("converged", false);
  }

  @Test
  void theSameSeedGivesTheSameFactors() throws IOException {
    Path w1 = dir.resolve("w1.npy");
    Path w2 = dir.resolve("w2.npy");
    CliRunner.run("fit", input.toString(), "--rank", "3", "--out-w", w1.toString(),
        "--threads", "1", "--init", "random");
    CliRunner.run("fit", input.toString(), "--rank", "3", "--out-w", w2.toString(),
        "--threads", "2", "--init", "random");
    assertThat(Files.readAllBytes(w1)).isEqualTo(Files.readAllBytes(w2));
  }

  @Test
  void badInputIsExitCodeTwoAndLeavesNoFile() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path negative = dir.resolve("neg.csv");
    Files.writeString(negative, "1,2\n3,-0.5\n");
    assertFails("negative", "fit", negative.toString(), "--rank", "1", "--out-w",
        outW.toString());
    assertFails("--rank K is required", "fit", input.toString());
    assertFails("--loss must be one of frobenius, kl, was 'l2'", "fit", input.toString(),
        "--rank", "2", "--loss", "l2");
    assertFails("--init must be one of", "fit", input.toString(), "--rank", "2", "--init",
        "svd");
    assertFails("must end in", "fit", input.toString(), "--rank", "2", "--out-h", "h.json");
    assertFails("unknown option --ranks", "fit", input.toString(), "--ranks", "2");
    assertFails("no such file", "fit", dir.resolve("none.npy").toString(), "--rank", "2");
    assertFails("unsupported matrix file", "fit", dir.resolve("v.xlsx").toString(),
        "--rank", "2");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("v.csv", "neg.csv");
    }
  }

  @Test
  void anOutputThatIsADirectoryIsRefusedBeforeAnyFileIsWritten() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path outH = dir.resolve("h.npy");
    Files.createDirectory(outH);
    Files.writeString(outH.resolve("keep"), "x");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        outW.toString(), "--out-h", outH.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j fit: --out-h " + outH + ": cannot write there: is a"
        + " directory\n");
    assertThat(r.out()).isEmpty();
    assertThat(outW).doesNotExist();
  }

  private static void assertFails(String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j fit: ").contains(message);
    assertThat(r.out()).isEmpty();
  }
}
