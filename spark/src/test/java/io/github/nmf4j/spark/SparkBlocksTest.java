package io.github.nmf4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where blocks start when the fit needs them on multiples of a row count (HALS: 256). */
class SparkBlocksTest {

  @Test
  void alignedStartsRoundUpAndNeverPassTheLastRow() {
    // Partitions of about 73 rows (512 rows in 7): all rows move to partitions 0 and 3.
    assertThat(SparkBlocks.aligned(new long[] {0, 73, 146, 219, 292, 365, 438, 512}, 256))
        .containsExactly(0, 256, 256, 256, 512, 512, 512, 512);
    assertThat(SparkBlocks.aligned(new long[] {0, 256, 300, 700}, 256))
        .containsExactly(0, 256, 512, 700);
    long[] any = {0, 3, 3, 10};
    assertThat(SparkBlocks.aligned(any, 1)).containsExactly(any);
  }

  @Test
  void eachRowGoesToTheBlockWhoseRangeHoldsIt() {
    SparkBlocks.RowPartitioner p =
        new SparkBlocks.RowPartitioner(new long[] {0, 256, 256, 256, 512, 512, 512, 512});

    assertThat(p.numPartitions()).isEqualTo(7);
    assertThat(p.getPartition(0L)).isZero();
    assertThat(p.getPartition(255L)).isZero();
    // Partitions 1 and 2 are empty: row 256 goes to partition 3, which holds [256, 512).
    assertThat(p.getPartition(256L)).isEqualTo(3);
    assertThat(p.getPartition(511L)).isEqualTo(3);

    SparkBlocks.RowPartitioner q = new SparkBlocks.RowPartitioner(new long[] {0, 256, 512, 700});
    assertThat(q.getPartition(511L)).isEqualTo(1);
    assertThat(q.getPartition(512L)).isEqualTo(2);
    assertThat(q.getPartition(699L)).isEqualTo(2);
  }
}
