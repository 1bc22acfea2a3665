package io.github.nmf4j.spark;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.BlockStatistics;
import io.github.nmf4j.nmf.BlockStep;
import io.github.nmf4j.nmf.BlockSums;
import io.github.nmf4j.nmf.DistributedNmf;

/**
 * V's rows in {@code partitions} consecutive slices, as {@code parallelize} cuts them (and
 * {@link SparkTestData#frame} asks it to), held in memory: the core's {@link DistributedNmf} over
 * the blocks a Spark fit of that frame has, their sums added in block order.
 */
final class SlicedBlocks implements DistributedNmf.Blocks {
  private final Matrix[] blocks;
  private final long[] firstRows;
  private final double[][] w;

  SlicedBlocks(Matrix v, int partitions) {
    blocks = new Matrix[partitions];
    firstRows = new long[partitions];
    w = new double[partitions][];
    for (int b = 0; b < partitions; b++) {
      int start = (int) ((long) b * v.rows() / partitions);
      int end = (int) ((long) (b + 1) * v.rows() / partitions);
      double[][] rows = new double[end - start][];
      for (int i = start; i < end; i++) {
        rows[i - start] = v.row(i);
      }
      blocks[b] = Matrix.of(rows);
      firstRows[b] = start;
    }
  }

  @Override
  public BlockStatistics statistics() {
    BlockStatistics total = BlockStatistics.empty();
    for (int b = 0; b < blocks.length; b++) {
      total = total.plus(BlockStatistics.of(blocks[b], firstRows[b]));
    }
    return total;
  }

  @Override
  public BlockSums apply(BlockStep step) {
    BlockSums sums = BlockSums.empty();
    for (int b = 0; b < blocks.length; b++) {
      BlockStep.Result r = step.apply(blocks[b], firstRows[b], w[b]);
      w[b] = r.w();
      sums = sums.plus(r.sums());
    }
    return sums;
  }
}
