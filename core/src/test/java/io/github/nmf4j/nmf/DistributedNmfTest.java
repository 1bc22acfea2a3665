package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fit over row blocks gives the core's fit for the same seed, whatever the blocks: the issue's
 * contract for nmf4j-spark, checked here without Spark.
 */
class DistributedNmfTest {

  /** H and the losses against the single-machine fit: the sums' rounding differs, nothing else. */
  private static final double SAME = 1e-9;

  /** Splits of 300 rows: one block, blocks of 128 rows' misfits, one row, an empty block. */
  private static final int[][] SPLITS = {
      {300}, {1, 299}, {128, 172}, {97, 0, 64, 139}, {50, 50, 50, 50, 50, 50}};

  private static final Matrix V = TestMatrices.noisyLowRank(300, 40, 10, 0.1, 11);

  enum Variant {
    FROBENIUS_MU(Loss.FROBENIUS, Solver.MULTIPLICATIVE_UPDATE),
    KULLBACK_LEIBLER_MU(Loss.KULLBACK_LEIBLER, Solver.MULTIPLICATIVE_UPDATE),
    FROBENIUS_HALS(Loss.FROBENIUS, Solver.HALS);

    final Loss loss;
    final Solver solver;

    Variant(Loss loss, Solver solver) {
      this.loss = loss;
      this.solver = solver;
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void anySplitGivesTheCoreFit(Variant variant) {
    Nmf config = Nmf.builder().rank(10).seed(7).maxIterations(50).tolerance(0)
        .loss(variant.loss).solver(variant.solver).initialization(Initialization.RANDOM)
        .build();
    NmfModel core = config.fit(V);

    for (int[] split : SPLITS) {
      if (variant.solver == Solver.HALS && !alignedTo(split, FrobeniusHals.BLOCK)) {
        continue;
      }
      DistributedNmfModel d = DistributedNmf.of(config).fit(new InMemoryBlocks(V, split));

      assertThat(relativeDifference(d.components(), core.h())).as(Arrays.toString(split))
          .isLessThan(SAME);
      assertThat(d.reconstructionError())
          .isCloseTo(core.reconstructionError(), within(SAME * core.reconstructionError()));
      assertThat(d.relativeError())
          .isCloseTo(core.relativeError(), within(SAME * core.relativeError()));
      assertThat(d.iterations()).isEqualTo(50);
      assertThat(d.rows()).isEqualTo(300);
      double[] history = core.lossHistory();
      assertThat(d.lossHistory()).hasSize(history.length);
      for (int i = 0; i < history.length; i++) {
        assertThat(d.lossHistory()[i]).isCloseTo(history[i], within(SAME * history[i]));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void sparseBlocksGiveTheCoreSparseFit(Variant variant) {
    Matrix holes = withHoles(V);
    Nmf config = Nmf.builder().rank(10).seed(7).maxIterations(50).tolerance(0)
        .loss(variant.loss).solver(variant.solver).initialization(Initialization.RANDOM)
        .build();
    NmfModel core = config.fit(SparseMatrix.of(holes));
    NmfModel dense = config.fit(holes);

    for (int[] split : new int[][] {{300}, {97, 0, 64, 139}, {128, 172}}) {
      if (variant.solver == Solver.HALS && !alignedTo(split, FrobeniusHals.BLOCK)) {
        continue;
      }
      InMemoryBlocks blocks = new InMemoryBlocks(holes, split, true);
      DistributedNmfModel d = DistributedNmf.of(config).fit(blocks);

      assertThat(relativeDifference(d.components(), core.h())).as(Arrays.toString(split))
          .isLessThan(SAME);
      assertThat(relativeDifference(d.components(), dense.h())).isLessThan(SAME);
      assertThat(d.reconstructionError())
          .isCloseTo(core.reconstructionError(), within(SAME * core.reconstructionError()));
      assertThat(d.lossHistory()).hasSize(core.lossHistory().length);
    }
  }

  /**
   * V entirely subnormal: {@code 2^-1062} times V's values rounded to multiples of {@code
   * 2^-10} (so exactly), whose statistics and blocks are held at the true scale {@code 4^m}, m
   * below -511: H is exactly {@code 2^-531} times that of the same V at scale 1. With m clamped
   * at -511 the MU fits had relative error 1 (H 0).
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void entirelySubnormalBlocksFitAsTheirVAtScaleOne(Variant variant) {
    double[] coarse = V.toRowMajorArray();
    double[] tiny = new double[coarse.length];
    for (int i = 0; i < coarse.length; i++) {
      coarse[i] = Math.floor(coarse[i] * 0x1p10) * 0x1p-10;
      tiny[i] = Math.scalb(coarse[i], -1062);
    }
    Matrix unit = Matrix.wrap(300, 40, coarse);
    Matrix scaled = Matrix.wrap(300, 40, tiny);
    Nmf config = Nmf.builder().rank(10).seed(7).maxIterations(30).tolerance(0)
        .loss(variant.loss).solver(variant.solver).initialization(Initialization.RANDOM)
        .build();
    for (boolean sparse : new boolean[] {false, true}) {
      int[] split = {128, 172};
      DistributedNmfModel one = DistributedNmf.of(config)
          .fit(new InMemoryBlocks(unit, split, sparse));
      DistributedNmfModel d = DistributedNmf.of(config)
          .fit(new InMemoryBlocks(scaled, split, sparse));
      assertThat(d.components()).as("sparse " + sparse)
          .isEqualTo(one.components().scale(0x1p-531));
      assertThat(d.relativeError()).as("sparse " + sparse).isEqualTo(one.relativeError());
    }
  }

  @Test
  void sparseStatisticsAreTheDenseOnesAndNameABadValue() {
    Matrix holes = withHoles(V);
    Matrix rows = Matrix.wrap(50, 40, Arrays.copyOfRange(holes.toRowMajorArray(), 0, 2000));
    BlockStatistics dense = BlockStatistics.of(rows, 10);
    BlockStatistics sparse = BlockStatistics.of(SparseMatrix.of(rows), 10);
    assertThat(sparse.toString()).isEqualTo(dense.toString());

    SparseMatrix bad = SparseMatrix.fromCsr(2, 4, new int[] {0, 1, 2}, new int[] {1, 3},
        new double[] {1, -0.5});
    assertThatThrownBy(() -> BlockStatistics.of(bad, 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative value -0.5 at row 1001, column 3 of v (NMF needs finite, "
            + "non-negative values)");
  }

  @Test
  void halsSplitsOffTheBlocksOfItsSweepsStillFitAsWell() {
    Nmf config = Nmf.builder().rank(10).seed(7).maxIterations(50).tolerance(0)
        .solver(Solver.HALS).initialization(Initialization.RANDOM).build();
    NmfModel core = config.fit(V);

    DistributedNmfModel d = DistributedNmf.of(config).fit(new InMemoryBlocks(V,
        new int[] {97, 0, 64, 139}));

    assertThat(d.relativeError()).isCloseTo(core.relativeError(),
        within(1e-3 * core.relativeError()));
  }

  @Test
  void halsAsksForBlocksOnMultiplesOfItsSweepBlock() {
    Nmf.Builder b = Nmf.builder().rank(2);

    assertThat(DistributedNmf.of(b.solver(Solver.HALS).build()).rowAlignment())
        .isEqualTo(FrobeniusHals.BLOCK);
    assertThat(DistributedNmf.of(b.solver(Solver.MULTIPLICATIVE_UPDATE).build()).rowAlignment())
        .isEqualTo(1);
    assertThat(DistributedNmf.of(b.loss(Loss.KULLBACK_LEIBLER).build()).rowAlignment())
        .isEqualTo(1);
    // Blocks on those multiples give the core's HALS fit: anySplitGivesTheCoreFit.
  }

  @Test
  void theConvergenceTestStopsAtTheCoreIteration() {
    Nmf config = Nmf.builder().rank(4).seed(3).tolerance(1e-2).build();
    NmfModel core = config.toBuilder().initialization(Initialization.RANDOM).fit(V);

    DistributedNmfModel d = DistributedNmf.of(config).fit(new InMemoryBlocks(V,
        new int[] {150, 150}));

    assertThat(core.converged()).isTrue();
    assertThat(core.iterations()).isLessThan(200);
    assertThat(d.converged()).isTrue();
    assertThat(d.iterations()).isEqualTo(core.iterations());
    assertThat(relativeDifference(d.components(), core.h())).isLessThan(SAME);
  }

  @Test
  void aStepNeverChangesItsInputsAndGivesTheSameResultWhenRunAgain() {
    Nmf config = Nmf.builder().rank(3).seed(1).maxIterations(4).build();
    InMemoryBlocks blocks = new InMemoryBlocks(V, new int[] {100, 200});
    DistributedNmf.of(config).fit(blocks);
    BlockStep update = blocks.steps.get(2);
    double[] w = blocks.w[1].clone();
    Matrix v = blocks.v[1];

    BlockStep.Result first = update.apply(v, 100, w);
    BlockStep.Result second = update.apply(v, 100, w);

    assertThat(w).containsExactly(blocks.w[1]);
    assertThat(first.w()).isNotSameAs(w).containsExactly(second.w());
    assertThat(first.sums().products()).containsExactly(second.sums().products());
    assertThat(first.sums().cross()).isEqualTo(second.sums().cross());
  }

  @Test
  void eachRowIsTransformedAsTheCoreTransformsThatRowAlone() {
    for (Variant variant : Variant.values()) {
      Nmf config = Nmf.builder().rank(5).seed(2).loss(variant.loss).solver(variant.solver)
          .initialization(Initialization.RANDOM).maxIterations(30).build();
      NmfModel core = config.fit(V);
      Matrix x = TestMatrices.noisyLowRank(7, 40, 5, 0.2, 5);

      Matrix w = DistributedNmf.transformRows(config, core.h(), x);

      for (int i = 0; i < x.rows(); i++) {
        assertThat(w.row(i)).as(variant + " row " + i)
            .containsExactly(core.transform(Matrix.wrap(1, 40, x.row(i))).row(0));
      }
    }
  }

  @Test
  void statisticsNameABadValueByItsRowInV() {
    double[] values = new double[12];
    values[7] = -2;
    assertThatThrownBy(() -> BlockStatistics.of(Matrix.wrap(3, 4, values), 1000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative value -2.0 at row 1001, column 3 of v (NMF needs finite, "
            + "non-negative values)");
    values[7] = Double.NaN;
    assertThatThrownBy(() -> BlockStatistics.of(Matrix.wrap(3, 4, values), 0))
        .hasMessageStartingWith("NaN at row 1, column 3 of v");
    BlockStatistics four = BlockStatistics.of(Matrix.wrap(1, 4, new double[4]), 0);
    BlockStatistics five = BlockStatistics.of(Matrix.wrap(1, 5, new double[5]), 1);
    assertThatThrownBy(() -> four.plus(five))
        .hasMessage("blocks must have the same number of columns, had 4 and 5");
  }

  @Test
  void statisticsAddUpToThoseOfTheWholeMatrix() {
    Matrix a = Matrix.of(new double[][] {{1e-3, 2}, {0, 5}});
    Matrix b = Matrix.of(new double[][] {{3e6, 0}});
    BlockStatistics sum = BlockStatistics.of(a, 0).plus(BlockStatistics.empty())
        .plus(BlockStatistics.of(b, 2));

    assertThat(sum.rows()).isEqualTo(3);
    assertThat(sum.cols()).isEqualTo(2);
    assertThat(sum.max()).isEqualTo(3e6);
    assertThat(sum.sum()).isEqualTo(3e6 + 7.001, within(1e-9));
    assertThat(sum.frobeniusNorm()).isCloseTo(Math.sqrt(9e12 + 29 + 1e-6), within(1e-6));
  }

  @Test
  void unsupportedSettingsAreRejected() {
    assertThatThrownBy(() -> DistributedNmf.of(Nmf.builder().rank(2)
        .initialization(Initialization.NNDSVDA).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a distributed fit starts from RANDOM, was NNDSVDA");
    assertThatThrownBy(() -> DistributedNmf.of(Nmf.builder().rank(2).restarts(3).build()))
        .hasMessage("a distributed fit runs one start, restarts was 3");
    assertThatThrownBy(() -> DistributedNmf.of(Nmf.builder().rank(2).build())
        .fit(new InMemoryBlocks(V, new int[0])))
        .hasMessage("v must not be empty, had no rows");
  }

  /**
   * A configuration with {@link MissingValues#IGNORE} was accepted, though the blocks have no
   * mask: sparse blocks were fitted with their unstored entries as zeros (H far from the core's
   * fit of the same configuration, whose unstored entries are unobserved), and a NaN of dense
   * blocks was refused as if NaN were not allowed at all.
   */
  @Test
  void missingValuesAreRejectedAsTheOtherUnsupportedSettings() {
    Nmf config = Nmf.builder().rank(2).missingValues(MissingValues.IGNORE).build();
    assertThatThrownBy(() -> DistributedNmf.of(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("missing values are not supported by a distributed fit; missingValues "
            + "must be REJECT, was IGNORE");
  }

  @Test
  void theListenerCanCancel() {
    Nmf config = Nmf.builder().rank(2).listener(progress -> {
      if (progress.iteration() == 3) {
        progress.cancel();
      }
    }).build();
    assertThatThrownBy(() -> DistributedNmf.of(config).fit(new InMemoryBlocks(V,
        new int[] {300}))).isInstanceOf(CancellationException.class);
  }

  private static boolean alignedTo(int[] split, int size) {
    int row = 0;
    for (int i = 0; i + 1 < split.length; i++) {
      row += split[i];
      if (split[i] > 0 && row % size != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code v} with about two entries in three set to 0. */
  private static Matrix withHoles(Matrix v) {
    double[] a = v.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      if (i % 3 != 1) {
        a[i] = 0;
      }
    }
    return Matrix.wrap(v.rows(), v.cols(), a);
  }

  /** {@code max |a - b| / max |b|}. */
  private static double relativeDifference(Matrix a, Matrix b) {
    double[] x = a.toRowMajorArray();
    double[] y = b.toRowMajorArray();
    double diff = 0;
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      diff = Math.max(diff, Math.abs(x[i] - y[i]));
      max = Math.max(max, Math.abs(y[i]));
    }
    return diff / max;
  }

  /** V cut into consecutive blocks of the given sizes, each holding its rows of W. */
  private static final class InMemoryBlocks implements DistributedNmf.Blocks {
    final Matrix[] v;
    /** The blocks in CSR form when the blocks are sparse, else null. */
    final SparseMatrix[] sparse;
    final long[] firstRows;
    final double[][] w;
    final List<BlockStep> steps = new ArrayList<>();

    InMemoryBlocks(Matrix all, int[] sizes) {
      this(all, sizes, false);
    }

    InMemoryBlocks(Matrix all, int[] sizes, boolean asSparse) {
      v = new Matrix[sizes.length];
      sparse = asSparse ? new SparseMatrix[sizes.length] : null;
      firstRows = new long[sizes.length];
      w = new double[sizes.length][];
      int row = 0;
      for (int b = 0; b < sizes.length; b++) {
        firstRows[b] = row;
        v[b] = sizes[b] == 0 ? null : Matrix.wrap(sizes[b], all.cols(), Arrays.copyOfRange(
            all.toRowMajorArray(), row * all.cols(), (row + sizes[b]) * all.cols()));
        if (asSparse && v[b] != null) {
          sparse[b] = SparseMatrix.of(v[b]);
        }
        row += sizes[b];
      }
    }

    @Override
    public BlockStatistics statistics() {
      BlockStatistics s = BlockStatistics.empty();
      for (int b = 0; b < v.length; b++) {
        if (v[b] != null) {
          s = s.plus(sparse != null ? BlockStatistics.of(sparse[b], firstRows[b])
              : BlockStatistics.of(v[b], firstRows[b]));
        }
      }
      return s;
    }

    @Override
    public BlockSums apply(BlockStep step) {
      steps.add(step);
      BlockSums sums = BlockSums.empty();
      for (int b = 0; b < v.length; b++) {
        if (v[b] != null) {
          BlockStep.Result r = sparse != null ? step.apply(sparse[b], firstRows[b], w[b])
              : step.apply(v[b], firstRows[b], w[b]);
          w[b] = r.w();
          sums = sums.plus(r.sums());
        }
      }
      return sums;
    }
  }
}
