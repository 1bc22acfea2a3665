package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.util.Arrays;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link NmfModel#transform} of rows far from the scale of the data the model was fitted on:
 * without penalties W scales with x, whatever the solver; with penalties W still minimizes the
 * penalized loss. H stayed in x's units, so rows 1e20 times larger than the fit's data got W = 0
 * from the multiplicative updates (the guard epsilon outweighed W H H') and rows 1e-40 times
 * smaller kept HALS's floor, its start.
 */
class TransformScaleTest {

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (MissingValues missing : MissingValues.values()) {
      b.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.FROBENIUS, missing));
      b.add(Arguments.of(Solver.MULTIPLICATIVE_UPDATE, Loss.KULLBACK_LEIBLER, missing));
      b.add(Arguments.of(Solver.HALS, Loss.FROBENIUS, missing));
    }
    return b.build();
  }

  private static Matrix scaled(Matrix x, int exponent) {
    double[] a = x.toRowMajorArray();
    for (int i = 0; i < a.length; i++) {
      a[i] = Math.scalb(a[i], exponent);
    }
    return Matrix.wrap(x.rows(), x.cols(), a);
  }

  /** Every entry of x that is not NaN, stored. */
  private static SparseMatrix stored(Matrix x) {
    double[] a = x.toRowMajorArray();
    int[] rows = new int[a.length];
    int[] cols = new int[a.length];
    int count = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i])) {
        rows[count] = i / x.cols();
        cols[count] = i % x.cols();
        a[count++] = a[i];
      }
    }
    return SparseMatrix.fromTriplets(x.rows(), x.cols(), Arrays.copyOf(rows, count),
        Arrays.copyOf(cols, count), Arrays.copyOf(a, count));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void withoutPenaltiesWScalesWithX(Solver solver, Loss loss, MissingValues missing) {
    Matrix v = TestMatrices.noisyLowRank(30, 12, 3, 0.1, 51);
    NmfModel model = Nmf.builder().rank(3).solver(solver).loss(loss).missingValues(missing)
        .maxIterations(3000).tolerance(0).seed(3).fit(v);
    double[] a = TestMatrices.noisyLowRank(6, 12, 3, 0.1, 52).toRowMajorArray();
    if (missing == MissingValues.IGNORE) {
      for (int i = 0; i < a.length; i += 5) {
        a[i] = Double.NaN;
      }
    }
    Matrix x = Matrix.wrap(6, 12, a);
    double[] w = model.transform(x).toRowMajorArray();
    double largest = Arrays.stream(w).max().orElseThrow();
    for (int exponent : new int[] {-900, -140, -60, 60, 140, 900}) {
      Matrix xs = scaled(x, exponent);
      Matrix[] results = {model.transform(xs), model.transform(stored(xs))};
      for (int r = 0; r < results.length; r++) {
        double[] ws = results[r].toRowMajorArray();
        for (int i = 0; i < w.length; i++) {
          assertThat(Math.scalb(ws[i], -exponent))
              .as("x times 2^%d, %s, entry %d", exponent, r == 0 ? "dense" : "sparse", i)
              .isCloseTo(w[i], Offset.offset(1e-6 * largest));
        }
      }
    }
  }

  /**
   * With penalties, at 2^60 times the fit's scale, W meets the optimality conditions of the
   * penalized loss in the caller's units: {@code g = (W H - x) H' + l1 + l2 W} is 0 where W is
   * positive and at least 0 where it is 0 (scikit-learn's weights: {@code l1 = p alphaW
   * l1Ratio}, {@code l2 = p alphaW (1 - l1Ratio)}).
   */
  @ParameterizedTest
  @EnumSource(Solver.class)
  void withPenaltiesWMinimizesThePenalizedLossAtAnyScale(Solver solver) {
    Loss loss = Loss.FROBENIUS;
    Matrix v = TestMatrices.noisyLowRank(30, 12, 3, 0.1, 53);
    Matrix x = TestMatrices.noisyLowRank(6, 12, 3, 0.1, 54);
    int e = 60;
    // weights that matter at x's scale: the l1 weight of the order of x H', the l2 weight of H H'
    double[][] penalties = {{Math.scalb(0.05, e), 1}, {0.02, 0}};
    for (double[] alphaAndRatio : penalties) {
      double alpha = alphaAndRatio[0];
      double ratio = alphaAndRatio[1];
      NmfModel fit = Nmf.builder().rank(3).solver(solver).loss(loss).maxIterations(5000)
          .tolerance(0).seed(3).fit(v);
      NmfSettings penalized = Nmf.builder().rank(3).solver(solver).loss(loss)
          .maxIterations(5000).tolerance(0).alphaW(alpha).alphaH(0).l1Ratio(ratio).build()
          .settings();
      NmfModel model = new NmfModel(penalized, null, fit.w(), fit.h(), 0, 0, 0, false,
          new double[0], 0);
      Matrix xs = scaled(x, e);
      double[] w = model.transform(xs).toRowMajorArray();
      double l1 = 12 * alpha * ratio;
      double l2 = 12 * alpha * (1 - ratio);
      double[] h = model.h().toRowMajorArray();
      double[] xa = xs.toRowMajorArray();
      double scale = 0;
      double[] g = new double[w.length];
      for (int i = 0; i < 6; i++) {
        for (int c = 0; c < 3; c++) {
          double s = 0;
          for (int j = 0; j < 12; j++) {
            double wh = 0;
            for (int d = 0; d < 3; d++) {
              wh += w[i * 3 + d] * h[d * 12 + j];
            }
            s += (wh - xa[i * 12 + j]) * h[c * 12 + j];
            scale = Math.max(scale, Math.abs(xa[i * 12 + j] * h[c * 12 + j]));
          }
          g[i * 3 + c] = s + l1 + l2 * w[i * 3 + c];
        }
      }
      for (int i = 0; i < w.length; i++) {
        assertThat(w[i]).as("alpha %s, entry %d", alpha, i).isFinite();
        if (w[i] > 1e-9 * Math.scalb(1.0, e)) {
          assertThat(g[i]).as("alpha %s, gradient %d of positive W", alpha, i)
              .isCloseTo(0, Offset.offset(1e-6 * scale));
        } else {
          assertThat(g[i]).as("alpha %s, gradient %d of zero W", alpha, i)
              .isGreaterThan(-1e-6 * scale);
        }
      }
    }
  }
}
