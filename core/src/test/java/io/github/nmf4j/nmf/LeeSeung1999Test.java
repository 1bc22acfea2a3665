package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Kullback-Leibler update with W's columns normalized after each update (Lee-Seung 1999). */
class LeeSeung1999Test {

  /** Column sums of the returned W. */
  private static final double SUM_TOL = 1e-12;
  /** Agreement with the paper's formulas computed naively, relative to the largest entry. */
  private static final double PAPER_TOL = 1e-11;
  /** Rise of the divergence allowed between iterations, relative to sum(V) (rounding). */
  private static final double RISE = 1e-12;

  private static Nmf.Builder ls1999() {
    return Nmf.builder().loss(Loss.KULLBACK_LEIBLER).normalizeColumnsOfW(true);
  }

  @Test
  void columnsOfWSumToOne() {
    for (double scale : new double[] {1, 1e-200, 1e200}) {
      Matrix v = TestMatrices.noisyLowRank(40, 25, 4, 0.2, 3).scale(scale);
      NmfModel model = ls1999().rank(4).maxIterations(30).fit(v);
      for (int c = 0; c < 4; c++) {
        double sum = 0;
        for (double x : model.w().column(c)) {
          sum += x;
        }
        assertThat(sum).as("column %d at scale %g", c, scale).isCloseTo(1, within(SUM_TOL));
      }
      double direct = v.subtract(model.w().multiply(model.h())).frobeniusNorm();
      assertThat(direct / v.frobeniusNorm()).isLessThan(0.2);
    }
  }

  /**
   * The paper's iteration, in nmf4j's order (H, then W, then the normalization):
   * {@code H <- H .* (W'(V ./ WH))}, {@code W <- W .* ((V ./ WH) H')}, {@code W[:,c] /= sum(W[:,c])},
   * from a normalized start.
   */
  @Test
  void isThePapersIteration() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 12;
    int p = 9;
    int k = 3;
    Matrix v = TestMatrices.noisyLowRank(n, p, k, 0.3, 6);
    double[] w = r.doubles(n * k, 0.1, 1).toArray();
    double[] h = r.doubles(k * p, 0.1, 1).toArray();
    Matrix w0 = Matrix.wrap(n, k, w.clone());
    Matrix h0 = Matrix.wrap(k, p, h.clone());
    normalize(w, n, k);
    int iterations = 25;
    for (int it = 0; it < iterations; it++) {
      double[] ratio = ratio(v, w, h, n, p, k);
      double[] hNew = new double[k * p];
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < p; j++) {
          double s = 0;
          for (int i = 0; i < n; i++) {
            s += w[i * k + c] * ratio[i * p + j];
          }
          hNew[c * p + j] = h[c * p + j] * s;
        }
      }
      h = hNew;
      ratio = ratio(v, w, h, n, p, k);
      double[] wNew = new double[n * k];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < p; j++) {
            s += ratio[i * p + j] * h[c * p + j];
          }
          wNew[i * k + c] = w[i * k + c] * s;
        }
      }
      w = wNew;
      normalize(w, n, k);
    }
    NmfModel model = ls1999().initialFactors(w0, h0).epsilon(1e-300).maxIterations(iterations)
        .tolerance(0).threads(1).fit(v);
    Matrix wPaper = Matrix.wrap(n, k, w);
    Matrix hPaper = Matrix.wrap(k, p, h);
    assertThat(model.w().subtract(wPaper).frobeniusNorm())
        .isLessThan(PAPER_TOL * wPaper.frobeniusNorm());
    assertThat(model.h().subtract(hPaper).frobeniusNorm())
        .isLessThan(PAPER_TOL * hPaper.frobeniusNorm());
  }

  private static double[] ratio(Matrix v, double[] w, double[] h, int n, int p, int k) {
    double[] wh = Matrix.wrap(n, k, w).multiply(Matrix.wrap(k, p, h), 1).toRowMajorArray();
    double[] out = new double[n * p];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i / p, i % p) / wh[i];
    }
    return out;
  }

  private static void normalize(double[] w, int n, int k) {
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += w[i * k + c];
      }
      for (int i = 0; i < n; i++) {
        w[i * k + c] /= s;
      }
    }
  }

  /** Not a theorem for this variant, but observed on every case: the divergence never rises. */
  @Test
  void divergenceDoesNotRiseOverManyShapes() {
    SplittableRandom shapes = new SplittableRandom(8);
    for (int c = 0; c < 150; c++) {
      int n = 2 + shapes.nextInt(30);
      int p = 2 + shapes.nextInt(30);
      int k = 1 + shapes.nextInt(Math.min(n, p));
      Matrix v = TestMatrices.uniform(n, p, 5, c);
      NmfModel model = ls1999().rank(k).initialization(Initialization.values()[c % 4]).seed(c)
          .maxIterations(60).checkEvery(1).tolerance(0).fit(v);
      double[] history = model.lossHistory();
      for (int t = 1; t < history.length; t++) {
        assertThat(history[t]).as("case %d, iteration %d", c, t)
            .isLessThanOrEqualTo(history[t - 1] + RISE * v.sum());
      }
    }
  }

  @Test
  void bitIdenticalForAnyThreadCountAndTransformKeepsHFixed() {
    Matrix v = TestMatrices.noisyLowRank(700, 30, 4, 0.2, 9);
    Nmf.Builder b = ls1999().rank(4).maxIterations(15).seed(4);
    NmfModel one = b.threads(1).fit(v);
    for (int threads : new int[] {2, 3, 8}) {
      NmfModel other = b.threads(threads).fit(v);
      assertThat(other.w()).isEqualTo(one.w());
      assertThat(other.h()).isEqualTo(one.h());
    }
    Matrix w = one.transform(v);
    assertThat(TestMatrices.allFiniteNonNegative(w)).isTrue();
    double relative = v.subtract(w.multiply(one.h())).frobeniusNorm() / v.frobeniusNorm();
    assertThat(relative).isLessThan(1.5 * one.relativeError());
  }

  @Test
  void needsTheKullbackLeiblerMultiplicativeUpdate() {
    assertThatThrownBy(() -> Nmf.builder().rank(2).normalizeColumnsOfW(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("normalizeColumnsOfW").hasMessageContaining("FROBENIUS");
    assertThatThrownBy(() -> Nmf.builder().rank(2).loss(Loss.KULLBACK_LEIBLER)
        .solver(Solver.HALS).normalizeColumnsOfW(true).build())
        .isInstanceOf(IllegalArgumentException.class);
    Nmf nmf = ls1999().rank(2).build();
    assertThat(nmf.settings().normalizeColumnsOfW()).isTrue();
    assertThat(nmf.toBuilder().build().settings().normalizeColumnsOfW()).isTrue();
    assertThat(nmf.toString()).contains("normalizeColumnsOfW");
    assertThat(Nmf.builder().rank(2).build().settings().normalizeColumnsOfW()).isFalse();
  }
}
