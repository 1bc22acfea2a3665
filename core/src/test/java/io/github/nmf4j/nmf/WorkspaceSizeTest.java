package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 3: scratch space is sized by the data and the tasks there are, not by a fixed
 * block height or the thread count asked for.
 */
class WorkspaceSizeTest {

  @Test
  void rowBlockScratchHasTheRowsThereAreNotAFullBlock() {
    // A 2 x 2,000,000 matrix ran out of memory with 128-row scratch; 1 x 17,000,000 overflowed.
    RowBlocks blocks = new RowBlocks(2, 1000, 3, Parallel.of(2));
    AtomicInteger length = new AtomicInteger();
    blocks.forEachBlock((chunk, row0, rows, ws) -> length.set(ws.v.length + ws.wh.length));
    assertThat(length.get()).isEqualTo(2 * 2 * 1000);
  }

  @Test
  void halsWithFarMoreThreadsThanTasksFitsInTheHeap() {
    // 100,000 threads preallocated 100,000 scratch buffers (2.2 GB at rank 5) for a 20 x 6 fit.
    double[] a = new double[20 * 6];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i * 7 % 11) + 0.5;
    }
    NmfModel m = Nmf.builder().rank(5).solver(Solver.HALS).threads(100_000).maxIterations(5)
        .seed(1).fit(Matrix.wrap(20, 6, a));
    NmfModel one = Nmf.builder().rank(5).solver(Solver.HALS).threads(1).maxIterations(5)
        .seed(1).fit(Matrix.wrap(20, 6, a));
    assertThat(m.w()).isEqualTo(one.w());
  }
}
