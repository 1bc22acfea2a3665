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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs and seed give the same printed numbers and byte-identical output files with
 * {@code --threads 1}, 2, 3 and without {@code --threads}, for every command and method.
 */
class CliDeterminismTest {

  /** The thread options compared, the first the reference. */
  private static final List<List<String>> THREADS = List.of(List.of("--threads", "1"),
      List.of("--threads", "2"), List.of("--threads", "3"), List.of());

  @TempDir Path dir;
  String dense;
  String missing;
  String sparse;
  String image;

  @BeforeEach
  void writeInputs() throws IOException {
    Random random = new Random(5);
    double[][] v = new double[90][36];
    double[][] gaps = new double[v.length][];
    StringBuilder entries = new StringBuilder();
    int stored = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = random.nextDouble() + (j % 4 == i % 4 ? 3 : 0);
        if (random.nextDouble() < 0.3) {
          entries.append(i + 1).append(' ').append(j + 1).append(' ').append(v[i][j])
              .append('\n');
          stored++;
        }
      }
      gaps[i] = v[i].clone();
      gaps[i][random.nextInt(gaps[i].length)] = Double.NaN;
    }
    dense = dir.resolve("v.npy").toString();
    MatrixIo.write(Path.of(dense), Matrix.of(v));
    missing = dir.resolve("gaps.csv").toString();
    MatrixIo.write(Path.of(missing), Matrix.of(gaps));
    sparse = dir.resolve("s.mtx").toString();
    Files.writeString(Path.of(sparse), "%%MatrixMarket matrix coordinate real general\n"
        + v.length + " " + v[0].length + " " + stored + "\n" + entries);
    double[][] pixels = new double[30][34];
    for (int i = 0; i < pixels.length; i++) {
      int row = i;
      Arrays.setAll(pixels[i], j -> (row / 10 + j / 12) % 3 * 0.3 + 0.1 * random.nextDouble());
    }
    Matrix m = Matrix.of(pixels);
    image = dir.resolve("in.png").toString();
    Images.writeRgb(Path.of(image), new RgbImage(m, m.scale(0.5), m.scale(0.25)));
  }

  /**
   * Runs {@code args} once per thread option, each writing into its own directory (the
   * outputs named {@code @NAME}), and asserts identical standard output, apart from timings
   * and the directory, and identical files.
   */
  private void sameForAnyThreads(String... args) throws IOException {
    String reference = null;
    Map<String, byte[]> referenceFiles = null;
    for (int t = 0; t < THREADS.size(); t++) {
      Path run = Files.createDirectories(dir.resolve("run" + t + "-" + args[0]));
      List<String> all = new ArrayList<>();
      for (String a : args) {
        all.add(a.startsWith("@") ? run.resolve(a.substring(1)).toString() : a);
      }
      all.addAll(THREADS.get(t));
      all.add("--json");
      CliRunner r = CliRunner.run(run, all.toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isZero();
      String out = r.out().replace(run.toString(), "RUN")
          .replaceAll("\"seconds\":[0-9.eE-]+", "\"seconds\":S")
          .replaceAll("\\d+\\.\\d+ s\\b", "S s");
      Map<String, byte[]> files = files(run);
      if (reference == null) {
        reference = out;
        referenceFiles = files;
        assertThat(files).as("outputs of " + String.join(" ", args)).isNotEmpty();
        continue;
      }
      assertThat(out).as(String.join(" ", all)).isEqualTo(reference);
      assertThat(files.keySet()).isEqualTo(referenceFiles.keySet());
      for (String name : files.keySet()) {
        assertThat(files.get(name)).as(name + " of " + String.join(" ", all))
            .isEqualTo(referenceFiles.get(name));
      }
    }
  }

  private static Map<String, byte[]> files(Path run) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(run)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(run.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void fitIsTheSameForAnyThreadCount() throws IOException {
    sameForAnyThreads("fit", dense, "--rank", "4", "--out-w", "@w.npy", "--out-h", "@h.csv");
    sameForAnyThreads("fit", dense, "--rank", "4", "--solver", "mu", "--init", "random",
        "--restarts", "3", "--seed", "9", "--out-w", "@w.npy", "--out-h", "@h.txt");
    sameForAnyThreads("fit", sparse, "--rank", "3", "--loss", "kl", "--alpha-w", "0.1",
        "--out-w", "@w.mtx");
    sameForAnyThreads("fit", sparse, "--rank", "3", "--mini-batch", "--batch-size", "20",
        "--max-iter", "20", "--out-h", "@h.npy");
    sameForAnyThreads("fit", missing, "--rank", "3", "--missing", "ignore", "--out-imputed",
        "@full.tsv", "--out-w", "@w.npy");
    sameForAnyThreads("fit", dense, "--rank", "3", "--beta-loss", "0.5", "--out-h", "@h.npy");
  }

  @Test
  void clusterIsTheSameForAnyThreadCount() throws IOException {
    sameForAnyThreads("cluster", dense, "--k", "4", "--restarts", "3", "--seed", "2",
        "--labels-out", "@l.npy", "--out-centroids", "@c.csv");
    sameForAnyThreads("cluster", sparse, "--k", "4", "--method", "mini-batch", "--batch-size",
        "16", "--labels-out", "@l.txt", "--out-centroids", "@c.npy");
    sameForAnyThreads("cluster", sparse, "--k", "4", "--method", "nmf", "--init", "random",
        "--restarts", "2", "--labels-out", "@l.csv");
    sameForAnyThreads("cluster", dense, "--k", "4", "--method", "agglomerative", "--linkage",
        "average", "--labels-out", "@l.csv");
    sameForAnyThreads("cluster", dense, "--k", "4", "--method", "spectral", "--gamma", "0.1",
        "--labels-out", "@l.csv");
    sameForAnyThreads("cluster", dense, "--k", "4", "--method", "spectral", "--affinity",
        "nearest-neighbors", "--assign-labels", "discretize", "--labels-out", "@l.csv");
  }

  @Test
  void pcaAndRankAreTheSameForAnyThreadCount() throws IOException {
    sameForAnyThreads("pca", dense, "--components", "5", "--solver", "randomized", "--seed",
        "3", "--out-scores", "@s.npy", "--out-components", "@c.csv", "--out-mean", "@m.npy");
    sameForAnyThreads("pca", sparse, "--variance", "0.6", "--out-scores", "@s.npy");
    sameForAnyThreads("rank", missing, "--ranks", "2:5", "--repeats", "2", "--seed", "4",
        "--plot", "@p.png");
    sameForAnyThreads("rank", dense, "--ranks", "3,4", "--method", "consensus", "--runs", "4",
        "--plot", "@p.png");
  }

  @Test
  void imageCommandsAndTheDemoAreTheSameForAnyThreadCount() throws IOException {
    sameForAnyThreads("compress", image, "--out", "@o.png", "--rank", "4");
    sameForAnyThreads("compress", image, "--out", "@o.bmp", "--rank", "4", "--layout",
        "side-by-side", "--init", "random", "--restarts", "2");
    sameForAnyThreads("compress", image, "--out", "@o.png", "--method", "kmeans", "--colors",
        "5", "--restarts", "2");
    sameForAnyThreads("segment", image, "--out", "@seg.png", "--overlay", "@over.png",
        "--window", "8", "--stride", "3", "--k", "3", "--seed", "6");
    sameForAnyThreads("demo", "--out", "demo", "--rank", "6", "--max-iter", "10", "--restarts",
        "2", "--seed", "1");
  }
}
