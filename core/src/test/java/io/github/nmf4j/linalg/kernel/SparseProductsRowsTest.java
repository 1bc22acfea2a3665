package io.github.nmf4j.linalg.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.internal.Parallel;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The entry points of {@link SparseProducts} that take the right-hand side by its rows give, to
 * the bit, what the flat entry point gives: one sum per output value, in one order.
 */
class SparseProductsRowsTest {

  @ParameterizedTest(name = "{0}x{1}, {2} columns, density {3}")
  @CsvSource({"1, 1, 1, 1", "37, 53, 20, 0.1", "300, 41, 7, 0.3", "64, 900, 33, 0.02",
      "25, 30, 5, 0"})
  void rowsAndTransposedOutputAreTheFlatProduct(int n, int p, int m, double density) {
    SplittableRandom r = new SplittableRandom(n * 31L + p);
    int[] pointers = new int[n + 1];
    int[] columns = new int[n * p];
    double[] values = new double[n * p];
    int e = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (r.nextDouble() < density) {
          columns[e] = j;
          values[e++] = r.nextDouble(-1, 1);
        }
      }
      pointers[i + 1] = e;
    }
    double[] b = r.doubles((long) p * m, -1, 1).toArray();
    double[][] rows = SparseProducts.rows(b, p, m, null);
    double[] flat = new double[n * m];
    SparseProducts.multiply(n, m, pointers, columns, values, b, flat, Parallel.of(3));

    double[] byRows = new double[n * m];
    SparseProducts.multiply(n, m, pointers, columns, values, rows, byRows, Parallel.of(2));
    assertThat(byRows).isEqualTo(flat);

    double[] transposed = new double[m * n];
    SparseProducts.multiplyIntoTranspose(n, m, pointers, columns, values, rows, transposed,
        Parallel.of(8));
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < m; l++) {
        assertThat(transposed[l * n + i]).isEqualTo(flat[i * m + l]);
      }
    }

    // transposedRows: the rows of b'; rows: reuses a buffer of the right shape
    double[][] bt = SparseProducts.transposedRows(b, p, m, null);
    for (int l = 0; l < m; l++) {
      for (int j = 0; j < p; j++) {
        assertThat(bt[l][j]).isEqualTo(b[j * m + l]);
      }
    }
    assertThat(SparseProducts.rows(b, p, m, rows)).isSameAs(rows);
    // the parallel transposedRows: the same copy for any thread count
    for (int threads : new int[] {1, 2, 3}) {
      assertThat(SparseProducts.transposedRows(b, p, m, new double[m][p], Parallel.of(threads)))
          .isDeepEqualTo(bt);
    }
  }
}
