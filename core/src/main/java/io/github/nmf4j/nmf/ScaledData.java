package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.kernel.Gemm;

/**
 * A validated, non-negative data matrix V read in place (never copied), with the power of two
 * that scales it into a safe range: the data seam of the solvers. V is dense ({@link DenseData})
 * or sparse ({@link SparseData}); the update rules reach it only through the products below and
 * the {@link RowProducts} of a pass by row blocks, so each rule is written once for both.
 *
 * <p>The solvers work on {@code V_s = V / s} with {@code s = 4^m} chosen so that
 * {@code max(V_s)} lies in {@code [1, 4)}; factors are kept as {@code W / 2^m} and {@code H / 2^m}.
 * Multiplying by a power of two is exact, so for data whose products neither overflow nor
 * underflow the fit is bit-for-bit the fit of V.
 *
 * <p><b>The one policy for extreme ranges</b>, which every solver follows: V is read in place,
 * never copied or scaled. Element-wise terms (the KL ratio and divergence, the residuals) read
 * {@code v} times {@link #invScale}. A product of the raw V with a stored factor (entries of order
 * 1) is of order {@code 4^m}: while that lies within {@code 2^±900} (V up to about 1e±270) the
 * product is taken as it is; beyond, the factor is scaled by {@code 2^-m} first, so that the
 * product is of order {@code 2^m}, as far from both ends of the double range as it can be. So
 * every product is taken with {@link #productOperand}{@code (factor)} and multiplied by {@link
 * #productScale} after, both exact: no product overflows or underflows for any finite V, from
 * {@link Double#MIN_VALUE} to {@link Double#MAX_VALUE}, and for ordinary data no copy of a factor
 * is made. FrobeniusMu, FrobeniusHals, the sparse products ({@link SparseData}), the residuals
 * and a distributed fit's block passes ({@link BlockPass}) all take their operands here.
 *
 * <p><b>The one exception: V entirely subnormal</b> (its largest value below {@code 2^-1022},
 * {@code m < }{@value #MIN_IN_PLACE}). There {@code 4^-m} is no double, so V cannot be read in
 * place times {@link #invScale}; the data holds the copy {@code V_s} instead ({@link
 * #heldHalfExponent} 0, one more array of V's values), made exactly (a subnormal scaled into
 * {@code [1, 4)} keeps every bit), and the products and element-wise terms read it as they read
 * an ordinary V of scale 1: the fit of such V is the fit of {@code V_s}, its factors and errors
 * converted with the true {@code m}. A value of the caller's V is converted with {@link
 * #stored}. (Clamping m at -511 instead, as nmf4j did, stored such V below 1, at {@code 2^-52}
 * to {@code 2^-1}, where the multiplicative updates' guard, sized for {@code [1, 4)}, collapsed
 * W or H.)
 */
abstract class ScaledData {

  /** Beyond {@code 4^m = 2^±PRODUCT_LIMIT}, products with the raw V scale the factor first. */
  private static final int PRODUCT_LIMIT = 900;

  /**
   * The least half exponent of a V read in place: {@code 4^511} is a double, {@code 4^512} is
   * not. A V of smaller m (entirely subnormal) is held as the copy {@code V_s}.
   */
  static final int MIN_IN_PLACE = -511;

  final int n;
  final int p;
  /**
   * Half the binary exponent of the scale: {@code s = 2^(2 * halfExponent)}, from -537 (V's
   * largest value {@link Double#MIN_VALUE}) to 511; the caller's units are {@code V = s V_s}.
   */
  final int halfExponent;
  /**
   * The half exponent of the values the products read ({@link DenseData#v}, {@link
   * SparseData#values}), which are {@code 4^heldHalfExponent V_s}: {@link #halfExponent} for V
   * read in place, 0 for the copy {@code V_s} of a V entirely subnormal ({@link #MIN_IN_PLACE}).
   * {@link #invScale}, {@link #productExponent} and {@link #productScale} are those of these
   * values.
   */
  final int heldHalfExponent;
  /** {@code 4^-heldHalfExponent}: the held values times it are {@code V_s}. */
  final double invScale;
  /** {@code sqrt(s) = 2^halfExponent}, the factor between stored and returned factors. */
  final double sqrtScale;
  /**
   * The exponent {@code a} by which a factor is scaled, {@code 2^a}, before a product with the
   * raw V (the held values): 0 unless they lie beyond {@code 2^±900} (about 1e±270), and then
   * {@code -heldHalfExponent}; see the class comment and {@link #productScale}.
   */
  final int productExponent;
  /**
   * What turns a product of the raw V with a factor scaled by {@code 2^productExponent} into the
   * product with {@code V_s}: {@code 2^(-2 heldHalfExponent - productExponent)}.
   */
  final double productScale;
  /** {@code sum(V_s)}. */
  final double sum;
  /** {@code ||V_s||_F^2}. */
  final double squaredNorm;

  /**
   * The data of {@code n x p} values whose scale is {@code 4^halfExponent}, held in place, or as
   * {@code V_s} when {@code halfExponent < }{@value #MIN_IN_PLACE} (the subclasses' factories
   * make that copy, {@link #storedCopy}).
   */
  ScaledData(int n, int p, int halfExponent, double sum, double squaredNorm) {
    this.n = n;
    this.p = p;
    this.halfExponent = halfExponent;
    this.heldHalfExponent = heldHalfExponentOf(halfExponent);
    this.invScale = Math.scalb(1.0, -2 * heldHalfExponent);
    this.sqrtScale = Math.scalb(1.0, halfExponent);
    int e = 2 * heldHalfExponent;
    this.productExponent = Math.abs(e) > PRODUCT_LIMIT ? -heldHalfExponent : 0;
    this.productScale = Math.scalb(1.0, -e - productExponent);
    this.sum = sum;
    this.squaredNorm = squaredNorm;
  }

  /**
   * Checks the dense {@code matrix} (named {@code name} in messages) and computes its scale and
   * sums.
   *
   * @throws IllegalArgumentException if it is null or empty or holds a negative, NaN or infinite
   *     value (the message names the first such value in row-major order)
   */
  static ScaledData of(Matrix matrix, String name, Parallel par) {
    return DenseData.of(matrix, name, par);
  }

  /**
   * A block of rows of a larger V, already checked, with the whole V's scale and sums: a block
   * of a fit split by rows ({@link DistributedNmf}) computes exactly as the core on those rows.
   */
  static DenseData block(double[] v, int rows, int p, int halfExponent, double sum,
      double squaredNorm) {
    return DenseData.block(v, rows, p, halfExponent, sum, squaredNorm);
  }

  /**
   * Checks the sparse {@code matrix} (named {@code name} in messages) and computes its scale and
   * sums from its stored values.
   *
   * @throws IllegalArgumentException if it is null or empty or stores a negative value (the
   *     message names its row, column and value)
   */
  static ScaledData of(SparseMatrix matrix, String name, Parallel par) {
    return SparseData.of(matrix, name, par);
  }

  /** {@code out (n x k) = V op'} for {@code op} ({@code k x p}), V unscaled. */
  abstract void timesTranspose(double[] op, int k, double[] out, Parallel par);

  /**
   * {@link #timesTranspose} with {@code op = }{@link #productOperand(double[], double[], int)
   * productOperand(h, ...)}, and {@code gram = HH'} ({@code k x k}) with the bits of {@code
   * Gemm.multiplyTranspose(k, p, k, h, h, gram, par)}: in one call, so that a sparse V can form
   * the Gram matrix from the rows of {@code op'} its product has just made.
   */
  void timesTransposeAndGram(double[] h, double[] op, int k, double[] out, double[] gram,
      Parallel par) {
    Gemm.multiplyTranspose(k, p, k, h, h, gram, par);
    timesTranspose(op, k, out, par);
  }

  /** {@code out (k x p) = op' V} for {@code op} ({@code n x k}), V unscaled. */
  abstract void transposeTimes(double[] op, int k, double[] out, Parallel par);

  /**
   * {@code gram = W'W} ({@code k x k}) for the {@code n x k} factor W, with the bits of {@code
   * Gemm.gram(n, k, w, gram, par)}. A sparse V forms it from rows of W that it keeps for the
   * next {@link #transposeTimesOfGramW}.
   */
  void gramOfW(double[] w, int k, double[] gram, Parallel par) {
    Gemm.gram(n, k, w, gram, par);
  }

  /**
   * {@link #transposeTimes} of {@code op = }{@link #productOperand(double[], double[], int)
   * productOperand(w, ...)}, where W has not changed since the last {@link #gramOfW} (the caller
   * knows): a sparse V then multiplies the rows of W that call made instead of copying W again.
   */
  void transposeTimesOfGramW(double[] op, int k, double[] out, Parallel par) {
    transposeTimes(op, k, out, par);
  }

  /** The blocks of rows a pass over this V runs on, with scratch sized for its kernels. */
  abstract RowBlocks rowBlocks(int k, Parallel par);

  /**
   * A pass's products of V's row blocks with H (see {@link RowProducts}): with {@code ratios}
   * the KL ratio products ({@code ratio...} methods), else the Frobenius ones ({@code
   * timesTranspose}, {@code addTransposeTimes}, {@code transposeTimesSum}), so that a sparse V
   * holds the buffers of one kind only.
   */
  abstract RowProducts rowProducts(RowBlocks blocks, int k, boolean ratios);

  /**
   * A pass's products for the beta-divergence update of {@code beta} (see {@link BetaProducts}).
   */
  abstract BetaProducts betaProducts(RowBlocks blocks, int k, double beta, double eps);

  /**
   * The row-major index ({@code row * p + column}) of V's first zero, stored or not, or -1 when
   * every entry is positive.
   */
  abstract long firstZero();

  /**
   * {@code ||V_s - WH||_F^2} and, when asked, {@code D(V_s || WH)} for factors in stored units.
   */
  abstract Residuals residuals(double[] w, double[] h, int k, double eps, boolean divergence,
      Parallel par);

  /**
   * A truncated SVD of V, or of {@code V_s} when V's singular values exceed the double range,
   * for the NNDSVD starts.
   */
  abstract Initializer.ScaledSvd svd(int k, long seed, int threads);

  /** The message for an invalid element at flat index {@code i} of a matrix with p columns. */
  static String describeBad(String name, double x, int i, int p) {
    return describeBadAt(name, x, i / p, i % p);
  }

  /** The message for an invalid element {@code x} at {@code (row, column)} of {@code name}. */
  static String describeBadAt(String name, double x, long row, long column) {
    String what = Double.isNaN(x) ? "NaN" : Double.isInfinite(x) ? "infinite value " + x
        : "negative value " + x;
    return what + " at row " + row + ", column " + column + " of " + name
        + " (NMF needs finite, non-negative values)";
  }

  /**
   * The {@code m} with {@code max / 4^m} in {@code [1, 4)}, for a finite {@code max >= 0}: from
   * -537 ({@link Double#MIN_VALUE}) to 511; 0 for an all-zero matrix. A subnormal max has the
   * exponent it would have if normalized ({@link Math#getExponent} gives -1023 for every one).
   */
  static int halfExponentOf(double max) {
    return max == 0 ? 0 : Math.floorDiv(exponentOf(max), 2);
  }

  /**
   * The binary exponent {@code floor(log2 x)} of a finite {@code x > 0}, from -1074 to 1023:
   * {@link Math#getExponent} but for a subnormal x, where that gives -1023 for every one.
   */
  static int exponentOf(double x) {
    int e = Math.getExponent(x);
    // exact: a subnormal times 2^54 is normal
    return e < Double.MIN_EXPONENT ? Math.getExponent(x * 0x1p54) - 54 : e;
  }

  /**
   * The half exponent of the values held for data of scale {@code 4^halfExponent}: {@code
   * halfExponent} itself (V read in place), or 0 below {@value #MIN_IN_PLACE} (the copy {@code
   * V_s}).
   */
  static int heldHalfExponentOf(int halfExponent) {
    return halfExponent < MIN_IN_PLACE ? 0 : halfExponent;
  }

  /**
   * The values to hold for data of scale {@code 4^halfExponent} (see {@link #heldHalfExponent}):
   * {@code values} itself, or for V entirely subnormal a new array of its values divided by
   * {@code 4^halfExponent}, exactly (each scaled up into the normal range).
   */
  static double[] storedCopy(double[] values, int halfExponent) {
    return MuKernels.scaled(values, halfExponent >= MIN_IN_PLACE ? 0 : -2 * halfExponent);
  }

  /**
   * {@code sum(x / 4^m)} and {@code sum((x / 4^m)^2)} over {@code values}, added in order, for
   * {@code m = halfExponent}: the statistics of a block of V from its values (dense or stored).
   */
  static double[] sumAndSquares(double[] values, int halfExponent) {
    if (halfExponent < MIN_IN_PLACE) {
      // 4^-m is no double: sum the exact copy V_s
      return sumAndSquares(storedCopy(values, halfExponent), 0);
    }
    double inv = Math.scalb(1.0, -2 * halfExponent);
    double s = 0;
    double q = 0;
    for (double x : values) {
      double y = x * inv;
      s += y;
      q += y * y;
    }
    return new double[] {s, q};
  }

  /**
   * The operand of a product of the raw V with the first {@code length} values of {@code
   * factor}: {@code factor} itself, or (for V beyond {@code 2^±900}) the factor times {@code
   * 2^productExponent}, written into {@code buffer}. The product times {@link #productScale} is
   * the product of {@code V_s} with the factor.
   */
  double[] productOperand(double[] factor, double[] buffer, int length) {
    if (productExponent == 0) {
      return factor;
    }
    MuKernels.scaleInto(factor, productExponent, buffer, length);
    return buffer;
  }

  /**
   * {@link #productOperand(double[], double[], int)} for a one-off product with the whole of
   * {@code factor}: the factor itself, or a scaled copy.
   */
  double[] productOperand(double[] factor) {
    return productOperand(factor, productBuffer(factor.length), factor.length);
  }

  /** A buffer of {@code length} values for {@link #productOperand}; null when none is needed. */
  double[] productBuffer(int length) {
    return productExponent == 0 ? null : new double[length];
  }

  /**
   * {@code x / 4^m}: a value of the caller's V (not of the held values) in stored units, {@code x}
   * times {@link #invScale} when V is read in place; exact, but where the result is subnormal.
   */
  double stored(double x) {
    return heldHalfExponent == halfExponent ? x * invScale : Math.scalb(x, -2 * halfExponent);
  }

  /** {@code mean(V_s)}. */
  double mean() {
    return sum / ((double) n * p);
  }

  /** Converts a stored (scaled) factor to the caller's units, in place. */
  void unscale(double[] factor) {
    double f = sqrtScale;
    for (int i = 0; i < factor.length; i++) {
      factor[i] *= f;
    }
  }

  /** Converts a caller's factor to stored (scaled) units, in place. */
  void scale(double[] factor) {
    int e = -halfExponent;
    for (int i = 0; i < factor.length; i++) {
      factor[i] = Math.scalb(factor[i], e);
    }
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
