package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MaskedLines}: every missing entry in exactly one slot, padding marked, lines by count. */
class MaskedLinesTest {

  @Test
  void eachEntryHasOneSlotAndPaddingIsMarked() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 40; trial++) {
      int n = 1 + random.nextInt(300);
      int p = 1 + random.nextInt(300);
      Entries entries = MaskedProductsTest.randomEntries(n, p, random.nextDouble() * 0.6, random);
      check(new MaskedLines(p, entries.columnStart, entries.row, entries.position, n),
          p, entries.columnStart, entries.row, entries.position, n, entries.size());
      check(new MaskedLines(n, entries.rowStart, entries.column, null, p),
          n, entries.rowStart, entries.column, null, p, entries.size());
    }
  }

  private static void check(MaskedLines layout, int lines, int[] start, int[] other, int[] csr,
      int pad, int size) {
    int[] seen = new int[size];
    boolean[] lineSeen = new boolean[lines];
    int previous = Integer.MAX_VALUE;
    for (int b = 0; b < layout.blocks; b++) {
      int[] ids = layout.line[b];
      assertThat(ids.length).isBetween(1, MaskedLines.WIDTH);
      for (int l = 0; l < ids.length; l++) {
        int line = ids[l];
        assertThat(lineSeen[line]).isFalse();
        lineSeen[line] = true;
        int count = start[line + 1] - start[line];
        assertThat(layout.count[b][l]).isEqualTo(count);
        assertThat(count).isLessThanOrEqualTo(previous);
        previous = count;
        for (int s = 0; s < layout.slots(b); s++) {
          int q = start[line] + s;
          if (s < count) {
            assertThat(layout.index[b][s][l]).isEqualTo(other[q]);
            int position = csr == null ? q : csr[q];
            assertThat(layout.position[b][s][l]).isEqualTo(position);
            seen[position]++;
          } else {
            assertThat(layout.index[b][s][l]).isEqualTo(pad);
            assertThat(layout.position[b][s][l]).isEqualTo(-1);
          }
        }
      }
    }
    assertThat(lineSeen).doesNotContain(false);
    for (int t = 0; t < size; t++) {
      assertThat(seen[t]).isEqualTo(1);
    }
  }
}
