package io.github.nmf4j.linalg.kernel;

/**
 * The element-wise loops of the multiplicative updates, on raw {@code double[]}: the
 * multiplicative step, the Kullback-Leibler ratio {@code V ./ (WH + eps)} and divergence (the
 * k-means scans are {@link KMeansKernels}). This class is the scalar version, loops that C2
 * vectorizes where it can; {@code VectorElementKernels} overrides them with {@code
 * jdk.incubator.vector} code. {@link KernelChoice#elements()} picks one per JVM, with the
 * products' kernel; callers keep it in a {@code static final} field, so the call is devirtualized
 * and inlined.
 *
 * <p><b>What the choice changes.</b> The element-wise maps compute the same operations in the
 * same order in both versions, so they give the same bits. The sums (the
 * divergence) are added in one chain here and in one chain per vector lane there: the two differ
 * in the last bits (relative {@code ~len * 2^-53} at most, in practice {@code 1e-15}), and each
 * is fixed by its operands alone, so within one choice every result is the same for any thread
 * count.
 */
public class ElementKernels {

  ElementKernels() {}

  /** What this version is, for the log line of {@link KernelChoice}. */
  String describe() {
    return "scalar element-wise loops";
  }

  /**
   * {@code h[ho + i] <- h[ho + i] * (num[no + i] * scale) / (den[dOff + i] + guard)} for {@code
   * i < len}: the multiplicative update ({@code scale = 1} leaves {@code num} exact).
   */
  public void multiplicativeStep(double[] h, int ho, double[] num, int no, double scale,
      double[] den, int dOff, double guard, int len) {
    for (int i = 0; i < len; i++) {
      h[ho + i] = h[ho + i] * (num[no + i] * scale) / (den[dOff + i] + guard);
    }
  }

  /**
   * {@code h[i] <- h[i] * (num[i] * scale) / (den[i] + guard)} for {@code i < len}: {@link
   * #multiplicativeStep(double[], int, double[], int, double, double[], int, double, int)} at
   * offset 0, indexed by the bare loop variable (the shape C2 vectorizes best).
   */
  public void multiplicativeStep(double[] h, double[] num, double scale, double[] den,
      double guard, int len) {
    for (int i = 0; i < len; i++) {
      h[i] = h[i] * (num[i] * scale) / (den[i] + guard);
    }
  }

  /**
   * {@code wh[j] <- (v[j] * scale) / (wh[j] + eps)} for {@code j < len}: the block of {@code V
   * ./ (WH + eps)}, written over the block of WH. {@code v} is the block of V copied to the start
   * of an array: with every access indexed by the bare loop variable, C2 vectorizes the loop
   * (twice as fast as reading V at an offset, measured).
   */
  public void ratio(double[] v, double scale, double[] wh, int len, double eps) {
    for (int j = 0; j < len; j++) {
      wh[j] = v[j] * scale / (wh[j] + eps);
    }
  }

  /**
   * The generalized KL divergence terms of one block, {@code sum_j (y_j - x_j + x_j log(x_j /
   * max(y_j, eps)))} with {@code x = v[j] * scale}, {@code y = wh[j]} and the log term 0 where
   * {@code x = 0}, added in index order.
   */
  public double divergence(double[] v, double scale, double[] wh, int len, double eps) {
    double s = 0;
    for (int j = 0; j < len; j++) {
      double x = v[j] * scale;
      double y = wh[j];
      s += y - x;
      if (x > 0) {
        s += x * Math.log(x / Math.max(y, eps));
      }
    }
    return s;
  }
}
