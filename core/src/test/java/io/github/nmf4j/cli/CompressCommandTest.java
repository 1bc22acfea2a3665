package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
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

class CompressCommandTest {

  @TempDir Path dir;
  Path image;

  /** A smooth 24 x 32 colour gradient with a little noise. */
  @BeforeEach
  void writeImage() throws IOException {
    SplittableRandom rnd = new SplittableRandom(12);
    int h = 24;
    int w = 32;
    double[][] c = new double[3][h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        c[0][y * w + x] = (double) x / w;
        c[1][y * w + x] = (double) y / h;
        c[2][y * w + x] = 0.5 + 0.1 * rnd.nextDouble();
      }
    }
    image = dir.resolve("in.png");
    Images.writeRgb(image, new RgbImage(Matrix.wrap(h, w, c[0]), Matrix.wrap(h, w, c[1]),
        Matrix.wrap(h, w, c[2])));
  }

  /** As many colours as the image has: exact, so the PSNR is infinite ("Infinity dB" before). */
  @Test
  void anExactReconstructionSaysSoInsteadOfAnInfiniteNumber() throws IOException {
    Matrix left = Matrix.wrap(2, 2, new double[] {0, 1, 0, 1});
    Path twoColours = dir.resolve("two.png");
    Images.writeRgb(twoColours, new RgbImage(left, left, left));
    CliRunner r = CliRunner.run("compress", twoColours.toString(), "--out",
        dir.resolve("out.png").toString(), "--method", "kmeans", "--colors", "2", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(", PSNR infinite (exact reconstruction), ")
        .doesNotContain("Infinity");
    assertThat(r.json()).containsEntry("psnr", null);
  }

  @Test
  void kmeansQuantizationReportsTheContractFields() throws IOException {
    Path out = dir.resolve("out.png");
    CliRunner r = CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--method", "kmeans", "--colors", "8", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "compress").containsEntry("rows", 24.0)
        .containsEntry("cols", 32.0).containsEntry("colors", 8.0)
        .containsEntry("storedValues", 24.0 * 32 + 3 * 8)
        .containsEntry("originalValues", 3.0 * 24 * 32)
        .containsKeys("seconds", "compressionRatio", "psnr");
    assertThat((Double) json.get("psnr")).isGreaterThan(20);
    RgbImage written = Images.readRgb(out);
    assertThat(written.height()).isEqualTo(24);
    assertThat(written.width()).isEqualTo(32);
  }

  @Test
  void nmfCompressionReportsStorageForBothLayouts() throws IOException {
    Path out = dir.resolve("out.bmp");
    CliRunner r = CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--rank", "3", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "nmf").containsEntry("rank", 3.0)
        .containsEntry("solver", "hals")
        .containsEntry("layout", "separate").containsEntry("channels", 3.0)
        .containsEntry("storedValues", 3.0 * (24 * 3 + 3 * 32))
        .containsEntry("originalValues", 3.0 * 24 * 32).containsKeys("psnr", "solver");
    assertThat(Images.readRgb(out).width()).isEqualTo(32);

    CliRunner joint = CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--rank", "3", "--layout", "side-by-side", "--json");
    assertThat(joint.json()).containsEntry("layout", "side-by-side")
        .containsEntry("storedValues", 24.0 * 3 + 3 * 3 * 32);

    CliRunner gray = CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--rank", "3", "--gray", "--json");
    assertThat(gray.json()).containsEntry("channels", 1.0)
        .containsEntry("storedValues", 24.0 * 3 + 3 * 32).doesNotContainKey("layout");
  }

  @Test
  void badUsageIsExitCodeTwoAndLeavesNoFile() throws IOException {
    Path out = dir.resolve("out.png");
    assertFails("--out FILE is required", "compress", image.toString());
    assertFails("must end in", "compress", image.toString(), "--out", dir.resolve("o.tif")
        .toString());
    assertFails("--rank goes with --method nmf", "compress", image.toString(), "--out",
        out.toString(), "--method", "kmeans", "--rank", "3");
    assertFails("--method must be one of kmeans, nmf, was 'pca'", "compress", image.toString(),
        "--out", out.toString(), "--method", "pca");
    Path text = dir.resolve("text.png");
    Files.writeString(text, "not an image");
    assertFails("is not an image", "compress", text.toString(), "--out", out.toString(),
        "--method", "kmeans");
    assertFails("--colors 100000 is more than the 768 pixels of ", "compress",
        image.toString(), "--out", out.toString(), "--method", "kmeans", "--colors", "100000");
    assertFails("--solver hals minimizes the frobenius loss only; use --solver mu with --loss "
        + "kl, or leave --solver out", "compress", image.toString(), "--out", out.toString(),
        "--solver", "hals", "--loss", "kl");
    assertFails("--init nndsvd needs --rank <= min(rows, cols) = 24 for the 24x32 matrix of "
        + image + ", was 30 (use --init random, or leave --init out)", "compress",
        image.toString(), "--out", out.toString(), "--rank", "30", "--init", "nndsvd");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("in.png", "text.png");
    }
  }

  @Test
  void fewerDistinctColoursThanClustersNamesColors() throws IOException {
    Path flat = dir.resolve("flat.png");
    double[] half = new double[8 * 6];
    java.util.Arrays.fill(half, 0.5);
    double[] stripe = half.clone();
    stripe[7] = 1;
    Matrix g = Matrix.wrap(6, 8, half);
    Images.writeRgb(flat, new RgbImage(g, Matrix.wrap(6, 8, stripe), g));
    Path out = dir.resolve("out.png");
    assertFails("--colors 3 is more than the 2 distinct colours of " + flat + "; each cluster "
        + "needs a different one", "compress", flat.toString(), "--out", out.toString(),
        "--method", "kmeans", "--colors", "3");
    Path gray = dir.resolve("gray.png");
    Images.writeRgb(gray, RgbImage.ofGray(g));
    assertFails("--colors 2 is more than the 1 distinct colour of " + gray, "compress",
        gray.toString(), "--out", out.toString(), "--method", "kmeans", "--colors", "2");
    CliRunner r = CliRunner.run("compress", flat.toString(), "--out", out.toString(),
        "--method", "kmeans", "--colors", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  private static void assertFails(String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j compress: ").contains(message);
  }

  @Test
  void theImageSizeLimitIsAnOption() {
    Path out = dir.resolve("limited.png");
    CliRunner r = CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--max-pixels", "767");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("nmf4j compress: " + image + " declares 24 x 32 pixels (height"
        + " x width), 768 in all, more than the limit of 767; raise it with --max-pixels N on"
        + " the command line or -Dnmf4j.image.maxPixels=N\n");
    assertThat(out).doesNotExist();
    CliRunner ok = CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--max-pixels", "768", "--rank", "2");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    // the summary gives the size in the order of the refusal, and says which order it is
    assertThat(ok.out()).startsWith("compressed colour image " + image
        + " (24 x 32 pixels, height x width) with rank 2: ");
    assertThat(CliRunner.run("compress", image.toString(), "--out", out.toString(),
        "--max-pixels", "0").err()).contains("--max-pixels must be >= 1, was 0");
  }
}
