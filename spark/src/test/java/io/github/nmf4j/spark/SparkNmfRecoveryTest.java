package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A task that fails is run again by Spark (here {@code local[2,3]}: two threads, three attempts
 * per task) from the same cached blocks and broadcast step, and the fit ends with the same H,
 * bit for bit, as a fit where nothing failed.
 */
class SparkNmfRecoveryTest {

  /** The step (0 is the start) and partition whose first attempt fails. */
  private static final int FAILING_STEP = 5;
  private static final int FAILING_PARTITION = 1;
  /** Attempts at the failing step's task, counted where the tasks run (one JVM in local mode). */
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();

  private static final SparkSession spark = SparkTestData.session();

  /** An estimator whose task for one partition of one step throws on its first attempt. */
  static final class FailingOnce extends SparkNmf {
    private static final long serialVersionUID = 1L;

    @Override
    StepRunner stepRunner() {
      return (step, index, block, w) -> {
        if (index == FAILING_STEP && TaskContext.getPartitionId() == FAILING_PARTITION) {
          ATTEMPTS.incrementAndGet();
          if (TaskContext.get().attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the first attempt");
          }
        }
        return StepRunner.DIRECT.run(step, index, block, w);
      };
    }
  }

  @Test
  void aTaskThatFailsOnceIsRecomputedWithTheSameResult() {
    Matrix v = SparkTestData.noisyLowRank(200, 30, 5, 0.1, 6);

    Matrix expected = new SparkNmf().setRank(5).setSeed(2).setMaxIter(12).setTol(0)
        .fit(frame(spark, v, 3, false)).components();
    SparkNmfModel recovered = new FailingOnce().setRank(5).setSeed(2).setMaxIter(12).setTol(0)
        .fit(frame(spark, v, 3, false));

    assertThat(ATTEMPTS.get()).isEqualTo(2);
    assertThat(recovered.components().toRowMajorArray())
        .containsExactly(expected.toRowMajorArray());
  }
}
