package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output contract of every output option of every command: a wrong extension, a missing
 * directory, the input's own path or another output's path is refused before any work, naming
 * the options; and a command that fails after reading its input leaves the files already at its
 * output paths as they were, with no temporary file beside them.
 */
class CliOutputsContractTest {

  @TempDir Path dir;
  String matrix;
  String image;

  @BeforeEach
  void writeInputs() throws IOException {
    Random random = new Random(3);
    double[][] v = new double[12][5];
    for (double[] row : v) {
      Arrays.setAll(row, j -> random.nextDouble());
    }
    matrix = dir.resolve("v.csv").toString();
    MatrixIo.write(Path.of(matrix), Matrix.of(v));
    double[][] pixels = new double[16][16];
    for (double[] row : pixels) {
      Arrays.setAll(row, j -> random.nextDouble());
    }
    Matrix m = Matrix.of(pixels);
    image = dir.resolve("in.png").toString();
    Images.writeRgb(Path.of(image), new RgbImage(m, m.scale(0.5), m));
  }

  /** A command's arguments, its input, and its output options with a valid file name each. */
  private record Case(List<String> args, String input, Map<String, String> outputs) {}

  private List<Case> cases() {
    return List.of(
        new Case(List.of("fit", matrix, "--rank", "2", "--missing", "ignore"), matrix,
            outputs("out-w", "w.npy", "out-h", "h.csv", "out-imputed", "full.txt")),
        new Case(List.of("cluster", matrix, "--k", "2"), matrix,
            outputs("labels-out", "l.csv", "out-centroids", "c.npy")),
        new Case(List.of("pca", matrix), matrix,
            outputs("out-scores", "s.npy", "out-components", "c.tsv", "out-mean", "m.mtx")),
        new Case(List.of("rank", matrix, "--ranks", "2"), null, outputs("plot", "p.png")),
        new Case(List.of("compress", image, "--rank", "2"), image, outputs("out", "o.png")),
        new Case(List.of("segment", image, "--window", "4", "--k", "2"), image,
            outputs("out", "o.png", "overlay", "over.gif")));
  }

  private Map<String, String> outputs(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], dir.resolve(pairs[i + 1]).toString());
    }
    return m;
  }

  /** {@code c}'s arguments with every output, {@code option} set to {@code path}. */
  private static String[] with(Case c, String option, String path) {
    List<String> args = new ArrayList<>(c.args());
    c.outputs().forEach((o, p) -> {
      args.add("--" + o);
      args.add(o.equals(option) ? path : p);
    });
    return args.toArray(String[]::new);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Exit 2 before any work: nothing printed but one line naming every word, no new file. */
  private void assertRefusedBeforeWork(CliRunner r, List<String> before, String... words)
      throws IOException {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).doesNotContain("\n").contains(words);
    assertThat(names()).isEqualTo(before);
  }

  @Test
  void everyOutputOptionIsCheckedBeforeAnyWork() throws IOException {
    List<String> before = names();
    for (Case c : cases()) {
      String command = c.args().get(0);
      List<String> options = new ArrayList<>(c.outputs().keySet());
      for (String option : options) {
        String wrong = option.equals("out") || option.equals("overlay") ? "x.npy"
            : option.equals("plot") ? "x.jpg" : "x.png";
        assertRefusedBeforeWork(CliRunner.run(with(c, option, dir.resolve(wrong).toString())),
            before, "nmf4j " + command + ": --" + option + " ", "the file name must end in");
        String nowhere = dir.resolve("absent").resolve(Path.of(c.outputs().get(option))
            .getFileName()).toString();
        assertRefusedBeforeWork(CliRunner.run(with(c, option, nowhere)), before,
            "--" + option + " " + nowhere, "does not exist");
        if (c.input() != null) {
          assertRefusedBeforeWork(CliRunner.run(with(c, option, c.input())), before,
              "--" + option + " " + c.input() + " names the same file as the input");
        }
        for (String other : options) {
          if (other.equals(option) || !sameKind(option, other)) {
            continue;
          }
          // the later of the two options is the one refused, naming the earlier
          String first = options.indexOf(option) < options.indexOf(other) ? option : other;
          String second = first.equals(option) ? other : option;
          assertRefusedBeforeWork(CliRunner.run(with(c, other, c.outputs().get(option))),
              before, "--" + second + " " + c.outputs().get(option)
                  + " names the same file as --" + first + " " + c.outputs().get(option));
        }
      }
    }
  }

  /** Whether two output options take the same extensions (so one may name the other's file). */
  private static boolean sameKind(String a, String b) {
    return image(a) == image(b);
  }

  private static boolean image(String option) {
    return option.equals("out") || option.equals("overlay") || option.equals("plot");
  }

  /** Arguments that make each case fail after reading its input, before writing. */
  private static List<String> failing(Case c) {
    return switch (c.args().get(0)) {
      case "fit" -> List.of("fit", c.args().get(1), "--rank", "61", "--missing", "ignore");
      case "cluster" -> List.of("cluster", c.args().get(1), "--k", "13");
      case "pca" -> List.of("pca", c.args().get(1), "--components", "6");
      case "rank" -> List.of("rank", c.args().get(1), "--ranks", "2,61");
      case "compress" -> List.of("compress", c.args().get(1), "--rank", "257");
      case "segment" -> List.of("segment", c.args().get(1), "--window", "17");
      default -> throw new AssertionError(c);
    };
  }

  @Test
  void aFailureAfterReadingLeavesTheExistingOutputsAsTheyWere() throws IOException {
    for (Case c : cases()) {
      Map<String, byte[]> old = new LinkedHashMap<>();
      for (String path : c.outputs().values()) {
        byte[] bytes = ("old " + path).getBytes(StandardCharsets.UTF_8);
        Files.write(Path.of(path), bytes);
        old.put(path, bytes);
      }
      List<String> before = names();
      Case failing = new Case(failing(c), c.input(), c.outputs());
      CliRunner r = CliRunner.run(with(failing, null, null));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("nmf4j " + c.args().get(0) + ": ")
          .doesNotContain("\tat ");
      assertThat(names()).as("no temporary file").isEqualTo(before);
      for (Map.Entry<String, byte[]> e : old.entrySet()) {
        assertThat(Files.readAllBytes(Path.of(e.getKey()))).as(e.getKey())
            .isEqualTo(e.getValue());
        Files.delete(Path.of(e.getKey()));
      }
    }
  }
}
