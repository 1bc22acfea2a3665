package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseProductsRowBlocksTest {

  @Test
  void blocksCoverEveryRowOnceAndAreNeverEmpty() {
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(1, 5000);
      int m = random.nextInt(1, 64);
      int[] pointers = new int[n + 1];
      boolean skewed = trial % 2 == 0;
      for (int i = 0; i < n; i++) {
        int len = skewed && i == n / 2 ? 200_000 : random.nextInt(0, 40);
        pointers[i + 1] = pointers[i] + len;
      }
      int[] bounds = SparseProducts.rowBlocks(n, m, pointers);
      assertThat(bounds[0]).isZero();
      assertThat(bounds[bounds.length - 1]).isEqualTo(n);
      for (int t = 0; t + 1 < bounds.length; t++) {
        assertThat(bounds[t + 1]).as("block %d of n = %d", t, n).isGreaterThan(bounds[t]);
      }
      long work = ((long) pointers[n] + n) * m;
      if (work >= 4L << 16 && n >= 4) {
        assertThat(bounds.length - 1).as("tasks for %d multiply-adds", work)
            .isGreaterThanOrEqualTo(4);
      }
    }
  }
}
