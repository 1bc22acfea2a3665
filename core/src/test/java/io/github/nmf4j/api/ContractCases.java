package io.github.nmf4j.api;

import io.github.nmf4j.api.ContractData.Input;
import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.Distance;
import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansInit;
import io.github.nmf4j.cluster.LabelAssignment;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaSolver;
import io.github.nmf4j.estimator.Estimator;
import io.github.nmf4j.estimator.EstimatorBuilder;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.image.RgbImage;
import io.github.nmf4j.image.Segmentation;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.NmfSettings;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.nmf.Solver;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
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
 * must not depend on the threads ({@link Fingerprints}). The data ({@link ContractData}) are
 * large enough that the fits split their work into several blocks, small enough that a fit takes
 * milliseconds.
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

  /**
   * A model fitted with {@link MissingValues#IGNORE} and its transform of the data it was fitted
   * on, NaN entries (a sparse x's unstored entries) unobserved: the fold-in as the result of an
   * entry point, so that the contract tests cover the masked transform too (its W is part of the
   * fingerprint; the input must stay unmodified through both calls).
   */
  record Transformed(NmfModel model, Matrix w) {
    /** The model's settings, as a fit's result has. */
    public NmfSettings settings() {
      return model.settings();
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
        List.of(dense("fit(Matrix)", ContractData::shifted, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractData::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix with explicit zeros)",
                ContractData::sparseWithExplicitZeros, 1600, (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(RANDOM, 40 clusters)",
        r -> runAs(KMeans.builder().k(40).initialization(KMeansInit.RANDOM).restarts(2)
            .maxIterations(10).seed(8), r).build(),
        e -> ((KMeans) e).toBuilder().k(30).build(),
        List.of(dense("fit(Matrix)", ContractData::shifted, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractData::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(K_MEANS_PARALLEL)",
        r -> runAs(KMeans.builder().k(10).initialization(KMeansInit.K_MEANS_PARALLEL)
            .parallelRounds(3).oversampling(1.5).maxIterations(15).seed(8), r).build(),
        e -> ((KMeans) e).toBuilder().parallelRounds(2).oversampling(3).build(),
        List.of(dense("fit(Matrix)", ContractData::shifted, KMEANS_ROWS,
            (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(COSINE)",
        r -> runAs(KMeans.builder().k(10).distance(Distance.COSINE).maxIterations(8).seed(9),
            r).build(),
        e -> ((KMeans) e).toBuilder().distance(Distance.EUCLIDEAN).build(),
        List.of(dense("fit(Matrix)", ContractData::shifted, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractData::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("KMeans(few features)",
        r -> runAs(KMeans.builder().k(6).maxIterations(30).seed(3), r).build(),
        e -> ((KMeans) e).toBuilder().tolerance(0).build(),
        List.of(dense("fit(Matrix of 4 features)", n -> ContractData.bands(n, 4), KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x)),
            dense("fit(Matrix of 3 features)", n -> ContractData.bands(n, 3), KMEANS_ROWS,
                (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("MiniBatchKMeans",
        r -> runAs(MiniBatchKMeans.builder().k(10).batchSize(512).maxIterations(3)
            .reassignmentRatio(0.05).maxNoImprovement(8).restarts(2).tolerance(1e-4).seed(7), r)
            .build(),
        e -> ((MiniBatchKMeans) e).toBuilder().batchSize(100).build(),
        List.of(dense("fit(Matrix)", ContractData::shifted, KMEANS_ROWS,
                (e, x) -> ((MiniBatchKMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractData::shiftedSparse, KMEANS_ROWS,
                (e, x) -> ((MiniBatchKMeans) e).fit(x)),
            sparse("fit(SparseMatrix with explicit zeros)",
                ContractData::sparseWithExplicitZeros, 1600,
                (e, x) -> ((MiniBatchKMeans) e).fit(x)),
            dense("fit(Matrix of 4 features)", n -> ContractData.bands(n, 4), KMEANS_ROWS,
                (e, x) -> ((MiniBatchKMeans) e).fit(x))),
        Set.of("k", "restarts", "maxIterations", "tolerance", "seed", "threads")));
    c.add(new Case("SpectralClustering(NEAREST_NEIGHBORS)",
        r -> runAs(SpectralClustering.builder().clusters(6).affinity(Affinity.NEAREST_NEIGHBORS)
            .neighbors(12).eigenTolerance(1e-5).maxEigenIterations(100).seed(7), r).build(),
        e -> ((SpectralClustering) e).toBuilder().neighbors(5).build(),
        List.of(dense("fit(Matrix)", ContractData::shifted, SPECTRAL_ROWS,
            (e, x) -> ((SpectralClustering) e).fit(x))),
        null));
    c.add(new Case("SpectralClustering(RBF, DISCRETIZE)",
        r -> runAs(SpectralClustering.builder().clusters(5).affinity(Affinity.RBF).gamma(2e-3)
            .labelAssignment(LabelAssignment.DISCRETIZE).maxEigenIterations(100).seed(7), r)
            .build(),
        e -> ((SpectralClustering) e).toBuilder().labelAssignment(LabelAssignment.KMEANS)
            .build(),
        List.of(dense("fit(Matrix)", ContractData::shifted, 300,
            (e, x) -> ((SpectralClustering) e).fit(x))),
        null));
    for (Linkage linkage : Linkage.values()) {
      List<Path> paths = new ArrayList<>();
      boolean matrix = linkage == Linkage.AVERAGE || linkage == Linkage.COMPLETE;
      paths.add(dense("fit(Matrix)", ContractData::dense, matrix ? 600 : AGGLOMERATIVE_ROWS,
          (e, x) -> ((Agglomerative) e).fit(x)));
      if (matrix) {
        paths.add(dense("fitDistances(Matrix)", ContractData::distances, 300,
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
          List.of(dense("fit(Matrix)", ContractData::dense, NMF_ROWS,
              (e, x) -> ((Pca) e).fit(x))),
          null));
    }
    c.add(new Case("Segmentation",
        r -> runAs(Segmentation.builder().window(4).stride(2).clusters(3).seed(7), r).build(),
        e -> ((Segmentation) e).toBuilder().stride(3).build(),
        List.of(new Path("segment(RgbImage)", ContractData::image, 96,
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
          List.of(dense("fit(Matrix with NaN)", ContractData::withMissing, NMF_ROWS,
                  (e, x) -> ((Nmf) e).fit(x)),
              sparse("fit(SparseMatrix)", ContractData::shiftedSparse, SPARSE_NMF_ROWS,
                  (e, x) -> ((Nmf) e).fit(x)),
              dense("fit(Matrix with NaN), transform", ContractData::withMissing, NMF_ROWS,
                  (e, x) -> transformed(((Nmf) e).fit(x), x)),
              sparse("fit(SparseMatrix), transform", ContractData::shiftedSparse,
                  SPARSE_NMF_ROWS, (e, x) -> transformed(((Nmf) e).fit(x), x))),
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
    c.add(new Case("wide data: KMeans",
        r -> runAs(KMeans.builder().k(5).maxIterations(10).seed(4), r).build(),
        e -> ((KMeans) e).toBuilder().k(3).build(),
        List.of(dense("fit(Matrix)", ContractData::faces, 200, (e, x) -> ((KMeans) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractData::facesSparse, 200,
                (e, x) -> ((KMeans) e).fit(x))),
        null));
    c.add(new Case("wide data: Agglomerative(WARD)",
        r -> runAs(Agglomerative.builder().clusters(5), r).build(),
        e -> ((Agglomerative) e).toBuilder().clusters(3).build(),
        List.of(dense("fit(Matrix)", ContractData::faces, 200,
            (e, x) -> ((Agglomerative) e).fit(x))),
        null));
    c.add(new Case("wide data: Pca",
        r -> runAs(Pca.builder().components(8).seed(4), r).build(),
        e -> ((Pca) e).toBuilder().components(3).build(),
        List.of(dense("fit(Matrix)", ContractData::faces, 200, (e, x) -> ((Pca) e).fit(x))),
        null));
    c.add(new Case("wide data: Nmf(HALS)",
        r -> runAs(Nmf.builder().rank(6).solver(Solver.HALS).maxIterations(6).seed(4), r)
            .build(),
        e -> ((Nmf) e).toBuilder().rank(3).build(),
        List.of(dense("fit(Matrix)", ContractData::faces, 200, (e, x) -> ((Nmf) e).fit(x)),
            sparse("fit(SparseMatrix)", ContractData::facesSparse, 200,
                (e, x) -> ((Nmf) e).fit(x))),
        null));
    c.add(new Case("wide data: MiniBatchNmf",
        r -> runAs(MiniBatchNmf.builder().rank(6).batchSize(64).maxIterations(2).seed(4), r)
            .build(),
        e -> ((MiniBatchNmf) e).toBuilder().batchSize(32).build(),
        List.of(dense("fit(Matrix)", ContractData::faces, 200,
            (e, x) -> ((MiniBatchNmf) e).fit(x))),
        Set.of("rank", "loss", "beta", "seed", "threads")));
    c.add(new Case("Consensus",
        r -> runAs(Consensus.builder().rank(3).runs(4).seed(7)
            .nmf(Nmf.builder().maxIterations(20)), r).build(),
        e -> ((Consensus) e).toBuilder().runs(2).build(),
        List.of(dense("fit(Matrix)", ContractData::dense, 200,
            (e, x) -> ((Consensus) e).fit(x))),
        null));
    c.add(new Case("RankSelection",
        r -> runAs(RankSelection.builder().ranks(2, 4).repeats(2).holdoutFraction(0.1).seed(7)
            .nmf(Nmf.builder().maxIterations(20)), r).build(),
        e -> ((RankSelection) e).toBuilder().ranks(3).build(),
        List.of(dense("fit(Matrix)", ContractData::dense, 300,
            (e, x) -> ((RankSelection) e).fit(x))),
        null));
    return c;
  }

  private static Transformed transformed(NmfModel model, Matrix x) {
    return new Transformed(model, model.transform(x));
  }

  private static Transformed transformed(NmfModel model, SparseMatrix x) {
    return new Transformed(model, model.transform(x));
  }

  /** The dense and the sparse entry point of {@link Nmf}. */
  private static List<Path> nmfPaths() {
    return nmfPaths((e, x) -> ((Nmf) e).fit(x), (e, x) -> ((Nmf) e).fit(x));
  }

  private static List<Path> nmfPaths(BiFunction<Estimator<?>, Matrix, Object> dense,
      BiFunction<Estimator<?>, SparseMatrix, Object> sparse) {
    return List.of(dense("fit(Matrix)", ContractData::dense, NMF_ROWS, dense),
        sparse("fit(SparseMatrix)", ContractData::shiftedSparse, SPARSE_NMF_ROWS, sparse));
  }

  /** Every case with every one of its entry points. */
  static Stream<Fit> fits() {
    return cases().stream().flatMap(c -> c.paths().stream().map(p -> new Fit(c, p)));
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
