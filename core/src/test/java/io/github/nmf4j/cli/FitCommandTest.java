package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {

  /** A planted rank-4 matrix is fitted to this relative error at rank 4. */
  private static final double PLANTED_ERROR = 0.05;

  @TempDir Path dir;
  Path input;

  @BeforeEach
  void writePlanted() throws IOException {
    SplittableRandom rnd = new SplittableRandom(21);
    double[] w = new double[40 * 4];
    double[] h = new double[4 * 30];
    for (int i = 0; i < w.length; i++) {
      w[i] = rnd.nextDouble();
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = rnd.nextDouble();
    }
    input = dir.resolve("v.csv");
    MatrixIo.write(input, Matrix.wrap(40, 4, w).multiply(Matrix.wrap(4, 30, h)));
  }

  @Test
  void fitsWritesFactorsAndReportsTheContractFields() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path outH = dir.resolve("h.csv");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "4", "--max-iter", "500",
        "--out-w", outW.toString(), "--out-h", outH.toString(), "--json");
    Map<String, Object> json = contractFields(r);
    assertThat(json).containsKey("solver");
    assertThat((Double) json.get("relativeError")).isLessThan(PLANTED_ERROR);
    assertThat(json.get("converged")).isInstanceOf(Boolean.class);
    Matrix w = MatrixIo.read(outW);
    Matrix h = MatrixIo.read(outH);
    assertThat(w.shape()).isEqualTo("40x4");
    assertThat(h.shape()).isEqualTo("4x30");
    Matrix v = MatrixIo.read(input);
    double rel = v.subtract(w.multiply(h)).frobeniusNorm() / v.frobeniusNorm();
    assertThat(rel).isCloseTo((Double) json.get("relativeError"),
        org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void optionsReachTheFit() {
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "3", "--loss", "kl",
        "--init", "random", "--solver", "mu", "--max-iter", "7", "--tol", "0", "--seed", "5",
        "--restarts", "2", "--threads", "1", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("loss", "kl").containsEntry("init", "random")
        .containsEntry("solver", "mu").containsEntry("iterations", 7.0)
        .containsEntry("converged", false);
  }

  @Test
  void theSameSeedGivesTheSameFactors() throws IOException {
    Path w1 = dir.resolve("w1.npy");
    Path w2 = dir.resolve("w2.npy");
    CliRunner.run("fit", input.toString(), "--rank", "3", "--out-w", w1.toString(),
        "--threads", "1", "--init", "random");
    CliRunner.run("fit", input.toString(), "--rank", "3", "--out-w", w2.toString(),
        "--threads", "2", "--init", "random");
    assertThat(Files.readAllBytes(w1)).isEqualTo(Files.readAllBytes(w2));
  }

  @Test
  void badInputIsExitCodeTwoAndLeavesNoFile() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path negative = dir.resolve("neg.csv");
    Files.writeString(negative, "1,2\n3,-0.5\n");
    assertFails("negative", "fit", negative.toString(), "--rank", "1", "--out-w",
        outW.toString());
    assertFails("--rank K is required", "fit", input.toString());
    assertFails("--loss must be one of frobenius, kl, was 'l2'", "fit", input.toString(),
        "--rank", "2", "--loss", "l2");
    assertFails("--init must be one of", "fit", input.toString(), "--rank", "2", "--init",
        "svd");
    assertFails("must end in", "fit", input.toString(), "--rank", "2", "--out-h", "h.json");
    assertFails("unknown option --ranks", "fit", input.toString(), "--ranks", "2");
    assertFails("no such file", "fit", dir.resolve("none.npy").toString(), "--rank", "2");
    assertFails("unsupported matrix file", "fit", dir.resolve("v.xlsx").toString(),
        "--rank", "2");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("v.csv", "neg.csv");
    }
  }

  @Test
  void anOutputThatIsADirectoryIsRefusedBeforeAnyFileIsWritten() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path outH = dir.resolve("h.npy");
    Files.createDirectory(outH);
    Files.writeString(outH.resolve("keep"), "x");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "2", "--out-w",
        outW.toString(), "--out-h", outH.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j fit: --out-h " + outH + ": cannot write there: is a"
        + " directory\n");
    assertThat(r.out()).isEmpty();
    assertThat(outW).doesNotExist();
  }

  @Test
  void betaLossAndPenaltiesReachTheFit() {
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "4", "--beta-loss", "1.5",
        "--alpha-w", "0.001", "--l1-ratio", "0.5", "--max-iter", "300", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("loss", "beta=1.5").containsEntry("solver", "mu");
    assertThat((Double) json.get("relativeError")).isLessThan(PLANTED_ERROR);
    CliRunner is = CliRunner.run("fit", input.toString(), "--rank", "4", "--beta-loss",
        "Itakura-Saito", "--json");
    assertThat(is.exitCode()).as(is.err()).isZero();
    assertThat(is.json()).containsEntry("loss", "itakura-saito");
    assertThat(is.out()).contains("itakura-saito loss, mu solver");
  }

  @Test
  void betaAtMostZeroNamesTheFirstZeroCountingFromOne() throws IOException {
    Path zeros = dir.resolve("zeros.csv");
    Files.writeString(zeros, "1,2,3\n4,0,6\n0,8,9\n");
    assertFails("zeros.csv: zero at row 2, column 2, but --beta-loss 0.0 (<= 0) needs positive",
        "fit", zeros.toString(), "--rank", "1", "--beta-loss", "itakura-saito");
    assertFails("--beta-loss -1.0 (<= 0)", "fit", zeros.toString(), "--rank", "1",
        "--beta-loss", "-1");
    assertThat(CliRunner.run("fit", zeros.toString(), "--rank", "1", "--beta-loss", "0.5")
        .exitCode()).isZero();
  }

  @Test
  void badBetaAndPenaltyOptionsAreUsageErrors() {
    String v = input.toString();
    assertFails("--beta-loss replaces --loss", "fit", v, "--rank", "2", "--loss", "kl",
        "--beta-loss", "0");
    assertFails("--beta-loss must be a number or one of frobenius, kullback-leibler,"
        + " itakura-saito, was 'loud'", "fit", v, "--rank", "2",
        "--beta-loss", "loud");
    assertFails("--alpha-w must be a finite number >= 0.0, was -1", "fit", v, "--rank", "2",
        "--alpha-w", "-1");
    assertFails("--l1-ratio must be between 0 and 1, was 1.5", "fit", v, "--rank", "2",
        "--l1-ratio", "1.5");
    // --l1-ratio only splits the penalty of the alphas: without one it has no effect
    String noEffect = "--l1-ratio 0.5 has no effect without a penalty: it splits the penalty"
        + " of --alpha-w and --alpha-h, which default to 0 (give --alpha-w or --alpha-h, or"
        + " leave --l1-ratio out)";
    assertFails(noEffect, "fit", v, "--rank", "2", "--l1-ratio", "0.5");
    assertFails(noEffect, "fit", v, "--rank", "2", "--l1-ratio", "0.5", "--mini-batch");
    assertFails("--l1-ratio 0 has no effect", "fit", v, "--rank", "2", "--l1-ratio", "0");
    // an alpha given, even as 0 (the first value of a sweep), makes --l1-ratio meaningful
    for (String[] alpha : new String[][] {{"--alpha-w", "0.01"}, {"--alpha-h", "0.01"},
        {"--alpha-w", "0"}}) {
      CliRunner r = CliRunner.run("fit", v, "--rank", "2", "--l1-ratio", "0.5", alpha[0],
          alpha[1], "--max-iter", "5");
      assertThat(r.exitCode()).as(String.join(" ", alpha) + "\n" + r.err()).isZero();
    }
    assertFails("--solver hals minimizes the frobenius loss only; use --solver mu with "
        + "--beta-loss kl, or leave --solver out", "fit", v, "--rank", "2", "--solver", "hals",
        "--beta-loss", "kl");
  }

  @Test
  void missingIgnoreNamesTheLossOptionsItCannotTake() {
    String v = input.toString();
    assertFails("--missing ignore works with the frobenius and kl losses only, not --beta-loss"
        + " 0.5 (leave --missing out or use --beta-loss frobenius or kl)", "fit", v, "--rank",
        "2", "--missing", "ignore", "--beta-loss", "0.5");
    assertFails("not --beta-loss itakura-saito", "fit", v, "--rank", "2", "--missing",
        "ignore", "--beta-loss", "itakura-saito");
    for (String beta : new String[] {"kl", "1", "frobenius"}) {
      CliRunner r = CliRunner.run("fit", v, "--rank", "2", "--missing", "ignore",
          "--beta-loss", beta, "--alpha-w", "0", "--max-iter", "5");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
  }

  /**
   * With --missing ignore a sparse file's unstored entries are missing, so one that stores
   * nothing has nothing to fit: the library's refusal named MissingValues.IGNORE and "v".
   */
  @Test
  void missingIgnoreOnASparseFileThatStoresNothingNamesTheFileAndOption() throws IOException {
    Path empty = dir.resolve("empty.mtx");
    MatrixIo.write(empty, SparseMatrix.fromTriplets(3, 4, new int[0], new int[0],
        new double[0]));
    String e = empty.toString();
    assertFails(e + " stores no entry (a 3x4 sparse matrix); with --missing ignore only the "
        + "stored entries are observed, so NMF has nothing to fit (leave --missing out to fit "
        + "zeros)", "fit", e, "--rank", "2", "--missing", "ignore");
    CliRunner r = CliRunner.run("fit", e, "--rank", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void anSvdStartBeyondMinRowsColsNamesInitAndRank() throws IOException {
    Path small = dir.resolve("small.csv");
    MatrixIo.write(small, Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
    String s = small.toString();
    assertFails("--init nndsvda needs --rank <= min(rows, cols) = 2 for the 2x3 matrix of " + s
        + ", was 3 (use --init random, or leave --init out)", "fit", s, "--rank", "3", "--init",
        "nndsvda");
    assertFails("--init nndsvd needs --rank <= min(rows, cols) = 2", "fit", s, "--rank", "3",
        "--init", "nndsvd", "--mini-batch");
    for (String init : new String[] {"random", ""}) {
      CliRunner r = CliRunner.run(Stream.of("fit", s, "--rank", "3", "--max-iter", "5",
          init.isEmpty() ? null : "--init", init.isEmpty() ? null : init)
          .filter(a -> a != null).toArray(String[]::new));
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
  }

  @Test
  void missingIgnoreOnDataWithoutAnyValueNamesTheFile() throws IOException {
    Path empty = dir.resolve("empty.csv");
    MatrixIo.write(empty, Matrix.of(new double[][] {{Double.NaN, Double.NaN}, {Double.NaN,
        Double.NaN}}));
    assertFails(empty + ": every value is NaN, a missing value; NMF needs at least one value"
        + " that is not", "fit", empty.toString(), "--rank", "1", "--missing", "ignore");
  }

  @Test
  void halsWithAnotherLossNamesTheOptions() {
    String v = input.toString();
    assertFails("--solver hals minimizes the frobenius loss only; use --solver mu with --loss"
        + " kl, or leave --solver out", "fit", v, "--rank", "2", "--solver", "hals", "--loss",
        "kl");
    assertFails("use --solver mu with --beta-loss 0.5, or leave --solver out", "fit", v,
        "--rank", "2", "--solver", "hals", "--beta-loss", "0.5");
    assertFails("--solver hals minimizes the frobenius loss only", "fit", v, "--rank", "2",
        "--solver", "hals", "--loss", "kl", "--mini-batch");
    CliRunner r = CliRunner.run("fit", v, "--rank", "2", "--solver", "hals", "--beta-loss",
        "frobenius", "--max-iter", "5");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void missingIgnoreFitsNaNEntriesThatAreRejectedByDefault() throws IOException {
    Matrix v = MatrixIo.read(input);
    double[] a = v.toRowMajorArray();
    for (int e : new SplittableRandom(8).ints(50, 60, a.length).toArray()) {
      a[e] = Double.NaN;
    }
    a[31] = Double.NaN;
    Path gappy = dir.resolve("gaps.npy");
    MatrixIo.write(gappy, Matrix.wrap(40, 30, a));
    String g = gappy.toString();
    assertFails(g + ": NaN at row 2, column 2 (counting from 1); NMF needs finite values >= 0"
        + "; if NaN marks a missing value, --missing ignore leaves it out of the fit",
        "fit", g, "--rank", "4");
    // mini-batch NMF does not take --missing ignore, so its message does not offer it
    CliRunner miniBatch = CliRunner.run("fit", g, "--rank", "4", "--mini-batch");
    assertThat(miniBatch.err()).isEqualTo("nmf4j fit: " + g + ": NaN at row 2, column 2"
        + " (counting from 1); mini-batch NMF needs finite values >= 0\n");
    Path w = dir.resolve("w.npy");
    CliRunner r = CliRunner.run("fit", g, "--rank", "4", "--missing", "ignore", "--max-iter",
        "500", "--tol", "1e-8", "--out-w", w.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat((Double) r.json().get("relativeError")).isLessThan(PLANTED_ERROR);
    assertThat(Arrays.stream(MatrixIo.read(w).toRowMajorArray()).allMatch(Double::isFinite))
        .isTrue();
    assertFails("--missing must be one of", "fit", g, "--rank", "4", "--missing", "zero");
    // with the penalties: the library's penalized masked fit, which shrinks W
    Path penalizedW = dir.resolve("w-penalized.npy");
    CliRunner penalized = CliRunner.run("fit", g, "--rank", "4", "--missing", "ignore",
        "--alpha-w", "0.1", "--solver", "hals", "--max-iter", "50", "--tol", "0", "--seed",
        "3", "--out-w", penalizedW.toString(), "--json");
    assertThat(penalized.exitCode()).as(penalized.err()).isZero();
    Nmf.Builder library = Nmf.builder().rank(4).missingValues(MissingValues.IGNORE)
        .solver(Solver.HALS).maxIterations(50).tolerance(0).seed(3);
    NmfModel expected = library.alphaW(0.1).fit(MatrixIo.read(gappy));
    assertThat(MatrixIo.read(penalizedW).toRowMajorArray())
        .containsExactly(expected.w().toRowMajorArray());
    assertThat((Double) penalized.json().get("relativeError"))
        .isEqualTo(expected.relativeError());
    assertThat(expected.w().frobeniusNorm())
        .isLessThan(0.9 * library.alphaW(0).fit(MatrixIo.read(gappy)).w().frobeniusNorm());
    a[31] = Double.NEGATIVE_INFINITY;
    MatrixIo.write(gappy, Matrix.wrap(40, 30, a));
    assertFails(g + ": infinite value -Infinity at row 2, column 2 (counting from 1)", "fit", g,
        "--rank", "4", "--missing", "ignore");
    a[31] = -0.5;
    MatrixIo.write(gappy, Matrix.wrap(40, 30, a));
    assertFails(g + ": negative value -0.5 at row 2, column 2 (counting from 1)", "fit", g,
        "--rank", "4", "--missing", "ignore");
  }

  /** The planted matrix with 60 entries (and row 2, column 2) NaN, written to gaps.npy. */
  private Path gappy() throws IOException {
    double[] a = MatrixIo.read(input).toRowMajorArray();
    for (int e : new SplittableRandom(8).ints(60, 0, a.length).toArray()) {
      a[e] = Double.NaN;
    }
    a[31] = Double.NaN;
    Path gappy = dir.resolve("gaps.npy");
    MatrixIo.write(gappy, Matrix.wrap(40, 30, a));
    return gappy;
  }

  @Test
  void outImputedWritesTheInputCompletedAsTheLibrarysImpute() throws IOException {
    Path gappy = gappy();
    Matrix gaps = MatrixIo.read(gappy);
    Path imputed = dir.resolve("imputed.npy");
    Path imputedCsv = dir.resolve("imputed.csv");
    for (Path out : new Path[] {imputed, imputedCsv}) {
      CliRunner r = CliRunner.run("fit", gappy.toString(), "--rank", "4", "--missing", "ignore",
          "--max-iter", "100", "--seed", "3", "--out-imputed", out.toString(), "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.json()).containsEntry("outImputed", out.toString());
      assertThat(r.out()).contains("wrote " + out);
    }
    NmfModel model = Nmf.builder().rank(4).missingValues(MissingValues.IGNORE)
        .solver(Solver.HALS).maxIterations(100).seed(3).fit(gaps);
    double[] expected = model.impute(gaps).toRowMajorArray();
    assertThat(MatrixIo.read(imputed).toRowMajorArray()).containsExactly(expected);
    assertThat(MatrixIo.read(imputedCsv).toRowMajorArray()).containsExactly(expected);
    // the observed entries are kept, the missing ones are (WH)_ij
    double[] v = gaps.toRowMajorArray();
    double[] wh = model.w().multiply(model.h()).toRowMajorArray();
    for (int e = 0; e < v.length; e++) {
      if (Double.isNaN(v[e])) {
        assertThat(expected[e]).isCloseTo(wh[e], org.assertj.core.api.Assertions.within(1e-12));
      } else {
        assertThat(expected[e]).isEqualTo(v[e]);
      }
    }
  }

  @Test
  void outImputedOfASparseFileFillsItsUnstoredEntries() throws IOException {
    // the gaps as a sparse file: the planted values are positive, so NaN -> 0 is unstored
    double[] a = MatrixIo.read(gappy()).toRowMajorArray();
    double[] zeros = a.clone();
    for (int e = 0; e < zeros.length; e++) {
      zeros[e] = Double.isNaN(zeros[e]) ? 0 : zeros[e];
    }
    SparseMatrix sparse = SparseMatrix.of(Matrix.wrap(40, 30, zeros));
    assertThat(sparse.nonZeros()).isEqualTo(Arrays.stream(a).filter(x -> !Double.isNaN(x))
        .count());
    Path npz = dir.resolve("gaps.npz");
    MatrixIo.write(npz, sparse);
    Path imputed = dir.resolve("imputed.npy");
    CliRunner r = CliRunner.run("fit", npz.toString(), "--rank", "4", "--missing", "ignore",
        "--solver", "mu", "--max-iter", "50", "--seed", "2", "--out-imputed",
        imputed.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("storedValues", (double) sparse.nonZeros());
    NmfModel model = Nmf.builder().rank(4).missingValues(MissingValues.IGNORE).maxIterations(50)
        .seed(2).fit(sparse);
    assertThat(MatrixIo.read(imputed).toRowMajorArray())
        .containsExactly(model.impute(sparse).toRowMajorArray());
  }

  @Test
  void outImputedIsRefusedByNameWhereItCannotApply() throws IOException {
    String v = input.toString();
    String out = dir.resolve("imputed.npy").toString();
    assertFails("--out-imputed needs --missing ignore", "fit", v, "--rank", "2",
        "--out-imputed", out);
    assertFails("--out-imputed needs --missing ignore", "fit", v, "--rank", "2", "--missing",
        "reject", "--out-imputed", out);
    assertFails("--out-imputed is not available with --mini-batch", "fit", v, "--rank", "2",
        "--mini-batch", "--out-imputed", out);
    assertFails("--out-imputed is not available with --mini-batch", "fit", v, "--rank", "2",
        "--mini-batch", "--missing", "ignore", "--out-imputed", out);
    assertFails("--out-imputed " + dir.resolve("imputed.json") + ": the file name must end in",
        "fit", v, "--rank", "2", "--missing", "ignore", "--out-imputed",
        dir.resolve("imputed.json").toString());
    assertFails("--out-imputed " + v + " names the same file as the input", "fit", v, "--rank",
        "2", "--missing", "ignore", "--out-imputed", v);
    // a sparse file whose dense form no Java array holds is refused before the fit
    Path big = dir.resolve("big.mtx");
    MatrixIo.write(big, SparseMatrix.fromTriplets(100_000, 100_000, new int[] {7},
        new int[] {9}, new double[] {1}));
    assertFails(big + " is a 100000x100000 sparse matrix; --out-imputed needs it dense,"
        + " 10000000000 values, more than a Java array holds; leave"
        + " --out-imputed out and write W and H (--out-w, --out-h)", "fit", big.toString(),
        "--rank", "1", "--missing", "ignore", "--out-imputed", out);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("v.csv", "big.mtx");
    }
  }

  @Test
  void miniBatchFitsAsTheLibraryAndReportsTheContractFields() throws IOException {
    Path outW = dir.resolve("w.npy");
    Path outH = dir.resolve("h.npy");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "4", "--mini-batch",
        "--batch-size", "16", "--max-iter", "300", "--tol", "0", "--seed", "3", "--out-w",
        outW.toString(), "--out-h", outH.toString(), "--json");
    Map<String, Object> json = contractFields(r);
    assertThat(json).containsEntry("solver", "mini-batch").containsEntry("batchSize", 16.0);
    assertThat(r.out()).contains("frobenius loss, mini-batch solver, nndsvda start");
    NmfModel expected = MiniBatchNmf.builder().rank(4).batchSize(16).maxIterations(300)
        .tolerance(0).seed(3).fit(MatrixIo.read(input));
    assertThat(MatrixIo.read(outW).toRowMajorArray())
        .containsExactly(expected.w().toRowMajorArray());
    assertThat(MatrixIo.read(outH).toRowMajorArray())
        .containsExactly(expected.h().toRowMajorArray());
    assertThat((Double) json.get("iterations")).isEqualTo(expected.iterations());
    assertThat((Double) json.get("relativeError")).isEqualTo(expected.relativeError())
        .isLessThan(PLANTED_ERROR);
  }

  @Test
  void miniBatchOptionsReachTheFit() throws IOException {
    Path outW = dir.resolve("w.npy");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "3", "--mini-batch",
        "--beta-loss", "0.5", "--init", "random", "--solver", "mu", "--restarts", "1",
        "--max-iter", "2", "--tol", "0", "--seed", "5", "--threads", "1", "--alpha-w", "0.01",
        "--alpha-h", "0.02", "--l1-ratio", "0.5", "--batch-size", "7", "--out-w",
        outW.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("loss", "beta=0.5").containsEntry("init", "random")
        .containsEntry("solver", "mini-batch").containsEntry("batchSize", 7.0)
        .containsEntry("iterations", 2.0).containsEntry("converged", false);
    NmfModel expected = MiniBatchNmf.builder().rank(3).betaLoss(0.5)
        .initialization(Initialization.RANDOM).maxIterations(2).tolerance(0).seed(5)
        .alphaW(0.01).alphaH(0.02).l1Ratio(0.5).batchSize(7).fit(MatrixIo.read(input));
    assertThat(MatrixIo.read(outW).toRowMajorArray())
        .containsExactly(expected.w().toRowMajorArray());
    CliRunner kl = CliRunner.run("fit", input.toString(), "--rank", "3", "--mini-batch",
        "--loss", "kl", "--json");
    assertThat(kl.exitCode()).as(kl.err()).isZero();
    assertThat(kl.json()).containsEntry("loss", "kl").containsEntry("batchSize", 1024.0);
    assertThat((Double) kl.json().get("reconstructionError")).isEqualTo(MiniBatchNmf.builder()
        .rank(3).loss(Loss.KULLBACK_LEIBLER).fit(MatrixIo.read(input)).reconstructionError());
  }

  @Test
  void miniBatchGivesTheSameFactorsForAnyThreadCount() throws IOException {
    Path w1 = dir.resolve("w1.npy");
    Path w2 = dir.resolve("w2.npy");
    CliRunner.run("fit", input.toString(), "--rank", "3", "--mini-batch", "--batch-size", "8",
        "--out-w", w1.toString(), "--threads", "1", "--init", "random");
    CliRunner.run("fit", input.toString(), "--rank", "3", "--mini-batch", "--batch-size", "8",
        "--out-w", w2.toString(), "--threads", "2", "--init", "random");
    assertThat(Files.readAllBytes(w1)).isEqualTo(Files.readAllBytes(w2));
  }

  @Test
  void miniBatchKeepsASparseFileSparse() throws IOException {
    Matrix v = MatrixIo.read(input);
    Path npz = dir.resolve("v.npz");
    MatrixIo.write(npz, SparseMatrix.of(v));
    Path fromCsv = dir.resolve("csv.npy");
    Path fromNpz = dir.resolve("npz.npy");
    CliRunner dense = CliRunner.run("fit", input.toString(), "--rank", "4", "--mini-batch",
        "--batch-size", "10", "--out-h", fromCsv.toString());
    CliRunner sparse = CliRunner.run("fit", npz.toString(), "--rank", "4", "--mini-batch",
        "--batch-size", "10", "--out-h", fromNpz.toString(), "--json");
    assertThat(dense.exitCode()).as(dense.err()).isZero();
    assertThat(sparse.exitCode()).as(sparse.err()).isZero();
    assertThat(sparse.json()).containsKey("storedValues");
    // the stored entries give the dense fit up to rounding
    Matrix hDense = MatrixIo.read(fromCsv);
    Matrix hSparse = MatrixIo.read(fromNpz);
    assertThat(hDense.subtract(hSparse).frobeniusNorm() / hDense.frobeniusNorm())
        .isLessThan(1e-12);
    Path hLibrary = dir.resolve("library.npy");
    MatrixIo.write(hLibrary, MiniBatchNmf.builder().rank(4).batchSize(10)
        .fit(MatrixIo.readSparse(npz)).h());
    assertThat(Files.readAllBytes(fromNpz)).isEqualTo(Files.readAllBytes(hLibrary));
  }

  @Test
  void miniBatchSettingsOfItsOwnReachTheFit() throws IOException {
    Path outH = dir.resolve("h.npy");
    CliRunner r = CliRunner.run("fit", input.toString(), "--rank", "3", "--mini-batch",
        "--batch-size", "9", "--forget-factor", "0.4", "--max-no-improvement", "3",
        "--fresh-restarts", "--seed", "2", "--out-h", outH.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("batchSize", 9.0).containsEntry("forgetFactor", 0.4)
        .containsEntry("maxNoImprovement", 3.0).containsEntry("freshRestarts", true);
    NmfModel expected = MiniBatchNmf.builder().rank(3).batchSize(9).forgetFactor(0.4)
        .maxNoImprovement(3).freshRestarts(true).seed(2).fit(MatrixIo.read(input));
    assertThat(MatrixIo.read(outH).toRowMajorArray())
        .containsExactly(expected.h().toRowMajorArray());
    assertThat((Double) r.json().get("iterations")).isEqualTo(expected.iterations());
    CliRunner defaults = CliRunner.run("fit", input.toString(), "--rank", "3", "--mini-batch",
        "--json");
    assertThat(defaults.json()).containsEntry("forgetFactor", 0.7)
        .containsEntry("maxNoImprovement", 10.0).containsEntry("freshRestarts", false);
    CliRunner help = CliRunner.run("fit", "--help");
    assertThat(help.out()).contains("--batch-size N", "--forget-factor F",
        "--max-no-improvement N", "--fresh-restarts", "default 0.7", "default 10");
  }

  @Test
  void optionsMiniBatchHasNoCounterpartForAreRefusedByName() throws IOException {
    String v = input.toString();
    assertFails("--solver hals is not available with it", "fit", v, "--rank", "2",
        "--mini-batch", "--solver", "hals");
    assertFails("--restarts 3 is not available with --mini-batch", "fit", v, "--rank", "2",
        "--mini-batch", "--restarts", "3");
    assertFails("--missing ignore is not available with --mini-batch", "fit", v, "--rank",
        "2", "--mini-batch", "--missing", "ignore");
    assertFails("--batch-size needs --mini-batch", "fit", v, "--rank", "2", "--batch-size",
        "10");
    assertFails("--batch-size must be", "fit", v, "--rank", "2", "--mini-batch",
        "--batch-size", "0");
    assertFails("--forget-factor needs --mini-batch", "fit", v, "--rank", "2",
        "--forget-factor", "0.5");
    assertFails("--max-no-improvement needs --mini-batch", "fit", v, "--rank", "2",
        "--max-no-improvement", "5");
    assertFails("--fresh-restarts needs --mini-batch", "fit", v, "--rank", "2",
        "--fresh-restarts");
    assertFails("--forget-factor must be between 0 and 1, was 1.5", "fit", v, "--rank", "2",
        "--mini-batch", "--forget-factor", "1.5");
    assertFails("--forget-factor must be a finite number >= 0.0, was -0.1", "fit", v,
        "--rank", "2", "--mini-batch", "--forget-factor", "-0.1");
    assertFails("--forget-factor must be a number, was 'x'", "fit", v, "--rank", "2",
        "--mini-batch", "--forget-factor", "x");
    assertFails("--max-no-improvement must be >= 0, was -1", "fit", v, "--rank", "2",
        "--mini-batch", "--max-no-improvement", "-1");
    Path negative = dir.resolve("neg.csv");
    Files.writeString(negative, "1,2\n3,-0.5\n");
    assertFails("negative", "fit", negative.toString(), "--rank", "1", "--mini-batch");
    Path zeros = dir.resolve("zeros.csv");
    Files.writeString(zeros, "1,2,3\n4,0,6\n0,8,9\n");
    assertFails("zeros.csv: zero at row 2, column 2, but --beta-loss 0.0 (<= 0)", "fit",
        zeros.toString(), "--rank", "1", "--mini-batch", "--beta-loss", "is");
  }

  /** The JSON of a successful rank-4 Frobenius fit of the planted matrix, its fields checked. */
  private static Map<String, Object> contractFields(CliRunner r) {
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "fit").containsEntry("rows", 40.0)
        .containsEntry("cols", 30.0).containsEntry("rank", 4.0)
        .containsEntry("loss", "frobenius").containsEntry("init", "nndsvda")
        .containsKeys("seconds", "iterations", "converged", "reconstructionError",
            "relativeError");
    return json;
  }

  private static void assertFails(String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("nmf4j fit: ").contains(message);
    assertThat(r.out()).isEmpty();
  }
}
