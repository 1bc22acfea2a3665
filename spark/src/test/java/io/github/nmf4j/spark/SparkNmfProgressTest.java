package io.github.nmf4j.spark;

import static io.github.nmf4j.spark.SparkTestData.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.estimator.ProgressListener;
import io.github.nmf4j.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The estimator's listener: the core's progress contract (one report per iteration on the
 * caller's thread, the loss every 10 iterations) and cancellation, which frees what the fit
 * cached.
 */
class SparkNmfProgressTest {

  private static final Matrix V = SparkTestData.noisyLowRank(200, 30, 5, 0.1, 4);

  private static final SparkSession spark = SparkTestData.session();

  @Test
  void theListenerHearsEveryIterationOnTheCallersThread() {
    List<Progress> heard = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    SparkNmfModel model = new SparkNmf().setRank(5).setSeed(1).setMaxIter(12).setTol(0)
        .setListener(p -> {
          heard.add(p);
          threads.add(Thread.currentThread());
        })
        .fit(frame(spark, V, 3, false));

    assertThat(heard).extracting(Progress::iteration)
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(heard).allSatisfy(p -> assertThat(p.maxIterations()).isEqualTo(12));
    assertThat(threads).containsOnly(Thread.currentThread());
    // The loss in the units of reconstructionError, at the convergence checks only.
    assertThat(heard.get(9).loss()).hasValue(model.lossHistory()[1]);
    assertThat(heard.get(8).loss()).isEmpty();
  }

  @Test
  void aCancelledFitThrowsAndFreesWhatItCached() {
    int cached = spark.sparkContext().getPersistentRDDs().size();
    List<Integer> heard = new ArrayList<>();
    SparkNmf nmf = new SparkNmf().setRank(5).setMaxIter(50).setListener(p -> {
      heard.add(p.iteration());
      if (p.iteration() == 3) {
        p.cancel();
      }
    });

    assertThatThrownBy(() -> nmf.fit(frame(spark, V, 2, true)))
        .isInstanceOf(CancellationException.class)
        .hasMessage("NMF fit cancelled by its listener");
    assertThat(heard).containsExactly(1, 2, 3);
    assertThat(spark.sparkContext().getPersistentRDDs().size()).isEqualTo(cached);

    new SparkNmf().setRank(5).setMaxIter(3).fit(frame(spark, V, 2, false));
    assertThat(spark.sparkContext().getPersistentRDDs().size()).as("after a fit")
        .isEqualTo(cached);
  }

  @Test
  void theListenerIsNoneByDefaultAndACopyKeepsIt() {
    ProgressListener listener = p -> { };
    SparkNmf nmf = new SparkNmf().setListener(listener);

    assertThat(new SparkNmf().getListener()).isSameAs(ProgressListener.NONE);
    assertThat(nmf.copy(ParamMap.empty()).getListener()).isSameAs(listener);
    assertThatThrownBy(() -> nmf.setListener(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("listener must not be null (use ProgressListener.NONE)");
  }
}
