package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} contract of every command: the last line of standard output, and the only
 * JSON one, is one valid JSON object (parsed strictly: no NaN or Infinity literal) with the
 * fields docs/command-line.md lists, and its numbers print as the human-readable lines above it.
 */
class CliJsonContractTest {

  /** The fields every command reports. */
  private static final String[] COMMON = {"command", "rows", "cols", "seconds"};

  @TempDir Path dir;
  String matrix;
  String sparse;
  String image;
  String truth;
  /** The human-readable lines of the last {@link #json} run. */
  private String human;

  @BeforeEach
  void writeInputs() throws IOException {
    Random random = new Random(11);
    double[][] v = new double[24][6];
    int[] classes = new int[v.length];
    StringBuilder mtx = new StringBuilder("%%MatrixMarket matrix coordinate real general\n");
    StringBuilder entries = new StringBuilder();
    int stored = 0;
    for (int i = 0; i < v.length; i++) {
      classes[i] = i % 3;
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = random.nextDouble() + (j % 3 == classes[i] ? 2 : 0);
        if (random.nextDouble() < 0.4) {
          entries.append(i + 1).append(' ').append(j + 1).append(' ').append(v[i][j])
              .append('\n');
          stored++;
        }
      }
    }
    matrix = dir.resolve("v.csv").toString();
    MatrixIo.write(Path.of(matrix), Matrix.of(v));
    sparse = dir.resolve("s.mtx").toString();
    Files.writeString(Path.of(sparse), mtx.append(v.length).append(' ').append(v[0].length)
        .append(' ').append(stored).append('\n').append(entries).toString());
    truth = dir.resolve("truth.csv").toString();
    MatrixIo.writeLabels(Path.of(truth), classes);
    double[][] pixels = new double[18][20];
    for (double[] row : pixels) {
      Arrays.setAll(row, j -> random.nextDouble());
    }
    Matrix m = Matrix.of(pixels);
    image = dir.resolve("in.png").toString();
    Images.writeRgb(Path.of(image), new RgbImage(m, m.scale(0.5), m.scale(0.25)));
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  /** Runs a command with --json; checks the JSON line and returns it with the human lines. */
  private Map<String, Object> json(String command, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = command;
    System.arraycopy(args, 0, all, 1, args.length);
    all[all.length - 1] = "--json";
    CliRunner r = CliRunner.run(dir, all);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    String last = lines.get(lines.size() - 1);
    assertThat(lines.subList(0, lines.size() - 1)).noneMatch(l -> l.startsWith("{"));
    assertThat(last).doesNotContain("NaN", "Infinity");
    Map<String, Object> json = JsonParser.object(last);
    assertThat(json).containsKeys(COMMON).containsEntry("command", command);
    human = String.join("\n", lines.subList(0, lines.size() - 1));
    return json;
  }

  /** The human lines hold {@code format} of the JSON number {@code key} ("%.6g"). */
  private void prints(String format, Map<String, Object> json, String key) {
    assertThat(human).as(key).contains(String.format(Locale.ROOT, format, json.get(key)));
  }

  /** A number from the human lines: group 1 of {@code regex}. */
  private String group(String regex) {
    Matcher m = Pattern.compile(regex).matcher(human);
    assertThat(m.find()).as(regex + " in " + human).isTrue();
    return m.group(1);
  }

  private static int integer(Map<String, Object> json, String key) {
    return ((Double) json.get(key)).intValue();
  }

  @Test
  void fitReportsTheDocumentedFieldsAsPrinted() {
    Map<String, Object> j = json("fit", matrix, "--rank", "3", "--out-w", file("w.npy"),
        "--out-h", file("h.csv"));
    assertThat(j).containsKeys("rank", "loss", "init", "solver", "iterations", "converged",
        "reconstructionError", "relativeError", "input", "outW", "outH")
        .doesNotContainKeys("storedValues", "outImputed", "batchSize");
    prints("reconstruction error %.6g, relative error", j, "reconstructionError");
    prints("relative error %.6g", j, "relativeError");
    assertThat(group("\n(\\d+) iterations")).isEqualTo(integer(j, "iterations") + "");
    assertThat(human).contains(j.get("loss") + " loss, " + j.get("solver") + " solver, "
        + j.get("init") + " start");

    j = json("fit", sparse, "--rank", "2", "--mini-batch", "--batch-size", "8");
    assertThat(j).containsKeys("storedValues", "batchSize", "forgetFactor", "maxNoImprovement",
        "freshRestarts").containsEntry("solver", "mini-batch");
    assertThat(human).contains(integer(j, "storedValues") + " stored");
    prints("relative error %.6g", j, "relativeError");

    j = json("fit", matrix, "--rank", "2", "--missing", "ignore", "--out-imputed",
        file("full.npy"));
    assertThat(j).containsEntry("outImputed", file("full.npy"));
  }

  @Test
  void compressReportsTheDocumentedFieldsAsPrinted() {
    Map<String, Object> j = json("compress", image, "--out", file("o.png"), "--rank", "3");
    assertThat(j).containsKeys("method", "rank", "storedValues", "originalValues",
        "compressionRatio", "psnr", "relativeError", "channels", "input", "output", "solver",
        "layout");
    assertThat(human).contains("stored " + integer(j, "storedValues") + " of "
        + integer(j, "originalValues") + " numbers");
    prints("(ratio %.2f)", j, "compressionRatio");
    prints("PSNR %.2f dB", j, "psnr");

    j = json("compress", image, "--out", file("o.gif"), "--method", "kmeans", "--colors", "4",
        "--gray");
    assertThat(j).containsKeys("colors", "psnr").doesNotContainKeys("rank", "solver", "layout")
        .containsEntry("channels", 1.0);
    prints("PSNR %.2f dB", j, "psnr");
  }

  @Test
  void clusterReportsTheDocumentedFieldsOfEveryMethodAsPrinted() {
    Map<String, Object> j = json("cluster", matrix, "--k", "3", "--truth", truth,
        "--labels-out", file("l.csv"), "--out-centroids", file("c.npy"));
    assertThat(j).containsKeys("method", "k", "inertia", "iterations", "input", "randIndex",
        "adjustedRandIndex", "normalizedMutualInfo", "adjustedMutualInfo", "labelsOut",
        "outCentroids");
    prints("inertia %.6g", j, "inertia");
    prints("Rand index %.4f", j, "randIndex");
    prints("adjusted Rand index %.4f", j, "adjustedRandIndex");
    prints("NMI %.4f", j, "normalizedMutualInfo");
    prints("AMI %.4f", j, "adjustedMutualInfo");
    assertThat(human).contains(integer(j, "iterations") + " iteration");

    j = json("cluster", sparse, "--k", "3", "--method", "nmf");
    assertThat(j).containsKeys("loss", "solver", "init", "storedValues");
    prints("inertia %.6g", j, "inertia");

    j = json("cluster", matrix, "--k", "3", "--method", "agglomerative", "--linkage",
        "average");
    assertThat(j).containsEntry("linkage", "average").containsEntry("iterations", 23.0);
    prints("inertia %.6g", j, "inertia");

    j = json("cluster", matrix, "--k", "3", "--method", "spectral");
    assertThat(j).containsKeys("affinity", "gamma", "assignLabels", "converged");
    prints("inertia %.6g", j, "inertia");
    j = json("cluster", matrix, "--k", "3", "--method", "spectral", "--affinity",
        "nearest-neighbors", "--neighbors", "5");
    assertThat(j).containsEntry("neighbors", 5.0).doesNotContainKey("gamma");
    assertThat(human).contains(integer(j, "iterations") + " eigensolver iteration");
  }

  @Test
  void pcaReportsTheDocumentedFieldsAndItsTableAsPrinted() {
    Map<String, Object> j = json("pca", matrix, "--components", "3", "--out-scores",
        file("s.npy"), "--out-components", file("c.npy"), "--out-mean", file("m.npy"));
    assertThat(j).containsKeys("components", "solver", "seed", "explainedVariance",
        "explainedVarianceRatio", "cumulativeRatio", "noiseVariance", "input", "outScores",
        "outComponents", "outMean").doesNotContainKey("variance");
    List<?> explained = (List<?>) j.get("explainedVariance");
    List<?> ratios = (List<?>) j.get("explainedVarianceRatio");
    assertThat(explained).hasSize(3);
    double cumulative = 0;
    for (int c = 0; c < 3; c++) {
      cumulative += (Double) ratios.get(c);
      assertThat(human).contains(String.format(Locale.ROOT, "%9d  %18.6g  %9.6f  %10.6f",
          c + 1, explained.get(c), ratios.get(c), cumulative));
    }
    prints("%.4f of the variance", j, "cumulativeRatio");

    j = json("pca", sparse, "--variance", "0.5");
    assertThat(j).containsKeys("variance", "storedValues").doesNotContainKey("noiseVariance");
    assertThat((List<?>) j.get("explainedVariance")).hasSize(integer(j, "components"));
  }

  @Test
  void rankReportsTheDocumentedFieldsAndItsTableAsPrinted() {
    Map<String, Object> j = json("rank", matrix, "--ranks", "1:3", "--plot", file("p.png"));
    assertThat(j).containsKeys("method", "ranks", "bestRank", "input", "holdout", "repeats",
        "testErrors", "standardErrors", "oneStandardErrorRank", "plot");
    List<?> errors = (List<?>) j.get("testErrors");
    List<?> se = (List<?>) j.get("standardErrors");
    for (int i = 0; i < 3; i++) {
      assertThat(human).contains(String.format(Locale.ROOT, "%4d  %14.6g  %14.6g", i + 1,
          errors.get(i), se.get(i)));
    }
    assertThat(human).contains("best rank " + integer(j, "bestRank") + " ", "standard error: "
        + integer(j, "oneStandardErrorRank"));

    j = json("rank", matrix, "--ranks", "2,3", "--method", "consensus", "--runs", "3");
    assertThat(j).containsKeys("runs", "copheneticCorrelations", "dispersions", "bestRank")
        .doesNotContainKeys("holdout", "testErrors", "plot");
    List<?> cophenetic = (List<?>) j.get("copheneticCorrelations");
    List<?> dispersions = (List<?>) j.get("dispersions");
    for (int i = 0; i < 2; i++) {
      assertThat(human).contains(String.format(Locale.ROOT, "%4d  %22.6f  %10.6f", i + 2,
          cophenetic.get(i), dispersions.get(i)));
    }
  }

  @Test
  void segmentAndDemoReportTheDocumentedFieldsAsPrinted() {
    Map<String, Object> j = json("segment", image, "--out", file("seg.png"), "--overlay",
        file("over.bmp"), "--window", "6", "--stride", "3", "--k", "3");
    assertThat(j).containsKeys("window", "stride", "k", "windows", "input", "output",
        "overlay");
    assertThat(integer(j, "windows")).isEqualTo(
        Integer.parseInt(group("from (\\d+)x")) * Integer.parseInt(group("x(\\d+) windows")));

    j = json("demo", "--out", "d", "--rank", "4", "--max-iter", "5", "--restarts", "1");
    assertThat(j).containsKeys("rank", "loss", "solver", "restarts", "iterations", "converged",
        "relativeError", "partsRecovered", "worstPartCorrelation", "outputDir", "files");
    prints("||V - WH|| / ||V|| = %.4f", j, "relativeError");
    prints("(worst %.3f)", j, "worstPartCorrelation");
    assertThat(human).contains(integer(j, "partsRecovered") + " of 17 true parts",
        "best of " + integer(j, "restarts") + " start");
    assertThat((List<?>) j.get("files")).hasSize(4);
  }
}
