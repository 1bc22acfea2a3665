package io.github.nmf4j.linalg.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link GemmTask} on the Vector API ({@code jdk.incubator.vector}): a register-tiled
 * micro-kernel that keeps an 8-row by two-vector tile of the output in registers for the whole
 * {@link GemmEngine#KC}-long inner step (16 accumulators, 16 fused multiply-adds per two vector
 * loads and eight broadcasts), where the C2-vectorized {@link ScalarGemmTask} must load and store
 * its output rows on every pass. Compiled separately from the rest of the module (it needs the
 * incubator module, which {@code --release 17} does not offer) and loaded by {@link KernelChoice}
 * only when the JVM has the module.
 *
 * <p>The panel of Y is packed into one flat array with rows {@link #LD} doubles apart (2112 bytes:
 * 33 cache lines, so consecutive rows do not meet modulo 4096); the coefficients of X are packed
 * per tile. Every output element is a chain of {@code Math.fma} in the order of the inner index,
 * as in the scalar task, so the two give bit-identical products.
 */
final class VectorGemmTask extends PackedGemmTask<double[]> {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Distance between rows of the packed panel. */
  static final int LD = GemmEngine.NC_MAX + 8;

  VectorGemmTask() {
    super(() -> new double[GemmEngine.KC * LD], 8);
  }

  @Override
  public String describe() {
    return "Vector API (jdk.incubator.vector), " + L + " doubles per vector";
  }

  @Override
  void pack(Strided y, int pc, int kc, int j0, int nc, double[] panel) {
    Packing.flatPanel(y, pc, kc, j0, nc, panel, LD);
  }

  @Override
  int tileHeight(int left) {
    return left >= 8 ? 8 : left >= 4 ? 4 : 1;
  }

  @Override
  void tile(double[][] acc, int i, int h, double[] panel, double[] coef, int kc, int nc) {
    if (h == 8) {
      tile8(acc, i, panel, coef, kc, nc);
    } else if (h == 4) {
      tile4(acc[i], acc[i + 1], acc[i + 2], acc[i + 3], panel, coef, kc, nc);
    } else {
      narrow(acc[i], panel, coef, kc, nc);
    }
  }

  /** Rows i..i+7 of acc += coef (8 per inner step) times the panel. */
  private static void tile8(double[][] acc, int i, double[] y, double[] coef, int kc, int nc) {
    double[] c0 = acc[i];
    double[] c1 = acc[i + 1];
    double[] c2 = acc[i + 2];
    double[] c3 = acc[i + 3];
    double[] c4 = acc[i + 4];
    double[] c5 = acc[i + 5];
    double[] c6 = acc[i + 6];
    double[] c7 = acc[i + 7];
    int j = 0;
    for (; j + 2 * L <= nc; j += 2 * L) {
      int k = j + L;
      DoubleVector a00 = DoubleVector.fromArray(S, c0, j);
      DoubleVector a01 = DoubleVector.fromArray(S, c0, k);
      DoubleVector a10 = DoubleVector.fromArray(S, c1, j);
      DoubleVector a11 = DoubleVector.fromArray(S, c1, k);
      DoubleVector a20 = DoubleVector.fromArray(S, c2, j);
      DoubleVector a21 = DoubleVector.fromArray(S, c2, k);
      DoubleVector a30 = DoubleVector.fromArray(S, c3, j);
      DoubleVector a31 = DoubleVector.fromArray(S, c3, k);
      DoubleVector a40 = DoubleVector.fromArray(S, c4, j);
      DoubleVector a41 = DoubleVector.fromArray(S, c4, k);
      DoubleVector a50 = DoubleVector.fromArray(S, c5, j);
      DoubleVector a51 = DoubleVector.fromArray(S, c5, k);
      DoubleVector a60 = DoubleVector.fromArray(S, c6, j);
      DoubleVector a61 = DoubleVector.fromArray(S, c6, k);
      DoubleVector a70 = DoubleVector.fromArray(S, c7, j);
      DoubleVector a71 = DoubleVector.fromArray(S, c7, k);
      for (int p = 0, o = 0, yo = j; p < kc; p++, o += 8, yo += LD) {
        DoubleVector b0 = DoubleVector.fromArray(S, y, yo);
        DoubleVector b1 = DoubleVector.fromArray(S, y, yo + L);
        DoubleVector s = DoubleVector.broadcast(S, coef[o]);
        a00 = s.fma(b0, a00);
        a01 = s.fma(b1, a01);
        s = DoubleVector.broadcast(S, coef[o + 1]);
        a10 = s.fma(b0, a10);
        a11 = s.fma(b1, a11);
        s = DoubleVector.broadcast(S, coef[o + 2]);
        a20 = s.fma(b0, a20);
        a21 = s.fma(b1, a21);
        s = DoubleVector.broadcast(S, coef[o + 3]);
        a30 = s.fma(b0, a30);
        a31 = s.fma(b1, a31);
        s = DoubleVector.broadcast(S, coef[o + 4]);
        a40 = s.fma(b0, a40);
        a41 = s.fma(b1, a41);
        s = DoubleVector.broadcast(S, coef[o + 5]);
        a50 = s.fma(b0, a50);
        a51 = s.fma(b1, a51);
        s = DoubleVector.broadcast(S, coef[o + 6]);
        a60 = s.fma(b0, a60);
        a61 = s.fma(b1, a61);
        s = DoubleVector.broadcast(S, coef[o + 7]);
        a70 = s.fma(b0, a70);
        a71 = s.fma(b1, a71);
      }
      a00.intoArray(c0, j);
      a01.intoArray(c0, k);
      a10.intoArray(c1, j);
      a11.intoArray(c1, k);
      a20.intoArray(c2, j);
      a21.intoArray(c2, k);
      a30.intoArray(c3, j);
      a31.intoArray(c3, k);
      a40.intoArray(c4, j);
      a41.intoArray(c4, k);
      a50.intoArray(c5, j);
      a51.intoArray(c5, k);
      a60.intoArray(c6, j);
      a61.intoArray(c6, k);
      a70.intoArray(c7, j);
      a71.intoArray(c7, k);
    }
    tail8(c0, c1, c2, c3, c4, c5, c6, c7, j, y, coef, kc, nc);
  }

  /**
   * Columns {@code [j, nc)} of an eight-row tile, fewer than two vectors: one vector of all eight
   * rows per inner step while a vector fits, then one column of all eight rows. Eight
   * independent chains per step, where a row at a time ({@link #narrow}) waits on the latency of
   * each fused multiply-add: with 8 doubles per vector, the 200-wide panels of a 784-wide product
   * end in one such vector and the 225-wide ones in one column, and row by row those tails cost
   * a third of the tile's time. Same chain per element.
   */
  private static void tail8(double[] c0, double[] c1, double[] c2, double[] c3, double[] c4,
      double[] c5, double[] c6, double[] c7, int j, double[] y, double[] coef, int kc, int nc) {
    for (; j + L <= nc; j += L) {
      DoubleVector a0 = DoubleVector.fromArray(S, c0, j);
      DoubleVector a1 = DoubleVector.fromArray(S, c1, j);
      DoubleVector a2 = DoubleVector.fromArray(S, c2, j);
      DoubleVector a3 = DoubleVector.fromArray(S, c3, j);
      DoubleVector a4 = DoubleVector.fromArray(S, c4, j);
      DoubleVector a5 = DoubleVector.fromArray(S, c5, j);
      DoubleVector a6 = DoubleVector.fromArray(S, c6, j);
      DoubleVector a7 = DoubleVector.fromArray(S, c7, j);
      for (int p = 0, o = 0, yo = j; p < kc; p++, o += 8, yo += LD) {
        DoubleVector b = DoubleVector.fromArray(S, y, yo);
        a0 = DoubleVector.broadcast(S, coef[o]).fma(b, a0);
        a1 = DoubleVector.broadcast(S, coef[o + 1]).fma(b, a1);
        a2 = DoubleVector.broadcast(S, coef[o + 2]).fma(b, a2);
        a3 = DoubleVector.broadcast(S, coef[o + 3]).fma(b, a3);
        a4 = DoubleVector.broadcast(S, coef[o + 4]).fma(b, a4);
        a5 = DoubleVector.broadcast(S, coef[o + 5]).fma(b, a5);
        a6 = DoubleVector.broadcast(S, coef[o + 6]).fma(b, a6);
        a7 = DoubleVector.broadcast(S, coef[o + 7]).fma(b, a7);
      }
      a0.intoArray(c0, j);
      a1.intoArray(c1, j);
      a2.intoArray(c2, j);
      a3.intoArray(c3, j);
      a4.intoArray(c4, j);
      a5.intoArray(c5, j);
      a6.intoArray(c6, j);
      a7.intoArray(c7, j);
    }
    for (; j < nc; j++) {
      double s0 = c0[j];
      double s1 = c1[j];
      double s2 = c2[j];
      double s3 = c3[j];
      double s4 = c4[j];
      double s5 = c5[j];
      double s6 = c6[j];
      double s7 = c7[j];
      for (int p = 0, o = 0, yo = j; p < kc; p++, o += 8, yo += LD) {
        double b = y[yo];
        s0 = Math.fma(coef[o], b, s0);
        s1 = Math.fma(coef[o + 1], b, s1);
        s2 = Math.fma(coef[o + 2], b, s2);
        s3 = Math.fma(coef[o + 3], b, s3);
        s4 = Math.fma(coef[o + 4], b, s4);
        s5 = Math.fma(coef[o + 5], b, s5);
        s6 = Math.fma(coef[o + 6], b, s6);
        s7 = Math.fma(coef[o + 7], b, s7);
      }
      c0[j] = s0;
      c1[j] = s1;
      c2[j] = s2;
      c3[j] = s3;
      c4[j] = s4;
      c5[j] = s5;
      c6[j] = s6;
      c7[j] = s7;
    }
  }

  /** Rows c0..c3 += coef (4 per inner step) times the panel. */
  private static void tile4(double[] c0, double[] c1, double[] c2, double[] c3, double[] y,
      double[] coef, int kc, int nc) {
    int j = 0;
    for (; j + 2 * L <= nc; j += 2 * L) {
      int k = j + L;
      DoubleVector a00 = DoubleVector.fromArray(S, c0, j);
      DoubleVector a01 = DoubleVector.fromArray(S, c0, k);
      DoubleVector a10 = DoubleVector.fromArray(S, c1, j);
      DoubleVector a11 = DoubleVector.fromArray(S, c1, k);
      DoubleVector a20 = DoubleVector.fromArray(S, c2, j);
      DoubleVector a21 = DoubleVector.fromArray(S, c2, k);
      DoubleVector a30 = DoubleVector.fromArray(S, c3, j);
      DoubleVector a31 = DoubleVector.fromArray(S, c3, k);
      for (int p = 0, o = 0, yo = j; p < kc; p++, o += 4, yo += LD) {
        DoubleVector b0 = DoubleVector.fromArray(S, y, yo);
        DoubleVector b1 = DoubleVector.fromArray(S, y, yo + L);
        DoubleVector s = DoubleVector.broadcast(S, coef[o]);
        a00 = s.fma(b0, a00);
        a01 = s.fma(b1, a01);
        s = DoubleVector.broadcast(S, coef[o + 1]);
        a10 = s.fma(b0, a10);
        a11 = s.fma(b1, a11);
        s = DoubleVector.broadcast(S, coef[o + 2]);
        a20 = s.fma(b0, a20);
        a21 = s.fma(b1, a21);
        s = DoubleVector.broadcast(S, coef[o + 3]);
        a30 = s.fma(b0, a30);
        a31 = s.fma(b1, a31);
      }
      a00.intoArray(c0, j);
      a01.intoArray(c0, k);
      a10.intoArray(c1, j);
      a11.intoArray(c1, k);
      a20.intoArray(c2, j);
      a21.intoArray(c2, k);
      a30.intoArray(c3, j);
      a31.intoArray(c3, k);
    }
    tail4(c0, c1, c2, c3, j, y, coef, kc, nc);
  }

  /** {@link #tail8} for a four-row tile. */
  private static void tail4(double[] c0, double[] c1, double[] c2, double[] c3, int j,
      double[] y, double[] coef, int kc, int nc) {
    for (; j + L <= nc; j += L) {
      DoubleVector a0 = DoubleVector.fromArray(S, c0, j);
      DoubleVector a1 = DoubleVector.fromArray(S, c1, j);
      DoubleVector a2 = DoubleVector.fromArray(S, c2, j);
      DoubleVector a3 = DoubleVector.fromArray(S, c3, j);
      for (int p = 0, o = 0, yo = j; p < kc; p++, o += 4, yo += LD) {
        DoubleVector b = DoubleVector.fromArray(S, y, yo);
        a0 = DoubleVector.broadcast(S, coef[o]).fma(b, a0);
        a1 = DoubleVector.broadcast(S, coef[o + 1]).fma(b, a1);
        a2 = DoubleVector.broadcast(S, coef[o + 2]).fma(b, a2);
        a3 = DoubleVector.broadcast(S, coef[o + 3]).fma(b, a3);
      }
      a0.intoArray(c0, j);
      a1.intoArray(c1, j);
      a2.intoArray(c2, j);
      a3.intoArray(c3, j);
    }
    for (; j < nc; j++) {
      double s0 = c0[j];
      double s1 = c1[j];
      double s2 = c2[j];
      double s3 = c3[j];
      for (int p = 0, o = 0, yo = j; p < kc; p++, o += 4, yo += LD) {
        double b = y[yo];
        s0 = Math.fma(coef[o], b, s0);
        s1 = Math.fma(coef[o + 1], b, s1);
        s2 = Math.fma(coef[o + 2], b, s2);
        s3 = Math.fma(coef[o + 3], b, s3);
      }
      c0[j] = s0;
      c1[j] = s1;
      c2[j] = s2;
      c3[j] = s3;
    }
  }

  /**
   * A one-row tile: one vector at a time while a whole vector fits, then one element at a time;
   * the same fused chain per element.
   */
  private static void narrow(double[] c, double[] y, double[] coef, int kc, int nc) {
    int j = 0;
    for (; j + L <= nc; j += L) {
      DoubleVector a = DoubleVector.fromArray(S, c, j);
      for (int p = 0, yo = j; p < kc; p++, yo += LD) {
        a = DoubleVector.broadcast(S, coef[p]).fma(DoubleVector.fromArray(S, y, yo), a);
      }
      a.intoArray(c, j);
    }
    for (; j < nc; j++) {
      double s = c[j];
      for (int p = 0, yo = j; p < kc; p++, yo += LD) {
        s = Math.fma(coef[p], y[yo], s);
      }
      c[j] = s;
    }
  }
}
