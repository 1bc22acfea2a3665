package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 items 3 and 6: absurd options and unusable data fail before any work, with the file,
 * the 1-based row and column and what was expected.
 */
class PreflightTest {

  @TempDir Path dir;
  Path small;

  /** A 20 x 6 non-negative matrix, as in the issue. */
  @BeforeEach
  void writeSmall() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 6; j++) {
        sb.append(j > 0 ? "," : "").append((i * 7 + j * 3) % 11 + 0.5);
      }
      sb.append('\n');
    }
    small = dir.resolve("small.csv");
    Files.writeString(small, sb);
  }

  private Path csv(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static Matrix filled(int rows, int cols, double value) {
    double[] a = new double[rows * cols];
    java.util.Arrays.fill(a, value);
    return Matrix.wrap(rows, cols, a);
  }

  private static void assertRefused(CliRunner r, String command, String message) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("nmf4j " + command + ": " + message + "\n");
  }

  @Test
  void aRankAboveTheNumberOfValuesIsRefusedWithTheLargestUsefulOne() {
    for (String rank : new String[] {"2147483647", "100000", "121"}) {
      assertRefused(CliRunner.run("fit", small.toString(), "--rank", rank), "fit", "--rank "
          + rank + " is more than the 20 x 6 = 120 values of " + small + "; a rank of at most"
          + " min(rows, cols) = 6 already fits it exactly");
    }
    assertThat(CliRunner.run("fit", small.toString(), "--rank", "7", "--max-iter", "5")
        .exitCode()).isZero();
  }

  @Test
  void aRankWhoseFactorsCannotFitTheHeapIsRefusedBeforeTheFit() throws IOException {
    // 200 x 200 values, rank 40000: the two 40000 x 40000 Gram matrices alone are 25.6 GB.
    Path square = dir.resolve("square.npy");
    io.github.nmf4j.io.MatrixIo.write(square, filled(200, 200, 1));
    CliRunner r = CliRunner.run("fit", square.toString(), "--rank", "40000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("nmf4j fit: --rank 40000 is too large for the 200x200 matrix"
        + " of " + square + ": the factors and k x k products alone need 25.9 GB, and Java may"
        + " use ").endsWith(" more (-Xmx); a rank of at most min(rows, cols) = 200 already fits"
        + " the data exactly\n");
  }

  @Test
  void aDenseCopyIsCheckedAgainstTheHeap() {
    // 30000 x 30000: fits in a Java array, but needs 7.2 GB of heap
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 7.2e9);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Preflight.denseCopy("x.npz",
        30_000, 30_000, "--out-imputed", "leave it out"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x.npz is a 30000x30000 sparse matrix; --out-imputed needs it"
            + " dense, 7.20 GB, and Java may use ")
        .hasMessageEndingWith(" more (-Xmx); leave it out");
    Preflight.denseCopy("x.npz", 100, 100, "--out-imputed", "leave it out");
  }

  /** "1 processor" or "N processors", as the message says it. */
  private static String processors() {
    int n = Runtime.getRuntime().availableProcessors();
    return n + (n == 1 ? " processor" : " processors");
  }

  @Test
  void threadCountsAreCapped() {
    int cap = Preflight.maxThreads();
    assertThat(cap).isGreaterThanOrEqualTo(Preflight.MIN_THREAD_CAP);
    for (String threads : new String[] {"99999999999", "1000000", "100000",
        String.valueOf(cap + 1)}) {
      assertRefused(CliRunner.run("fit", small.toString(), "--rank", "2", "--threads", threads),
          "fit", "--threads must be between 1 and " + cap + " (the larger of 64 and 4 per"
          + " processor; this machine has " + processors() + "), was " + threads);
    }
    assertRefused(CliRunner.run("cluster", small.toString(), "--k", "2", "--threads", "100000"),
        "cluster", "--threads must be between 1 and " + cap + " (the larger of 64 and 4 per"
        + " processor; this machine has " + processors() + "), was 100000");
    assertThat(CliRunner.run("fit", small.toString(), "--rank", "2", "--max-iter", "5",
        "--threads", String.valueOf(cap)).exitCode()).isZero();
  }

  @Test
  void emptyDataNamesTheFile() throws IOException {
    Path empty = csv("empty.csv", "# nothing here\n");
    assertRefused(CliRunner.run("fit", empty.toString(), "--rank", "1"), "fit", empty
        + " holds no values (a 0x0 matrix); NMF needs at least one row and one column");
    assertRefused(CliRunner.run("cluster", empty.toString(), "--k", "1"), "cluster", empty
        + " holds no values (a 0x0 matrix); k-means needs at least one row and one column");
  }

  @Test
  void nonFiniteAndNegativeValuesAreReportedAtTheirRowAndColumnCountingFromOne()
      throws IOException {
    Path nan = csv("nan.csv", "1,2,3\n4,nan,6\n");
    assertRefused(CliRunner.run("fit", nan.toString(), "--rank", "1"), "fit", nan
        + ": NaN at row 2, column 2 (counting from 1); NMF needs finite values >= 0; if NaN"
        + " marks a missing value, --missing ignore leaves it out of the fit");
    // k-means takes no missing values: its message offers nothing
    assertRefused(CliRunner.run("cluster", nan.toString(), "--k", "1"), "cluster", nan
        + ": NaN at row 2, column 2 (counting from 1); k-means needs finite values");
    Path inf = csv("inf.csv", "1,2,-inf\n");
    assertRefused(CliRunner.run("cluster", inf.toString(), "--k", "1"), "cluster", inf
        + ": infinite value -Infinity at row 1, column 3 (counting from 1); k-means needs"
        + " finite values");
    Path negative = csv("negative.csv", "1,2\n3,-0.5\n");
    assertRefused(CliRunner.run("cluster", negative.toString(), "--k", "1", "--method", "nmf"),
        "cluster", negative + ": negative value -0.5 at row 2, column 2 (counting from 1); NMF"
        + " needs finite values >= 0");
    assertThat(CliRunner.run("cluster", negative.toString(), "--k", "2").exitCode()).isZero();
  }

  @Test
  void moreClustersThanSamplesIsRefused() throws IOException {
    assertRefused(CliRunner.run("cluster", small.toString(), "--k", "21"), "cluster",
        "--k 21 is more than the 20 rows of " + small + "; each cluster needs at least one");
    Path image = dir.resolve("in.png");
    Images.writeGray(image, filled(4, 5, 0.5));
    assertRefused(CliRunner.run("compress", image.toString(), "--out", dir.resolve("o.png")
        .toString(), "--method", "kmeans", "--colors", "2147483647"), "compress",
        "--colors 2147483647 is more than the 20 pixels of " + image
        + "; each cluster needs at least one");
    assertRefused(CliRunner.run("compress", image.toString(), "--out", dir.resolve("o.png")
        .toString(), "--rank", "21"), "compress", "--rank 21 is more than the 4 x 5 = 20"
        + " values of " + image + "; a rank of at most min(rows, cols) = 4 already fits it"
        + " exactly");
  }
}
