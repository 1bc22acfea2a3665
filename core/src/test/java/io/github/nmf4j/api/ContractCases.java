package io.github.nmf4j.api;

import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.Distance;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.LabelAssignment;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.MergeTree;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.cluster.SpectralModel;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.decomposition.PcaSolver;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.image.SegmentationResult;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.ConsensusResult;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.nmf.RankSelectionResult;
import io.github.nmf4j.nmf.Solver;
import io.github.nmf4j.testing.Datasets;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Every public estimator, as the contract tests of this package run it ({@link
 * ToBuilderContractTest}, {@link CancellationContractTest}, {@link ThreadCountContractTest},
 * {@link InputContractTest}, {@link ModelContractTest}): how to build it with given threads,
 * executor and listener (its own settings fixed and mostly not the defaults), every entry point
 * of its fit (dense, sparse, precomputed distances, an image), and the values of a result that
 * must not depend on the threads. The data are scikit-learn's digits (non-negative, 64 features,
 * half of the pixels zero, so also a fair sparse matrix), large enough that the fits split their
 * work into several blocks, small enough that a fit takes milliseconds.
 *
 * <p>{@link #cases()} must list every subclass of {@link Estimator} in the library; {@link
 * ToBuilderContractTest#everyEstimatorIsCovered} checks it.
 */
final class ContractCases {

  private ContractCases() {}

  /** How a case's estimator runs: the threads, the executor (null: the shared pool), listener. */
  record RunAs(int threads, Executor executor, ProgressListener listener) {
    static RunAs threads(int threads) {
      return new RunAs(threads, null, ProgressListener.NONE);
    }

    static RunAs listening(ProgressListener listener) {
      return new RunAs(2, null, listener);
    }
  }

  /**
   * One estimator configuration: how to build it with given run settings, a copy of an estimator
   * with one of its settings changed through {@code toBuilder()}, every entry point of its fit,
   * and which components of its settings its models record (null: the whole record, equal to
   * the estimator's; the mini-batch estimators return the models of k-means and NMF, whose
   * records keep the values their class comments list).
   */
  record Case(String name, Function<RunAs, Estimator<?>> build,
      UnaryOperator<Estimator<?>> changed, List<Path> paths, Set<String> recorded) {
    /** The estimator built with {@code run}. */
    Estimator<?> estimator(RunAs run) {
      return build.apply(run);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * One entry point of a fit: its name, its data (a fresh input of a given number of rows or
   * pixels per side), the size the thread-count and input tests use (large enough that the fit
   * splits its work into several blocks) and the call on an estimator.
   */
  record Path(String name, IntFunction<Input> data, int size,
      BiFunction<Estimator<?>, Object, Object> fit) {
    /** A fresh input of the full size. */
    Input input() {
      return data.apply(size);
    }

    /** A fresh input of a quarter of the size, for the tests that need no blocks. */
    Input smallInput() {
      return data.apply(size / 4);
    }
  }

  /** A case and one of its entry points, the unit most contract tests run over. */
  record Fit(Case estimator, Path path) {
    /** Fits a fresh input with the estimator built with {@code run}; returns the result. */
    Object run(RunAs run) {
      return path.fit().apply(estimator.estimator(run), path.input().value());
    }

    /** {@link #run} on a small input. */
    Object runSmall(RunAs run) {
      return runSmall(estimator.estimator(run));
    }

    /** Fits a fresh small input with {@code e}, one of this case's estimators. */
    Object runSmall(Estimator<?> e) {
      return path.fit().apply(e, path.smallInput().value());
    }

    @Override
    public String toString() {
      return estimator.name() + " " + path.name();
    }
  }

  /**
   * An input of a fit and the arrays it is backed by (wrapped without a copy, so that a fit
   * writing to its input's storage changes them), with a copy of each taken when it was made.
   */
  record Input(Object value, List<Object> arrays, List<Object> copies) {
    static Input of(Object value, Object... arrays) {
      List<Object> copies = new ArrayList<>();
      for (Object a : arrays) {
        copies.add(a instanceof double[] d ? d.clone() : ((int[]) a).clone());
      }
      return new Input(value, List.of(arrays), copies);
    }

    static Input dense(int rows, int cols, double[] values) {
      double[] a = values.clone();
      return of(Matrix.wrap(rows, cols, a), a);
    }

    static Input sparse(int rows, int cols, double[] values) {
      int[] pointers = new int[rows + 1];
      int stored = 0;
      for (double v : values) {
        stored += v != 0 ? 1 : 0;
      }
      int[] columns = new int[stored];
      double[] kept = new double[stored];
      int q = 0;
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double v = values[i * cols + j];
          if (v != 0) {
            columns[q] = j;
            kept[q++] = v;
          }
        }
        pointers[i + 1] = q;
      }
      return of(SparseMatrix.wrapCsr(rows, cols, pointers, columns, kept), pointers, columns,
          kept);
    }

    /** Whether every array still holds what it held when the input was made (bit for bit). */
    boolean unchanged() {
      for (int i = 0; i < arrays.size(); i++) {
        if (!java.util.Objects.deepEquals(arrays.get(i), copies.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  // ---- the data ----

  private static final int P = 64;
  private static final double[] DIGITS = Datasets.digits(1797).toRowMajorArray();
  private static final double[] SHIFTED = shiftedDigits();

  /** The first {@code n} digits, {@code n x 64}, pixels 0..16. */
  static double[] digits(int n) {
    return Arrays.copyOf(DIGITS, n * P);
  }

  /**
   * The 1,797 digits and each moved by one pixel right and down (the classic augmentation),
   * 5,391 x 64: more rows than one block of the k-means sums (4,096).
   */
  private static double[] shiftedDigits() {
    int n = DIGITS.length / P;
    int[][] moves = {{0, 0}, {0, 1}, {1, 0}};
    double[] out = new double[moves.length * n * P];
    for (int m = 0; m < moves.length; m++) {
      for (int i = 0; i < n; i++) {
        int o = (m * n + i) * P;
        for (int r = 0; r < 8; r++) {
          for (int c = 0; c < 8; c++) {
            int sr = r - moves[m][0];
            int sc = c - moves[m][1];
            out[o + r * 8 + c] = sr < 0 || sr > 7 || sc < 0 || sc > 7 ? 0
                : DIGITS[i * P + sr * 8 + sc];
          }
        }
      }
    }
    return out;
  }

  /** The first {@code n} of the 5,391 shifted digits. */
  private static Input shifted(int n) {
    return Input.dense(n, P, Arrays.copyOf(SHIFTED, n * P));
  }

  private static Input shiftedSparse(int n) {
    return Input.sparse(n, P, Arrays.copyOf(SHIFTED, n * P));
  }

  /**
   * The ink of {@code bands} horizontal bands of the first {@code n} shifted digits, {@code n x
   * bands}: few features, so k-means ranks centroids by direct distances rather than products
   * (three features: as pixels are).
   */
  private static Input bands(int n, int bands) {
    double[] q = new double[n * bands];
    for (int i = 0; i < n; i++) {
      for (int f = 0; f < P; f++) {
        q[i * bands + (f / 8) * bands / 8] += SHIFTED[i * P + f];
      }
    }
    return Input.dense(n, bands, q);
  }

  private static Input dense(int n) {
    return Input.dense(n, P, digits(n));
  }

  private static Input sparse(int n) {
    return Input.sparse(n, P, digits(n));
  }

  /** The first {@code n} digits with every 7th pixel missing (NaN). */
  private static Input withMissing(int n) {
    double[] a = digits(n);
    for (int i = 0; i < a.length; i += 7) {
      a[i] = Double.NaN;
    }
    return Input.dense(n, P, a);
  }

  /**
   * The first {@code n} digits, sparse, with an explicit zero stored in every row (a stored
   * entry that is zero, which some fits drop from a copy).
   */
  private static Input sparseWithExplicitZeros(int n) {
    double[] a = digits(n);
    Input plain = Input.sparse(n, P, a);
    SparseMatrix m = (SparseMatrix) plain.value();
    int[] pointers = new int[n + 1];
    int[] columns = new int[m.nonZeros() + n];
    double[] values = new double[columns.length];
    int q = 0;
    for (int i = 0; i < n; i++) {
      boolean added = false;
      for (int j = 0; j < P; j++) {
        double v = a[i * P + j];
        if (v != 0 || !added) {
          added |= v == 0;
          columns[q] = j;
          values[q++] = v;
        }
      }
      pointers[i + 1] = q;
    }
    columns = Arrays.copyOf(columns, q);
    values = Arrays.copyOf(values, q);
    return Input.of(SparseMatrix.wrapCsr(n, P, pointers, columns, values), pointers, columns,
        values);
  }

  /** The Euclidean distances between the first {@code n} digits, {@code n x n}. */
  private static Input distances(int n) {
    double[] d = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int f = 0; f < P; f++) {
          double t = DIGITS[i * P + f] - DIGITS[j * P + f];
          s += t * t;
        }
        d[i * n + j] = Math.sqrt(s);
      }
    }
    return Input.dense(n, n, d);
  }

  /**
   * A {@code side x side} colour image made of the first digits (their pixels / 16: the red
   * channel from the first third, green the second, blue the last).
   */
  private static Input image(int side) {
    int size = side * side;
    double[] all = digits((3 * size + P - 1) / P);
    double[][] ch = new double[3][];
    for (int c = 0; c < 3; c++) {
      ch[c] = new double[size];
      for (int q = 0; q < size; q++) {
        ch[c][q] = all[c * size + q] / 16;
      }
    }
    return Input.of(new RgbImage(Matrix.wrap(side, side, ch[0]),
        Matrix.wrap(side, side, ch[1]), Matrix.wrap(side, side, ch[2])), ch[0], ch[1], ch[2]);
  }

  // ---- the cases ----

  /** Sets the run settings of {@code run} on {@code b}. */
  private static <B extends EstimatorBuilder<B>> B runAs(B b, RunAs run) {
    return b.threads(run.threads()).executor(run.executor()).listener(run.listener());
  }

  private static Path dense(String name, IntFunction<Input> data, int size,
      BiFunction<Estimator<?>, Matrix, Object> fit) {
    return new Path(name, data, size, (e, x) -> fit.apply(e, (Matrix) x));
  }

  private static Path sparse(String name, IntFunction<Input> data, int size,
      BiFunction<Estimator<?>, SparseMatrix, Object> fit) {
    return new Path(name, data, size, (e, x) -> fit.apply(e, (SparseMatrix) x));
  }

  /** The rows of the shifted digits the k-means fits take. */
  private static final int KMEANS_ROWS = 5391;
  /**
   * The rows of the NMF, PCA and agglomerative fits: more than one block of 65,536 values of V
   * or of 1,024 rows for the centring, two chunks of the nearest-neighbour searches.
   */
  private static final int NMF_ROWS = 1100;
  private static final int AGGLOMERATIVE_ROWS = NMF_ROWS;
  /** The rows of a sparse V: more than one block of 65,536 stored values. */
  private static final int SPARSE_NMF_ROWS = 2200;
  /** The rows of the spectral fits: more than one chunk (2,048) of the eigensolver. */
  private static final int SPECTRAL_ROWS = 2100;

  /** Every estimator of the library, most in several configurations. */
  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("KMeans",
        r -> runAs(KMeans.builder().k(9).restarts(2).maxIterations(10).seed(7), r).build(),
        e -> ((KMeans) e).toBuilder().k(4).build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractCases::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix with explicit zeros)",
                ContractCases::sparseWithExplicitZeros, 1600, (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(RANDOM, 40 clusters)",
        r -> runAs(KMeans.builder().k(40).initialization(KMeansInit.RANDOM).restarts(2)
            .maxIterations(10).seed(8), r).build(),
        e -> ((KMeans) e).toBuilder().k(30).build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractCases::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(K_MEANS_PARALLEL)",
        r -> runAs(KMeans.builder().k(10).initialization(KMeansInit.K_MEANS_PARALLEL)
            .parallelRounds(3).oversampling(1.5).maxIterations(15).seed(8), r).build(),
        e -> ((KMeans) e).toBuilder().parallelRounds(2).oversampling(3).build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, KMEANS_ROWS,
            (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(COSINE)",
        r -> runAs(KMeans.builder().k(10).distance(Distance.COSINE).maxIterations(8).seed(9),
            r).build(),
        e -> ((KMeans) e).toBuilder().distance(Distance.EUCLIDEAN).build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, KMEANS_ROWS,
            (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(few features)",
        r -> runAs(KMeans.builder().k(6).maxIterations(30).seed(3), r).build(),
        e -> ((KMeans) e).toBuilder().tolerance(0).build(),
        List.of(dense("fit(Matrix of 4 features)", n -> bands(n, 4), KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            dense("fit(Matrix of 3 features)", n -> bands(n, 3), KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("MiniBatchKMeans",
        r -> runAs(MiniBatchKMeans.builder().k(10).batchSize(512).maxIterations(3)
            .reassignmentRatio(0.05).maxNoImprovement(8).restarts(2).tolerance(1e-4).seed(7), r)
            .build(),
        e -> ((MiniBatchKMeans) e).toBuilder().batchSize(100).build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, KMEANS_ROWS,
                (e, x) -> ((MiniBatchKMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractCases::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((MiniBatchKMeans) e).fit(x)),
            sparse("fit(SparseMatrix with explicit zeros)",
                ContractCases::sparseWithExplicitZeros, 1600,
                (e, x) -> ((MiniBatchKMeans) e).fit(x)),
            dense("fit(Matrix of 4 features)", n -> bands(n, 4), KMEANS_ROWS,
                (e, x) -> ((MiniBatchKMeans) e).fit(x))),
        Set.of("k", "restarts", "maxIterations", "tolerance", "seed", "threads")));
    c.add(new Case("SpectralClustering(NEAREST_NEIGHBORS)",
        r -> runAs(SpectralClustering.builder().clusters(6).affinity(Affinity.NEAREST_NEIGHBORS)
            .neighbors(12).eigenTolerance(1e-5).maxEigenIterations(100).seed(7), r).build(),
        e -> ((SpectralClustering) e).toBuilder().neighbors(5).build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, SPECTRAL_ROWS,
            (e, x) -> ((SpectralClustering) e).fit(x))),
        null));
    c.add(new Case("SpectralClustering(RBF, DISCRETIZE)",
        r -> runAs(SpectralClustering.builder().clusters(5).affinity(Affinity.RBF).gamma(2e-3)
            .labelAssignment(LabelAssignment.DISCRETIZE).maxEigenIterations(100).seed(7), r)
            .build(),
        e -> ((SpectralClustering) e).toBuilder().labelAssignment(LabelAssignment.KMEANS)
            .build(),
        List.of(dense("fit(Matrix)", ContractCases::shifted, 300,
            (e, x) -> ((SpectralClustering) e).fit(x))),
        null));
    for (Linkage linkage : Linkage.values()) {
      List<Path> paths = new ArrayList<>();
      boolean matrix = linkage == Linkage.AVERAGE || linkage == Linkage.COMPLETE;
      paths.add(dense("fit(Matrix)", ContractCases::dense, matrix ? 600 : AGGLOMERATIVE_ROWS,
          (e, x) -> ((Agglomerative) e).fit(x)));
      if (matrix) {
        paths.add(dense("fitDistances(Matrix)", ContractCases::distances, 300,
            (e, x) -> ((Agglomerative) e).fitDistances(x)));
      }
      c.add(new Case("Agglomerative(" + linkage + ")",
          r -> runAs(Agglomerative.builder().linkage(linkage).clusters(10), r).build(),
          e -> ((Agglomerative) e).toBuilder().clusters(3).build(), paths, null));
    }
    for (PcaSolver solver : new PcaSolver[] {PcaSolver.EXACT, PcaSolver.RANDOMIZED}) {
      c.add(new Case("Pca(" + solver + ")",
          r -> runAs(Pca.builder().components(10).solver(solver).seed(7), r).build(),
          e -> ((Pca) e).toBuilder().components(3).build(),
          List.of(dense("fit(Matrix)", ContractCases::dense, NMF_ROWS,
              (e, x) -> ((Pca) e).fit(x))),
          null));
    }
    c.add(new Case("Segmentation",
        r -> runAs(Segmentation.builder().window(4).stride(2).clusters(3).seed(7), r).build(),
        e -> ((Segmentation) e).toBuilder().stride(3).build(),
        List.of(new Path("segment(RgbImage)", ContractCases::image, 96,
            (e, x) -> ((Segmentation) e).segment((RgbImage) x))),
        null));
    for (Solver solver : Solver.values()) {
      c.add(new Case("Nmf(" + solver + ")",
          r -> runAs(Nmf.builder().rank(6).solver(solver).maxIterations(8).checkEvery(3)
              .epsilon(1e-9).seed(7), r).build(),
          e -> ((Nmf) e).toBuilder().rank(3).build(),
          nmfPaths(), null));
      c.add(new Case("Nmf(" + solver + ", missing values)",
          r -> runAs(Nmf.builder().rank(6).solver(solver).missingValues(MissingValues.IGNORE)
              .maxIterations(6).seed(7), r).build(),
          e -> ((Nmf) e).toBuilder().missingValues(MissingValues.REJECT).build(),
          List.of(dense("fit(Matrix with NaN)", ContractCases::withMissing, NMF_ROWS,
                  (e, x) -> ((Nmf) e).fit(x)),
              sparse("fit(SparseMatrix)", ContractCases::shiftedSparse, SPARSE_NMF_ROWS,
                  (e, x) -> ((Nmf) e).fit(x))),
          null));
    }
    c.add(new Case("Nmf(KULLBACK_LEIBLER, RANDOM, restarts 2, normalized W)",
        r -> runAs(Nmf.builder().rank(6).loss(Loss.KULLBACK_LEIBLER).normalizeColumnsOfW(true)
            .initialization(Initialization.RANDOM).restarts(2).maxIterations(5).seed(7), r)
            .build(),
        e -> ((Nmf) e).toBuilder().restarts(1).build(),
        nmfPaths(), null));
    c.add(new Case("Nmf(beta 1.5, penalties)",
        r -> runAs(Nmf.builder().rank(6).betaLoss(1.5).alphaW(0.01).l1Ratio(0.5)
            .maxIterations(6).seed(7), r).build(),
        e -> ((Nmf) e).toBuilder().alphaH(0.5).build(),
        nmfPaths(), null));
    c.add(new Case("MiniBatchNmf",
        r -> runAs(MiniBatchNmf.builder().rank(6).batchSize(256).forgetFactor(0.6)
            .maxNoImprovement(5).transformMaxIterations(30).maxIterations(4).seed(7), r)
            .build(),
        e -> ((MiniBatchNmf) e).toBuilder().batchSize(64).build(),
        nmfPaths((e, x) -> ((MiniBatchNmf) e).fit(x), (e, x) -> ((MiniBatchNmf) e).fit(x)),
        Set.of("rank", "loss", "beta", "alphaW", "alphaH", "l1Ratio", "tolerance", "seed",
            "threads")));
    c.add(new Case("MiniBatchNmf(KULLBACK_LEIBLER, fresh restarts)",
        r -> runAs(MiniBatchNmf.builder().rank(6).loss(Loss.KULLBACK_LEIBLER).batchSize(256)
            .freshRestarts(true).freshRestartsMaxIterations(5).maxIterations(3).seed(7), r)
            .build(),
        e -> ((MiniBatchNmf) e).toBuilder().freshRestarts(false).build(),
        nmfPaths((e, x) -> ((MiniBatchNmf) e).fit(x), (e, x) -> ((MiniBatchNmf) e).fit(x)),
        Set.of("rank", "loss", "beta", "alphaW", "alphaH", "l1Ratio", "tolerance", "seed",
            "threads")));
    c.add(new Case("MiniBatchNmf(beta 0.5)",
        r -> runAs(MiniBatchNmf.builder().rank(5).betaLoss(0.5).batchSize(300).maxIterations(2)
            .seed(7), r).build(),
        e -> ((MiniBatchNmf) e).toBuilder().betaLoss(1.5).build(),
        nmfPaths((e, x) -> ((MiniBatchNmf) e).fit(x), (e, x) -> ((MiniBatchNmf) e).fit(x)),
        Set.of("rank", "loss", "beta", "seed", "threads")));
    c.add(new Case("Consensus",
        r -> runAs(Consensus.builder().rank(3).runs(4).seed(7)
            .nmf(Nmf.builder().maxIterations(20)), r).build(),
        e -> ((Consensus) e).toBuilder().runs(2).build(),
        List.of(dense("fit(Matrix)", ContractCases::dense, 200,
            (e, x) -> ((Consensus) e).fit(x))),
        null));
    c.add(new Case("RankSelection",
        r -> runAs(RankSelection.builder().ranks(2, 4).repeats(2).holdoutFraction(0.1).seed(7)
            .nmf(Nmf.builder().maxIterations(20)), r).build(),
        e -> ((RankSelection) e).toBuilder().ranks(3).build(),
        List.of(dense("fit(Matrix)", ContractCases::dense, 300,
            (e, x) -> ((RankSelection) e).fit(x))),
        null));
    return c;
  }

  /** The dense and the sparse entry point of {@link Nmf}. */
  private static List<Path> nmfPaths() {
    return nmfPaths((e, x) -> ((Nmf) e).fit(x), (e, x) -> ((Nmf) e).fit(x));
  }

  private static List<Path> nmfPaths(BiFunction<Estimator<?>, Matrix, Object> dense,
      BiFunction<Estimator<?>, SparseMatrix, Object> sparse) {
    return List.of(dense("fit(Matrix)", ContractCases::dense, NMF_ROWS, dense),
        sparse("fit(SparseMatrix)", ContractCases::shiftedSparse, SPARSE_NMF_ROWS, sparse));
  }

  /** Every case with every one of its entry points. */
  static Stream<Fit> fits() {
    return cases().stream().flatMap(c -> c.paths().stream().map(p -> new Fit(c, p)));
  }

  // ---- reading results ----

  /**
   * The values of a fit's result that the seed and the data determine, by name: every label,
   * factor, centroid, component, error and count the result exposes.
   */
  static Map<String, Object> fingerprint(Object result) {
    Map<String, Object> f = new LinkedHashMap<>();
    if (result instanceof KMeansModel m) {
      f.put("labels", m.labels());
      f.put("centroids", m.centroids());
      f.put("inertia", m.inertia());
      f.put("iterations", m.iterations());
      f.put("converged", m.converged());
    } else if (result instanceof NmfModel m) {
      f.put("w", m.w());
      f.put("h", m.h());
      f.put("reconstructionError", m.reconstructionError());
      f.put("relativeError", m.relativeError());
      f.put("iterations", m.iterations());
      f.put("converged", m.converged());
      f.put("lossHistory", m.lossHistory());
      f.put("restart", m.restart());
    } else if (result instanceof PcaModel m) {
      f.put("components", m.components());
      f.put("singularValues", m.singularValues());
      f.put("mean", m.mean());
      f.put("explainedVariance", m.explainedVariance());
      f.put("explainedVarianceRatio", m.explainedVarianceRatio());
      f.put("noiseVariance", m.noiseVariance());
    } else if (result instanceof SpectralModel m) {
      f.put("labels", m.labels());
      f.put("embedding", m.embedding());
      f.put("eigenvalues", m.eigenvalues());
      f.put("eigenIterations", m.eigenIterations());
      f.put("converged", m.converged());
    } else if (result instanceof AgglomerativeModel m) {
      f.put("labels", m.labels());
      MergeTree t = m.mergeTree();
      int[][] merges = new int[t.merges()][];
      for (int i = 0; i < merges.length; i++) {
        merges[i] = new int[] {t.left(i), t.right(i), t.size(i)};
      }
      f.put("merges", merges);
      f.put("heights", t.heights());
    } else if (result instanceof ConsensusResult r) {
      f.put("consensusMatrix", r.consensusMatrix());
      f.put("copheneticCorrelation", r.copheneticCorrelation());
      f.put("dispersion", r.dispersion());
      f.put("labels", r.labels());
    } else if (result instanceof RankSelectionResult r) {
      f.put("ranks", r.ranks());
      f.put("repeatErrors", r.repeatErrors());
      f.put("testErrors", r.testErrors());
      f.put("standardErrors", r.standardErrors());
    } else if (result instanceof SegmentationResult r) {
      f.put("windowLabels", r.windowLabels());
      f.put("pixelLabels", r.pixelLabels());
      f.put("colors", r.colors());
    } else {
      throw new AssertionError("no fingerprint for " + result.getClass());
    }
    return f;
  }

  /** The names whose values differ between two fingerprints, compared bit for bit. */
  static List<String> differences(Map<String, Object> a, Map<String, Object> b) {
    List<String> names = new ArrayList<>();
    for (String name : a.keySet()) {
      if (!java.util.Objects.deepEquals(a.get(name), b.get(name))) {
        names.add(name);
      }
    }
    return names;
  }

  /** The settings record of a fit's result. */
  static Record settingsOf(Object result) {
    try {
      return (Record) result.getClass().getMethod("settings").invoke(result);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(result.getClass() + " has no settings()", e);
    }
  }

  /** {@code builder.build()}, which every builder declares. */
  static Estimator<?> build(EstimatorBuilder<?> builder) {
    try {
      return (Estimator<?>) builder.getClass().getMethod("build").invoke(builder);
    } catch (InvocationTargetException e) {
      throw new AssertionError("build() failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(builder.getClass() + " has no public build()", e);
    }
  }
}
