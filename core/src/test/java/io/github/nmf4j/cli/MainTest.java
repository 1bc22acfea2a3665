package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  @Test
  void printsTheVersion() {
    CliRunner r = CliRunner.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("nmf4j ");
    assertThat(r.err()).isEmpty();
  }

  /** Regression: {@code --version extra} said "unknown command '--version'". */
  @Test
  void theVersionWithTrailingWordsIsRefusedAsTakingNoArguments() {
    CliRunner r = CliRunner.run("--version", "extra");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("nmf4j: --version takes no arguments, was given 'extra'\n");
    assertThat(CliRunner.run("-V", "a", "b").err())
        .isEqualTo("nmf4j: -V takes no arguments, was given 'a b'\n");
  }

  /**
   * docs/command-line.md's table of exit codes gave 1 for "a matrix or rank that needs more
   * memory than Java may use", but the checks after reading refuse one before any work with 2;
   * 1 is for running out of memory during the work. 40000 x 40000 with two stored values, and
   * 3 x 100,000,000 for k-means's centroids: each refusal needs more than the tests' 2 GB heap.
   */
  @Test
  void memoryRefusedBeforeAnyWorkExitsWithTwoAsTheDocsSay(@TempDir Path dir) throws IOException {
    String square = dir.resolve("square.mtx").toString();
    Files.writeString(Path.of(square), "%%MatrixMarket matrix coordinate real general\n"
        + "40000 40000 2\n1 1 5\n3 3 1\n");
    String wide = dir.resolve("wide.mtx").toString();
    Files.writeString(Path.of(wide), "%%MatrixMarket matrix coordinate real general\n"
        + "3 100000000 2\n1 1 5\n3 100000000 1\n");
    for (String[] args : new String[][] {{"fit", square, "--rank", "5000"}, {"pca", square},
        {"rank", square, "--ranks", "2"},
        {"rank", square, "--ranks", "2", "--method", "consensus", "--runs", "1"},
        {"cluster", square, "--method", "agglomerative", "--linkage", "average", "--k", "2"},
        {"cluster", wide, "--k", "2"}, {"cluster", wide, "--method", "mini-batch", "--k", "2"}}) {
      CliRunner r = CliRunner.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).contains(" more (-Xmx); ");
    }
    String docs = Files.readString(repositoryRoot().resolve("docs/command-line.md"));
    String table = docs.substring(docs.indexOf("## Exit codes and errors"));
    String two = table.substring(table.indexOf("\n| 2 | "), table.indexOf("\n| 1 | "));
    String one = table.substring(table.indexOf("\n| 1 | "), table.indexOf("\n| 130, 143 | "));
    assertThat(two).contains("memory that the checks after reading find short, before any work",
        "`--rank`", "`pca`", "`rank --method cv`", "`rank --method consensus`",
        "agglomerative", "k-means");
    // rank's memory refusals are 2; rank --plot with nothing finite to draw fails during the work
    assertThat(one).contains("out of memory during the work").doesNotContain("consensus")
        .doesNotContain("--method cv");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(dir.resolve("docs/command-line.md"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  @Test
  void helpListsTheCommandsAndNoArgumentsIsAUsageError() {
    CliRunner help = CliRunner.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("usage: nmf4j COMMAND");
    for (String name : Main.commands().keySet()) {
      assertThat(help.out()).contains("  " + name + " ");
    }
    CliRunner none = CliRunner.run();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("usage: nmf4j COMMAND");
    assertThat(none.out()).isEmpty();
  }

  @Test
  void everyCommandHasHelp() {
    for (String name : Main.commands().keySet()) {
      CliRunner r = CliRunner.run(name, "--help");
      assertThat(r.exitCode()).as(name).isZero();
      assertThat(r.out()).startsWith("usage: nmf4j " + name).contains("--json");
      assertThat(CliRunner.run("help", name).out()).isEqualTo(r.out());
      for (String line : r.out().split("\n")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(Options.WIDTH);
      }
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRunner r = CliRunner.run("factorize");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j: unknown command 'factorize'; try nmf4j --help\n");
  }

  @Test
  void thePublicEntryPointDrawsNoProgressOnOtherStreams() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--version"},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("nmf4j");
  }
}
