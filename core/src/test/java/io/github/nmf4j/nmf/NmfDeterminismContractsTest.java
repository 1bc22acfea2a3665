package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Determinism beyond {@code api/ThreadCountContractTest} (whose shapes are large and regular):
 * shapes that make the blocks uneven or leave threads idle ({@code 1 x p}, {@code n x 1}, fewer
 * rows than threads, sizes just past the blocks of 128, 256 and 512 rows or columns and of
 * 65,536 values), every initialization and custom factors with two restarts, every solver and
 * loss on dense, sparse and missing values, mini-batch and online fits with a short last batch,
 * rank selection and consensus: each must give bit-identical results (factors, errors, loss
 * history, labels, transform, impute, consensus matrix, held-out errors) for 1, 2, 3 and 8
 * threads, with no executor, a fixed pool, a fork-join pool and a single-thread executor, also
 * when the fit is called from that executor's only thread.
 */
class NmfDeterminismContractsTest {

  private static final Duration DEADLOCK = Duration.ofSeconds(60);

  private static ExecutorService fixed;
  private static ForkJoinPool forkJoin;
  private static ExecutorService single;

  /** How one fit runs: its threads and executor (null: none). */
  private record Run(int threads, Executor executor, String name) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A configuration and its fit, which returns the values that must not depend on the run. */
  private record Case(String name, BiFunction<Integer, Executor, List<Object>> fit) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void startPools() {
    fixed = Executors.newFixedThreadPool(3);
    forkJoin = new ForkJoinPool(2);
    single = Executors.newSingleThreadExecutor();
  }

  @AfterAll
  static void stopPools() {
    fixed.shutdownNow();
    forkJoin.shutdownNow();
    single.shutdownNow();
  }

  private static List<Run> runs() {
    return List.of(new Run(2, null, "2 threads"), new Run(3, null, "3 threads"),
        new Run(8, null, "8 threads"), new Run(8, fixed, "8 threads on a fixed pool of 3"),
        new Run(4, forkJoin, "4 threads on a fork-join pool of 2"),
        new Run(3, single, "3 threads on a single-thread executor"));
  }

  /**
   * Catches work split by the thread count, partial sums added in the order the threads finish
   * and streams shared by threads, where only an uneven shape shows it: a last block shorter
   * than the others, more threads than blocks, a dimension of 1.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sameResultForAnyThreadCountAndExecutor(Case c) throws Exception {
    List<Object> reference = c.fit().apply(1, null);
    for (Run run : runs()) {
      assertThat(differences(reference, c.fit().apply(run.threads(), run.executor())))
          .as("what differs from 1 thread with %s", run).isEmpty();
    }
    // called from the executor's only thread: no helper ever starts, and none is waited for
    List<Object> onItsThread = assertTimeoutPreemptively(DEADLOCK, () ->
        single.submit(() -> c.fit().apply(4, single)).get(DEADLOCK.toSeconds(), TimeUnit.SECONDS));
    assertThat(differences(reference, onItsThread))
        .as("what differs from 1 thread when called on the executor's only thread").isEmpty();
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    int[][] shapes = {{1, 600}, {700, 1}, {5, 3}, {300, 220}, {70, 520}, {257, 129}};
    Object[][] solvers = {{Solver.MULTIPLICATIVE_UPDATE, 2.0}, {Solver.MULTIPLICATIVE_UPDATE, 1.0},
        {Solver.MULTIPLICATIVE_UPDATE, 1.5}, {Solver.HALS, 2.0}};
    Initialization[] starts = {Initialization.RANDOM, Initialization.NNDSVD,
        Initialization.NNDSVDA, Initialization.NNDSVDAR, null};
    int i = 0;
    for (int shape = 0; shape < shapes.length; shape++) {
      int n = shapes[shape][0];
      int p = shapes[shape][1];
      // three starts per shape, each start (custom factors: s == starts.length) on three shapes
      for (int s = shape % 2; s <= starts.length; s += 2) {
        Object[] solver = solvers[i % solvers.length];
        int mode = (i + i / 4) % 4;
        i++;
        cases.add(nmf(n, p, (Solver) solver[0], (double) solver[1],
            s < starts.length ? starts[s] : null, s == starts.length, mode));
      }
      cases.add(miniBatch(n, p, i % 2 == 0, i++ % 3 == 0));
    }
    cases.add(rankSelection(2, 40));
    cases.add(rankSelection(57, 33));
    cases.add(consensus(3, 40));
    cases.add(consensus(57, 33));
    return cases.stream();
  }

  /** Mode 0 dense, 1 sparse, 2 dense with NaN, 3 sparse with missing values. */
  private static Case nmf(int n, int p, Solver solver, double beta, Initialization init,
      boolean custom, int mode) {
    boolean sparse = mode % 2 == 1;
    // missing values take the Frobenius and Kullback-Leibler losses only
    boolean missing = mode >= 2 && (beta == 2 || beta == 1);
    int rank = Math.min(3, Math.min(n, p));
    Matrix v = data(n, p, 5, missing && !sparse ? 0.15 : 0);
    Matrix w0 = data(n, rank, 6, 0).add(Matrix.wrap(n, rank, fill(n * rank, 0.5)));
    Matrix h0 = data(rank, p, 7, 0).add(Matrix.wrap(rank, p, fill(rank * p, 0.5)));
    String name = "Nmf " + n + "x" + p + " " + solver + " beta " + beta + " "
        + (custom ? "custom" : init == null ? "default" : init.name())
        + (sparse ? " sparse" : " dense") + (missing ? " missing" : "");
    return new Case(name, (threads, executor) -> {
      Nmf.Builder b = Nmf.builder().rank(rank).solver(solver).betaLoss(beta).restarts(2)
          .maxIterations(5).checkEvery(2).seed(11).threads(threads).executor(executor);
      if (custom) {
        b.initialFactors(w0, h0);
      } else if (init != null) {
        b.initialization(init);
      }
      if (missing) {
        b.missingValues(MissingValues.IGNORE);
      }
      NmfModel m = sparse ? b.fit(SparseMatrix.of(v)) : b.fit(v);
      List<Object> f = fingerprint(m);
      if (sparse) {
        f.add(m.transform(SparseMatrix.of(v)).toRowMajorArray());
        f.add(m.impute(SparseMatrix.of(v)).toRowMajorArray());
      } else {
        f.add(m.transform(v).toRowMajorArray());
        f.add(m.impute(v).toRowMajorArray());
      }
      return f;
    });
  }

  /**
   * A mini-batch fit whose last batch is short, and an online fit fed batches of growing size
   * (a later batch larger than the first remakes the solver's buffers).
   */
  private static Case miniBatch(int n, int p, boolean sparse, boolean fresh) {
    int rank = Math.min(3, Math.min(n, p));
    Matrix v = data(n, p, 8, 0);
    int batch = n / 3 + 1;
    String name = "MiniBatchNmf and OnlineNmf " + n + "x" + p + " batches of " + batch
        + (sparse ? " sparse" : " dense") + (fresh ? " fresh restarts" : "");
    return new Case(name, (threads, executor) -> {
      MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(rank).batchSize(batch)
          .freshRestarts(fresh).maxIterations(3).maxNoImprovement(0).seed(11).threads(threads)
          .executor(executor);
      NmfModel m = sparse ? b.fit(SparseMatrix.of(v)) : b.fit(v);
      List<Object> f = fingerprint(m);
      f.add(m.transform(v).toRowMajorArray());
      OnlineNmf online = b.initialization(Initialization.RANDOM).start(p);
      double[] a = v.toRowMajorArray();
      for (int from = 0, size = Math.max(1, n / 7); from < n; from += size, size *= 2) {
        int to = Math.min(n, from + size);
        Matrix rows = Matrix.wrap(to - from, p, Arrays.copyOfRange(a, from * p, to * p));
        f.add((sparse ? online.partialFit(SparseMatrix.of(rows)) : online.partialFit(rows))
            .toRowMajorArray());
      }
      f.add(online.components().toRowMajorArray());
      f.add(online.transform(v).toRowMajorArray());
      return f;
    });
  }

  private static Case rankSelection(int n, int p) {
    Matrix v = data(n, p, 9, 0.05);
    return new Case("RankSelection " + n + "x" + p, (threads, executor) -> {
      RankSelectionResult r = RankSelection.builder().ranks(1, 2, 3).repeats(2)
          .holdoutFraction(0.2).seed(4).nmf(Nmf.builder().solver(Solver.HALS).maxIterations(6))
          .threads(threads).executor(executor).fit(v);
      return new ArrayList<>(List.of(r.repeatErrors(), r.testErrors(), r.standardErrors()));
    });
  }

  private static Case consensus(int n, int p) {
    Matrix v = data(n, p, 10, 0.05);
    return new Case("Consensus " + n + "x" + p + " missing", (threads, executor) -> {
      ConsensusResult r = Consensus.builder().rank(2).runs(3).seed(4)
          .nmf(Nmf.builder().missingValues(MissingValues.IGNORE).maxIterations(6))
          .threads(threads).executor(executor).fit(v);
      return new ArrayList<>(List.of(r.consensusMatrix().toRowMajorArray(),
          r.copheneticCorrelation(), r.dispersion(), r.labels()));
    });
  }

  private static List<Object> fingerprint(NmfModel m) {
    return new ArrayList<>(List.of(m.w().toRowMajorArray(), m.h().toRowMajorArray(),
        m.reconstructionError(), m.relativeError(), m.iterations(), m.converged(),
        m.lossHistory(), m.restart(), m.clusterLabels()));
  }

  /** The positions at which two fingerprints differ, compared bit for bit. */
  private static List<Integer> differences(List<Object> a, List<Object> b) {
    List<Integer> differ = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Objects.deepEquals(a.get(i), b.get(i))) {
        differ.add(i);
      }
    }
    return differ;
  }

  /** {@code n x p} values in [0, 3), a third of them 0, NaN with probability {@code nan}. */
  static Matrix data(int n, int p, long seed, double nan) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[n * p];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextInt(3) == 0 ? 0 : 3 * r.nextDouble();
      if (r.nextDouble() < nan) {
        a[i] = Double.NaN;
      }
    }
    return Matrix.wrap(n, p, a);
  }

  private static double[] fill(int size, double x) {
    double[] a = new double[size];
    Arrays.fill(a, x);
    return a;
  }
}
