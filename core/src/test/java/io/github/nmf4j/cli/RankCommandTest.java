package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.nmf.RankSelectionResult;
import io.github.nmf4j.nmf.Solver;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankCommandTest {

  @TempDir Path dir;
  Path planted;
  Path blobs;

  /** A planted rank-4 product plus a little noise (40 x 30), and 3 blobs of 10 rows. */
  @BeforeEach
  void writeData() throws IOException {
    SplittableRandom r = new SplittableRandom(3);
    double[] w = r.doubles(40 * 4).toArray();
    double[] h = new double[4 * 30];
    for (int c = 0; c < 4; c++) {
      for (int j = 0; j < 30; j++) {
        h[c * 30 + j] = j % 4 == c ? 1 + r.nextDouble() : 0.05 * r.nextDouble();
      }
    }
    Matrix v = Matrix.wrap(40, 4, w).multiply(Matrix.wrap(4, 30, h))
        .add(Matrix.wrap(40, 30, r.doubles(40 * 30, 0, 0.01).toArray()));
    planted = dir.resolve("planted.npy");
    MatrixIo.write(planted, v);
    double[] b = new double[30 * 9];
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 9; j++) {
        b[i * 9 + j] = (j / 3 == i % 3 ? 5 : 0) + 0.3 * r.nextDouble();
      }
    }
    blobs = dir.resolve("blobs.csv");
    MatrixIo.write(blobs, Matrix.wrap(30, 9, b));
  }

  @Test
  void crossValidationFindsThePlantedRankAndDrawsThePlot() throws IOException {
    Path plot = dir.resolve("cv.png");
    CliRunner r = CliRunner.run("rank", planted.toString(), "--ranks", "2:7", "--holdout", "0.1",
        "--max-iter", "400", "--tol", "1e-6", "--seed", "1", "--plot", plot.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "rank").containsEntry("method", "cv")
        .containsEntry("rows", 40.0).containsEntry("cols", 30.0).containsEntry("bestRank", 4.0)
        .containsEntry("repeats", 3.0).containsEntry("holdout", 0.1)
        .containsEntry("plot", plot.toString())
        .containsKeys("seconds", "testErrors", "standardErrors", "oneStandardErrorRank");
    assertThat(json.get("ranks")).isEqualTo(List.of(2.0, 3.0, 4.0, 5.0, 6.0, 7.0));
    assertThat((List<?>) json.get("testErrors")).hasSize(6);
    assertThat((Double) json.get("oneStandardErrorRank")).isLessThanOrEqualTo(4.0);
    assertThat(r.out()).contains("held-out error", "best rank 4", "wrote " + plot);
    BufferedImage png = ImageIO.read(plot.toFile());
    assertThat(png.getWidth()).isEqualTo(720);
  }

  /**
   * Values near Double.MAX_VALUE: the held-out errors (squares) are beyond the double range. The
   * table still prints; a plot, which cannot draw infinite errors, is not written, and the run
   * fails with exit code 1 (a failure during the work). It exited with 2, the code of an error
   * found before any work, after all the fits.
   */
  @Test
  void heldOutErrorsBeyondTheDoubleRangePrintAndFailOnlyThePlot() throws IOException {
    Path huge = scaled(1020);
    CliRunner table = CliRunner.run("rank", huge.toString(), "--ranks", "1:2", "--seed", "1");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out()).contains("held-out error", "best rank");
    Path plot = dir.resolve("huge.png");
    CliRunner plotted = CliRunner.run("rank", huge.toString(), "--ranks", "1:2", "--seed", "1",
        "--plot", plot.toString(), "--json");
    assertThat(plotted.exitCode()).as(plotted.err()).isEqualTo(1);
    assertThat(plotted.out()).contains("held-out error", "best rank").doesNotContain("{");
    assertThat(plotted.err()).isEqualTo("nmf4j rank: --plot " + plot + ": nothing to plot, the "
        + "held-out error of every rank is beyond the double range (see the table); scale the "
        + "data down to plot it\n");
    assertThat(plot).doesNotExist();
  }

  /**
   * The planted data times 2^516: ranks 1 to 3 have held-out errors beyond the double range,
   * ranks 4 and 5 finite ones. The plot draws ranks 4 and 5, says on stderr which ranks it left
   * out, and the run succeeds.
   */
  @Test
  void ranksWithHeldOutErrorsBeyondTheDoubleRangeAreLeftOutOfThePlot() throws IOException {
    Path plot = dir.resolve("part.png");
    CliRunner r = CliRunner.run("rank", scaled(516).toString(), "--ranks", "1:5", "--seed", "1",
        "--plot", plot.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Infinity", "best rank 4", "wrote " + plot);
    assertThat(r.err()).isEqualTo("nmf4j rank: --plot " + plot + " leaves out ranks 1, 2, 3, "
        + "whose held-out error is beyond the double range (see the table); scale the data down "
        + "to plot every rank\n");
    assertThat(r.json()).containsEntry("plot", plot.toString());
    assertThat(ImageIO.read(plot.toFile()).getWidth()).isEqualTo(720);
  }

  /** The planted matrix times {@code 2^exponent}, written to a file. */
  private Path scaled(int exponent) throws IOException {
    Matrix v = MatrixIo.read(planted);
    double[] a = v.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], exponent);
    }
    Path file = dir.resolve("scaled" + exponent + ".npy");
    MatrixIo.write(file, Matrix.wrap(v.rows(), v.cols(), a));
    return file;
  }

  /**
   * Kullback-Leibler held-out errors of data near Double.MAX_VALUE: a prediction whose sum
   * overflows makes its term infinite, so every mean printed is a number or Infinity, never NaN
   * (which was -infinity + infinity in the divergence).
   */
  @Test
  void klHeldOutErrorsNearTheDoubleLimitAreNeverNaN() throws IOException {
    SplittableRandom rnd = new SplittableRandom(1);
    double[] a = new double[12 * 6];
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(((i / 6) % 3 + 1) * ((i % 6) % 2 + 1) + rnd.nextDouble(), 1017);
    }
    Path huge = dir.resolve("huge-kl.npy");
    MatrixIo.write(huge, Matrix.wrap(12, 6, a));
    for (int seed = 0; seed < 4; seed++) {
      CliRunner r = CliRunner.run("rank", huge.toString(), "--ranks", "1:3", "--loss", "kl",
          "--seed", Integer.toString(seed));
      assertThat(r.exitCode()).as(r.err()).isZero();
      for (String line : r.out().split("\n")) {
        if (line.matches(" +[0-9]+ .*")) {
          assertThat(line.trim().split(" +")[1]).as("seed %d: %s", seed, line)
              .isNotEqualTo("NaN");
        }
      }
    }
  }

  /** The penalty options reach every fit: the scores are the library's for that template. */
  @Test
  void penaltiesApplyToEveryFit() throws IOException {
    CliRunner plain = CliRunner.run("rank", planted.toString(), "--ranks", "3:5", "--seed", "1",
        "--json");
    CliRunner r = CliRunner.run("rank", planted.toString(), "--ranks", "3:5", "--seed", "1",
        "--alpha-w", "0.05", "--l1-ratio", "0.5", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    RankSelectionResult expected = RankSelection.builder().ranks(3, 4, 5).seed(1)
        .nmf(Nmf.builder().solver(Solver.HALS).alphaW(0.05).alphaH(0.05).l1Ratio(0.5))
        .fit(MatrixIo.read(planted));
    assertThat(r.json().get("testErrors")).isEqualTo(
        Arrays.stream(expected.testErrors()).boxed().toList());
    assertThat(r.json().get("testErrors")).isNotEqualTo(plain.json().get("testErrors"));
    CliRunner bad = CliRunner.run("rank", planted.toString(), "--ranks", "3:5",
        "--l1-ratio", "2");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--l1-ratio must be between 0 and 1, was 2.0");
    // without an alpha --l1-ratio would have no effect
    CliRunner alone = CliRunner.run("rank", planted.toString(), "--ranks", "3:5",
        "--l1-ratio", "0.5");
    assertThat(alone.exitCode()).isEqualTo(2);
    assertThat(alone.err()).isEqualTo("nmf4j rank: --l1-ratio 0.5 has no effect without a"
        + " penalty: it splits the penalty of --alpha-w and --alpha-h, which default to 0 (give"
        + " --alpha-w or --alpha-h, or leave --l1-ratio out)\n");
  }

  @Test
  void consensusScoresTheBlobs() {
    CliRunner r = CliRunner.run("rank", blobs.toString(), "--ranks", "2,3,4",
        "--method", "consensus", "--runs", "8", "--max-iter", "100", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("method", "consensus").containsEntry("runs", 8.0)
        .containsEntry("bestRank", 3.0).containsKeys("dispersions", "seconds");
    List<?> cophenetic = (List<?>) json.get("copheneticCorrelations");
    assertThat((Double) cophenetic.get(1)).isGreaterThan(0.99);
    assertThat(r.out()).contains("cophenetic correlation", "best rank 3");
  }

  @Test
  void consensusKeepsASparseFileSparseAndScoresAsItsDenseForm() throws IOException {
    Matrix dense = MatrixIo.read(blobs);
    double[] b = dense.toRowMajorArray();
    for (int q = 0; q < b.length; q++) {
      b[q] = b[q] > 1 ? b[q] : 0; // only the blobs' own columns stored
    }
    Path csv = dir.resolve("sparse-blobs.csv");
    Path npz = dir.resolve("sparse-blobs.npz");
    MatrixIo.write(csv, Matrix.wrap(30, 9, b));
    MatrixIo.write(npz, SparseMatrix.of(Matrix.wrap(30, 9, b)));
    Map<String, Object> fromCsv = null;
    for (Path input : new Path[] {csv, npz}) {
      CliRunner r = CliRunner.run("rank", input.toString(), "--ranks", "2,3,4",
          "--method", "consensus", "--runs", "6", "--max-iter", "100", "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      Map<String, Object> json = r.json();
      assertThat(json).containsEntry("bestRank", 3.0);
      if (fromCsv == null) {
        fromCsv = json;
        assertThat(json).doesNotContainKey("storedValues");
      } else {
        assertThat(r.out()).contains("(30x9 sparse, 90 stored)");
        assertThat(json).containsEntry("storedValues", 90.0)
            .containsEntry("copheneticCorrelations", fromCsv.get("copheneticCorrelations"))
            .containsEntry("dispersions", fromCsv.get("dispersions"));
      }
    }
  }

  /** Consensus takes the 1000 rows of a file too wide for a dense copy: cv's refusal names it. */
  @Test
  void crossValidationOfASparseFileTooLargeToDensifyNamesConsensus() throws IOException {
    Path wide = dir.resolve("wide.mtx");
    Files.writeString(wide, "%%MatrixMarket matrix coordinate real general\n"
        + "1000 3000000 3\n1 1 1.0\n2 5 2.0\n1000 3000000 3.0\n");
    CliRunner r = CliRunner.run("rank", wide.toString(), "--ranks", "2:3");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j rank: " + wide + " is a 1000x3000000 sparse matrix; "
        + "--method cv needs it dense, 3000000000 values, more than a Java array holds; "
        + "--method consensus keeps it sparse, and --missing ignore does if its unstored "
        + "entries are unknown\n");
  }

  /**
   * A sparse file too large for cv's dense copy and, with 60000 rows, for consensus: neither
   * refusal points at the other method, both say what can work instead.
   */
  @Test
  void aSparseFileTooLargeForBothMethodsGetsNoCircularAdvice() throws IOException {
    String huge = corners("huge.mtx", 60000).toString();
    assertThat(refusal("rank", huge, "--ranks", "2:3")).isEqualTo("nmf4j rank: " + huge
        + " is a 60000x60000 sparse matrix; --method cv needs it dense, 3600000000 values, more "
        + "than a Java array holds; --missing ignore keeps it sparse if its unstored entries are "
        + "unknown; if they are zeros, use a smaller file (--method consensus cannot take its "
        + "60000 rows either)\n");
    assertThat(refusal("rank", huge, "--ranks", "2:3", "--method", "consensus", "--runs", "1"))
        .isEqualTo("nmf4j rank: " + huge + " has 60000 rows; --method consensus counts how "
        + "often each pair of rows is clustered together, in an n x n array, and takes at most "
        + "46340 rows (use a file with fewer rows, or --method cv with --missing ignore if its "
        + "unstored entries are unknown (as zeros, cv needs a dense copy, which does not fit "
        + "either))\n");
    // with --missing ignore cv keeps the file sparse, so consensus's refusal names it plainly
    assertThat(refusal("rank", huge, "--ranks", "2:3", "--method", "consensus", "--runs", "1",
        "--missing", "ignore")).endsWith("takes at most 46340 rows (use --method cv)\n");
  }

  /**
   * 40000 x 40000 fits in one Java array but not in the tests' 2 GB heap (12.8 GB), nor do
   * consensus's n x n arrays (51.2 GB): more heap is among the advice, the other method is not.
   */
  @Test
  void aSparseFileBeyondTheHeapForBothMethodsGetsNoCircularAdvice() throws IOException {
    String big = corners("big.mtx", 40000).toString();
    assertThat(refusal("rank", big, "--ranks", "2:3")).startsWith("nmf4j rank: " + big
        + " is a 40000x40000 sparse matrix; --method cv needs it dense, 12.8 GB, and Java may "
        + "use ").endsWith(" more (-Xmx); --missing ignore keeps it sparse if its unstored "
        + "entries are unknown; if they are zeros, use a smaller file or give Java more with "
        + "-Xmx (--method consensus cannot take its 40000 rows either)\n");
    assertThat(refusal("rank", big, "--ranks", "2:3", "--method", "consensus", "--runs", "1"))
        .startsWith("nmf4j rank: --method consensus holds n x n matrices for the 40000 rows of "
        + big + " (about 32 n^2 bytes), 51.2 GB, and Java may use ").endsWith(" more (-Xmx); "
        + "give Java more with -Xmx, or use a file with fewer rows, or --method cv with "
        + "--missing ignore if its unstored entries are unknown (as zeros, cv needs a dense "
        + "copy, which does not fit either)\n");
  }

  /** A square Matrix Market file of {@code size} rows storing its first and last entries. */
  private Path corners(String name, int size) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "%%MatrixMarket matrix coordinate real general\n" + size + " "
        + size + " 2\n1 1 1.0\n" + size + " " + size + " 2.0\n");
    return file;
  }

  /** What the command line prints on standard error for {@code args}, refused with status 2. */
  private static String refusal(String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    return r.err();
  }

  /**
   * Cross-validation reads a sparse file densely without --missing ignore, but the file is
   * still sparse: the header and the JSON say how many values it stores, as for consensus.
   */
  @Test
  void crossValidationOfASparseFileReportsItsStoredValues() throws IOException {
    Path npz = dir.resolve("planted.npz");
    MatrixIo.write(npz, SparseMatrix.of(MatrixIo.read(planted)));
    CliRunner r = CliRunner.run("rank", npz.toString(), "--ranks", "2,3", "--max-iter", "50",
        "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "cv").containsEntry("storedValues", 1200.0);
    assertThat(r.out()).contains("(40x30 sparse, 1200 stored) by cross-validation");
  }

  /**
   * The planted rank-4 product of {@link #writeData} with about 60% of its entries kept: as a
   * sparse .npz (the rest unstored) and as a CSV with NaN in their place.
   */
  private Path[] ratings() throws IOException {
    Matrix v = MatrixIo.read(planted);
    double[] a = v.toRowMajorArray();
    SplittableRandom r = new SplittableRandom(11);
    List<Integer> rows = new java.util.ArrayList<>();
    List<Integer> cols = new java.util.ArrayList<>();
    List<Double> values = new java.util.ArrayList<>();
    for (int e = 0; e < a.length; e++) {
      if (r.nextDouble() < 0.6) {
        rows.add(e / v.cols());
        cols.add(e % v.cols());
        values.add(a[e]);
      } else {
        a[e] = Double.NaN;
      }
    }
    Path npz = dir.resolve("ratings.npz");
    MatrixIo.write(npz, SparseMatrix.fromTriplets(v.rows(), v.cols(),
        rows.stream().mapToInt(Integer::intValue).toArray(),
        cols.stream().mapToInt(Integer::intValue).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray(), true));
    Path csv = dir.resolve("ratings.csv");
    MatrixIo.write(csv, Matrix.wrap(v.rows(), v.cols(), a));
    return new Path[] {npz, csv};
  }

  @Test
  void missingIgnoreCrossValidatesASparseFileOnItsStoredEntries() throws IOException {
    Path[] files = ratings();
    CliRunner r = CliRunner.run("rank", files[0].toString(), "--ranks", "2:6", "--holdout",
        "0.1", "--missing", "ignore", "--max-iter", "400", "--tol", "1e-6", "--seed", "1",
        "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "cv").containsEntry("bestRank", 4.0)
        .containsKey("storedValues");
    assertThat(r.out()).contains("sparse, ");
    // the same held-out entries and, from random starts, the same fits as the CSV with NaN
    // (multiplicative updates: masked HALS takes another path to the same fixed points on
    // each form)
    List<?> errors = null;
    for (Path input : files) {
      CliRunner same = CliRunner.run("rank", input.toString(), "--ranks", "2,4", "--missing",
          "ignore", "--solver", "mu", "--init", "random", "--max-iter", "50", "--tol", "0",
          "--json");
      assertThat(same.exitCode()).as(same.err()).isZero();
      List<?> e = (List<?>) same.json().get("testErrors");
      if (errors == null) {
        errors = e;
      } else {
        for (int i = 0; i < e.size(); i++) {
          double expected = (Double) errors.get(i);
          assertThat((Double) e.get(i)).isCloseTo(expected, within(1e-6 * expected));
        }
      }
    }
    // without --missing ignore the unstored entries are zeros, held out and scored like any
    CliRunner zeros = CliRunner.run("rank", files[0].toString(), "--ranks", "2,4", "--json");
    assertThat(zeros.exitCode()).as(zeros.err()).isZero();
    assertThat(zeros.json().get("testErrors")).isNotEqualTo(errors);
  }

  @Test
  void missingIgnoreLetsConsensusFitNaNEntries() throws IOException {
    Path nan = withEntries(blobs, "blobs-nan.csv", Double.NaN, 4, 40, 100);
    CliRunner r = CliRunner.run("rank", nan.toString(), "--ranks", "2,3,4", "--method",
        "consensus", "--runs", "6", "--max-iter", "100", "--missing", "ignore", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<?> cophenetic = (List<?>) r.json().get("copheneticCorrelations");
    assertThat((Double) cophenetic.get(1)).isGreaterThan(0.99);
    CliRunner refused = CliRunner.run("rank", nan.toString(), "--ranks", "2,3", "--method",
        "consensus", "--runs", "2");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("NaN");
  }

  @Test
  void ranksAreParsedAsRangesStepsAndLists() {
    assertThat(RankCommand.parseRanks("2:5")).containsExactly(2, 3, 4, 5);
    assertThat(RankCommand.parseRanks(" 2:10:4 ")).containsExactly(2, 6, 10);
    assertThat(RankCommand.parseRanks("5,2, 3,5")).containsExactly(2, 3, 5);
    // an integer beyond the int range is too large, not malformed
    assertThatThrownBy(() -> RankCommand.parseRanks("2:99999999999"))
        .hasMessage("--ranks must each be between 1 and 2147483647, was '2:99999999999'");
    assertThatThrownBy(() -> RankCommand.parseRanks("2:x"))
        .hasMessage("--ranks must be FROM:TO, FROM:TO:STEP or a list like 2,3,5, was '2:x'");
    assertThat(RankCommand.consensusBestRank(new int[] {2, 3, 4, 5},
        new double[] {0.99, 0.98, 0.97, 0.6})).isEqualTo(4);
    assertThat(RankCommand.consensusBestRank(new int[] {2, 3}, new double[] {0.9, 0.95}))
        .isEqualTo(3);
  }

  /**
   * Regression: rank 1 puts every row in one cluster in every run, so its cophenetic
   * correlation is 1 by construction, and its fall to rank 2 won: {@code --ranks 1:5} on the
   * digits chose 1 (1, 0.841, 0.865, 0.834, 0.811 for 10 runs), where {@code 2:5} chooses 3.
   */
  @Test
  void consensusNeverChoosesRankOneBesideOtherRanks() {
    assertThat(RankCommand.consensusBestRank(new int[] {1, 2, 3, 4, 5},
        new double[] {1, 0.841, 0.865, 0.834, 0.811})).isEqualTo(3);
    assertThat(RankCommand.consensusBestRank(new int[] {1, 2, 3},
        new double[] {1, 0.8, 0.9})).isEqualTo(3);
    assertThat(RankCommand.consensusBestRank(new int[] {1, 2}, new double[] {1, 0.7}))
        .isEqualTo(2);
    assertThat(RankCommand.consensusBestRank(new int[] {1}, new double[] {1})).isEqualTo(1);
    CliRunner r = CliRunner.run("rank", blobs.toString(), "--ranks", "1:4",
        "--method", "consensus", "--runs", "8", "--max-iter", "100", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("bestRank", 3.0);
  }

  @Test
  void badUsageExitsWithTwoAndWritesNothing() throws IOException {
    Path plot = dir.resolve("x.png");
    for (String[] args : new String[][] {
        {"rank", planted.toString()},
        {"rank", planted.toString(), "--ranks", "5:2"},
        {"rank", planted.toString(), "--ranks", "0:3"},
        {"rank", planted.toString(), "--ranks", "two"},
        {"rank", planted.toString(), "--ranks", "2:4", "--holdout", "1"},
        {"rank", planted.toString(), "--ranks", "2:4", "--method", "pca"},
        {"rank", planted.toString(), "--ranks", "2:4", "--runs", "5"},
        {"rank", planted.toString(), "--ranks", "2:4", "--method", "consensus",
            "--init", "nndsvd"},
        {"rank", planted.toString(), "--ranks", "2:4", "--plot", dir.resolve("x.jpg").toString()},
        {"rank", planted.toString(), "--ranks", "2:2000"},
        {"rank", dir.resolve("missing.npy").toString(), "--ranks", "2:4", "--plot",
            plot.toString()}}) {
      CliRunner r = CliRunner.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).startsWith("nmf4j rank: ");
    }
    assertThat(Files.exists(plot)).isFalse();
    Path negative = dir.resolve("neg.csv");
    MatrixIo.write(negative, Matrix.of(new double[][] {{1, 2}, {3, -1}}));
    CliRunner r = CliRunner.run("rank", negative.toString(), "--ranks", "1:2");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("-1");
  }

  /** Reads {@code from}, sets the given flat entries to {@code value} and writes {@code to}. */
  private Path withEntries(Path from, String to, double value, int... entries)
      throws IOException {
    Matrix v = MatrixIo.read(from);
    double[] a = v.toRowMajorArray();
    for (int e : entries) {
      a[e] = value;
    }
    Path out = dir.resolve(to);
    MatrixIo.write(out, Matrix.wrap(v.rows(), v.cols(), a));
    return out;
  }

  @Test
  void aHoldoutThatHidesNoEntryOrAllNamesTheOption() throws IOException {
    Path small = dir.resolve("small.csv");
    MatrixIo.write(small, Matrix.of(new double[][] {{1, 2, 3}, {4, Double.NaN, 6}}));
    CliRunner r = CliRunner.run("rank", small.toString(), "--ranks", "1:2", "--holdout", "0.05");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j rank: --holdout 0.05 of the 5 observed entries of "
        + small + " (2x3) holds out 0; it must hold out at least one and keep at least one "
        + "(raise --holdout)\n");
    r = CliRunner.run("rank", small.toString(), "--ranks", "1:2", "--holdout", "0.95");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--holdout 0.95 of the 5 observed entries of " + small
        + " (2x3) holds out 5; it must hold out at least one and keep at least one "
        + "(lower --holdout)");
    r = CliRunner.run("rank", small.toString(), "--ranks", "1:2", "--holdout", "0.2",
        "--max-iter", "5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path empty = dir.resolve("empty.csv");
    MatrixIo.write(empty, Matrix.of(new double[][] {{Double.NaN, Double.NaN}}));
    r = CliRunner.run("rank", empty.toString(), "--ranks", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j rank: " + empty + ": every value is NaN, a missing "
        + "value; NMF needs at least one value that is not\n");
  }

  /**
   * A single row: every held-out entry is alone in its column, no rank can predict it, and
   * every rank scored the same ("best rank 1"). Refused with exit code 2 before any fit.
   */
  @Test
  void aHoldoutNoRankCanPredictIsRefusedWithTwo() throws IOException {
    Path row = dir.resolve("row.npy");
    MatrixIo.write(row, Matrix.wrap(1, 10, new SplittableRandom(4).doubles(10, 1, 2).toArray()));
    CliRunner r = CliRunner.run("rank", row.toString(), "--ranks", "1:2", "--holdout", "0.2");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("nmf4j rank: a holdout fraction of 0.2 holds out 2 of the 10 "
        + "observed entries of the 1x10 matrix, and in repeat 1 of 3 each of them lies in a row "
        + "or a column with no other observed entry left to fit")
        .endsWith("use a lower holdout fraction, or a matrix with more rows and columns\n");
  }

  @Test
  void anSvdStartBeyondMinRowsColsNamesInitAndRanks() {
    CliRunner r = CliRunner.run("rank", blobs.toString(), "--ranks", "8:10", "--init",
        "nndsvdar");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j rank: --init nndsvdar needs --ranks <= min(rows, cols)"
        + " = 9 for the 30x9 matrix of " + blobs + ", was 10 (use --init random, or leave "
        + "--init out)\n");
  }

  @Test
  void consensusOnTooManyRowsNamesTheFileAndTheMethod() throws IOException {
    Path tall = dir.resolve("tall.csv");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= io.github.nmf4j.nmf.Consensus.MAX_ROWS; i++) {
      sb.append(i % 7 + 1).append(",1\n");
    }
    Files.writeString(tall, sb);
    CliRunner r = CliRunner.run("rank", tall.toString(), "--ranks", "1", "--method",
        "consensus", "--runs", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j rank: " + tall + " has 46341 rows; --method consensus"
        + " counts how often each pair of rows is clustered together, in an n x n array, and "
        + "takes at most 46340 rows (use --method cv)\n");
  }

  /** 46,340 rows need about 69 GB of n x n arrays: refused before the first fit. */
  @Test
  void consensusBeyondTheHeapIsRefusedBeforeAnyFit() throws IOException {
    Path tall = dir.resolve("tall.mtx");
    Files.writeString(tall, "%%MatrixMarket matrix coordinate real general\n"
        + "46340 2 2\n1 1 1.0\n46340 2 2.0\n");
    CliRunner r = CliRunner.run("rank", tall.toString(), "--ranks", "1", "--method",
        "consensus", "--runs", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j rank: --method consensus holds n x n matrices for "
        + "the 46340 rows of " + tall + " (about 32 n^2 bytes), 68.7 GB, and Java may use ")
        .endsWith("more (-Xmx); give Java more with -Xmx, or use --method cv\n");
  }

  @Test
  void consensusNamesTheInitOptionItCannotTake() {
    CliRunner r = CliRunner.run("rank", blobs.toString(), "--ranks", "2:3", "--method",
        "consensus", "--init", "nndsvda");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j rank: --method consensus needs --init random (or no "
        + "--init): its runs differ only by their seed, so --init nndsvda would repeat one "
        + "run\n");
  }

  @Test
  void crossValidationTreatsNaNEntriesOfCsvAndNpyAsMissing() throws IOException {
    int[] gaps = new SplittableRandom(5).ints(60, 0, 40 * 30).toArray();
    for (String name : new String[] {"gaps.csv", "gaps.npy"}) {
      Path gappy = withEntries(planted, name, Double.NaN, gaps);
      CliRunner r = CliRunner.run("rank", gappy.toString(), "--ranks", "2:6", "--holdout",
          "0.1", "--max-iter", "400", "--tol", "1e-6", "--seed", "1", "--json");
      assertThat(r.exitCode()).as(name + ": " + r.err()).isZero();
      Map<String, Object> json = r.json();
      assertThat(json).containsEntry("method", "cv").containsEntry("bestRank", 4.0);
      assertThat((List<?>) json.get("testErrors")).hasSize(5)
          .allSatisfy(e -> assertThat((Double) e).isFinite());
    }
  }

  @Test
  void nanIsRejectedByConsensusAndInfinityAndNegativesByBothMethods() throws IOException {
    Path nan = withEntries(blobs, "nan.csv", Double.NaN, 9 + 4);
    CliRunner r = CliRunner.run("rank", nan.toString(), "--ranks", "2:3", "--method",
        "consensus", "--runs", "2");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j rank: ").contains(nan + ": NaN at row 2, column 5 "
        + "(counting from 1); NMF needs finite values >= 0; if NaN marks a missing value,"
        + " --missing ignore leaves it out of the fit");
    Path inf = withEntries(withEntries(blobs, "inf.csv", Double.NaN, 0), "inf.csv",
        Double.POSITIVE_INFINITY, 2 * 9 + 1);
    Path negative = withEntries(withEntries(blobs, "neg.npy", Double.NaN, 0), "neg.npy", -2.5,
        9 + 8);
    for (String method : new String[] {"cv", "consensus"}) {
      r = CliRunner.run("rank", inf.toString(), "--ranks", "2:3", "--method", method);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains(inf + ": ", " at row ", "(counting from 1)")
          .contains(method.equals("cv") ? "infinite value Infinity at row 3, column 2"
              : "NaN at row 1, column 1");
      r = CliRunner.run("rank", negative.toString(), "--ranks", "2:3", "--method", method);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains(method.equals("cv") ? "negative value -2.5 at row 2, column 9"
          : "NaN at row 1, column 1");
    }
  }
}
