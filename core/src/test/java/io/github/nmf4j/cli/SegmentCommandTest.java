package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCommandTest {

  @TempDir Path dir;
  Path input;

  /** 60 x 80: a dark left half and a bright right half. */
  @BeforeEach
  void writeImage() throws IOException {
    double[] v = new double[60 * 80];
    for (int i = 0; i < 60; i++) {
      for (int j = 40; j < 80; j++) {
        v[i * 80 + j] = 0.9;
      }
    }
    Matrix m = Matrix.wrap(60, 80, v);
    input = dir.resolve("in.png");
    Images.writeRgb(input, new RgbImage(m, m.scale(0.5), m));
  }

  @Test
  void writesTheSegmentMapAndTheOverlayAndReportsJson() throws IOException {
    Path out = dir.resolve("segments.png");
    Path overlay = dir.resolve("overlay.png");
    CliRunner r = CliRunner.run("segment", input.toString(), "--window", "20", "--stride", "10",
        "--k", "2", "--out", out.toString(), "--overlay", overlay.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "segment").containsEntry("rows", 60.0)
        .containsEntry("cols", 80.0).containsEntry("k", 2.0).containsEntry("window", 20.0)
        .containsEntry("stride", 10.0).containsEntry("windows", 35.0).containsKeys("seconds");
    RgbImage map = Images.readRgb(out);
    assertThat(map.height()).isEqualTo(60);
    assertThat(map.red().get(0, 0)).isNotEqualTo(map.red().get(0, 79));
    RgbImage drawn = Images.readRgb(overlay);
    assertThat(drawn.green().get(30, 10)).isZero();
    assertThat(r.out()).contains("segment map written to " + out, "overlay written to "
        + overlay);
  }

  @Test
  void badInputIsExitCodeTwoAndLeavesNoFile() throws IOException {
    Path out = dir.resolve("segments.png");
    assertFails("--window 100 (the default) is larger than " + input + " (60 x 80 pixels, height x "
        + "width); it "
        + "must be at most its smaller side, 60", "segment", input.toString(), "--out",
        out.toString());
    assertFails("--k must be >= 1, was 0", "segment", input.toString(), "--k", "0", "--out",
        out.toString(), "--window", "10");
    assertFails("the file name must end in", "segment", input.toString(), "--out",
        dir.resolve("segments.txt").toString(), "--window", "10");
    assertFails("no such file", "segment", dir.resolve("absent.png").toString(), "--out",
        out.toString(), "--window", "10");
    assertFails("--out FILE", "segment", input.toString());
    assertFails("--threads must be between 1 and", "segment", input.toString(), "--out",
        out.toString(), "--window", "10", "--threads", "100000");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("in.png");
    }
  }

  @Test
  void windowAndSegmentCountsNameTheirOptions() {
    Path out = dir.resolve("segments.png");
    assertFails("nmf4j segment: --window 61 is larger than " + input + " (60 x 80 pixels, height x "
        + "width); it "
        + "must be at most its smaller side, 60", "segment", input.toString(), "--out",
        out.toString(), "--window", "61");
    // 60x80 pixels, windows of 30 every 20: 3 x 4 positions (the last ones flush)
    assertFails("nmf4j segment: --k 13 is more than the 3 x 4 = 12 window positions of " + input
        + " at --window 30, --stride 20 (the default); each segment needs one (lower --k, "
        + "--window or --stride)", "segment", input.toString(), "--out", out.toString(),
        "--window", "30", "--k", "13");
    // the 12 windows have only 10 distinct mean colours
    assertFails("nmf4j segment: --k 12 is more than the distinct mean colours of the windows of "
        + input + " at --window 30, --stride 20; each segment needs a different one (lower "
        + "--k)", "segment", input.toString(), "--out", out.toString(), "--window", "30", "--k",
        "12");
    CliRunner r = CliRunner.run("segment", input.toString(), "--out", out.toString(),
        "--window", "30", "--k", "6");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void theImageSizeLimitIsAnOptionAsTheRefusalSays() {
    // 60 x 80 = 4800 pixels: the refusal tells the user to raise the limit with --max-pixels,
    // which segment must then accept.
    Path out = dir.resolve("limited.png");
    CliRunner r = CliRunner.run("segment", input.toString(), "--window", "20", "--out",
        out.toString(), "--max-pixels", "4799");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j segment: " + input + " declares 60 x 80 pixels (height"
        + " x width), 4800 in all, more than the limit of 4799; raise it with --max-pixels N on"
        + " the command line or -Dnmf4j.image.maxPixels=N\n");
    assertThat(out).doesNotExist();
    CliRunner ok = CliRunner.run("segment", input.toString(), "--window", "20", "--k", "2",
        "--out", out.toString(), "--max-pixels", "4800");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    // the summary gives the size in the order of the refusal, and says which order it is
    assertThat(ok.out()).startsWith("segmented " + input + " (60 x 80 pixels, height x width)");
    assertFails("--max-pixels must be >= 1, was 0", "segment", input.toString(), "--out",
        out.toString(), "--max-pixels", "0");
  }

  private static void assertFails(String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(r.out()).doesNotContain("written");
  }
}
