package io.github.nmf4j.linalg.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link KMeansKernels} on the Vector API ({@code jdk.incubator.vector}), loaded by {@link
 * KernelChoice} only when the JVM has the module (compiled apart, as {@link VectorGemmTask}).
 *
 * <p>The loops are turned around: {@value #GROUP} vectors of points (32 pixels with AVX-512) stay
 * in registers, with their running minimum (and second minimum, or label), while the loop runs
 * over the centroids, each broadcast to every lane. The scalar version runs one loop over the
 * block per centroid, which loads and stores the running minima of every point once per centroid;
 * here they never leave the registers. Each lane computes the scalar version's distance with the
 * same operations in the same order (no fused multiply-add) and folds it with the same exact
 * operations (minimum and maximum; a strict comparison and a blend for the label), so both give
 * the same bits. A last part vector of points runs as a whole vector when the arrays have room
 * (the lanes past {@code m} compute on whatever the arrays hold there and write it there, which
 * {@link KMeansKernels} allows); otherwise those points take the scalar loop. Blocks of few
 * points are the common case once bounds spare most points, and a scalar tail of up to seven
 * points times {@code k} centroids would cost as much as the vectors.
 */
final class VectorKMeansKernels extends KMeansKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Vectors of points per pass over the centroids: enough independent chains, 20 registers. */
  private static final int GROUP = 4;

  @Override
  String describe() {
    return "Vector API k-means scans";
  }

  @Override
  public void nearest3(double[] p0, double[] p1, double[] p2, int m, double[] c0, double[] c1,
      double[] c2, int k, double[] best, int[] label, double[] s) {
    for (int u = 0; u < m; u++) {
      s[u] = label[u];
    }
    int t = Math.min(m, scan(p0, p1, p2, m, c0, c1, c2, k, best, s, true));
    for (int u = 0; u < t; u++) {
      label[u] = (int) s[u];
    }
    for (; t < m; t++) {
      double b = best[t];
      int l = label[t];
      for (int j = 0; j < k; j++) {
        double v = distance(p0[t], p1[t], p2[t], c0[j], c1[j], c2[j]);
        if (v < b) {
          b = v;
          l = j;
        }
      }
      best[t] = b;
      label[t] = l;
    }
  }

  @Override
  public void nearestTwo3(double[] p0, double[] p1, double[] p2, int m, double[] c0, double[] c1,
      double[] c2, int k, double[] best, double[] second) {
    for (int t = scan(p0, p1, p2, m, c0, c1, c2, k, best, second, false); t < m; t++) {
      double b = best[t];
      double n = second[t];
      for (int j = 0; j < k; j++) {
        double v = distance(p0[t], p1[t], p2[t], c0[j], c1[j], c2[j]);
        n = Math.min(n, Math.max(v, b));
        b = Math.min(b, v);
      }
      best[t] = b;
      second[t] = n;
    }
  }

  /**
   * The vector part of both scans: for the points from 0 on, by groups of {@value #GROUP} vectors
   * then by single vectors (the last one across {@code m} when the arrays have room), folds the
   * distances into the running minimum {@code best} and into {@code other}, its label as a double
   * ({@code labels}) or the second-smallest distance. Returns where the scalar loop takes over:
   * {@code m} or beyond when the vectors covered every point.
   */
  private static int scan(double[] p0, double[] p1, double[] p2, int m, double[] c0,
      double[] c1, double[] c2, int k, double[] best, double[] other, boolean labels) {
    int t = 0;
    for (; t + GROUP * L <= m; t += GROUP * L) {
      group(p0, p1, p2, t, c0, c1, c2, k, best, other, labels);
    }
    int room = Math.min(Math.min(p0.length, p1.length), Math.min(p2.length,
        Math.min(best.length, other.length)));
    for (; t < m && t + L <= room; t += L) {
      DoubleVector q0 = DoubleVector.fromArray(S, p0, t);
      DoubleVector q1 = DoubleVector.fromArray(S, p1, t);
      DoubleVector q2 = DoubleVector.fromArray(S, p2, t);
      DoubleVector b = DoubleVector.fromArray(S, best, t);
      DoubleVector o = DoubleVector.fromArray(S, other, t);
      for (int j = 0; j < k; j++) {
        DoubleVector v = distance(q0, q1, q2, c0[j], c1[j], c2[j]);
        if (labels) {
          VectorMask<Double> nearer = v.compare(VectorOperators.LT, b);
          b = b.blend(v, nearer);
          o = o.blend(j, nearer);
        } else {
          o = o.min(v.max(b));
          b = b.min(v);
        }
      }
      b.intoArray(best, t);
      o.intoArray(other, t);
    }
    return t;
  }

  /**
   * {@link #scan} for the {@value #GROUP} vectors of points from {@code t}: four independent
   * chains, so that the latency of one centroid's fold hides behind the others.
   */
  private static void group(double[] p0, double[] p1, double[] p2, int t, double[] c0,
      double[] c1, double[] c2, int k, double[] best, double[] other, boolean labels) {
    DoubleVector a0 = DoubleVector.fromArray(S, p0, t);
    DoubleVector a1 = DoubleVector.fromArray(S, p1, t);
    DoubleVector a2 = DoubleVector.fromArray(S, p2, t);
    DoubleVector b0 = DoubleVector.fromArray(S, p0, t + L);
    DoubleVector b1 = DoubleVector.fromArray(S, p1, t + L);
    DoubleVector b2 = DoubleVector.fromArray(S, p2, t + L);
    DoubleVector e0 = DoubleVector.fromArray(S, p0, t + 2 * L);
    DoubleVector e1 = DoubleVector.fromArray(S, p1, t + 2 * L);
    DoubleVector e2 = DoubleVector.fromArray(S, p2, t + 2 * L);
    DoubleVector f0 = DoubleVector.fromArray(S, p0, t + 3 * L);
    DoubleVector f1 = DoubleVector.fromArray(S, p1, t + 3 * L);
    DoubleVector f2 = DoubleVector.fromArray(S, p2, t + 3 * L);
    DoubleVector ba = DoubleVector.fromArray(S, best, t);
    DoubleVector bb = DoubleVector.fromArray(S, best, t + L);
    DoubleVector be = DoubleVector.fromArray(S, best, t + 2 * L);
    DoubleVector bf = DoubleVector.fromArray(S, best, t + 3 * L);
    DoubleVector oa = DoubleVector.fromArray(S, other, t);
    DoubleVector ob = DoubleVector.fromArray(S, other, t + L);
    DoubleVector oe = DoubleVector.fromArray(S, other, t + 2 * L);
    DoubleVector of = DoubleVector.fromArray(S, other, t + 3 * L);
    for (int j = 0; j < k; j++) {
      double x0 = c0[j];
      double x1 = c1[j];
      double x2 = c2[j];
      DoubleVector va = distance(a0, a1, a2, x0, x1, x2);
      DoubleVector vb = distance(b0, b1, b2, x0, x1, x2);
      DoubleVector ve = distance(e0, e1, e2, x0, x1, x2);
      DoubleVector vf = distance(f0, f1, f2, x0, x1, x2);
      if (labels) {
        VectorMask<Double> na = va.compare(VectorOperators.LT, ba);
        VectorMask<Double> nb = vb.compare(VectorOperators.LT, bb);
        VectorMask<Double> ne = ve.compare(VectorOperators.LT, be);
        VectorMask<Double> nf = vf.compare(VectorOperators.LT, bf);
        ba = ba.blend(va, na);
        bb = bb.blend(vb, nb);
        be = be.blend(ve, ne);
        bf = bf.blend(vf, nf);
        oa = oa.blend(j, na);
        ob = ob.blend(j, nb);
        oe = oe.blend(j, ne);
        of = of.blend(j, nf);
      } else {
        oa = oa.min(va.max(ba));
        ob = ob.min(vb.max(bb));
        oe = oe.min(ve.max(be));
        of = of.min(vf.max(bf));
        ba = ba.min(va);
        bb = bb.min(vb);
        be = be.min(ve);
        bf = bf.min(vf);
      }
    }
    ba.intoArray(best, t);
    bb.intoArray(best, t + L);
    be.intoArray(best, t + 2 * L);
    bf.intoArray(best, t + 3 * L);
    oa.intoArray(other, t);
    ob.intoArray(other, t + L);
    oe.intoArray(other, t + 2 * L);
    of.intoArray(other, t + 3 * L);
  }

  /** The squared distances of the lanes' points to {@code (x0, x1, x2)}, in the scalar order. */
  private static DoubleVector distance(DoubleVector q0, DoubleVector q1, DoubleVector q2,
      double x0, double x1, double x2) {
    DoubleVector t0 = q0.sub(x0);
    DoubleVector t1 = q1.sub(x1);
    DoubleVector t2 = q2.sub(x2);
    return t0.mul(t0).add(t1.mul(t1)).add(t2.mul(t2));
  }

  private static double distance(double q0, double q1, double q2, double x0, double x1,
      double x2) {
    double t0 = q0 - x0;
    double t1 = q1 - x1;
    double t2 = q2 - x2;
    return t0 * t0 + t1 * t1 + t2 * t2;
  }
}
