package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' output counts one of a thing in the singular: "1 run", not "1 runs". */
class SingularCountsTest {

  @TempDir Path dir;
  String data;
  String image;

  @BeforeEach
  void writeInputs() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] v = new double[12 * 5];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 + rnd.nextDouble();
    }
    data = dir.resolve("v.npy").toString();
    MatrixIo.write(Path.of(data), Matrix.wrap(12, 5, v));
    double[] c = new double[8 * 8];
    for (int i = 0; i < c.length; i++) {
      c[i] = rnd.nextDouble();
    }
    image = dir.resolve("in.png").toString();
    Matrix m = Matrix.wrap(8, 8, c);
    Images.writeRgb(Path.of(image), new RgbImage(m, m.scale(0.5), m));
  }

  @Test
  void countsWordsInTheSingularForOne() {
    assertThat(PrintOut.count(1, "run")).isEqualTo("1 run");
    assertThat(PrintOut.count(0, "run")).isEqualTo("0 runs");
    assertThat(PrintOut.count(2, "distinct colour")).isEqualTo("2 distinct colours");
  }

  @Test
  void outputSaysOneInTheSingular() throws IOException {
    assertThat(out("fit", data, "--rank", "2", "--max-iter", "1", "--tol", "0"))
        .contains("\n1 iteration (not converged), ");
    assertThat(out("rank", data, "--ranks", "2", "--method", "consensus", "--runs", "1",
        "--max-iter", "5")).contains("by consensus (1 run per rank), ");
    assertThat(out("rank", data, "--ranks", "2", "--repeats", "1", "--max-iter", "5"))
        .contains("by cross-validation (1 repeat, ");
    assertThat(out("cluster", data, "--k", "2", "--method", "spectral", "--affinity",
        "nearest-neighbors", "--neighbors", "1")).contains("(1 neighbor)");
    assertThat(out("cluster", data, "--k", "2", "--max-iter", "1"))
        .contains(", 1 iteration, ");
    assertThat(out("segment", image, "--out", dir.resolve("s.png").toString(), "--window", "1",
        "--stride", "1", "--k", "2")).contains(" windows of 1 pixel, ");
    String gray = dir.resolve("g.png").toString();
    Images.writeRgb(Path.of(gray), RgbImage.ofGray(Matrix.wrap(1, 1, new double[] {0.5})));
    assertThat(out("compress", gray, "--out", dir.resolve("o.png").toString(), "--rank",
        "1")).contains(" of 1 number (ratio ");
    CliRunner r = CliRunner.run("compress", gray, "--out", dir.resolve("o.png").toString(),
        "--method", "kmeans", "--colors", "2");
    assertThat(r.err()).contains("--colors 2 is more than the 1 pixel of " + gray + ";");
    CliRunner one = CliRunner.run("cluster", data, "--k", "13");
    assertThat(one.err()).contains("--k 13 is more than the 12 rows of ");
  }

  private static String out(String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r.out();
  }
}
