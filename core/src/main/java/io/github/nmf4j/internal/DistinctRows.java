package io.github.nmf4j.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Counts distinct rows as k-means compares points, which needs one per cluster: values equal
 * by {@code ==}, so {@code 0.0} and {@code -0.0} are one value (the rows hold no NaN). Used by
 * the k-means fits, by segmentation (its windows' mean colours) and by the command line (to
 * name its own options before a fit).
 */
public final class DistinctRows {

  private DistinctRows() {}

  /**
   * The number of distinct rows of the row-major {@code n x d} array {@code x}, counting at
   * most {@code limit} (the scan stops there). The rows are read in place.
   */
  public static int count(double[] x, int n, int d, int limit) {
    return countKeys(n, limit, i -> new Row(x, i * d, d));
  }

  /**
   * The number of distinct arrays {@code row.apply(i)} for {@code i < n} (of any lengths; arrays
   * of different lengths differ), counting at most {@code limit}.
   */
  public static int count(int n, int limit, IntFunction<double[]> row) {
    return countKeys(n, limit, i -> {
      double[] r = row.apply(i);
      return new Row(r, 0, r.length);
    });
  }

  private static int countKeys(int n, int limit, IntFunction<Row> key) {
    Set<Row> seen = new HashSet<>();
    for (int i = 0; i < n && seen.size() < limit; i++) {
      seen.add(key.apply(i));
    }
    return seen.size();
  }

  /** {@code length} values of {@code x} from {@code offset}, compared by value. */
  private static final class Row {
    private final double[] x;
    private final int offset;
    private final int length;
    private final int hash;

    Row(double[] x, int offset, int length) {
      this.x = x;
      this.offset = offset;
      this.length = length;
      int h = 1;
      for (int f = 0; f < length; f++) {
        h = 31 * h + Double.hashCode(x[offset + f] + 0.0);
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Row r) || r.length != length) {
        return false;
      }
      for (int f = 0; f < length; f++) {
        if (x[offset + f] != r.x[r.offset + f]) {
          return false;
        }
      }
      return true;
    }
  }
}
