package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option contract of every command, swept over the options its {@code --help} lists: a
 * missing, repeated, foreign or malformed value is refused with exit code 2 and one line on
 * standard error that names the command, the option and the value, before anything is written.
 */
class CliOptionsContractTest {

  /** An option line of a command's help: {@code "  --name VALUE"} or {@code "  --flag"}. */
  private static final Pattern OPTION = Pattern.compile("(?m)^  --([a-z0-9-]+)( [A-Z]+)?");

  /** Options whose value may be 0. */
  private static final Set<String> ZERO_ALLOWED = Set.of("tol", "seed", "alpha-w", "alpha-h",
      "l1-ratio", "forget-factor", "max-no-improvement", "beta-loss");
  /** Options whose value may be negative. */
  private static final Set<String> NEGATIVE_ALLOWED = Set.of("seed", "beta-loss");

  @TempDir Path dir;
  String matrix;
  String image;

  @BeforeEach
  void writeInputs() throws IOException {
    Random random = new Random(7);
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

  /** The arguments that make a command run, without the option under test. */
  private List<String> base(String command) {
    String out = dir.resolve("out.png").toString();
    return switch (command) {
      case "demo" -> List.of("demo", "--out", dir.resolve("demo").toString());
      case "fit" -> List.of("fit", matrix, "--rank", "2");
      case "compress" -> List.of("compress", image, "--out", out);
      case "cluster" -> List.of("cluster", matrix, "--k", "2");
      case "pca" -> List.of("pca", matrix);
      case "segment" -> List.of("segment", image, "--out", out);
      case "rank" -> List.of("rank", matrix, "--ranks", "2:3");
      default -> throw new AssertionError(command);
    };
  }

  /** The options of {@code --help}, each with whether it takes a value. */
  private static Map<String, Boolean> helpOptions(String command) {
    CliRunner r = CliRunner.run(command, "--help");
    assertThat(r.exitCode()).isZero();
    Map<String, Boolean> options = new LinkedHashMap<>();
    Matcher m = OPTION.matcher(r.out());
    while (m.find()) {
      options.put(m.group(1), m.group(2) != null);
    }
    assertThat(options).containsKeys("help", "json");
    return options;
  }

  /** Runs {@code base(command)} with {@code more} in place of {@code drop} (if given). */
  private CliRunner run(String command, String drop, String... more) {
    List<String> args = new ArrayList<>(base(command));
    int at = args.indexOf("--" + drop);
    if (at >= 0) {
      args.remove(at + 1);
      args.remove(at);
    }
    args.addAll(List.of(more));
    return CliRunner.run(dir, args.toArray(String[]::new));
  }

  /** Exit 2, nothing on standard output, one line on standard error naming every word. */
  private static void assertRefused(CliRunner r, String command, String... words) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).as(r.err()).isEmpty();
    assertThat(r.err()).startsWith("nmf4j " + command + ": ").endsWith("\n")
        .doesNotContain("\tat ", "Exception");
    assertThat(r.err().strip()).doesNotContain("\n").contains(words);
  }

  @Test
  void anOptionMissingItsValueIsRefusedNamingItEvenBeforeAnotherOption() {
    for (String command : Main.commands().keySet()) {
      helpOptions(command).forEach((option, takesValue) -> {
        if (!takesValue) {
          return;
        }
        assertRefused(run(command, option, "--" + option), command,
            "--" + option + " needs a value");
        // the next option is not taken as the value: --rank --json is not "--rank '--json'"
        assertRefused(run(command, option, "--" + option, "--json"), command,
            "--" + option + " needs a value", "--json follows it");
      });
    }
  }

  @Test
  void aRepeatedOptionIsRefusedNamingBothValues() {
    for (String command : Main.commands().keySet()) {
      helpOptions(command).forEach((option, takesValue) -> {
        if (option.equals("help")) {
          return;
        }
        CliRunner r = takesValue ? run(command, option, "--" + option, "1", "--" + option, "2")
            : run(command, option, "--" + option, "--" + option);
        assertRefused(r, command, "--" + option + " is given twice"
            + (takesValue ? " (1, then 2)" : "") + "; give it once");
      });
    }
  }

  @Test
  void anOptionOfAnotherCommandIsRefusedNamingTheCommand() {
    Set<String> all = new TreeSet<>();
    Main.commands().keySet().forEach(c -> all.addAll(helpOptions(c).keySet()));
    for (String command : Main.commands().keySet()) {
      Set<String> own = helpOptions(command).keySet();
      for (String option : all) {
        if (!own.contains(option)) {
          assertRefused(run(command, null, "--" + option, "1"), command,
              "unknown option --" + option + " for '" + command + "'");
        }
      }
    }
  }

  /** What else an option needs to be read: the method or mode it belongs to. */
  private static List<String> context(String command, String option) {
    return switch (command + " " + option) {
      case "fit batch-size", "fit forget-factor", "fit max-no-improvement" ->
          List.of("--mini-batch");
      case "compress colors" -> List.of("--method", "kmeans");
      case "cluster batch-size" -> List.of("--method", "mini-batch");
      case "cluster gamma" -> List.of("--method", "spectral");
      case "cluster neighbors" -> List.of("--method", "spectral", "--affinity",
          "nearest-neighbors");
      case "cluster alpha-w", "cluster alpha-h", "cluster l1-ratio" -> List.of("--method",
          "nmf", "--alpha-w", "0.1");
      case "fit l1-ratio", "rank l1-ratio" -> List.of("--alpha-w", "0.1");
      case "rank runs" -> List.of("--method", "consensus");
      default -> List.of();
    };
  }

  /** The numeric options of a command: those whose help value is not a name or a file. */
  private static List<String> numeric(String command) {
    Set<String> words = Set.of("method", "loss", "solver", "init", "layout", "missing",
        "linkage", "affinity", "assign-labels", "truth", "help", "json");
    List<String> out = new ArrayList<>();
    helpOptions(command).forEach((option, takesValue) -> {
      if (takesValue && !words.contains(option) && !option.startsWith("out")
          && !option.equals("labels-out") && !option.equals("overlay")
          && !option.equals("plot")) {
        out.add(option);
      }
    });
    return out;
  }

  @Test
  void aMalformedOrOutOfRangeNumberIsRefusedNamingTheOptionAndTheValue() {
    for (String command : Main.commands().keySet()) {
      for (String option : numeric(command)) {
        List<String> bad = new ArrayList<>(List.of("5x", "NaN", "Infinity", "-Infinity", "1e3e",
            ""));
        if (!NEGATIVE_ALLOWED.contains(option)) {
          bad.add("-1");
        }
        if (!ZERO_ALLOWED.contains(option)) {
          bad.add("0");
        }
        for (String value : bad) {
          List<String> more = new ArrayList<>(context(command, option));
          if (option.equals("alpha-w") && more.contains("--alpha-w")) {
            more = more.subList(0, more.indexOf("--alpha-w"));
          }
          more.add("--" + option);
          more.add(value);
          CliRunner r = run(command, option, more.toArray(String[]::new));
          assertRefused(r, command, "--" + option, value);
        }
      }
    }
  }

  @Test
  void aDirectoryGivenAsAnInputIsAUsageErrorNamingIt() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("data.csv"));
    Path pictures = Files.createDirectory(dir.resolve("pictures.png"));
    for (String command : List.of("fit", "cluster", "pca", "rank")) {
      List<String> args = new ArrayList<>(base(command));
      args.set(1, folder.toString());
      assertRefused(CliRunner.run(args.toArray(String[]::new)), command,
          "the input " + folder + " is a directory");
    }
    for (String command : List.of("compress", "segment")) {
      List<String> args = new ArrayList<>(base(command));
      args.set(1, pictures.toString());
      assertRefused(CliRunner.run(args.toArray(String[]::new)), command,
          "the input " + pictures + " is a directory");
    }
    assertRefused(run("cluster", null, "--truth", folder.toString()), "cluster",
        "--truth " + folder + " is a directory");
  }

  @Test
  void anInputThatCannotBeLookedUpIsAUsageErrorNamingIt() throws IOException {
    Path loop = dir.resolve("loop.csv");
    Files.createSymbolicLink(loop, loop.getFileName());
    assertRefused(CliRunner.run("fit", loop.toString(), "--rank", "2"), "fit",
        "the input " + loop + " cannot be read: ");
    assertRefused(run("cluster", null, "--truth", loop.toString()), "cluster",
        "--truth " + loop + " cannot be read: ");
    String tooLong = dir.resolve("x".repeat(300) + ".png").toString();
    assertRefused(CliRunner.run("segment", tooLong, "--out", dir.resolve("o.png").toString()),
        "segment", "the input " + tooLong + " cannot be read: ");
  }

  /**
   * Integers are ASCII decimal, as numbers with a fraction are: Java's integer parsing takes
   * the digits of any script (an Arabic-Indic or a full-width 3), its decimal parsing does not.
   */
  @Test
  void integersInDigitsOfAnotherScriptAreRefusedAsOtherNumbersAre() {
    for (String digits : new String[] {"\u0663", "\uff13", "1\u0662"}) {
      assertRefused(run("fit", "rank", "--rank", digits), "fit", "--rank must be an integer",
          digits);
      assertRefused(run("fit", null, "--seed", digits), "fit", "--seed must be an integer");
      assertRefused(run("rank", "ranks", "--ranks", "2:" + digits), "rank", "--ranks must be");
      assertRefused(run("fit", null, "--tol", digits), "fit", "--tol must be a number");
    }
  }

  @Test
  void helpForAnUnknownCommandIsAUsageError() {
    CliRunner r = CliRunner.run("help", "factorize");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("nmf4j: unknown command 'factorize'; try nmf4j --help\n");
    assertThat(CliRunner.run("--help", "fit").out()).startsWith("usage: nmf4j fit");
  }

  @Test
  void aBetaLossThatIsNeitherANumberNorANameSaysWhatItMayBe() {
    assertRefused(run("fit", null, "--beta-loss", "kullback"), "fit", "--beta-loss must be a"
        + " number or one of frobenius, kullback-leibler, itakura-saito, was 'kullback'");
    assertRefused(run("fit", null, "--beta-loss", "NaN"), "fit",
        "--beta-loss must be a finite number, was NaN");
  }
  /**
   * An empty path ({@code "$OUT"} with the variable unset) is refused naming the option: Java
   * reads it as the working directory, so {@code demo --out ""} wrote its pictures there and
   * {@code fit ""} said "the input  is a directory".
   */
  @Test
  void anEmptyPathIsRefusedNamingTheOption() throws IOException {
    for (String command : Main.commands().keySet()) {
      if (!command.equals("demo")) {
        List<String> args = new ArrayList<>(base(command));
        args.set(1, "");
        assertRefused(CliRunner.run(dir, args.toArray(String[]::new)), command,
            (command.equals("compress") || command.equals("segment") ? "IMAGE" : "INPUT")
                + " must be a path, was ''");
      }
      helpOptions(command).forEach((option, takesValue) -> {
        if (takesValue && (option.startsWith("out") || option.equals("labels-out")
            || option.equals("overlay") || option.equals("plot") || option.equals("truth"))) {
          assertRefused(run(command, option, "--" + option, ""), command,
              "--" + option + " must be a path, was ''");
        }
      });
    }
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsOnly("v.csv", "in.png");
    }
  }

  /**
   * {@code -h} after a command shows its help, as it does before one ({@code nmf4j -h}); any
   * other word with one dash is refused as an option, pointing at the two-dash form when there
   * is one, instead of being taken as the input ("unexpected argument '-rank'", or "--rank K is
   * required" for {@code fit -rank 2 v.csv}).
   */
  @Test
  void aShortHelpShowsTheHelpAndAOneDashOptionPointsAtTheTwoDashOne() {
    for (String command : Main.commands().keySet()) {
      CliRunner r = CliRunner.run(dir, command, "-h");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo(CliRunner.run(dir, command, "--help").out());
    }
    assertRefused(CliRunner.run(dir, "fit", "-rank", "2", matrix), "fit",
        "unknown option -rank for 'fit'; did you mean --rank?");
    assertRefused(CliRunner.run(dir, "fit", matrix, "--rank", "2", "-x"), "fit",
        "unknown option -x for 'fit'; see nmf4j fit --help");
    // after --, and as an option's value, a word with one dash is what it says
    assertRefused(CliRunner.run(dir, "fit", "--rank", "2", "--", "-v.csv"), "fit",
        "no such file or directory: -v.csv");
    assertThat(CliRunner.run(dir, "fit", matrix, "--rank", "2", "--seed", "-3").exitCode())
        .isZero();
  }
}
