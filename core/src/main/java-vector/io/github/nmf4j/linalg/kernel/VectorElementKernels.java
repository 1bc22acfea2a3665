package io.github.nmf4j.linalg.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ElementKernels} on the Vector API ({@code jdk.incubator.vector}), loaded by {@link
 * KernelChoice} only when the JVM has the module (compiled apart, as {@link VectorGemmTask}).
 *
 * <p>The maps (multiplicative step, ratio) do the scalar version's operations in its order, lane
 * by lane, so they give its bits. The divergence differs: its logarithms are
 * the Vector API's {@code LOG} (the SVML routines on x86, within 1 ulp of {@code Math.log}, not
 * always equal to it), and its sum is kept in one chain per lane, the lanes added at the end. So
 * the divergence, and the KL loss built from it, differ from the scalar version's in the last bits
 * (relative {@code 1e-15} in practice, tested to {@code 1e-12}); each is fixed by its operands,
 * the same for any thread count. That loop is where the Vector API pays: {@code Math.log} is not
 * vectorized by C2 (a 512 x 784 block: 3.7 ms scalar, 0.5 ms here).
 */
final class VectorElementKernels extends ElementKernels {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  String describe() {
    return "Vector API element-wise loops";
  }

  @Override
  public void multiplicativeStep(double[] h, int ho, double[] num, int no, double scale,
      double[] den, int dOff, double guard, int len) {
    int i = 0;
    for (int end = S.loopBound(len); i < end; i += L) {
      DoubleVector x = DoubleVector.fromArray(S, h, ho + i);
      DoubleVector a = DoubleVector.fromArray(S, num, no + i).mul(scale);
      DoubleVector d = DoubleVector.fromArray(S, den, dOff + i).add(guard);
      x.mul(a).div(d).intoArray(h, ho + i);
    }
    super.multiplicativeStep(h, ho + i, num, no + i, scale, den, dOff + i, guard, len - i);
  }

  @Override
  public void multiplicativeStep(double[] h, double[] num, double scale, double[] den,
      double guard, int len) {
    multiplicativeStep(h, 0, num, 0, scale, den, 0, guard, len);
  }

  @Override
  public void ratio(double[] v, double scale, double[] wh, int len, double eps) {
    int j = 0;
    for (int end = S.loopBound(len); j < end; j += L) {
      DoubleVector x = DoubleVector.fromArray(S, v, j).mul(scale);
      x.div(DoubleVector.fromArray(S, wh, j).add(eps)).intoArray(wh, j);
    }
    if (j < len) {
      VectorMask<Double> tail = S.indexInRange(j, len);
      DoubleVector x = DoubleVector.fromArray(S, v, j, tail).mul(scale);
      x.div(DoubleVector.fromArray(S, wh, j, tail).add(eps)).intoArray(wh, j, tail);
    }
  }

  @Override
  public double divergence(double[] v, double scale, double[] wh, int len, double eps) {
    DoubleVector acc = DoubleVector.zero(S);
    int j = 0;
    for (int end = S.loopBound(len); j < end; j += L) {
      DoubleVector x = DoubleVector.fromArray(S, v, j).mul(scale);
      acc = acc.add(divergenceTerms(x, DoubleVector.fromArray(S, wh, j), eps));
    }
    if (j < len) {
      // The lanes past the end read 0 for x and y, whose term is 0.
      VectorMask<Double> tail = S.indexInRange(j, len);
      DoubleVector x = DoubleVector.fromArray(S, v, j, tail).mul(scale);
      acc = acc.add(divergenceTerms(x, DoubleVector.fromArray(S, wh, j, tail), eps));
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /** {@code (y - x) + x log(x / max(y, eps))}, the log term 0 where {@code x <= 0}. */
  private static DoubleVector divergenceTerms(DoubleVector x, DoubleVector y, double eps) {
    VectorMask<Double> zero = x.compare(VectorOperators.LE, 0.0);
    // Where x = 0 the log term is 0: log(1) = 0 exactly, and 0 * 0 = 0.
    DoubleVector log = x.div(y.max(eps)).blend(1.0, zero).lanewise(VectorOperators.LOG);
    return y.sub(x).add(x.mul(log));
  }
}
