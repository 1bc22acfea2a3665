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
      narrow(acc[i], 0, 1, 0, panel, coef, kc, nc);
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
    for (int q = 0; q < 8; q++) {
      narrow(acc[i + q], q, 8, j, y, coef, kc, nc);
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
    narrow(c0, 0, 4, j, y, coef, kc, nc);
    narrow(c1, 1, 4, j, y, coef, kc, nc);
    narrow(c2, 2, 4, j, y, coef, kc, nc);
    narrow(c3, 3, 4, j, y, coef, kc, nc);
  }

  /**
   * Columns {@code [j, nc)} of row q of a tile of {@code h} rows, one vector at a time while a
   * whole vector fits, then one element at a time: the same fused chain per element. A one-row
   * tile is this from {@code j = 0}.
   */
  private static void narrow(double[] c, int q, int h, int j, double[] y, double[] coef, int kc,
      int nc) {
    for (; j + L <= nc; j += L) {
      DoubleVector a = DoubleVector.fromArray(S, c, j);
      for (int p = 0, yo = j; p < kc; p++, yo += LD) {
        a = DoubleVector.broadcast(S, coef[p * h + q]).fma(DoubleVector.fromArray(S, y, yo), a);
      }
      a.intoArray(c, j);
    }
    for (; j < nc; j++) {
      double s = c[j];
      for (int p = 0, yo = j; p < kc; p++, yo += LD) {
        s = Math.fma(coef[p * h + q], y[yo], s);
      }
      c[j] = s;
    }
  }
}
