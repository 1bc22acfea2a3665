package io.github.nmf4j.spark;

import io.github.nmf4j.nmf.BlockStatistics;
import io.github.nmf4j.nmf.BlockStep;
import io.github.nmf4j.nmf.BlockSums;
import io.github.nmf4j.nmf.DistributedNmf;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
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
  /** The name of the vectors' column, for messages. */
  private final String column;
  private final int checkpointInterval;
  private final StepRunner runner;
  private final List<Broadcast<BlockStep>> broadcasts = new ArrayList<>();
  private JavaRDD<StepOutput> current;
  private int steps;

  private SparkBlocks(JavaSparkContext jsc, JavaRDD<RowBlock> v, String column,
      int checkpointInterval, StepRunner runner) {
    this.jsc = jsc;
    this.v = v;
    this.column = column;
    this.checkpointInterval = checkpointInterval;
    this.runner = runner;
  }

  /**
   * The blocks of {@code vectors}, one per partition, row {@code i} of V being the {@code i}-th
   * vector in partition order; cached. Reads {@code vectors} twice (the rows per partition, then
   * the blocks), so it must give the same rows in the same order each time.
   *
   * <p>With an {@code alignment} above 1 ({@link DistributedNmf#rowAlignment}, 256 for HALS),
   * each block must start at a multiple of it: when a partition does not, the rows before its
   * first multiple join the previous non-empty block (so block {@code j} holds rows {@code
   * [min(n, ceil(o_j / a) a), min(n, ceil(o_(j+1) / a) a))} for partition offsets {@code o}).
   * At most {@code alignment - 1} rows per partition change partition, but the move is one
   * shuffle of all of V before the fit (rows keyed by their index, sorted within each block);
   * none during it. Aligned partitions (and every MU fit) are not shuffled.
   *
   * @param column the name of the vectors' column, for messages
   * @throws IllegalArgumentException if {@code vectors} is empty
   */
  static SparkBlocks of(JavaRDD<Vector> vectors, String column, int alignment,
      int checkpointInterval, StepRunner runner) {
    List<Integer> counts = vectors.mapPartitions(it -> {
      int c = 0;
      for (; it.hasNext(); it.next()) {
        c++;
      }
      return Collections.singletonList(c).iterator();
    }).collect();
    long[] offsets = offsets(counts);
    if (offsets[offsets.length - 1] == 0) {
      throw new IllegalArgumentException("features column '" + column + "' has no rows: V must "
          + "not be empty");
    }
    long[] aligned = aligned(offsets, alignment);
    JavaRDD<Vector> rows = vectors;
    if (!Arrays.equals(offsets, aligned)) {
      rows = vectors.mapPartitionsWithIndex((i, it) -> {
        List<Tuple2<Long, Vector>> out = new ArrayList<>();
        long r = offsets[i];
        while (it.hasNext()) {
          out.add(new Tuple2<>(r++, it.next()));
        }
        return out.iterator();
      }, true).mapToPair(t -> t)
          .repartitionAndSortWithinPartitions(new RowPartitioner(aligned))
          .values();
    }
    long[] starts = aligned;
    JavaRDD<RowBlock> blocks = rows.mapPartitionsWithIndex((i, it) -> {
      int count = (int) (starts[i + 1] - starts[i]);
      return count == 0 ? Collections.emptyIterator()
          : Collections.singletonList(RowBlock.of(starts[i], count, it, column)).iterator();
    }, true);
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    return new SparkBlocks(JavaSparkContext.fromSparkContext(vectors.context()), blocks, column,
        checkpointInterval, runner);
  }

  /** The first row of each partition, and the number of rows last. */
  private static long[] offsets(List<Integer> counts) {
    long[] offsets = new long[counts.size() + 1];
    for (int i = 0; i < counts.size(); i++) {
      offsets[i + 1] = offsets[i] + counts.get(i);
    }
    return offsets;
  }

  /**
   * {@code offsets} (the last being the number of rows n) with each first row rounded up to a
   * multiple of {@code alignment}, and at most n.
   */
  static long[] aligned(long[] offsets, int alignment) {
    long n = offsets[offsets.length - 1];
    long[] out = new long[offsets.length];
    for (int i = 0; i < out.length; i++) {
      long up = (offsets[i] + alignment - 1) / alignment * alignment;
      out[i] = Math.min(n, up);
    }
    return out;
  }

  /** Row index to the partition whose aligned range holds it. */
  static final class RowPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final long[] starts;

    RowPartitioner(long[] starts) {
      this.starts = starts;
    }

    @Override
    public int numPartitions() {
      return starts.length - 1;
    }

    @Override
    public int getPartition(Object key) {
      long row = (Long) key;
      // The last partition j with starts[j] <= row (empty partitions share their start).
      int j = Arrays.binarySearch(starts, row);
      if (j < 0) {
        return -j - 2;
      }
      while (j + 1 < starts.length - 1 && starts[j + 1] == row) {
        j++;
      }
      return j;
    }
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
        throw new IllegalArgumentException(column + " at row " + part._1() + " has "
            + RowBlock.valueCount(cols) + ", row 0 has " + total.cols() + " (all rows of V must "
            + "have the same length)");
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
      // The checkpoint was written by the job above; earlier steps are out of the lineage. This
      // step's broadcast is kept: a checkpointed mapPartitions RDD (the start's) keeps its
      // function, which holds the broadcast, and the next step's tasks serialize that RDD.
      for (Broadcast<BlockStep> old : broadcasts) {
        if (old != b) {
          old.destroy();
        }
      }
      broadcasts.clear();
      broadcasts.add(b);
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
