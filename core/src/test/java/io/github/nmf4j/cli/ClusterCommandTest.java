package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.LabelAssignment;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandTest {

  @TempDir Path dir;
  Path input;
  Path truth;

  /** Three well separated blobs of 30 points in 4 dimensions, classes 0, 1, 2. */
  @BeforeEach
  void writeBlobs() throws IOException {
    SplittableRandom rnd = new SplittableRandom(9);
    double[] x = new double[90 * 4];
    int[] classes = new int[90];
    for (int i = 0; i < 90; i++) {
      classes[i] = i % 3;
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = 10 * (j == classes[i] ? 1 : 0) + 1 + rnd.nextDouble();
      }
    }
    input = dir.resolve("x.npy");
    truth = dir.resolve("truth.csv");
    MatrixIo.write(input, Matrix.wrap(90, 4, x));
    MatrixIo.writeLabels(truth, classes);
  }

  /** Label files written so far, to name the next one. */
  private int labelFiles;

  /** The labels {@code cluster} writes with {@code args} after the input and {@code --k 3}. */
  private int[] labels(Path file, String... args) throws IOException {
    Path out = dir.resolve("labels-" + labelFiles++ + ".npy");
    String[] all = Stream.concat(Stream.of("cluster", file.toString(), "--k", "3",
        "--labels-out", out.toString()), Stream.of(args)).toArray(String[]::new);
    CliRunner r = CliRunner.run(all);
    assertThat(r.exitCode()).as(String.join(" ", all) + "\n" + r.err()).isZero();
    return MatrixIo.readLabels(out);
  }

  @Test
  void agglomerativeFindsTheBlobsWithTheLibrarysLabelsForEveryLinkage() throws IOException {
    Matrix points = MatrixIo.read(input);
    for (Linkage linkage : Linkage.values()) {
      String name = linkage.name().toLowerCase(java.util.Locale.ROOT);
      CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
          "agglomerative", "--linkage", name, "--truth", truth.toString(), "--json");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
      assertThat(r.json()).containsEntry("method", "agglomerative").containsEntry("k", 3.0)
          .containsEntry("linkage", name).containsEntry("adjustedRandIndex", 1.0)
          .containsEntry("iterations", 89.0).containsKeys("inertia", "seconds");
      assertThat(r.out()).contains("agglomerative clustering of " + input + " (90x4): k = 3, "
          + name + " linkage, inertia ", "89 merges");
      int[] expected = Agglomerative.builder().clusters(3).linkage(linkage).fit(points)
          .labels();
      assertThat(labels(input, "--method", "agglomerative", "--linkage", name))
          .containsExactly(expected);
    }
    // the default is the library's (and scikit-learn's): ward
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
        "agglomerative", "--json");
    assertThat(r.json()).containsEntry("linkage", "ward");
    assertThat((Double) r.json().get("inertia"))
        .isCloseTo(io.github.nmf4j.metrics.Inertia.of(points, Agglomerative.builder()
            .clusters(3).fit(points).labels()), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void spectralFindsTheBlobsWithTheLibrarysLabels() throws IOException {
    Matrix points = MatrixIo.read(input);
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
        "spectral", "--truth", truth.toString(), "--seed", "5", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    // the defaults are the library's (and scikit-learn's): rbf, gamma 1, kmeans labels
    assertThat(r.json()).containsEntry("method", "spectral").containsEntry("k", 3.0)
        .containsEntry("affinity", "rbf").containsEntry("gamma", 1.0)
        .containsEntry("assignLabels", "kmeans").containsEntry("converged", true)
        .containsEntry("adjustedRandIndex", 1.0).containsKeys("inertia", "iterations")
        .doesNotContainKey("neighbors");
    assertThat(labels(input, "--method", "spectral", "--seed", "5")).containsExactly(
        SpectralClustering.builder().clusters(3).seed(5).fit(points).labels());

    r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method", "spectral",
        "--affinity", "nearest-neighbors", "--neighbors", "6", "--assign-labels", "discretize",
        "--truth", truth.toString(), "--seed", "2", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("affinity", "nearest-neighbors")
        .containsEntry("neighbors", 6.0).containsEntry("assignLabels", "discretize")
        .containsEntry("adjustedRandIndex", 1.0).doesNotContainKey("gamma");
    assertThat(r.out()).contains("nearest-neighbors affinity (6 neighbors), discretize labels");
    assertThat(labels(input, "--method", "spectral", "--affinity", "nearest-neighbors",
        "--neighbors", "6", "--assign-labels", "discretize", "--seed", "2"))
        .containsExactly(SpectralClustering.builder().clusters(3)
            .affinity(Affinity.NEAREST_NEIGHBORS).neighbors(6)
            .labelAssignment(LabelAssignment.DISCRETIZE).seed(2).fit(points).labels());

    // --gamma, --max-iter and --tol reach the library
    assertThat(labels(input, "--method", "spectral", "--gamma", "0.05", "--max-iter", "7",
        "--tol", "1e-3", "--seed", "1")).containsExactly(SpectralClustering.builder()
        .clusters(3).gamma(0.05).maxEigenIterations(7).eigenTolerance(1e-3).seed(1)
        .fit(points).labels());
  }

  @Test
  void newMethodsGiveTheSameLabelsForAnyThreadsAndForASparseFile() throws IOException {
    Path sparse = dir.resolve("x.npz");
    MatrixIo.write(sparse, SparseMatrix.of(MatrixIo.read(input)));
    String[][] settings = {{"--method", "agglomerative", "--linkage", "average"},
        {"--method", "spectral", "--seed", "3"},
        {"--method", "spectral", "--affinity", "nearest-neighbors", "--seed", "3"}};
    for (String[] method : settings) {
      int[] one = labels(input, Stream.concat(Stream.of(method), Stream.of("--threads", "1"))
          .toArray(String[]::new));
      int[] three = labels(input, Stream.concat(Stream.of(method), Stream.of("--threads", "3"))
          .toArray(String[]::new));
      assertThat(three).as(String.join(" ", method)).containsExactly(one);
      assertThat(labels(sparse, method)).as(String.join(" ", method)).containsExactly(one);
    }
    CliRunner r = CliRunner.run("cluster", sparse.toString(), "--k", "3", "--method",
        "spectral", "--truth", truth.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("storedValues", 360.0)
        .containsEntry("adjustedRandIndex", 1.0);
  }

  @Test
  void optionsThatDoNotApplyToTheMethodAreRefused() {
    String x = input.toString();
    String[][] refused = {
        {"--linkage does not apply to --method kmeans", "--linkage", "ward"},
        {"--affinity does not apply to --method mini-batch", "--method", "mini-batch",
            "--affinity", "rbf"},
        {"--gamma does not apply to --method nmf", "--method", "nmf", "--gamma", "2"},
        {"--batch-size does not apply to --method kmeans", "--batch-size", "10"},
        {"--batch-size does not apply to --method spectral", "--method", "spectral",
            "--batch-size", "10"},
        {"--linkage does not apply to --method spectral", "--method", "spectral", "--linkage",
            "ward"},
        {"--restarts does not apply to --method spectral", "--method", "spectral", "--restarts",
            "2"},
        {"--max-iter does not apply to --method agglomerative", "--method", "agglomerative",
            "--max-iter", "5"},
        {"--tol does not apply to --method agglomerative", "--method", "agglomerative", "--tol",
            "0.1"},
        {"--restarts does not apply to --method agglomerative", "--method", "agglomerative",
            "--restarts", "2"},
        {"--seed does not apply to --method agglomerative", "--method", "agglomerative",
            "--seed", "2"},
        {"--neighbors does not apply to --method agglomerative", "--method", "agglomerative",
            "--neighbors", "2"},
        {"--assign-labels does not apply to --method agglomerative", "--method",
            "agglomerative", "--assign-labels", "kmeans"},
        {"--neighbors does not apply to --affinity rbf", "--method", "spectral", "--neighbors",
            "5"},
        {"--gamma does not apply to --affinity nearest-neighbors", "--method", "spectral",
            "--affinity", "nearest-neighbors", "--gamma", "0.5"},
        {"--linkage must be one of average, complete, single, ward, was 'centroid'", "--method",
            "agglomerative", "--linkage", "centroid"},
        {"--affinity must be one of nearest-neighbors, rbf, was 'precomputed'", "--method",
            "spectral", "--affinity", "precomputed"},
        {"--assign-labels must be one of discretize, kmeans, was 'qr'", "--method", "spectral",
            "--assign-labels", "qr"},
        {"--method must be one of agglomerative, kmeans, mini-batch, nmf, spectral, was 'dbscan'",
            "--method", "dbscan"},
        {"--gamma must be > 0, was 0", "--method", "spectral", "--gamma", "0"},
        // a negative value is told the same, not "must be a finite number >= 0.0"
        {"--gamma must be > 0, was -1", "--method", "spectral", "--gamma", "-1"},
        {"--tol must be > 0 for --method spectral", "--method", "spectral", "--tol", "0"},
        {"--tol must be > 0 for --method spectral (the eigenvectors' residual), was -1e-6",
            "--method", "spectral", "--tol", "-1e-6"},
        {"--neighbors must be >= 1, was 0", "--method", "spectral", "--affinity",
            "nearest-neighbors", "--neighbors", "0"},
        {"--k 91 is more than the 90 rows of " + x, "--method", "agglomerative", "--k", "91"},
        {"--k 91 is more than the 90 rows of " + x, "--method", "spectral", "--k", "91"},
        {"--neighbors 90 is not less than the 90 rows of " + x, "--method", "spectral",
            "--affinity", "nearest-neighbors", "--neighbors", "90"}};
    for (String[] c : refused) {
      boolean ownK = java.util.Arrays.asList(c).contains("--k");
      Stream<String> head = ownK ? Stream.of("cluster", x) : Stream.of("cluster", x, "--k", "3");
      assertFails(2, c[0], Stream.concat(head, Stream.of(c).skip(1)).toArray(String[]::new));
    }
  }

  @Test
  void spectralNeedsDistinctRowsAndAgglomerativeDoesNot() throws IOException {
    Path same = dir.resolve("same.csv");
    MatrixIo.write(same, Matrix.of(new double[][] {{1, 0}, {1, 0}, {2, 0}, {2, 0}}));
    assertFails(2, "--k 3 is more than the 2 distinct rows of " + same, "cluster",
        same.toString(), "--k", "3", "--method", "spectral", "--affinity", "nearest-neighbors",
        "--neighbors", "2");
    // a merge tree cut into 3 splits equal rows, as scikit-learn's does
    CliRunner r = CliRunner.run("cluster", same.toString(), "--k", "3", "--method",
        "agglomerative");
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void pointLimitsAreRefusedBeforeAnyWork() throws IOException {
    // one column: the files are small, and the preflight refuses them before any fit
    int n = Agglomerative.MAX_DISTANCE_MATRIX_POINTS + 1;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    Path big = dir.resolve("big.npy");
    MatrixIo.write(big, Matrix.wrap(n, 1, x));
    for (String linkage : new String[] {"complete", "average"}) {
      assertFails(2, "--linkage " + linkage + " holds an n x n distance matrix and accepts at "
          + "most 65536 rows, but " + big + " has 65537; use --linkage ward or single", "cluster",
          big.toString(), "--k", "2", "--method", "agglomerative", "--linkage", linkage);
    }
    assertFails(2, "--affinity rbf holds an n x n matrix and accepts at most "
        + SpectralClustering.MAX_DENSE_POINTS + " rows, but " + big + " has 65537; use "
        + "--affinity nearest-neighbors", "cluster", big.toString(), "--k", "2", "--method",
        "spectral");
  }

  @Test
  void memoryLimitsAreCheckedInCommandLineTerms() {
    assertThatThrownBy(() -> Preflight.denseCopy("x.npz", 100_000, 100_000, "--method spectral",
        "use --method kmeans"))
        .hasMessage("x.npz is a 100000x100000 sparse matrix; --method spectral needs it dense,"
            + " 10000000000 values, more than a Java array holds; use --method kmeans");
    long n = 40_000; // 6.4 GB for the distance matrix, 12.8 GB for the RBF affinity
    Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 6e9);
    assertThatThrownBy(() -> Preflight.agglomerative(Linkage.AVERAGE, n, "x.npy"))
        .hasMessageStartingWith("--linkage average holds the distance matrix of the 40000 rows "
            + "of x.npy, 6.40 GB, and Java may use ")
        .hasMessageEndingWith("more (-Xmx); use --linkage ward or single, which need no "
            + "distance matrix, or --method kmeans");
    assertThatThrownBy(() -> Preflight.spectral(Affinity.RBF, 10, n, "x.npy"))
        .hasMessageStartingWith("--affinity rbf holds the n x n affinity of the 40000 rows of"
            + " x.npy, 12.8 GB");
    Preflight.agglomerative(Linkage.WARD, n, "x.npy");
    Preflight.spectral(Affinity.NEAREST_NEIGHBORS, 10, n, "x.npy");
  }

  @Test
  void helpListsTheNewMethodsAndTheirOptionsWithTheLibrarysDefaults() {
    CliRunner r = CliRunner.run("cluster", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("kmeans|mini-batch|nmf|agglomerative|spectral",
        "--linkage L", "single|complete|average|ward (default ward)", "--affinity A",
        "rbf|nearest-neighbors (default rbf)", "--gamma G", "(default 1.0)", "--neighbors N",
        "(default 10)", "--assign-labels HOW", "kmeans|discretize (default kmeans)",
        "eigensolver iterations, 2000", "residual, > 0, 1e-6");
  }

  @Test
  void theProgressBarCountsMergesAndEigensolverIterations() {
    for (String method : new String[] {"agglomerative", "spectral"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"cluster", input.toString(), "--k", "3", "--method",
          method}, new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), true, dir));
      assertThat(code).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("\r" + method + "  [")
          .contains(method.equals("spectral") ? "residual" : "89/89  merges");
    }
  }

  @Test
  void kmeansFindsTheBlobsAndReportsTheContractFields() throws IOException {
    Path labels = dir.resolve("labels.npy");
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--truth",
        truth.toString(), "--labels-out", labels.toString(), "--seed", "4", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    Map<String, Object> json = r.json();
    assertThat(json).containsEntry("command", "cluster").containsEntry("rows", 90.0)
        .containsEntry("cols", 4.0).containsEntry("k", 3.0).containsEntry("method", "kmeans")
        .containsEntry("randIndex", 1.0).containsEntry("adjustedRandIndex", 1.0)
        .containsEntry("normalizedMutualInfo", 1.0).containsEntry("adjustedMutualInfo", 1.0)
        .containsKeys("seconds", "inertia", "iterations");
    assertThat((Double) json.get("seconds")).isGreaterThanOrEqualTo(0);
    assertThat(MatrixIo.readLabels(labels)).hasSize(90);
    assertThat(r.out()).contains("Rand index 1.0000", "NMI 1.0000, AMI 1.0000",
        "labels written to " + labels);
  }

  @Test
  void truthScoresAreTheLibrarysMetricsOfTheWrittenLabels() throws IOException {
    // Two clusters for three classes: every score below 1, each the library's on the labels.
    Path labels = dir.resolve("two.npy");
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "2", "--truth",
        truth.toString(), "--labels-out", labels.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    int[] classes = MatrixIo.readLabels(truth);
    int[] found = MatrixIo.readLabels(labels);
    double nmi = ClusteringMetrics.normalizedMutualInfo(classes, found);
    double ami = ClusteringMetrics.adjustedMutualInfo(classes, found);
    assertThat(nmi).isBetween(0.5, 0.99);
    assertThat(ami).isBetween(0.5, 0.99);
    assertThat(r.json()).containsEntry("normalizedMutualInfo", nmi)
        .containsEntry("adjustedMutualInfo", ami)
        .containsEntry("randIndex", ClusteringMetrics.randIndex(classes, found))
        .containsEntry("adjustedRandIndex", ClusteringMetrics.adjustedRandIndex(classes, found));
    assertThat(r.out()).contains(String.format(Locale.ROOT,
        "against %s: Rand index %.4f, adjusted Rand index %.4f, NMI %.4f, AMI %.4f%n", truth,
        ClusteringMetrics.randIndex(classes, found),
        ClusteringMetrics.adjustedRandIndex(classes, found), nmi, ami));
  }

  @Test
  void outCentroidsWritesTheLibrarysCentroidsInTheModelsOrder() throws IOException {
    Matrix points = MatrixIo.read(input);
    Path sparse = dir.resolve("x.npz");
    MatrixIo.write(sparse, SparseMatrix.of(points));
    for (Path file : new Path[] {input, sparse}) {
      for (String method : new String[] {"kmeans", "mini-batch"}) {
        Path out = dir.resolve("centroids-" + labelFiles + ".csv");
        Path labelsOut = dir.resolve("labels-" + labelFiles++ + ".npy");
        CliRunner r = CliRunner.run("cluster", file.toString(), "--k", "3", "--method", method,
            "--seed", "4", "--out-centroids", out.toString(), "--labels-out",
            labelsOut.toString(), "--json");
        String what = method + " " + file;
        assertThat(r.exitCode()).as(what + "\n" + r.err()).isZero();
        assertThat(r.json()).as(what).containsEntry("outCentroids", out.toString());
        assertThat(r.out()).as(what).contains("centroids written to " + out);
        KMeansModel expected = method.equals("kmeans")
            ? fitKMeans(file, KMeans.builder().k(3).restarts(1).maxIterations(300)
                .tolerance(1e-4).seed(4).build())
            : fitMiniBatch(file, MiniBatchKMeans.builder().k(3).batchSize(1024).restarts(3)
                .maxIterations(100).tolerance(0).seed(4).build());
        Matrix centroids = MatrixIo.read(out);
        assertThat(centroids.shape()).as(what).isEqualTo("3x4");
        assertThat(centroids.toRowMajorArray()).as(what)
            .containsExactly(expected.centroids().toRowMajorArray());
        // row c is the centre of the rows labelled c
        int[] labels = MatrixIo.readLabels(labelsOut);
        assertThat(labels).as(what).containsExactly(expected.labels());
        for (int i = 0; i < labels.length; i++) {
          for (int j = 0; j < 4; j++) {
            assertThat(Math.abs(points.get(i, j) - centroids.get(labels[i], j))).as(what)
                .isLessThan(1);
          }
        }
      }
    }
    for (String method : new String[] {"nmf", "agglomerative", "spectral"}) {
      assertFails(2, "--out-centroids does not apply to --method " + method, "cluster",
          input.toString(), "--k", "3", "--method", method, "--out-centroids",
          dir.resolve("c.npy").toString());
    }
    assertThat(dir.resolve("c.npy")).doesNotExist();
    assertFails(2, "--out-centroids " + input + " names the same file as the input", "cluster",
        input.toString(), "--k", "3", "--out-centroids", input.toString());
    assertThat(CliRunner.run("cluster", "--help").out()).contains("--out-centroids FILE",
        "kmeans, mini-batch: write the K x cols centroids");
  }

  private static KMeansModel fitKMeans(Path file,
      KMeans kMeans) throws IOException {
    return MatrixIo.isSparseFormat(file) ? kMeans.fit(MatrixIo.readSparse(file))
        : kMeans.fit(MatrixIo.read(file));
  }

  private static KMeansModel fitMiniBatch(Path file,
      MiniBatchKMeans miniBatch) throws IOException {
    return MatrixIo.isSparseFormat(file) ? miniBatch.fit(MatrixIo.readSparse(file))
        : miniBatch.fit(MatrixIo.read(file));
  }

  @Test
  void nmfLabelsFindTheBlobsToo() {
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method", "nmf",
        "--truth", truth.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "nmf").containsEntry("k", 3.0)
        .containsEntry("adjustedRandIndex", 1.0).containsKeys("inertia", "iterations");
  }

  @Test
  void nmfTakesThePenaltiesOfFit() throws IOException {
    Matrix points = MatrixIo.read(input);
    Nmf.Builder library = Nmf.builder().rank(3).solver(Solver.HALS).maxIterations(200)
        .tolerance(1e-4).seed(0);
    // a strong L1 penalty on W empties two clusters; a mild one changes the iterations only
    String[][] penalties = {{"--alpha-w", "5", "--l1-ratio", "1"},
        {"--alpha-w", "0.1", "--alpha-h", "0.05", "--l1-ratio", "0.5"}};
    NmfModel[] expected = {library.alphaW(5).alphaH(5).l1Ratio(1).fit(points),
        library.alphaW(0.1).alphaH(0.05).l1Ratio(0.5).fit(points)};
    NmfModel plain = library.alphaW(0).alphaH(0).l1Ratio(0).fit(points);
    for (int c = 0; c < penalties.length; c++) {
      String[] args = Stream.concat(Stream.of("--method", "nmf"), Stream.of(penalties[c]))
          .toArray(String[]::new);
      assertNmfRunMatches(points, expected[c], args);
    }
    assertThat(expected[0].clusterLabels()).containsOnly(0);
    assertThat(expected[1].iterations()).isNotEqualTo(plain.iterations());
    // as in fit: --l1-ratio needs an alpha; and the other methods refuse the penalties
    assertFails(2, "--l1-ratio 0.5 has no effect without a penalty", "cluster",
        input.toString(), "--k", "3", "--method", "nmf", "--l1-ratio", "0.5");
    for (String method : new String[] {"kmeans", "mini-batch", "agglomerative", "spectral"}) {
      for (String option : new String[] {"--alpha-w", "--alpha-h", "--l1-ratio"}) {
        assertFails(2, option + " does not apply to --method " + method, "cluster",
            input.toString(), "--k", "3", "--method", method, option, "0.5");
      }
    }
    assertThat(CliRunner.run("cluster", "--help").out()).contains("--alpha-w A",
        "nmf: weight of the elastic-net penalty on W", "--l1-ratio R");
  }

  /**
   * Runs {@code cluster input --k 3} with {@code args} twice (labels written, and --json) and
   * checks the labels, iterations and inertia against the library's {@code expected} fit.
   */
  private CliRunner assertNmfRunMatches(Matrix points, NmfModel expected, String... args)
      throws IOException {
    int[] labels = expected.clusterLabels();
    assertThat(labels(input, args)).containsExactly(labels);
    CliRunner r = CliRunner.run(Stream.concat(Stream.of("cluster", input.toString(), "--k",
        "3", "--json"), Stream.of(args)).toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("iterations", (double) expected.iterations())
        .containsEntry("inertia", io.github.nmf4j.metrics.Inertia.of(points, labels));
    return r;
  }

  @Test
  void nmfTakesTheLossSolverAndInitOfFit() throws IOException {
    Matrix points = MatrixIo.read(input);
    Nmf.Builder library = Nmf.builder().rank(3).loss(Loss.KULLBACK_LEIBLER)
        .solver(Solver.MULTIPLICATIVE_UPDATE).initialization(Initialization.RANDOM)
        .maxIterations(200).tolerance(1e-4).seed(0);
    NmfModel once = library.fit(points);
    NmfModel thrice = library.restarts(3).fit(points);
    NmfModel byDefault = Nmf.builder().rank(3).maxIterations(200).tolerance(1e-4).seed(0)
        .fit(points);
    assertThat(once.iterations()).isNotEqualTo(byDefault.iterations());
    String[] kl = {"--method", "nmf", "--loss", "kl", "--solver", "mu", "--init", "random"};
    NmfModel[] expected = {once, thrice};
    String[][] restarts = {{}, {"--restarts", "3"}};
    for (int c = 0; c < expected.length; c++) {
      String[] args = Stream.concat(Stream.of(kl), Stream.of(restarts[c]))
          .toArray(String[]::new);
      CliRunner r = assertNmfRunMatches(points, expected[c], args);
      assertThat(r.json()).containsEntry("loss", "kl").containsEntry("solver", "mu")
          .containsEntry("init", "random");
      assertThat(r.out()).contains("k = 3, kl loss, mu solver, random start, inertia");
    }
    // the defaults are reported as fit reports them
    CliRunner plain = CliRunner.run("cluster", input.toString(), "--k", "3", "--method", "nmf",
        "--json");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    assertThat(plain.json()).containsEntry("loss", "frobenius")
        .containsEntry("init", byDefault.initialization().orElseThrow().name()
            .toLowerCase(java.util.Locale.ROOT));
    // as in fit: HALS minimizes the Frobenius loss only, and restarts need a random start
    assertFails(2, "--solver hals minimizes the frobenius loss only; use --solver mu with"
        + " --loss kl, or leave --solver out", "cluster", input.toString(), "--k", "3",
        "--method", "nmf", "--loss", "kl", "--solver", "hals");
    assertFails(2, "--restarts 3 has no effect with --init nndsvda, which draws no random"
        + " numbers: every restart would be the same fit (" + NmfOptions.RANDOM_START + ")",
        "cluster", input.toString(), "--k", "3", "--method", "nmf", "--init", "nndsvda",
        "--restarts", "3");
    assertFails(2, "--init nndsvd needs --k <= min(rows, cols) = 4", "cluster",
        input.toString(), "--k", "5", "--method", "nmf", "--init", "nndsvd");
    String[][] values = {{"--loss", "kl"}, {"--solver", "mu"}, {"--init", "random"}};
    for (String method : new String[] {"kmeans", "mini-batch", "agglomerative", "spectral"}) {
      for (String[] option : values) {
        assertFails(2, option[0] + " does not apply to --method " + method, "cluster",
            input.toString(), "--k", "3", "--method", method, option[0], option[1]);
      }
    }
    assertThat(CliRunner.run("cluster", "--help").out()).contains("--loss LOSS",
        "nmf: frobenius (default) or kl", "--solver SOLVER", "nmf: mu|", "--init INIT",
        "nmf: random|nndsvd|nndsvda|nndsvdar (default: nndsvda");
  }

  @Test
  void miniBatchKMeansFindsTheBlobs() {
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
        "mini-batch", "--batch-size", "32", "--truth", truth.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("method", "mini-batch").containsEntry("k", 3.0)
        .containsEntry("adjustedRandIndex", 1.0).containsKeys("inertia", "iterations");
    CliRunner bad = CliRunner.run("cluster", input.toString(), "--k", "3", "--method",
        "mini-batch", "--batch-size", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--batch-size");
  }

  @Test
  void withoutJsonThereIsNoJsonLine() {
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("{");
  }

  @Test
  void badInputIsExitCodeTwoAndLeavesNoFile() throws IOException {
    Path labels = dir.resolve("labels.csv");
    assertFails(2, "no such file", "cluster", dir.resolve("absent.npy").toString(), "--k", "2",
        "--labels-out", labels.toString());
    assertFails(2, "--k K is required", "cluster", input.toString());
    assertFails(2, "--k must be >= 1, was 0", "cluster", input.toString(), "--k", "0");
    assertFails(2, "--k 91 is more than the 90 rows of ", "cluster", input.toString(), "--k",
        "91", "--labels-out", labels.toString());
    Path shortTruth = dir.resolve("short.csv");
    Files.writeString(shortTruth, "0\n1\n");
    assertFails(2, "has 2 labels but", "cluster", input.toString(), "--k", "2", "--truth",
        shortTruth.toString(), "--labels-out", labels.toString());
    assertFails(2, "must end in", "cluster", input.toString(), "--k", "2", "--labels-out",
        dir.resolve("labels.json").toString());
    assertFails(2, "does not exist", "cluster", input.toString(), "--k", "2", "--labels-out",
        dir.resolve("nowhere/labels.csv").toString());
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,2\n3,x\n");
    assertFails(2, "bad number 'x' at line 2, column 2", "cluster", bad.toString(), "--k", "1");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("x.npy", "truth.csv", "short.csv", "bad.csv");
    }
  }

  @Test
  void fewerDistinctRowsThanClustersNamesK() throws IOException {
    Path same = dir.resolve("same.csv");
    MatrixIo.write(same, Matrix.of(new double[][] {{1, 0}, {1, -0.0}, {2, 0}, {1, 0}}));
    Path sparse = dir.resolve("same.npz");
    MatrixIo.write(sparse, SparseMatrix.of(MatrixIo.read(same)));
    for (Path p : new Path[] {same, sparse}) {
      for (String method : new String[] {"kmeans", "mini-batch"}) {
        assertFails(2, "--k 3 is more than the 2 distinct rows of " + p + "; each cluster needs"
            + " a different one", "cluster", p.toString(), "--k", "3", "--method", method);
        CliRunner r = CliRunner.run("cluster", p.toString(), "--k", "2", "--method", method);
        assertThat(r.exitCode()).as(r.err()).isZero();
      }
    }
  }

  @Test
  void sparseRowsBeyondTheProductFormsRangeAreClusteredAsTheirDenseFile() throws IOException {
    // values of 1e200 overflow the product form |x|^2 - 2 x.c + |c|^2: the library clusters
    // them scaled by a power of two, so the sparse file gets the dense file's labels
    Matrix v = Matrix.of(new double[][] {{1e200, 0}, {0, 1e200}, {2e200, 0}, {0, 3e200}});
    Path sparse = dir.resolve("big.mtx");
    Path dense = dir.resolve("big.csv");
    MatrixIo.write(sparse, SparseMatrix.of(v));
    MatrixIo.write(dense, v);
    for (String method : new String[] {"kmeans", "mini-batch"}) {
      Path fromSparse = dir.resolve(method + "-sparse.csv");
      Path fromDense = dir.resolve(method + "-dense.csv");
      for (Path[] run : new Path[][] {{sparse, fromSparse}, {dense, fromDense}}) {
        CliRunner r = CliRunner.run("cluster", run[0].toString(), "--k", "2", "--method",
            method, "--seed", "1", "--labels-out", run[1].toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
      }
      assertThat(MatrixIo.read(fromSparse).toRowMajorArray())
          .containsExactly(MatrixIo.read(fromDense).toRowMajorArray());
    }
  }

  private static void assertFails(int code, String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(code);
    assertThat(r.err()).startsWith("nmf4j cluster: ").contains(message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void truthMayBeATextFileOfOneLabelPerLine() throws IOException {
    // Issue 11: "cluster --truth labels.txt" was refused; numpy.savetxt writes one float per line.
    int[] classes = MatrixIo.readLabels(truth);
    StringBuilder sb = new StringBuilder();
    for (int c : classes) {
      sb.append(String.format(java.util.Locale.ROOT, "%.18e%n", (double) c));
    }
    Path txt = dir.resolve("truth.txt");
    Files.writeString(txt, sb);
    Path labels = dir.resolve("labels.txt");
    CliRunner r = CliRunner.run("cluster", input.toString(), "--k", "3", "--truth",
        txt.toString(), "--labels-out", labels.toString(), "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.json()).containsEntry("adjustedRandIndex", 1.0);
    assertThat(MatrixIo.readLabels(labels)).hasSize(90);
  }
}
