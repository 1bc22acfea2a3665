package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.SparseProducts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link MaskedProducts} against the plain sums over the entries, for many small shapes. */
class MaskedProductsTest {

  /** Relative to the sum of the absolute values of the terms. */
  private static final double TOLERANCE = 1e-13;

  @Test
  void correctionsAndSquaresMatchThePlainSumsForManyShapes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(40);
      int p = 1 + random.nextInt(40);
      int k = 1 + random.nextInt(34);
      double share = random.nextDouble();
      Entries entries = randomEntries(n, p, share, random);
      double[] w = randomValues(n * k, random);
      double[] ht = randomValues(p * k, random);
      double[] byColumn = new double[p * k];
      double[] byRow = new double[n * k];
      double[] partial = new double[Entries.blocks(n)];
      double[][] wRows = SparseProducts.rows(w, n, k, null);
      double[][] htRows = SparseProducts.rows(ht, p, k, null);
      MaskedProducts.columnCorrections(entries, wRows, htRows, k, byColumn, Parallel.serial());
      MaskedProducts.rowCorrections(entries, wRows, htRows, k, byRow, Parallel.serial());
      double squares = MaskedProducts.squaresAt(entries, wRows, htRows, k, partial,
          Parallel.serial());

      double[] expectColumn = new double[p * k];
      double[] scaleColumn = new double[p * k];
      double[] expectRow = new double[n * k];
      double[] scaleRow = new double[n * k];
      double expectSquares = 0;
      for (int i = 0; i < n; i++) {
        for (int q = entries.rowStart[i]; q < entries.rowStart[i + 1]; q++) {
          int j = entries.column[q];
          double s = 0;
          double sAbs = 0;
          for (int c = 0; c < k; c++) {
            s += w[i * k + c] * ht[j * k + c];
            sAbs += Math.abs(w[i * k + c] * ht[j * k + c]);
          }
          expectSquares += s * s;
          for (int c = 0; c < k; c++) {
            expectColumn[j * k + c] += s * w[i * k + c];
            scaleColumn[j * k + c] += sAbs * Math.abs(w[i * k + c]);
            expectRow[i * k + c] += s * ht[j * k + c];
            scaleRow[i * k + c] += sAbs * Math.abs(ht[j * k + c]);
          }
        }
      }
      String shape = n + " x " + p + ", k " + k + ", " + entries.size() + " entries";
      for (int t = 0; t < p * k; t++) {
        assertThat(Math.abs(byColumn[t] - expectColumn[t])).as(shape)
            .isLessThanOrEqualTo(TOLERANCE * (1 + scaleColumn[t]));
      }
      for (int t = 0; t < n * k; t++) {
        assertThat(Math.abs(byRow[t] - expectRow[t])).as(shape)
            .isLessThanOrEqualTo(TOLERANCE * (1 + scaleRow[t]));
      }
      assertThat(Math.abs(squares - expectSquares)).as(shape)
          .isLessThanOrEqualTo(TOLERANCE * (1 + expectSquares) * k);
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 700;
    int p = 600;
    int k = 13;
    Entries entries = randomEntries(n, p, 0.2, random);
    double[] w = randomValues(n * k, random);
    double[] ht = randomValues(p * k, random);
    double[][] byColumn = new double[2][p * k];
    double[][] byRow = new double[2][n * k];
    double[] squares = new double[2];
    Parallel[] pars = {Parallel.serial(), Parallel.of(3)};
    double[][] wRows = SparseProducts.rows(w, n, k, null);
    double[][] htRows = SparseProducts.rows(ht, p, k, null);
    for (int r = 0; r < 2; r++) {
      MaskedProducts.columnCorrections(entries, wRows, htRows, k, byColumn[r], pars[r]);
      MaskedProducts.rowCorrections(entries, wRows, htRows, k, byRow[r], pars[r]);
      squares[r] = MaskedProducts.squaresAt(entries, wRows, htRows, k,
          new double[Entries.blocks(n)], pars[r]);
    }
    assertThat(byColumn[1]).containsExactly(byColumn[0]);
    assertThat(byRow[1]).containsExactly(byRow[0]);
    assertThat(squares[1]).isEqualTo(squares[0]);
  }

  /** Each entry of an {@code n x p} matrix with probability {@code share}. */
  static Entries randomEntries(int n, int p, double share, SplittableRandom random) {
    int[] rowStart = new int[n + 1];
    int[] column = new int[n * p];
    int q = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (random.nextDouble() < share) {
          column[q++] = j;
        }
      }
      rowStart[i + 1] = q;
    }
    return new Entries(n, p, rowStart, java.util.Arrays.copyOf(column, q));
  }

  static double[] randomValues(int size, SplittableRandom random) {
    double[] a = new double[size];
    for (int t = 0; t < size; t++) {
      a[t] = random.nextDouble() * 2 - 0.5;
    }
    return a;
  }
}
