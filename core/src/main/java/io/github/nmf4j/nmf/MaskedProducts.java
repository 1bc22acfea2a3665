package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/**
 * The corrections of the masked multiplicative updates for a dense V ({@link
 * MaskedDenseFrobeniusMu}), each in one pass over the missing entries: with {@code S = Mbar .*
 * WH} (the values of {@code WH} at the missing entries),
 * <pre>
 *   (S'W)_j = sum_{i missing in j} (W_i . H'_j) W_i        (p x k, for W'S)
 *   (S H')_i = sum_{j missing in i} (W_i . H'_j) H'_j       (n x k)
 * </pre>
 * Both are one kernel, {@link #project}: for a fixed row {@code a} ({@code H'_j}, {@code W_i})
 * and the rows {@code b_t} of the other factor at the line's missing entries, {@code sum_t (a .
 * b_t) b_t}. The value {@code a . b_t} is used as soon as it is formed, so {@code S} is never
 * stored and each row {@code b_t} is read twice while in L1, instead of once in a pass that
 * forms {@code S} and once in a pass that multiplies by it. Four entries run at once: their four
 * dot products are independent chains (one chain is bound by the latency of the addition) that
 * share the reads of {@code a}, and the four terms of the sum are added to the output together.
 *
 * <p>The factors come as arrays of rows ({@code W_i}, {@code H'_j}), not as one flat array: the
 * loops then index every array by the bare loop variable, the shape HotSpot's C2 vectorizes. On
 * the faces with 20% of the entries missing (rank 20) a pass took 0.40-0.45 ms instead of
 * 0.69-0.79 ms along offsets into one flat array, which C2 (JDK 17) leaves scalar.
 *
 * <p>Order of the sums (fixed, so results depend on the operands only): each dot product runs
 * over the components in order; the output adds the terms of the entries four at a time,
 * {@code out + ((t0 + t1) + (t2 + t3))}... in the order of the index, the last {@code < 4} one
 * by one. Lines run in fixed blocks of {@value Entries#BLOCK}, each line written by one task, so
 * the result does not depend on the thread count.
 */
final class MaskedProducts {

  private MaskedProducts() {}

  /**
   * {@code out (p x k) = S'W}: for every column j, {@code sum over the rows i missing in j of
   * (W_i . H'_j) W_i}, from the rows of W ({@code n} of {@code k}) and of {@code H'} ({@code p}).
   */
  static void columnCorrections(Entries entries, double[][] w, double[][] ht, int k,
      double[] out, Parallel par) {
    corrections(entries.p, entries.columnStart, entries.row, ht, w, k, out, par);
  }

  /**
   * {@code out (n x k) = S H'}: for every row i, {@code sum over the columns j missing in i of
   * (W_i . H'_j) H'_j}, from the rows of W ({@code n} of {@code k}) and of {@code H'} ({@code p}).
   */
  static void rowCorrections(Entries entries, double[][] w, double[][] ht, int k, double[] out,
      Parallel par) {
    corrections(entries.n, entries.rowStart, entries.column, w, ht, k, out, par);
  }

  /**
   * {@code out} row {@code l} ({@code k} wide) {@code = sum_t (fixed_l . other_t) other_t} over
   * the {@code lines} lines, {@code t} the indices {@code index[start[l] .. start[l + 1])}.
   */
  private static void corrections(int lines, int[] start, int[] index, double[][] fixed,
      double[][] other, int k, double[] out, Parallel par) {
    par.forEach(Entries.blocks(lines), b -> {
      double[] sum = new double[k];
      for (int l = b * Entries.BLOCK, end = Math.min(lines, l + Entries.BLOCK); l < end; l++) {
        project(fixed[l], other, index, start[l], start[l + 1], k, sum);
        System.arraycopy(sum, 0, out, l * k, k);
      }
    });
  }

  /**
   * {@code sum (W_i . H'_j)^2} over the entries (the squares of {@code S}), by fixed blocks of
   * rows added in order; {@code partial} holds at least {@code Entries.blocks(n)} values.
   */
  static double squaresAt(Entries entries, double[][] w, double[][] ht, int k,
      double[] partial, Parallel par) {
    int n = entries.n;
    int blocks = Entries.blocks(n);
    int[] start = entries.rowStart;
    int[] columns = entries.column;
    par.forEach(blocks, b -> {
      double sum = 0;
      for (int i = b * Entries.BLOCK, end = Math.min(n, i + Entries.BLOCK); i < end; i++) {
        sum += squares(w[i], ht, columns, start[i], start[i + 1], k);
      }
      partial[b] = sum;
    });
    return MuKernels.sumInOrder(partial, blocks);
  }

  /**
   * {@code out[0, k) = sum_t (a . b_t) b_t} over {@code t} in {@code [from, to)}, {@code b_t} the
   * row {@code b[index[t]]}.
   */
  static void project(double[] a, double[][] b, int[] index, int from, int to, int k,
      double[] out) {
    java.util.Arrays.fill(out, 0, k, 0);
    int t = from;
    for (; t + 4 <= to; t += 4) {
      double[] b0 = b[index[t]];
      double[] b1 = b[index[t + 1]];
      double[] b2 = b[index[t + 2]];
      double[] b3 = b[index[t + 3]];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int c = 0; c < k; c++) {
        double x = a[c];
        s0 += x * b0[c];
        s1 += x * b1[c];
        s2 += x * b2[c];
        s3 += x * b3[c];
      }
      for (int c = 0; c < k; c++) {
        out[c] += (s0 * b0[c] + s1 * b1[c]) + (s2 * b2[c] + s3 * b3[c]);
      }
    }
    for (; t < to; t++) {
      double[] b0 = b[index[t]];
      double s0 = 0;
      for (int c = 0; c < k; c++) {
        s0 += a[c] * b0[c];
      }
      for (int c = 0; c < k; c++) {
        out[c] += s0 * b0[c];
      }
    }
  }

  /** {@code sum_t (a . b_t)^2}, the dot products as in {@link #project}, squares in order. */
  private static double squares(double[] a, double[][] b, int[] index, int from, int to,
      int k) {
    double sum = 0;
    int t = from;
    for (; t + 4 <= to; t += 4) {
      double[] b0 = b[index[t]];
      double[] b1 = b[index[t + 1]];
      double[] b2 = b[index[t + 2]];
      double[] b3 = b[index[t + 3]];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int c = 0; c < k; c++) {
        double x = a[c];
        s0 += x * b0[c];
        s1 += x * b1[c];
        s2 += x * b2[c];
        s3 += x * b3[c];
      }
      sum += (s0 * s0 + s1 * s1) + (s2 * s2 + s3 * s3);
    }
    for (; t < to; t++) {
      double[] b0 = b[index[t]];
      double s0 = 0;
      for (int c = 0; c < k; c++) {
        s0 += a[c] * b0[c];
      }
      sum += s0 * s0;
    }
    return sum;
  }
}
