package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.Swimmer;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  /** A part counts as recovered when some basis image correlates with it at least this much. */
  private static final double RECOVERED = 0.9;
  /** basis.png: 6 tiles per row, each pixel 4 x 4, gaps of 4 pixels. */
  private static final int COLUMNS = 6;
  private static final int SCALE = 4;
  private static final int GAP = 4;

  @TempDir Path dir;

  @Test
  void theDemoRecoversEveryPartAndWritesItsPictures() throws IOException {
    CliRunner r = CliRunner.run(dir, "demo", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "demo").containsEntry("rows", 256.0)
        .containsEntry("cols", 1024.0).containsEntry("rank", 17.0)
        .containsEntry("partsRecovered", 17.0).containsKeys("seconds", "relativeError");
    assertThat((Double) json.get("worstPartCorrelation")).isGreaterThanOrEqualTo(RECOVERED);
    Path out = dir.resolve("nmf4j-demo");
    assertThat(r.out()).contains(out.resolve("basis.png").toString(), "17 of 17 true parts");
    assertThat(r.out()).containsPattern("\n\\d+ iterations, relative error");

    // Read the basis images back from the PNG: every true part is among them.
    Matrix grid = Images.readGray(out.resolve("basis.png"));
    double[][] tiles = new double[Swimmer.PARTS][Swimmer.SIZE * Swimmer.SIZE];
    for (int t = 0; t < Swimmer.PARTS; t++) {
      int x0 = GAP + (t % COLUMNS) * (Swimmer.SIZE * SCALE + GAP);
      int y0 = GAP + (t / COLUMNS) * (Swimmer.SIZE * SCALE + GAP);
      for (int i = 0; i < Swimmer.SIZE; i++) {
        for (int j = 0; j < Swimmer.SIZE; j++) {
          tiles[t][i * Swimmer.SIZE + j] = grid.get(y0 + i * SCALE, x0 + j * SCALE);
        }
      }
    }
    double[] correlations = Swimmer.bestCorrelations(Matrix.of(tiles));
    for (int p = 0; p < Swimmer.PARTS; p++) {
      assertThat(correlations[p]).as("part %d", p).isGreaterThanOrEqualTo(RECOVERED);
    }
    for (String name : new String[] {"true-parts.png", "reconstructions.png", "loss.png"}) {
      assertThat(Images.readRgb(out.resolve(name)).pixels()).as(name).isPositive();
    }
    assertThat(Images.readRgb(out.resolve("loss.png")).width()).isEqualTo(720);
  }

  @Test
  void anOutputPathThatIsAFileIsAUsageError() throws IOException {
    Files.writeString(dir.resolve("taken"), "x");
    CliRunner r = CliRunner.run(dir, "demo", "--out", "taken");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not a directory");
  }

  @Test
  void anSvdStartBeyondTheImagesRankNamesTheOptions() {
    CliRunner r = CliRunner.run(dir, "demo", "--rank", "300", "--init", "nndsvd");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j demo: --init nndsvd needs --rank <= min(rows, cols) "
        + "= 256 for the 256x1024 matrix of the swimmer images, was 300 (use --init random, or"
        + " leave --init out)\n");
    assertThat(Files.exists(dir.resolve("nmf4j-demo"))).isFalse();
  }

  @Test
  void aRankTooLargeForTheImagesIsAUsageErrorNotOutOfMemory() {
    CliRunner r = CliRunner.run(dir, "demo", "--rank", "300000");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j demo: --rank 300000 is more than the 256 x 1024 = "
        + "262144 values of the swimmer images; a rank of at most min(rows, cols) = 256 "
        + "already fits it exactly\n");
    r = CliRunner.run(dir, "demo", "--rank", "200000");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j demo: --rank 200000 is too large for the 256x1024 "
        + "matrix of the swimmer images");
    assertThat(Files.exists(dir.resolve("nmf4j-demo"))).isFalse();
  }

  /**
   * The output directory is made only when the pictures are written: a run interrupted during
   * the fit (Ctrl-C, a cancelled thread) leaves no directory behind, neither the one named nor
   * the parents it would have made. (It made them all before the fit and, when interrupted,
   * removed only the last one: {@code --out a/b/c} left {@code a/b}.)
   */
  @Test
  void anInterruptedDemoLeavesNoDirectoryBehind() throws InterruptedException {
    CliRunner[] result = new CliRunner[1];
    // interrupted before it starts, so the fit's first check stops it: no sleep to race with
    Thread run = new Thread(() -> {
      Thread.currentThread().interrupt();
      result[0] = CliRunner.run(dir, "demo", "--out", "a/b/c", "--max-iter", "100000", "--tol",
          "0", "--restarts", "1", "--threads", "1");
    });
    run.start();
    run.join();
    assertThat(result[0].exitCode()).as(result[0].err()).isEqualTo(1);
    assertThat(result[0].err()).isEqualTo("nmf4j demo: cancelled\n");
    assertThat(dir.resolve("a")).doesNotExist();
  }

  @Test
  void anOutputDirectoryThatCannotBeMadeIsRefusedBeforeTheFit() throws IOException {
    Files.writeString(dir.resolve("taken"), "x");
    CliRunner r = CliRunner.run(dir, "demo", "--out", "taken/pictures");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("nmf4j demo: --out " + dir.resolve("taken/pictures")
        + ": cannot create the directory (").contains("is not a directory");
  }
}
