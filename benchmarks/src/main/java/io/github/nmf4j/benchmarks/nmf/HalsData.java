package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The data of the HALS comparison, bit-identical to {@code benchmarks/python/hals_sklearn.py}.
 */
public final class HalsData {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private HalsData() {}

  /**
   * {@code n x p}, {@code V = (W0 H0 + E) / 64} with W0 ({@code n x k}) and H0 ({@code k x p})
   * integers in [0, 8) and E integers in [0, 64), from counter-based SplitMix64 hashes with seeds
   * 1, 2 and 3. Every value is exact, so numpy computes the same matrix.
   */
  public static Matrix dense(int n, int p, int k) {
    int[] w0 = smallInts(n * k, 1, 3);
    int[] h0 = smallInts(k * p, 2, 3);
    double[] v = new double[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        long s = 0;
        for (int l = 0; l < k; l++) {
          s += (long) w0[i * k + l] * h0[l * p + j];
        }
        long noise = splitMix((long) i * p + j, 3) >>> 58;
        v[i * p + j] = (s + noise) / 64.0;
      }
    }
    return Matrix.wrap(n, p, v);
  }

  /**
   * The 200 x 625 real photographs of {@code docs/figures/input/lfw-subset.npy} under {@code
   * root}: scikit-image's {@code lfw_subset()}, 100 faces from Labeled Faces in the Wild and 100
   * background patches of the same photographs, 25 x 25 gray in [0, 1].
   */
  public static Matrix faces(Path root) throws IOException {
    return MatrixIo.read(root.resolve("docs/figures/input/lfw-subset.npy"));
  }

  /**
   * The 200 x 625 synthetic faces-like set of the tests ({@code
   * core/src/test/resources/reference/data/faces_like.u8.gz}, pixels / 255) under {@code root},
   * which earlier measurements used; kept to compare with them.
   */
  public static Matrix syntheticFaces(Path root) throws IOException {
    Path file = root.resolve("core/src/test/resources/reference/data/faces_like.u8.gz");
    byte[] bytes;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      bytes = in.readAllBytes();
    }
    double[] v = new double[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      v[i] = (bytes[i] & 0xff) / 255.0;
    }
    return Matrix.wrap(bytes.length / 625, 625, v);
  }

  /** {@code count} integers in {@code [0, 2^bits)}: the top bits of SplitMix64. */
  private static int[] smallInts(int count, long seed, int bits) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = (int) (splitMix(i, seed) >>> (64 - bits));
    }
    return out;
  }

  /** SplitMix64's output function applied to {@code seed + (counter + 1) * golden}. */
  static long splitMix(long counter, long seed) {
    long z = seed + (counter + 1) * GOLDEN;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
