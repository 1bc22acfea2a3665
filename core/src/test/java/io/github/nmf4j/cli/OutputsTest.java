package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 4: output problems are found before any work, in the user's words, and a
 * command's outputs are written together or not at all (item 2).
 */
class OutputsTest {

  @TempDir Path dir;
  Path input;

  @BeforeEach
  void writeInput() throws IOException {
    input = dir.resolve("v.csv");
    MatrixIo.write(input, Matrix.of(new double[][] {{1, 2, 3}, {2, 4, 6.5}, {3, 1, 0}}));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The command failed with exit 2 before fitting: nothing on standard output. */
  private static void assertRefusedBeforeWork(CliRunner r, String message) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(message + "\n");
  }

  @Test
  void twoOutputsNamingOneFileAreRefusedBeforeTheFit() throws IOException {
    Path x = dir.resolve("x.npy");
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        x.toString(), "--out-h", x.toString()), "nmf4j fit: --out-h " + x + " names the same"
        + " file as --out-w " + x + "; give each output its own file");
    Path sub = Files.createDirectory(dir.resolve("sub"));
    String other = sub + "/../x.npy";
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        x.toString(), "--out-h", other), "nmf4j fit: --out-h " + other + " names the same"
        + " file as --out-w " + x + "; give each output its own file");
    assertThat(names()).containsExactly("sub", "v.csv");
  }

  @Test
  void anOutputNamingAnInputFileIsRefusedBeforeTheFitAndTheInputIsKept() throws IOException {
    byte[] before = Files.readAllBytes(input);
    Path sub = Files.createDirectory(dir.resolve("sub"));
    String same = sub + "/../v.csv";
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-h",
        same), "nmf4j fit: --out-h " + same + " names the same file as the input "
        + input + "; write it to another file");
    Path link = Files.createSymbolicLink(dir.resolve("link.csv"), input);
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        link.toString()), "nmf4j fit: --out-w " + link + " names the same file as the input "
        + input + "; write it to another file");
    assertRefusedBeforeWork(CliRunner.run("cluster", input.toString(), "--k", "2",
        "--labels-out", input.toString()), "nmf4j cluster: --labels-out " + input
        + " names the same file as the input " + input + "; write it to another file");
    Path truth = dir.resolve("truth.txt");
    Files.writeString(truth, "0\n1\n1\n");
    assertRefusedBeforeWork(CliRunner.run("cluster", input.toString(), "--k", "2", "--truth",
        truth.toString(), "--labels-out", truth.toString()), "nmf4j cluster: --labels-out "
        + truth + " names the same file as --truth " + truth + "; write it to another file");
    Path image = dir.resolve("in.png");
    Files.writeString(image, "not read");
    assertRefusedBeforeWork(CliRunner.run("compress", image.toString(), "--out",
        image.toString()), "nmf4j compress: --out " + image + " names the same file as the"
        + " input " + image + "; write it to another file");
    assertRefusedBeforeWork(CliRunner.run("segment", image.toString(), "--out",
        dir.resolve("s.png").toString(), "--overlay", image.toString()), "nmf4j segment:"
        + " --overlay " + image + " names the same file as the input " + image
        + "; write it to another file");
    assertThat(Files.readAllBytes(input)).isEqualTo(before);
    assertThat(Files.readString(truth)).isEqualTo("0\n1\n1\n");
    assertThat(Files.readString(image)).isEqualTo("not read");
    assertThat(names()).containsExactly("in.png", "link.csv", "sub", "truth.txt", "v.csv");
  }

  @Test
  void aDirectoryAnUnwritablePlaceOrAMissingDirectoryIsRefusedBeforeTheFit()
      throws IOException {
    Path sub = Files.createDirectory(dir.resolve("out.npy"));
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        sub.toString()), "nmf4j fit: --out-w " + sub + ": cannot write there: is a directory");
    CliRunner proc = CliRunner.run("fit", input.toString(), "--rank", "2", "--out-h",
        "/proc/h.npy");
    assertThat(proc.exitCode()).isEqualTo(2);
    assertThat(proc.out()).isEmpty();
    assertThat(proc.err()).startsWith("nmf4j fit: --out-h /proc/h.npy: cannot write there:"
        + " cannot create a file in /proc (");
    Path missing = dir.resolve("missing/w.npy");
    assertRefusedBeforeWork(CliRunner.run("cluster", input.toString(), "--k", "2",
        "--labels-out", missing.toString()), "nmf4j cluster: --labels-out " + missing
        + ": cannot write there: the directory " + dir.resolve("missing") + " does not exist");
    assertRefusedBeforeWork(CliRunner.run("compress", "in.png", "--out", sub.resolve("x.gif")
        .toString(), "--out", "y.png"), "nmf4j compress: --out is given twice ("
        + sub.resolve("x.gif") + ", then y.png); give it once");
    assertThat(names()).containsExactly("out.npy", "v.csv");
  }

  /**
   * Root may write any file, so the check before work let a read-only output through (and the
   * write then replaced it). A file that nobody may write is refused before the fit, for any
   * user, and kept.
   */
  @Test
  void aReadOnlyOutputIsRefusedBeforeTheFitForRootToo() throws IOException {
    Path w = dir.resolve("w.npy");
    Files.writeString(w, "previous w");
    Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("r--r--r--"));
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        w.toString()), "nmf4j fit: --out-w " + w + ": cannot write there: the file is"
        + " read-only");
    assertThat(Files.readString(w)).isEqualTo("previous w");
    assertThat(names()).containsExactly("v.csv", "w.npy");
  }

  @Test
  void theWrongExtensionIsRefusedBeforeTheFit() {
    Path w = dir.resolve("w.xls");
    assertRefusedBeforeWork(CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        w.toString()), "nmf4j fit: --out-w " + w + ": the file name must end in .csv, .mtx,"
        + " .npy, .tsv, .txt");
  }

  @Test
  void aSuccessfulFitReplacesBothFactorsAndLeavesNoTemporaryFile() throws IOException {
    Path w = dir.resolve("w.npy");
    Path h = dir.resolve("h.csv");
    Files.writeString(w, "previous w");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        w.toString(), "--out-h", h.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(MatrixIo.read(w).shape()).isEqualTo("3x2");
    assertThat(MatrixIo.read(h).shape()).isEqualTo("2x3");
    assertThat(names()).containsExactly("h.csv", "v.csv", "w.npy");
  }

  @Test
  void theDemoChecksItsDirectoryFirstAndRemovesWhatItCreatedOnFailure() throws IOException {
    // basis.png is a directory: the demo must refuse before fitting, and remove the directory
    // it made for its outputs only if it made it.
    Path out = dir.resolve("demo");
    Files.createDirectories(out.resolve("basis.png"));
    assertRefusedBeforeWork(CliRunner.run(dir, "demo", "--out", "demo"), "nmf4j demo: --out "
        + out.resolve("basis.png") + ": cannot write there: is a directory");
    assertThat(out.resolve("basis.png")).isDirectory();
    CliRunner bad = CliRunner.run(dir, "demo", "--out", "fresh", "--rank", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    CliRunner proc = CliRunner.run(dir, "demo", "--out", "/proc/nmf4j-demo");
    assertThat(proc.exitCode()).isEqualTo(2);
    assertThat(proc.err()).startsWith("nmf4j demo: --out /proc/nmf4j-demo: cannot create the"
        + " directory (");
    assertThat(names()).containsExactly("demo", "v.csv");
  }
}
