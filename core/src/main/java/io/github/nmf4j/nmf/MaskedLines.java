package io.github.nmf4j.nmf;

/**
 * The missing entries of a dense V grouped for {@link MaskedDenseHals}'s sweeps, one half of the
 * iteration: the lines (columns of H, or rows of W) in blocks of at most {@value #WIDTH}, and
 * for each block the entries laid out by slot and lane, ELLPACK-style: slot {@code s} of lane
 * {@code l} is the {@code s}-th missing entry of the block's {@code l}-th line, so that a loop
 * over the lanes of one slot reads one contiguous array per operand and the sums over a line's
 * entries run across lines, in vector registers, instead of along one line in a chain of
 * dependent additions.
 *
 * <p>The lines are ordered by their number of missing entries (most first, then by index), so
 * that the lines of a block have about as many entries and little of the layout is padding. A
 * padded slot has the other factor's index {@code pad} (the caller keeps a zero there) and CSR
 * position {@code -1}. The blocks and their lanes depend on the mask only, so results do not
 * depend on the thread count.
 */
final class MaskedLines {

  /** Lines per block: long enough for vectorized loops over the lanes. */
  static final int WIDTH = 128;

  /** The number of blocks. */
  final int blocks;
  /** {@code line[b][l]}: the line of lane {@code l} of block {@code b}. */
  final int[][] line;
  /** {@code count[b][l]}: its number of missing entries. */
  final int[][] count;
  /** {@code index[b][s][l]}: the other factor's index of slot {@code s} of lane {@code l}. */
  final int[][][] index;
  /** {@code position[b][s][l]}: its CSR position in the missing entries, or {@code -1}. */
  final int[][][] position;

  /**
   * The layout of the lines {@code [0, lines)} whose missing entries are {@code [start[l],
   * start[l + 1])} of {@code other} (the other factor's index of each entry) and {@code csr}
   * (their CSR positions; null: the position is the entry's own).
   */
  MaskedLines(int lines, int[] start, int[] other, int[] csr, int pad) {
    long[] keys = new long[lines];
    for (int l = 0; l < lines; l++) {
      keys[l] = ((long) (Integer.MAX_VALUE - (start[l + 1] - start[l])) << 32) | l;
    }
    java.util.Arrays.sort(keys);
    blocks = (lines + WIDTH - 1) / WIDTH;
    line = new int[blocks][];
    count = new int[blocks][];
    index = new int[blocks][][];
    position = new int[blocks][][];
    for (int b = 0; b < blocks; b++) {
      int width = Math.min(WIDTH, lines - b * WIDTH);
      int[] ids = new int[width];
      int[] counts = new int[width];
      int slots = 0;
      for (int l = 0; l < width; l++) {
        ids[l] = (int) keys[b * WIDTH + l];
        counts[l] = start[ids[l] + 1] - start[ids[l]];
        slots = Math.max(slots, counts[l]);
      }
      int[][] at = new int[slots][width];
      int[][] pos = new int[slots][width];
      for (int s = 0; s < slots; s++) {
        for (int l = 0; l < width; l++) {
          int q = start[ids[l]] + s;
          boolean real = s < counts[l];
          at[s][l] = real ? other[q] : pad;
          pos[s][l] = real ? (csr == null ? q : csr[q]) : -1;
        }
      }
      line[b] = ids;
      count[b] = counts;
      index[b] = at;
      position[b] = pos;
    }
  }

  /** The slots of block {@code b}: the most missing entries of its lines. */
  int slots(int b) {
    return index[b].length;
  }
}
