package io.github.nmf4j.nmf;

/**
 * Rescales components of a factorization by reciprocal powers of two, {@code W[:,c] 2^e} and
 * {@code H[c,:] 2^-e}, which leaves WH unchanged exactly: for a start whose W and H entries are
 * wildly apart, and for a HALS component brought back from the floor. W is {@code n x k} and H
 * {@code k x p}, row-major, both changed in place.
 */
final class ComponentBalance {

  private ComponentBalance() {}

  /**
   * Scales each component whose largest entries of W and H differ by more than {@code 2^(2
   * limit)} so that they are about equal.
   */
  static void byLargestEntries(double[] w, double[] h, int n, int p, int k, int limit) {
    byLargestEntries(w, h, n, p, k, limit, 0, 0);
  }

  /**
   * {@link #byLargestEntries(double[], double[], int, int, int, int)}, leaving alone a component
   * whose largest entry of W is at most twice {@code floorW} or of H at most twice {@code
   * floorH}.
   */
  static void byLargestEntries(double[] w, double[] h, int n, int p, int k, int limit,
      double floorW, double floorH) {
    for (int c = 0; c < k; c++) {
      double maxW = 0;
      for (int i = 0; i < n; i++) {
        maxW = Math.max(maxW, w[i * k + c]);
      }
      double maxH = 0;
      for (int j = 0; j < p; j++) {
        maxH = Math.max(maxH, h[c * p + j]);
      }
      if (maxW == 0 || maxH == 0 || !Double.isFinite(maxW) || !Double.isFinite(maxH)
          || maxW <= 2 * floorW || maxH <= 2 * floorH) {
        continue;
      }
      int e = (Math.getExponent(maxH) - Math.getExponent(maxW)) / 2;
      if (Math.abs(e) > limit) {
        scale(w, h, n, p, k, c, e);
      }
    }
  }

  /**
   * Scales each component whose column of W and row of H differ in norm by more than {@code
   * 2^(2 limit)}, reading the squared norms off the diagonals of {@code gramW = W'W} and {@code
   * gramH = HH'} (current for W and H), so that {@code ||W_c|| 2^e = ||H_c|| 2^-e} to within a
   * factor of 2; true if one was (the Gram matrices are then stale). HALS's steps without
   * penalties are invariant to that scaling, up to the floor, and the cross term {@code <W,
   * VH'>} is unchanged to the bit.
   */
  static boolean byNorms(double[] w, double[] h, int n, int p, int k, double[] gramW,
      double[] gramH, int limit) {
    boolean changed = false;
    for (int c = 0; c < k; c++) {
      double gw = gramW[c * k + c];
      double gh = gramH[c * k + c];
      if (!(gw > 0) || !(gh > 0) || !Double.isFinite(gw) || !Double.isFinite(gh)) {
        continue;
      }
      int e = (Math.getExponent(gh) - Math.getExponent(gw)) / 4;
      if (Math.abs(e) > limit) {
        scale(w, h, n, p, k, c, e);
        changed = true;
      }
    }
    return changed;
  }

  /** {@code W[:,c] *= 2^e}, {@code H[c,:] *= 2^-e}. */
  private static void scale(double[] w, double[] h, int n, int p, int k, int c, int e) {
    for (int i = 0; i < n; i++) {
      w[i * k + c] = Math.scalb(w[i * k + c], e);
    }
    for (int j = 0; j < p; j++) {
      h[c * p + j] = Math.scalb(h[c * p + j], -e);
    }
  }
}
