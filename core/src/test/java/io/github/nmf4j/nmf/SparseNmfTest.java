package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sparse V gives the fit of its dense form: same solvers, losses, starts and options, the
 * same factors up to the rounding of products summed in another order.
 */
class SparseNmfTest {

  /** Norm-wise relative difference allowed between the sparse and the dense fit. */
  private static final double SAME_FIT = 1e-12;

  /** A non-negative matrix of the given density with row 1 and column 2 empty. */
  static SparseMatrix sparse(int n, int p, double density, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<int[]> at = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (i != 1 && j != 2 && r.nextDouble() < density) {
          at.add(new int[] {i, j});
        }
      }
    }
    int[] ri = new int[at.size()];
    int[] ci = new int[at.size()];
    double[] v = new double[at.size()];
    for (int e = 0; e < v.length; e++) {
      ri[e] = at.get(e)[0];
      ci[e] = at.get(e)[1];
      v[e] = 0.05 + 3 * r.nextDouble();
    }
    return SparseMatrix.fromTriplets(n, p, ri, ci, v);
  }

  static Stream<Arguments> solvers() {
    return Stream.of(
        Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS),
        Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.KULLBACK_LEIBLER),
        Arguments.of(Solver.HALS, Loss.FROBENIUS));
  }

  private static Nmf.Builder settings(Solver solver, Loss loss) {
    return Nmf.builder().solver(solver).loss(loss).rank(4).seed(3).tolerance(0)
        .maxIterations(60);
  }

  static double relativeDifference(Matrix a, Matrix b) {
    assertThat(a.shape()).isEqualTo(b.shape());
    return a.subtract(b).frobeniusNorm() / b.frobeniusNorm();
  }

  private static void assertSameFit(NmfModel sparse, NmfModel dense, double tolerance) {
    assertThat(relativeDifference(sparse.w(), dense.w())).isLessThan(tolerance);
    assertThat(relativeDifference(sparse.h(), dense.h())).isLessThan(tolerance);
    assertThat(Math.abs(sparse.reconstructionError() - dense.reconstructionError()))
        .isLessThanOrEqualTo(tolerance * dense.reconstructionError());
    assertThat(sparse.iterations()).isEqualTo(dense.iterations());
    double[] hs = sparse.lossHistory();
    double[] hd = dense.lossHistory();
    assertThat(hs).hasSameSizeAs(hd);
    for (int i = 0; i < hs.length; i++) {
      assertThat(Math.abs(hs[i] - hd[i])).as("loss %d", i)
          .isLessThanOrEqualTo(1e-9 * hd[i] + 1e-12);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void fromTheSameFactorsTheSparseFitIsTheDenseFit(Solver solver, Loss loss) {
    SparseMatrix v = sparse(70, 45, 0.15, 1);
    SplittableRandom r = new SplittableRandom(9);
    Matrix w0 = Matrix.wrap(70, 4, r.doubles(280, 0.1, 1).toArray());
    Matrix h0 = Matrix.wrap(4, 45, r.doubles(180, 0.1, 1).toArray());
    Nmf nmf = settings(solver, loss).initialFactors(w0, h0).build();
    NmfModel sparse = nmf.fit(v);
    NmfModel dense = nmf.fit(v.toDense());
    assertSameFit(sparse, dense, SAME_FIT);
    assertThat(sparse.relativeError()).isCloseTo(dense.relativeError(),
        org.assertj.core.api.Assertions.within(1e-12));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Initialization.class)
  void everyStartGivesTheDenseFit(Initialization init) {
    // 300 x 200 at rank 4 takes the randomized SVD, through the sparse products
    SparseMatrix v = sparse(300, 200, 0.05, 2);
    Nmf nmf = settings(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS).initialization(init)
        .maxIterations(20).restarts(2).build();
    assertSameFit(nmf.fit(v), nmf.fit(v.toDense()), 1e-9);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void bitIdenticalForAnyThreadCount(Solver solver, Loss loss) {
    SparseMatrix v = sparse(600, 90, 0.1, 4);
    NmfModel one = settings(solver, loss).threads(1).fit(v);
    for (int threads : new int[] {2, 3, 8}) {
      NmfModel again = settings(solver, loss).threads(threads).fit(v);
      assertThat(again.w()).as("%d threads", threads).isEqualTo(one.w());
      assertThat(again.h()).as("%d threads", threads).isEqualTo(one.h());
      assertThat(again.reconstructionError()).isEqualTo(one.reconstructionError());
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void transformOfSparseRowsIsTheDenseTransform(Solver solver, Loss loss) {
    SparseMatrix v = sparse(80, 30, 0.2, 5);
    NmfModel model = settings(solver, loss).fit(v);
    SparseMatrix x = sparse(25, 30, 0.3, 6);
    assertThat(relativeDifference(model.transform(x), model.transform(x.toDense())))
        .isLessThan(SAME_FIT);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void theLossNeverIncreases(Solver solver, Loss loss) {
    NmfModel model = settings(solver, loss).maxIterations(100).checkEvery(1)
        .fit(sparse(120, 60, 0.1, 7));
    double[] history = model.lossHistory();
    for (int i = 1; i < history.length; i++) {
      assertThat(history[i]).isLessThanOrEqualTo(history[i - 1] * (1 + 1e-12));
    }
    assertThat(TestMatrices.allFiniteNonNegative(model.w())).isTrue();
    assertThat(TestMatrices.allFiniteNonNegative(model.h())).isTrue();
  }

  @Test
  void listenerCancellationAndExecutorWork() throws Exception {
    SparseMatrix v = sparse(100, 40, 0.1, 8);
    List<Integer> seen = new ArrayList<>();
    settings(Solver.MULTIPLICATIVE_UPDATE, Loss.KULLBACK_LEIBLER).maxIterations(7)
        .listener(progress -> seen.add(progress.iteration())).fit(v);
    assertThat(seen).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThatThrownBy(() -> settings(Solver.HALS, Loss.FROBENIUS)
        .listener(progress -> {
          if (progress.iteration() == 3) {
            progress.cancel();
          }
        }).fit(v)).isInstanceOf(CancellationException.class);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      NmfModel onPool = settings(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS).threads(3)
          .executor(pool).fit(v);
      assertThat(onPool.w())
          .isEqualTo(settings(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS).threads(1).fit(v).w());
    } finally {
      pool.shutdown();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("solvers")
  void degenerateMatricesGiveFiniteFactors(Solver solver, Loss loss) {
    SparseMatrix nothing = SparseMatrix.fromTriplets(5, 4, new int[0], new int[0],
        new double[0]);
    SparseMatrix one = SparseMatrix.fromTriplets(1, 1, new int[] {0}, new int[] {0},
        new double[] {2.5});
    SparseMatrix column = SparseMatrix.fromTriplets(6, 3, new int[] {0, 2, 5},
        new int[] {1, 1, 1}, new double[] {1, 2, 3});
    for (SparseMatrix v : new SparseMatrix[] {nothing, one, column}) {
      NmfModel m = Nmf.builder().solver(solver).loss(loss).rank(1).maxIterations(30)
          .initialization(Initialization.RANDOM).fit(v);
      assertThat(TestMatrices.allFiniteNonNegative(m.w())).as(v.toString()).isTrue();
      assertThat(TestMatrices.allFiniteNonNegative(m.h())).as(v.toString()).isTrue();
      assertThat(Double.isFinite(m.reconstructionError())).isTrue();
    }
  }

  @Test
  void badInputIsRefused() {
    SparseMatrix negative = SparseMatrix.fromTriplets(3, 4, new int[] {0, 2}, new int[] {1, 3},
        new double[] {1, -2});
    assertThatThrownBy(() -> Nmf.builder().rank(1).fit(negative))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative value -2.0 at row 2, column 3 of v (NMF needs finite, non-negative"
            + " values)");
    SparseMatrix empty = SparseMatrix.fromTriplets(0, 4, new int[0], new int[0], new double[0]);
    assertThatThrownBy(() -> Nmf.builder().rank(1).fit(empty))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0x4");
    assertThatThrownBy(() -> Nmf.builder().rank(1).fit((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("v must not be null");
    NmfModel model = Nmf.builder().rank(1).fit(sparse(10, 5, 0.5, 1));
    assertThatThrownBy(() -> model.transform(sparse(3, 6, 0.5, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x must have 5 columns");
  }

  /**
   * 150,000 x 2,000 with 8 entries per row: the dense form would take 2.4 GB, more than the
   * test JVM's heap (-Xmx2g); the sparse fit takes tens of megabytes, with every solver, the
   * randomized SVD of an NNDSVDA start and the final errors.
   */
  @Test
  void aMatrixWhoseDenseFormExceedsTheHeapIsFactored() {
    int n = 150_000;
    int p = 2_000;
    int per = 8;
    assertThat(8L * n * p).isGreaterThan(Runtime.getRuntime().maxMemory());
    int[] pointers = new int[n + 1];
    int[] columns = new int[n * per];
    double[] values = new double[n * per];
    for (int i = 0; i < n; i++) {
      for (int e = 0; e < per; e++) {
        columns[i * per + e] = e * (p / per) + (i * 31) % (p / per);
        values[i * per + e] = 1 + (i + e) % 5;
      }
      pointers[i + 1] = (i + 1) * per;
    }
    SparseMatrix v = SparseMatrix.wrapCsr(n, p, pointers, columns, values);
    Initialization init = Initialization.NNDSVDA;
    for (Arguments a : solvers().toList()) {
      NmfModel m = Nmf.builder().solver((Solver) a.get()[0]).loss((Loss) a.get()[1]).rank(4)
          .maxIterations(3).tolerance(0).initialization(init).fit(v);
      init = Initialization.RANDOM;
      assertThat(m.w().shape()).isEqualTo(n + "x4");
      assertThat(m.relativeError()).isBetween(0.0, 1.0);
      assertThat(TestMatrices.allFiniteNonNegative(m.h())).isTrue();
    }
  }
}
