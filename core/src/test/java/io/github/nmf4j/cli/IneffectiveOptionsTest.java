package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options that would be accepted with no effect are refused by name (exit code 2, no file
 * written), as {@code cluster} refuses the options its method does not take.
 */
class IneffectiveOptionsTest {

  @TempDir Path dir;
  String data;
  String image;

  /** A positive 30 x 8 matrix and a 12 x 16 colour image. */
  @BeforeEach
  void writeInputs() throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    double[] v = new double[30 * 8];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.1 + rnd.nextDouble();
    }
    data = dir.resolve("v.npy").toString();
    MatrixIo.write(Path.of(data), Matrix.wrap(30, 8, v));
    double[][] c = new double[3][12 * 16];
    for (double[] channel : c) {
      for (int i = 0; i < channel.length; i++) {
        channel[i] = rnd.nextDouble();
      }
    }
    image = dir.resolve("in.png").toString();
    Images.writeRgb(Path.of(image), new RgbImage(Matrix.wrap(12, 16, c[0]),
        Matrix.wrap(12, 16, c[1]), Matrix.wrap(12, 16, c[2])));
  }

  @Test
  void pcaRefusesASeedThatNoSolverItRunsDraws() {
    String noEffect = " draws random numbers (leave --seed out)";
    assertFails("pca", "--seed has no effect with --solver exact: only the randomized SVD"
        + noEffect, "pca", data, "--solver", "exact", "--seed", "3");
    assertFails("pca", "--seed has no effect with --variance, whose fit is exact: only the"
        + " randomized SVD" + noEffect, "pca", data, "--variance", "0.5", "--seed", "3");
    // auto and randomized may draw from it: accepted
    assertRuns("pca", data, "--solver", "randomized", "--components", "2", "--seed", "3");
    assertRuns("pca", data, "--seed", "3");
  }

  @Test
  void compressRefusesALayoutForAGrayImage() {
    String out = dir.resolve("o.png").toString();
    for (String layout : new String[] {"separate", "side-by-side"}) {
      assertFails("compress", "--layout arranges the three channels of a colour image: it has"
          + " no effect with --gray, which leaves one (leave --layout out)", "compress", image,
          "--out", out, "--rank", "2", "--gray", "--layout", layout);
    }
    assertRuns("compress", image, "--out", out, "--rank", "2", "--gray");
  }

  @Test
  void restartsAreRefusedWithAStartThatDrawsNoRandomNumbers() {
    String fix = "(give --init random or nndsvdar, or leave --restarts out)";
    String same = ", which draws no random numbers: every restart would be the same fit ";
    String byDefault = "--restarts 3 has no effect with the default start, nndsvda (as --rank"
        + " 2 <= min(rows, cols) = 8 for the 30x8 matrix of " + data + ")" + same + fix;
    assertFails("fit", byDefault, "fit", data, "--rank", "2", "--restarts", "3");
    for (String init : new String[] {"nndsvd", "nndsvda"}) {
      assertFails("fit", "--restarts 3 has no effect with --init " + init + same + fix, "fit",
          data, "--rank", "2", "--init", init, "--restarts", "3");
    }
    assertFails("rank", "--restarts 2 has no effect with the default start, nndsvda (as --ranks"
        + " 2 <= min(rows, cols) = 8", "rank", data, "--ranks", "2:3", "--restarts", "2");
    assertFails("cluster", "--restarts 3 has no effect with the default start, nndsvda (as --k 2"
        + " <= min(rows, cols) = 8 for the 30x8 matrix of " + data + ")" + same
        + fix, "cluster", data, "--k", "2", "--method", "nmf", "--restarts", "3");
    String out = dir.resolve("o.png").toString();
    assertFails("compress", "--restarts 2 has no effect with the default start, nndsvda (as"
        + " --rank 2 <= min(rows, cols) = 12 for the 12x16 matrix of " + image + ")", "compress",
        image, "--out", out, "--rank", "2", "--restarts", "2");
    assertThat(Files.exists(Path.of(out))).isFalse();
    assertFails("demo", "--restarts 2 has no effect with --init nndsvda" + same + fix, "demo",
        "--out", dir.resolve("demo").toString(), "--init", "nndsvda", "--restarts", "2");
    assertThat(Files.exists(dir.resolve("demo"))).isFalse();

    // random starts take restarts: one from --init, one by default (rank > min(rows, cols))
    for (String init : new String[] {"random", "nndsvdar"}) {
      assertRuns("fit", data, "--rank", "2", "--init", init, "--restarts", "2", "--max-iter",
          "5");
    }
    assertRuns("fit", data, "--rank", "9", "--restarts", "2", "--max-iter", "5");
    assertRuns("fit", data, "--rank", "2", "--restarts", "1", "--max-iter", "5");
    assertRuns("cluster", data, "--k", "9", "--method", "nmf", "--restarts", "2", "--max-iter",
        "5");
    assertRuns("rank", data, "--ranks", "2:3", "--method", "consensus", "--runs", "2",
        "--restarts", "2", "--max-iter", "5");
  }

  private static void assertFails(String command, String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j " + command + ": ").contains(message);
  }

  private static void assertRuns(String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
  }
}
