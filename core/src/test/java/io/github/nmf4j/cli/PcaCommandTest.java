package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.decomposition.PcaSolver;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaCommandTest {

  @TempDir Path dir;
  /** 80 x 40 Gaussian data of any sign, columns of different scales. */
  Path input;
  Matrix x;
  /** 100 x 20: a planted rank-3 matrix plus noise of standard deviation 1e-3. */
  Path planted;
  Matrix lowRank;

  @BeforeEach
  void writeData() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] values = new double[80 * 40];
    for (int i = 0; i < values.length; i++) {
      values[i] = (1 + i % 40) * 0.1 * gaussian(rnd) - 3;
    }
    x = Matrix.wrap(80, 40, values);
    input = dir.resolve("x.npy");
    MatrixIo.write(input, x);

    double[] a = new double[100 * 3];
    double[] b = new double[3 * 20];
    for (int i = 0; i < a.length; i++) {
      a[i] = gaussian(rnd) * (3 - i % 3);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = gaussian(rnd);
    }
    double[] noisy = Matrix.wrap(100, 3, a).multiply(Matrix.wrap(3, 20, b)).toRowMajorArray();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += 1e-3 * gaussian(rnd);
    }
    lowRank = Matrix.wrap(100, 20, noisy);
    planted = dir.resolve("planted.csv");
    MatrixIo.write(planted, lowRank);
    lowRank = MatrixIo.read(planted); // as the command reads it, after the CSV round trip
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = 1 - rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static CliRunner ok(String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    assertThat(r.err()).isEmpty();
    return r;
  }

  private static double[] doubles(Object list) {
    return ((List<?>) list).stream().mapToDouble(o -> (Double) o).toArray();
  }

  @Test
  void ratiosScoresAndComponentsAreTheLibrarysBitForBit() throws IOException {
    Path scores = dir.resolve("scores.npy");
    Path components = dir.resolve("components.csv");
    Path mean = dir.resolve("mean.npy");
    String[][] settings = {{"--components", "3"},
        {"--components", "4", "--solver", "randomized", "--seed", "9"},
        {"--components", "5", "--solver", "exact"}, {}};
    Pca[] library = {Pca.builder().components(3).build(),
        Pca.builder().components(4).solver(PcaSolver.RANDOMIZED).seed(9).build(),
        Pca.builder().components(5).solver(PcaSolver.EXACT).build(), Pca.builder().build()};
    for (int c = 0; c < settings.length; c++) {
      String[] args = Stream.concat(Stream.of("pca", input.toString(), "--out-scores",
          scores.toString(), "--out-components", components.toString(), "--out-mean",
          mean.toString(), "--json"), Stream.of(settings[c])).toArray(String[]::new);
      CliRunner r = ok(args);
      PcaModel model = library[c].fit(x);
      int k = model.componentCount();
      Map<String, Object> json = r.json();
      assertThat(json).containsEntry("command", "pca").containsEntry("rows", 80.0)
          .containsEntry("cols", 40.0).containsEntry("components", (double) k)
          .containsEntry("noiseVariance", model.noiseVariance())
          .containsEntry("outScores", scores.toString()).containsKey("seconds");
      assertThat(doubles(json.get("explainedVarianceRatio")))
          .containsExactly(model.explainedVarianceRatio());
      assertThat(doubles(json.get("explainedVariance")))
          .containsExactly(model.explainedVariance());
      assertThat(MatrixIo.read(scores)).isEqualTo(model.transform(x));
      assertThat(MatrixIo.read(mean)).isEqualTo(Matrix.wrap(1, 40, model.mean()));
      // a CSV keeps 17 significant digits: the exact doubles
      assertThat(MatrixIo.read(components)).isEqualTo(model.components());
      assertThat(r.out()).contains("PCA of " + input + " (80x40): " + k + " components, ",
          "component  explained variance      ratio  cumulative\n",
          "wrote " + scores, "wrote " + components, "wrote " + mean);
      double[] ratio = model.explainedVarianceRatio();
      assertThat(r.out()).contains(String.format(java.util.Locale.ROOT,
          "%9d  %18.6g  %9.6f  %10.6f%n", 2, model.explainedVariance()[1], ratio[1],
          ratio[0] + ratio[1]));
      // the scores, components and mean rebuild the data as inverseTransform does
      assertThat(model.inverseTransform(MatrixIo.read(scores)))
          .isEqualTo(model.inverseTransform(model.transform(x)));
    }
  }

  @Test
  void aPlantedRankThreeMatrixHasItsVarianceInThreeComponents() {
    CliRunner r = ok("pca", planted.toString(), "--components", "5", "--json");
    // auto, and what it chose for 100 x 20
    assertThat(r.out()).contains("5 components, auto solver (exact), ");
    assertThat(r.json()).containsEntry("solver", "auto").containsEntry("solverUsed", "exact");
    double[] ratio = doubles(r.json().get("explainedVarianceRatio"));
    assertThat(ratio).hasSize(5);
    assertThat(ratio[0] + ratio[1] + ratio[2]).isGreaterThan(0.99999).isLessThanOrEqualTo(1.0);
    assertThat(ratio[3]).isLessThan(1e-5);
    assertThat((Double) r.json().get("cumulativeRatio")).isGreaterThan(0.99999);
  }

  @Test
  void varianceKeepsTheFewestComponentsAboveTheShare() throws IOException {
    double[] all = Pca.builder().fit(lowRank).explainedVarianceRatio();
    // the planted components explain very different shares, so each threshold picks another K
    assertThat(all[0]).isLessThan(0.9);
    assertThat(all[0] + all[1]).isLessThan(0.99);
    Path scores = dir.resolve("scores.npy");
    Path components = dir.resolve("components.npy");
    for (double share : new double[] {all[0] / 2, all[0], 0.9, 0.99, 0.999999999}) {
      int expected = 0;
      double sum = 0;
      while (expected < all.length && sum <= share) {
        sum += all[expected++];
      }
      CliRunner r = ok("pca", planted.toString(), "--variance", Double.toString(share),
          "--out-scores", scores.toString(), "--out-components", components.toString(),
          "--json");
      assertThat(r.json()).as("share " + share).containsEntry("components", (double) expected)
          .containsEntry("variance", share).containsEntry("cumulativeRatio", sum)
          .containsEntry("solver", "exact").containsEntry("solverUsed", "exact");
      // the solver that ran, not "auto"
      assertThat(r.out()).contains(expected + (expected == 1 ? " component" : " components")
          + " (the fewest explaining more than "
          + share + " of the variance), exact solver, ");
      // the same as an exact fit of that many components
      PcaModel model = Pca.builder().components(expected).solver(PcaSolver.EXACT).fit(lowRank);
      assertThat(doubles(r.json().get("explainedVarianceRatio")))
          .containsExactly(model.explainedVarianceRatio());
      assertThat(MatrixIo.read(components)).isEqualTo(model.components());
      assertThat(MatrixIo.read(scores)).isEqualTo(model.transform(lowRank));
    }
    assertThat(PcaCommand.fewest(new double[] {0.5, 0.3, 0.2}, 0.8)).isEqualTo(3);
    assertThat(PcaCommand.fewest(new double[] {0.5, 0.3, 0.2}, 0.79)).isEqualTo(2);
    assertThat(PcaCommand.fewest(new double[] {0, 0, 0}, 0.5)).isEqualTo(3);
  }

  @Test
  void aSparseFileIsCopiedDensely() throws IOException {
    Path sparse = dir.resolve("planted.npz");
    MatrixIo.write(sparse, SparseMatrix.of(lowRank));
    Path a = dir.resolve("a.npy");
    Path b = dir.resolve("b.npy");
    ok("pca", planted.toString(), "--components", "3", "--out-scores", a.toString());
    CliRunner r = ok("pca", sparse.toString(), "--components", "3", "--out-scores",
        b.toString(), "--json");
    assertThat(r.json()).containsEntry("storedValues", 2000.0);
    assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
  }

  @Test
  void theThreadCountDoesNotChangeTheFiles() throws IOException {
    for (String solver : new String[] {"exact", "randomized"}) {
      byte[][] files = new byte[2][];
      byte[][] comps = new byte[2][];
      String[] threads = {"1", "3"};
      for (int t = 0; t < 2; t++) {
        Path scores = dir.resolve("s" + t + solver + ".npy");
        Path components = dir.resolve("c" + t + solver + ".npy");
        ok("pca", input.toString(), "--components", "4", "--solver", solver, "--threads",
            threads[t], "--out-scores", scores.toString(), "--out-components",
            components.toString());
        files[t] = Files.readAllBytes(scores);
        comps[t] = Files.readAllBytes(components);
      }
      assertThat(files[1]).as(solver).isEqualTo(files[0]);
      assertThat(comps[1]).as(solver).isEqualTo(comps[0]);
    }
  }

  @Test
  void badOptionsAndDataAreRefusedInCommandLineTerms() throws IOException {
    String in = input.toString();
    Path out = dir.resolve("out.npy");
    assertFails("--components 41 is more than min(rows, cols) = 40 of the 80x40 matrix of "
        + in, "pca", in, "--components", "41", "--out-scores", out.toString());
    assertFails("--components must be >= 1, was 0", "pca", in, "--components", "0");
    assertFails("--components and --variance both set the number of components: give one of"
        + " them", "pca", in, "--components", "3", "--variance", "0.9");
    assertFails("--solver must be one of auto, exact, randomized, was 'full'", "pca", in,
        "--solver", "full");
    assertFails("--variance must be between 0 and 1 (exclusive), was 1", "pca", in,
        "--variance", "1");
    assertFails("--variance must be between 0 and 1 (exclusive), was 0", "pca", in,
        "--variance", "0");
    assertFails("--variance must be a finite number >= 0.0, was NaN", "pca", in, "--variance",
        "NaN");
    assertFails("--variance needs the ratios of all components, an exact fit: --solver"
        + " randomized is not available with it", "pca", in, "--variance", "0.5", "--solver",
        "randomized");
    assertFails("--out-scores " + in + " names the same file as the input " + in, "pca", in,
        "--out-scores", in);
    assertFails("--out-components " + out + " names the same file as --out-scores " + out,
        "pca", in, "--out-scores", out.toString(), "--out-components", out.toString());
    assertFails("--out-mean m.png: the file name must end in .csv, .mtx, .npy, .tsv, .txt",
        "pca", in, "--out-mean", "m.png");

    Path nan = dir.resolve("nan.csv");
    Files.writeString(nan, "1,-2,3\n4,5,6\n-7,nan,9\n");
    assertFails(nan + ": NaN at row 3, column 2 (counting from 1); PCA needs finite values",
        "pca", nan.toString(), "--out-scores", out.toString());
    Path inf = dir.resolve("inf.csv");
    Files.writeString(inf, "1,-2,3\n4,5,-inf\n");
    assertFails(inf + ": infinite value -Infinity at row 2, column 3 (counting from 1)", "pca",
        inf.toString());
    Path one = dir.resolve("one.csv");
    Files.writeString(one, "1,-2,3\n");
    assertFails(one + " has 1 row (a 1x3 matrix); PCA needs at least 2 rows", "pca",
        one.toString());
    assertThat(Files.exists(out)).isFalse();

    // negative values are fine: PCA is not NMF
    Path negative = dir.resolve("negative.csv");
    Files.writeString(negative, "1,-2,3\n4,5,-6\n-7,8,9\n");
    assertThat(ok("pca", negative.toString(), "--json").json()).containsEntry("components", 3.0);
  }

  /**
   * Values of either sign near {@code Double.MAX_VALUE}: their centred values (up to twice the
   * largest) overflow, yet many scores are representable. Each score must be that of the same
   * data scaled down by an exact power of two, scaled back up: finite where that is.
   */
  @Test
  void scoresOfDataNearTheDoubleLimitAreThoseOfScaledData() throws IOException {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 30;
    int p = 6;
    double[] unit = new double[n * p];
    double[] big = new double[n * p];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = rnd.nextDouble(-2, 2);
      big[i] = Math.scalb(unit[i], 1023);
    }
    Path small = dir.resolve("unit.npy");
    Path large = dir.resolve("big.npy");
    MatrixIo.write(small, Matrix.wrap(n, p, unit));
    MatrixIo.write(large, Matrix.wrap(n, p, big));
    Path smallScores = dir.resolve("unit-scores.npy");
    Path largeScores = dir.resolve("big-scores.npy");
    ok("pca", small.toString(), "--out-scores", smallScores.toString());
    ok("pca", large.toString(), "--out-scores", largeScores.toString());
    Matrix expected = MatrixIo.read(smallScores);
    Matrix actual = MatrixIo.read(largeScores);
    int representable = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double want = Math.scalb(expected.get(i, j), 1023);
        if (Double.isFinite(want)) {
          representable++;
          assertThat(actual.get(i, j)).as("score (%d, %d)", i, j)
              .isCloseTo(want, org.assertj.core.data.Offset.offset(Math.scalb(1e-9, 1023)));
        } else {
          assertThat(actual.get(i, j)).as("score (%d, %d)", i, j).isEqualTo(want);
        }
      }
    }
    assertThat(representable).isGreaterThan(n * p / 2);
  }

  @Test
  void aSparseFileTooLargeToCopyDenselyIsRefused() throws IOException {
    Path huge = dir.resolve("huge.mtx");
    Files.writeString(huge, "%%MatrixMarket matrix coordinate real general\n"
        + "100000 100000 2\n1 1 1.5\n2 2 -1\n");
    assertFails(huge + " is a 100000x100000 sparse matrix; PCA, which centres the data, needs"
        + " it dense, 10000000000 values, more than a Java array holds; for a sparse reduction"
        + " use nmf4j fit", "pca", huge.toString());
  }

  private static void assertFails(String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j pca: ").contains(message);
    assertThat(r.out()).isEmpty();
  }
}
