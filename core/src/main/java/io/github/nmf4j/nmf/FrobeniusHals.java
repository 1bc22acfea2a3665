package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Hierarchical alternating least squares for {@code ||V - WH||_F^2} (Cichocki and Phan 2009,
 * "Fast local algorithms for large scale nonnegative matrix and tensor factorizations"), with the
 * inner sweeps of Gillis and Glineur (2012), H first, then W:
 * <pre>
 *   H[c,:] = max(f, H[c,:] + ((W'V)[c,:] - (W'W)[c,:] H) / (W'W)[c,c])     c = 0..k-1, repeated
 *   W[:,c] = max(f, W[:,c] + ((VH')[:,c] - W (HH')[:,c]) / (HH')[c,c])     c = 0..k-1, repeated
 * </pre>
 * Each line minimizes the loss exactly over one row of H or column of W with the rest fixed, so
 * the loss never increases. The floor {@code f} ({@value #FLOOR} times {@code sqrt(rms(V) / k)},
 * the typical size of a factor entry) keeps every entry positive, so no component dies: a column
 * of W that would vanish stays at the floor, and the next H update can bring it back. That
 * exact step divides by the floored column's Gram entry (about {@code 1e-32} of the others') and
 * leaves the component's W and H about {@code 2^100} apart (entries of {@code 1e13} and more
 * beside the floor); after each iteration of an unpenalized fit such a component is rescaled
 * by a power of two ({@link #REBALANCE}; WH and the next steps are unchanged, up to the floor),
 * so factors stay on the data's scale. A transform, whose H is fixed, cannot bring a dead
 * component back: it leaves that component's column of W as it started ({@link
 * HalsKernel#NEGLIGIBLE}) rather than inflate it.
 *
 * <p>Per half-iteration the large products ({@code W'V} or {@code VH'}, {@code 2npk} flops each)
 * are computed once by {@link Gemm}; the sweeps cost {@code O(k^2)} per row of W or column of H,
 * so they are repeated while that pays: at most {@code 1 + alpha rho} times, {@code rho} being
 * the ratio of the products' cost to one sweep's ({@code rho_W = (np + pk) / (nk + n)}, {@code
 * rho_H = (np + nk) / (pk + p)}, {@code alpha =} {@value #ALPHA}), and only while a sweep still
 * changes the block by more than {@code delta =} {@value #DELTA} times the first sweep's change
 * (in Frobenius norm). {@code rho} counts flops rather than timing the two (as Gillis and
 * Glineur's code does), so that the iterates never depend on the machine's speed. The problem
 * separates over rows of W and columns of H, so the sweeps run on fixed blocks of {@value #BLOCK}
 * rows (columns), each with its own stopping test, in parallel and independently of the thread
 * count. One sweep per half-iteration is exactly scikit-learn's {@code NMF(solver='cd')} (with the
 * H-first order and the floor instead of 0).
 *
 * <p>Penalties ({@link Penalties}, scikit-learn's {@code cd}): the L1 weight is taken from the
 * targets ({@code W'V - l1H}, {@code VH' - l1W}) and the L2 weight added to the diagonal of the
 * Gram matrix ({@code W'W + l2H I}, {@code HH' + l2W I}); each line then minimizes the
 * penalized loss exactly. A factor with an L1 weight has floor 0 instead of {@code f}: its
 * entries may reach exactly 0, which is what the L1 penalty is for.
 *
 * <p>The loss uses the trace identity {@code ||V||^2 - 2 <W, VH'> + <W'W, HH'>}; WH is never
 * formed.
 *
 * <p>Range: V is read unscaled ({@code V = 4^m V_s}); its products follow {@link ScaledData}'s
 * policy (the factor scaled by a power of two only for V beyond {@code 2^±900}, the product
 * multiplied by {@code productScale} after, both exact), so no product overflows or underflows
 * for any finite V. A start whose component has W and H entries of
 * wildly different sizes (more than {@code 2^128} apart) is rebalanced by a power of two (WH is
 * unchanged, and HALS's steps are invariant to that scaling); ordinary starts are used as given.
 */
final class FrobeniusHals implements UpdateRule {

  /**
   * Gillis and Glineur's weight of the inner-sweep budget (the default of their reference code,
   * as is {@link #DELTA}). Measured on six real data sets (docs/benchmarks.md, "The HALS sweep
   * budget, measured again"): smaller weights took longer to reach scikit-learn cd's errors (0.1:
   * 1.04 times, 0, which is cd itself: 2.3 times), larger ones were no faster.
   */
  static final double ALPHA = 0.5;
  /**
   * Stop the sweeps of a block once a sweep changes it by at most this fraction of the first
   * (Gillis and Glineur's value). Against 0.01 it reached scikit-learn cd's 50-, 100- and
   * 200-iteration errors in 0.81 times the CPU time, median of 120 cases (six real data sets,
   * up to seven starts each), faster in 87 of them.
   */
  static final double DELTA = 0.1;
  /** The smallest value of a factor entry, relative to {@code sqrt(rms(V) / k)}. */
  static final double FLOOR = 1e-16;
  /**
   * A start whose W and H entries differ by more than {@code 2^(2 UNBALANCED)} in a component is
   * rebalanced; ordinary starts are left exactly as given.
   */
  static final int UNBALANCED = 64;
  /**
   * During an unpenalized fit, a component whose column of W and row of H differ in norm by
   * more than {@code 2^(2 REBALANCE)} is rebalanced ({@link ComponentBalance#byNorms}). A
   * component steadily fitted stays far inside it; one brought back from the floor lies about
   * {@code 2^100} outside it.
   */
  static final int REBALANCE = 32;
  /** Rows of W (columns of H) per block of sweeps. */
  static final int BLOCK = 256;
  /**
   * Below this many multiply-adds (at the most sweeps) a half-update's blocks run on the calling
   * thread: handing them to other threads would cost more than it saves. Which thread runs a
   * block never changes its result.
   */
  static final long SERIAL_WORK = 1L << 21;
  /** Below this many multiply-adds ({@code npk}) the large products also run serially. */
  static final long SERIAL_PRODUCT = 1L << 22;

  private final ScaledData data;
  private final double[] w;
  private final double[] h;
  private final int k;
  private final boolean updateH;
  private final Parallel par;
  /** The executor of the products with V: serial for small problems. */
  private final Parallel products;
  private final int maxSweepsH;
  private final int maxSweepsW;
  private final double deltaSquared;
  /** The floors of H's and W's entries: {@code f}, or 0 for a factor with an L1 weight. */
  private final double floorH;
  private final double floorW;
  private final double l1H;
  private final double l1W;
  private final double l2H;
  private final double l2W;
  /** No penalty: only then are the steps invariant to {@link #REBALANCE}'s scaling. */
  private final boolean unpenalized;
  /** Turns a product of the raw V with a product operand into the product with {@code V_s}. */
  private final double productScale;

  private final double[] wtv;
  /** W and H as operands of the products with V, for V beyond {@code 2^±900} only. */
  private final double[] wBuffer;
  private final double[] hBuffer;
  private final double[] gramW;
  private final double[] gramH;
  /** {@code W'W + l2H I} and {@code HH' + l2W I}: the Gram matrices themselves without L2. */
  private final double[] gramWPenalized;
  private final double[] gramHPenalized;
  private final double[] vht;
  private final double[] partial;
  private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();
  private boolean gramWCurrent;
  /** {@code <W, V_s H'>} for the current factors. */
  private double cross;

  /** Fit: H and W, with Gillis and Glineur's sweep budget; transform: W alone. */
  static final UpdateRule.Factory FACTORY = new UpdateRule.Factory() {
    @Override
    public UpdateRule fit(Problem problem, Factors start) {
      return new FrobeniusHals(problem, start, true);
    }

    @Override
    public UpdateRule transform(Problem problem, Factors start) {
      return new FrobeniusHals(problem, start, false);
    }
  };

  private FrobeniusHals(Problem problem, Factors start, boolean updateH) {
    this(problem, start, updateH,
        Sweeps.budget(problem.data().n, problem.data().p, start.rank));
  }

  /**
   * How many sweeps a half-update may run: at most {@code maxH} over a block of H ({@code maxW}
   * over a block of W), fewer once a sweep changes the block by at most {@code delta} times the
   * first sweep's change. {@code new Sweeps(1, 1, 0)} is scikit-learn's coordinate descent.
   */
  record Sweeps(int maxH, int maxW, double delta) {

    /** Gillis and Glineur's budget for V of {@code n x p} and rank {@code k}. */
    static Sweeps budget(int n, int p, int k) {
      return new Sweeps(maxSweepsH(n, p, k), maxSweepsW(n, p, k), DELTA);
    }
  }

  /** A rule with the sweep budget {@code sweeps}; {@code updateH} false for a transform. */
  FrobeniusHals(Problem problem, Factors start, boolean updateH, Sweeps sweeps) {
    ScaledData data = problem.data();
    Parallel par = problem.par();
    int k = start.rank;
    this.data = data;
    this.w = start.w;
    this.h = start.h;
    this.k = k;
    this.updateH = updateH;
    this.par = par;
    this.products = (long) data.n * data.p * k < SERIAL_PRODUCT ? Parallel.serial() : par;
    this.maxSweepsH = sweeps.maxH();
    this.maxSweepsW = sweeps.maxW();
    this.deltaSquared = sweeps.delta() * sweeps.delta();
    double rms = Math.sqrt(data.squaredNorm / ((double) data.n * data.p));
    double floor = FLOOR * Math.sqrt(rms / k);
    Penalties penalties = Penalties.of(problem);
    l1H = penalties.l1H;
    l1W = penalties.l1W;
    l2H = penalties.l2H;
    l2W = penalties.l2W;
    unpenalized = l1H == 0 && l1W == 0 && l2H == 0 && l2W == 0;
    floorH = l1H > 0 ? 0 : floor;
    floorW = l1W > 0 ? 0 : floor;
    this.productScale = data.productScale;
    wtv = updateH ? new double[k * data.p] : null;
    wBuffer = updateH ? data.productBuffer(data.n * k) : null;
    hBuffer = data.productBuffer(k * data.p);
    if (updateH) {
      ComponentBalance.byLargestEntries(w, h, data.n, data.p, k, UNBALANCED);
    }
    gramW = new double[k * k];
    gramH = new double[k * k];
    gramWPenalized = l2H > 0 ? new double[k * k] : gramW;
    gramHPenalized = l2W > 0 ? new double[k * k] : gramH;
    vht = new double[data.n * k];
    partial = new double[blocks(data.n)];
    // No more scratch than tasks can use at once, whatever the thread count asked for.
    for (int t = Math.min(par.threads(), Math.max(blocks(data.n), blocks(data.p))); t > 0; t--) {
      scratch.add(new Scratch(k));
    }
    productsOfH();
    cross = crossTerm();
  }

  /** {@code floor(1 + alpha (np + nk) / (pk + p))}: sweeps of H worth one product's cost. */
  static int maxSweepsH(int n, int p, int k) {
    return budget(((double) n * p + (double) n * k) / ((double) p * k + p));
  }

  /** {@code floor(1 + alpha (np + pk) / (nk + n))}: sweeps of W worth one product's cost. */
  static int maxSweepsW(int n, int p, int k) {
    return budget(((double) n * p + (double) p * k) / ((double) n * k + n));
  }

  private static int budget(double rho) {
    return (int) Math.min(100_000, Math.floor(1 + ALPHA * rho));
  }

  @Override
  public void iterate() {
    if (updateH) {
      productOfW();
      Penalties.withDiagonal(gramW, k, l2H, gramWPenalized);
      // productOfW has just made W'W of this W (gramWCurrent): its rows may serve again
      data.transposeTimesOfGramW(data.productOperand(w, wBuffer, data.n * k), k, wtv,
          products);
      updateH();
      productsOfH();
    }
    cross = updateW();
    gramWCurrent = false;
    if (updateH && unpenalized) {
      // W'W now rather than at the next use (the same values), for its norms
      productOfW();
      if (ComponentBalance.byNorms(w, h, data.n, data.p, k, gramW, gramH, REBALANCE)) {
        gramWCurrent = false;
        productOfW();
        Gemm.multiplyTranspose(k, data.p, k, h, h, gramH, products);
      }
    }
  }

  @Override
  public double loss() {
    productOfW();
    return MuKernels.traceLoss(data.squaredNorm, cross, gramW, gramH, k);
  }

  private void updateH() {
    int p = data.p;
    double scale = productScale;
    parallelFor((long) p * k * k * maxSweepsH).forEach(blocks(p), b -> {
      Scratch s = borrow();
      int j0 = b * BLOCK;
      int len = Math.min(BLOCK, p - j0);
      for (int c = 0; c < k; c++) {
        double[] x = s.x[c];
        double[] t = s.t[c];
        int off = c * p + j0;
        for (int j = 0; j < len; j++) {
          x[j] = h[off + j];
          t[j] = wtv[off + j] * scale - l1H;
        }
      }
      HalsKernel.sweeps(gramWPenalized, k, s.t, s.x, len, s.acc, s.change, maxSweepsH,
          deltaSquared, floorH, false);
      for (int c = 0; c < k; c++) {
        System.arraycopy(s.x[c], 0, h, c * p + j0, len);
      }
      scratch.add(s);
    });
  }

  /** Updates W block by block and returns {@code <W_new, V_s H'>}. */
  private double updateW() {
    int n = data.n;
    double scale = productScale;
    int blocks = blocks(n);
    parallelFor((long) n * k * k * maxSweepsW).forEach(blocks, b -> {
      Scratch s = borrow();
      int i0 = b * BLOCK;
      int len = Math.min(BLOCK, n - i0);
      for (int i = 0; i < len; i++) {
        int row = (i0 + i) * k;
        for (int c = 0; c < k; c++) {
          s.x[c][i] = w[row + c];
          s.t[c][i] = vht[row + c] * scale - l1W;
        }
      }
      HalsKernel.sweeps(gramHPenalized, k, s.t, s.x, len, s.acc, s.change, maxSweepsW,
          deltaSquared, floorW, !updateH);
      double sum = 0;
      for (int i = 0; i < len; i++) {
        int row = (i0 + i) * k;
        for (int c = 0; c < k; c++) {
          double x = s.x[c][i];
          w[row + c] = x;
          sum += x * (vht[row + c] * scale);
        }
      }
      partial[b] = sum;
      scratch.add(s);
    });
    return MuKernels.sumInOrder(partial, blocks);
  }

  /** {@code <W, V_s H'>} for the current W and the stored {@code VH'}. */
  private double crossTerm() {
    return MuKernels.dot(w, vht, data.n, k, productScale, partial, par);
  }

  private Parallel parallelFor(long work) {
    return work < SERIAL_WORK ? Parallel.serial() : par;
  }

  private Scratch borrow() {
    Scratch s = scratch.poll();
    return s != null ? s : new Scratch(k);
  }

  /** {@code HH'} and {@code VH'} for the current H. */
  private void productsOfH() {
    data.timesTransposeAndGram(h, data.productOperand(h, hBuffer, k * data.p), k, vht, gramH,
        products);
    Penalties.withDiagonal(gramH, k, l2W, gramHPenalized);
  }

  /** {@code W'W} for the current W, computed once per W. */
  private void productOfW() {
    if (!gramWCurrent) {
      data.gramOfW(w, k, gramW, products);
      gramWCurrent = true;
    }
  }

  private static int blocks(int size) {
    return (size + BLOCK - 1) / BLOCK;
  }

  /**
   * One block's work space: the block of the factor, its targets, a residual row and the
   * squared changes of a sweep.
   */
  private static final class Scratch {
    final double[][] x;
    final double[][] t;
    final double[] acc = new double[BLOCK];
    final double[] change = new double[BLOCK];

    Scratch(int k) {
      x = new double[k][BLOCK];
      t = new double[k][BLOCK];
    }
  }
}
