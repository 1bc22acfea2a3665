package io.github.nmf4j.spark;

import io.github.nmf4j.nmf.BlockSums;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * The sum of an RDD of {@link BlockSums}, added in partition order whatever order the tasks
 * finish in: a tree aggregation whose levels group consecutive partitions (partition {@code i}
 * goes to group {@code i / fanIn}) and add each group's members sorted by index. Spark's own
 * {@code treeAggregate} combines partial results as they arrive, so its floating-point sum can
 * change from run to run; this one cannot. Levels follow {@code treeAggregate(depth = 2)}:
 * {@code fanIn = max(2, ceil(sqrt(P)))} for P partitions, and a level is added while the driver
 * would otherwise receive more than {@code fanIn + P / fanIn} partial sums.
 */
final class OrderedSums {

  private OrderedSums() {}

  /** The sum over all partitions, in partition order (within a partition, in element order). */
  static BlockSums sum(JavaRDD<BlockSums> sums) {
    int count = sums.getNumPartitions();
    int fanIn = Math.max(2, (int) Math.ceil(Math.sqrt(count)));
    JavaPairRDD<Integer, BlockSums> level = sums.mapPartitionsWithIndex((i, it) -> {
      BlockSums s = BlockSums.empty();
      while (it.hasNext()) {
        s = s.plus(it.next());
      }
      return Collections.singletonList(new Tuple2<>(i, s)).iterator();
    }, true).mapToPair(t -> t);
    while (count > fanIn + (count + fanIn - 1) / fanIn) {
      int groups = (count + fanIn - 1) / fanIn;
      int f = fanIn;
      level = level.mapToPair(t -> new Tuple2<>(t._1() / f, t)).groupByKey(groups)
          .mapToPair(g -> new Tuple2<>(g._1(), inOrder(g._2())));
      count = groups;
    }
    return inOrder(level.collect());
  }

  private static BlockSums inOrder(Iterable<Tuple2<Integer, BlockSums>> parts) {
    List<Tuple2<Integer, BlockSums>> sorted = new ArrayList<>();
    parts.forEach(sorted::add);
    sorted.sort(Comparator.comparing(Tuple2::_1));
    BlockSums s = BlockSums.empty();
    for (Tuple2<Integer, BlockSums> t : sorted) {
      s = s.plus(t._2());
    }
    return s;
  }
}
