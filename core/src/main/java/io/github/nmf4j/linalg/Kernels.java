package io.github.nmf4j.linalg;

import io.github.nmf4j.linalg.kernel.KernelChoice;

/**
 * Which compute kernels this JVM runs. On a plain Java 17+ the products, the element-wise loops
 * of the multiplicative updates and the k-means distance scans of three-feature points (colour
 * pixels: the assignment step of {@code KMeans} and {@code MiniBatchKMeans}, their {@code
 * predict}, and colour quantization) run loops that HotSpot's JIT vectorizes; started with {@code
 * --add-modules jdk.incubator.vector} (any JDK from 17 on), they run kernels written with the
 * Vector API instead (register-tiled for the products, points in lanes for the k-means scans),
 * unless the system property {@code
 * nmf4j.vector} is {@code false}. The choice is made once per JVM, logged once (through {@link
 * System#getLogger}, logger {@code io.github.nmf4j}), and never changes results' determinism:
 * within one choice, every result is the same for any thread count. The two choices give the same
 * products, Frobenius updates and k-means labels and inertias; the Kullback-Leibler loss (vector
 * logarithms, sums kept per lane) may differ in the last bits.
 */
public final class Kernels {

  private Kernels() {}

  /**
   * Whether the products, the element-wise loops and the k-means scans run on the Vector API
   * ({@code jdk.incubator.vector}).
   */
  public static boolean vectorized() {
    return KernelChoice.vectorized();
  }

  /** One line saying which kernels run, and how to get the Vector API ones when they do not. */
  public static String description() {
    return KernelChoice.description();
  }
}
