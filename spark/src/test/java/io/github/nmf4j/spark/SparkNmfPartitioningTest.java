package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static io.github.nmf4j.spark.SparkTestData.relativeDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Partitionings away from the usual: empty partitions, more partitions than rows, the same bits
 * every run (dense or sparse vectors) when the ordered sum adds a level of groups, and no rows.
 */
class SparkNmfPartitioningTest {

  /** As SparkNmfTest: H within this of the core's, relative to H's largest entry. */
  private static final double SAME = 1e-9;

  private static final SparkSession spark = SparkTestData.session();

  @Test
  void morePartitionsThanRowsLeavesSomeEmptyAndGivesTheCoreResult() {
    Matrix v = SparkTestData.noisyLowRank(5, 12, 3, 0.1, 8);
    for (Solver solver : new Solver[] {Solver.MULTIPLICATIVE_UPDATE, Solver.HALS}) {
      NmfModel core = Nmf.builder().rank(3).seed(4).maxIterations(10).tolerance(0)
          .solver(solver).initialization(Initialization.RANDOM).fit(v);

      SparkNmfModel model = new SparkNmf().setRank(3).setSeed(4).setMaxIter(10).setTol(0)
          .setSolver(solver == Solver.HALS ? "hals" : "mu").fit(frame(spark, v, 8, false));

      assertThat(relativeDifference(model.components(), core.h())).as(solver.toString())
          .isLessThan(SAME);
      assertThat(model.rows()).isEqualTo(5);
    }
  }

  @Test
  void manyPartitionsAreSummedInTheSameOrderEveryRun() {
    // 7 partitions: the ordered sum adds them in groups of 3 (one small shuffle per iteration).
    Matrix v = SparkTestData.noisyLowRank(70, 20, 4, 0.1, 12);
    NmfModel core = Nmf.builder().rank(4).seed(9).maxIterations(5).tolerance(0)
        .initialization(Initialization.RANDOM).fit(v);

    SparkNmf nmf = new SparkNmf().setRank(4).setSeed(9).setMaxIter(5).setTol(0);
    SparkNmfModel first = nmf.fit(frame(spark, v, 7, false));
    SparkNmfModel second = nmf.fit(frame(spark, v, 7, true));

    assertThat(second.components().toRowMajorArray())
        .containsExactly(first.components().toRowMajorArray());
    assertThat(second.reconstructionError()).isEqualTo(first.reconstructionError());
    assertThat(relativeDifference(first.components(), core.h())).isLessThan(SAME);
  }

  @Test
  void aDatasetWithoutRowsIsRejected() {
    StructType schema = new StructType().add("features", new VectorUDT());

    assertThatThrownBy(() -> new SparkNmf().setRank(2)
        .fit(spark.createDataFrame(List.<Row>of(), schema)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("features column 'features' has no rows: V must not be empty");
  }
}
