package io.github.nmf4j.spark;

import io.github.nmf4j.nmf.BlockStatistics;
import io.github.nmf4j.nmf.BlockStep;
import io.github.nmf4j.nmf.BlockSums;
import io.github.nmf4j.nmf.DistributedNmf;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The blocks of a {@link DistributedNmf} fit on Spark: one {@link RowBlock} of V per partition,
 * cached, and beside it, partition for partition, that block's rows of W in the cached result of
 * the last step. A step is broadcast, run on every partition with {@code zipPartitions} (a narrow
 * dependency: V is never shuffled), and the partitions' sums are added in partition order
 * ({@link OrderedSums}). Every {@code checkpointInterval} steps the result is checkpointed (when
 * the SparkContext has a checkpoint directory), which cuts the lineage and frees the broadcasts
 * of earlier steps.
 */
final class SparkBlocks implements DistributedNmf.Blocks, AutoCloseable {

  /** What a step leaves in a partition: the block's rows of W and its sums. */
  static final class StepOutput implements Serializable {
    private static final long serialVersionUID = 1L;
    final double[] w;
    final BlockSums sums;

    StepOutput(double[] w, BlockSums sums) {
      this.w = w;
      this.sums = sums;
    }
  }

  private final JavaSparkContext jsc;
  private final JavaRDD<RowBlock> v;
  private final int checkpointInterval;
  private final StepRunner runner;
  private final List<Broadcast<BlockStep>> broadcasts = new ArrayList<>();
  private JavaRDD<StepOutput> current;
  private int steps;

  private SparkBlocks(JavaSparkContext jsc, JavaRDD<RowBlock> v, int checkpointInterval,
      StepRunner runner) {
    this.jsc = jsc;
    this.v = v;
    this.checkpointInterval = checkpointInterval;
    this.runner = runner;
  }

  /**
   * The blocks of {@code vectors}, one per partition, row {@code i} of V being the {@code i}-th
   * vector in partition order; cached. Reads {@code vectors} twice (the rows per partition, then
   * the blocks), so it must give the same rows in the same order each time.
   */
  static SparkBlocks of(JavaRDD<Vector> vectors, int checkpointInterval, StepRunner runner) {
    List<Integer> counts = vectors.mapPartitions(it -> {
      int c = 0;
      for (; it.hasNext(); it.next()) {
        c++;
      }
      return Collections.singletonList(c).iterator();
    }).collect();
    long[] offsets = new long[counts.size()];
    for (int i = 1; i < offsets.length; i++) {
      offsets[i] = offsets[i - 1] + counts.get(i - 1);
    }
    JavaRDD<RowBlock> blocks = vectors.mapPartitionsWithIndex((i, it) -> {
      int rows = counts.get(i);
      return rows == 0 ? Collections.emptyIterator()
          : Collections.singletonList(RowBlock.of(offsets[i], rows, it)).iterator();
    }, true);
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    return new SparkBlocks(JavaSparkContext.fromSparkContext(vectors.context()), blocks,
        checkpointInterval, runner);
  }

  @Override
  public BlockStatistics statistics() {
    List<Tuple2<Long, BlockStatistics>> parts =
        v.map(b -> new Tuple2<>(b.firstRow, b.statistics()))
            .collect();
    BlockStatistics total = BlockStatistics.empty();
    for (Tuple2<Long, BlockStatistics> part : parts) {
      int cols = part._2().cols();
      if (total.rows() > 0 && cols != total.cols()) {
        throw new IllegalArgumentException("features at row " + part._1() + " has " + cols
            + " values, row 0 has " + total.cols() + " (all rows of V must have the same "
            + "length)");
      }
      total = total.plus(part._2());
    }
    return total;
  }

  @Override
  public BlockSums apply(BlockStep step) {
    Broadcast<BlockStep> b = jsc.broadcast(step);
    broadcasts.add(b);
    int index = steps++;
    StepRunner r = runner;
    JavaRDD<StepOutput> next;
    if (current == null) {
      next = v.mapPartitions(vi -> run(r, b.value(), index, vi, Collections.emptyIterator()),
          true);
    } else {
      next = v.zipPartitions(current, (vi, wi) -> run(r, b.value(), index, vi, wi));
    }
    next.persist(StorageLevel.MEMORY_AND_DISK());
    boolean checkpoint = checkpointInterval > 0 && (index + 1) % checkpointInterval == 0
        && jsc.getCheckpointDir().isPresent();
    if (checkpoint) {
      next.checkpoint();
    }
    BlockSums total = OrderedSums.sum(next.map(o -> o.sums));
    if (current != null) {
      current.unpersist(false);
    }
    current = next;
    if (checkpoint) {
      // The checkpoint was written by the job above; earlier steps are out of the lineage.
      for (Broadcast<BlockStep> old : broadcasts) {
        old.destroy();
      }
      broadcasts.clear();
    }
    return total;
  }

  private static Iterator<StepOutput> run(StepRunner runner, BlockStep step, int index,
      Iterator<RowBlock> vi, Iterator<StepOutput> wi) {
    if (!vi.hasNext()) {
      return Collections.singletonList(new StepOutput(null, BlockSums.empty())).iterator();
    }
    RowBlock block = vi.next();
    double[] w = wi.hasNext() ? wi.next().w : null;
    BlockStep.Result result = runner.run(step, index, block, w);
    return Collections.singletonList(new StepOutput(result.w(), result.sums())).iterator();
  }

  /** Frees the cached blocks, the last step's result and the broadcasts. */
  @Override
  public void close() {
    v.unpersist(false);
    if (current != null) {
      current.unpersist(false);
    }
    for (Broadcast<BlockStep> b : broadcasts) {
      b.destroy();
    }
    broadcasts.clear();
  }
}
