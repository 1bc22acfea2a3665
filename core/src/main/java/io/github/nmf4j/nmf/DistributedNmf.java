package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.kernel.Gemm;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import io.github.nmf4j.internal.Monitor;

/**
 * An NMF fit of a V whose rows are held elsewhere, in blocks of consecutive rows (partitions of
 * a cluster framework such as Spark: nmf4j-spark runs on this class), with the core's solvers
 * and, for the same seed, the core's result up to rounding.
 *
 * <p>Rows of V and of W stay with their block; this coordinator keeps H ({@code k x p}). Each
 * iteration (H first, then W, as {@link Nmf#fit}):
 * <ol>
 *   <li>the coordinator updates H from the sums of the previous pass ({@code W'V} and {@code
 *       W'W}, or for Kullback-Leibler {@code W'(V ./ (WH + eps))} and {@code W'1});
 *   <li>every block runs a {@link BlockStep} holding the new H: the row-local W update of its
 *       rows, then its {@link BlockSums} for the next H update (and the loss);
 *   <li>the blocks' sums are added in block order ({@link Blocks#apply}).
 * </ol>
 * One pass over V per iteration, {@code k p + k^2} values sent to every block and {@code k p +
 * k^2} returned by each. The Frobenius loss comes from the trace identity {@code ||V||^2 - 2 <W,
 * VH'> + <W'W, HH'>}, the Kullback-Leibler loss from the divergence at the entries, summed by the
 * blocks. The start is RANDOM ({@link Initialization#RANDOM}): each block draws its rows of W
 * from the seed and their row indices, so the start does not depend on the blocks.
 *
 * <p><b>Same result as the core</b>: for a configuration with initialization RANDOM (or none),
 * {@code DistributedNmf.of(config).fit(blocks)} computes what {@code config.fit(v)} computes, on
 * the same rows, with the same kernels; the sums over rows are added per block instead of per
 * fixed chunk, so the two differ by rounding only (tested: H within {@code 1e-9} relative after 50
 * iterations, for any split into blocks). For HALS the inner sweeps of W stop per block of 256
 * rows of V; a split that does not fall on multiples of 256 rows ({@link #rowAlignment}) changes
 * those sweeps near the split (the fit is as good, the factors differ more than rounding).
 *
 * <p>Not supported: other starts, custom initial factors, restarts, {@link
 * Nmf.Builder#normalizeColumnsOfW}, penalties ({@link Nmf.Builder#alphaW}), the other
 * beta-divergences ({@link Nmf.Builder#betaLoss}) and missing values ({@link
 * MissingValues#IGNORE}: the blocks have no mask, so a NaN is refused and a sparse block's
 * unstored entries are zeros). The configuration's seed, rank, loss,
 * solver, iteration limit, tolerance, {@code checkEvery}, epsilon and listener are used; its
 * threads and executor are not (a block is one task, run where the framework runs it; the
 * coordinator's own work is serial).
 *
 * <p><b>The estimator shape.</b> The {@link Nmf} given to {@link #of} is the configuration: it
 * is built and derived by {@code Nmf.builder()} and {@code config().toBuilder()}, its listener
 * receives every iteration and may cancel the fit ({@link #fit} then throws {@link
 * CancellationException}), and the {@link DistributedNmfModel} keeps its data-only {@link
 * NmfSettings} record, never the listener or an executor.
 */
public final class DistributedNmf {

  /**
   * The blocks of V, as a cluster framework holds them. An implementation keeps each block's rows
   * of V and its current rows of W (from the last step's {@link BlockStep.Result#w()}), and knows
   * each block's first row index in V.
   */
  public interface Blocks {

    /**
     * The {@link BlockStatistics#of statistics} of every block, {@linkplain
     * BlockStatistics#plus added} in block order.
     */
    BlockStatistics statistics();

    /**
     * Runs {@code step} on every block ({@link BlockStep#apply} with the block's rows of V, its
     * first row index and its current rows of W), keeps each block's new rows of W, and returns
     * the blocks' sums {@linkplain BlockSums#plus added} in block order.
     */
    BlockSums apply(BlockStep step);
  }

  private final Nmf config;

  private DistributedNmf(Nmf config) {
    this.config = config;
  }

  /**
   * A distributed fit with {@code config}'s settings.
   *
   * @throws IllegalArgumentException if {@code config} is null, sets an initialization other
   *     than RANDOM, custom initial factors, more than one restart, normalizeColumnsOfW, a
   *     penalty, a loss other than Frobenius and Kullback-Leibler, or {@link
   *     MissingValues#IGNORE}
   */
  public static DistributedNmf of(Nmf config) {
    Arguments.requireNonNull(config, "config");
    if (config.settings().initialW().isPresent()) {
      throw new IllegalArgumentException("a distributed fit starts from RANDOM; custom initial "
          + "factors are not supported");
    }
    if (config.settings().initialization().isPresent()
        && config.settings().initialization().get() != Initialization.RANDOM) {
      throw new IllegalArgumentException("a distributed fit starts from RANDOM, was "
          + config.settings().initialization().get());
    }
    if (config.settings().restarts() != 1) {
      throw new IllegalArgumentException("a distributed fit runs one start, restarts was "
          + config.settings().restarts());
    }
    if (config.settings().normalizeColumnsOfW()) {
      throw new IllegalArgumentException("normalizeColumnsOfW is not supported by a distributed "
          + "fit");
    }
    Loss loss = config.settings().loss();
    if (loss != Loss.FROBENIUS && loss != Loss.KULLBACK_LEIBLER) {
      throw new IllegalArgumentException("a distributed fit minimizes FROBENIUS or "
          + "KULLBACK_LEIBLER, was " + loss + " (beta " + config.settings().beta() + ")");
    }
    if (config.settings().penalized()) {
      throw new IllegalArgumentException("penalties are not supported by a distributed fit; "
          + "alphaW and alphaH must be 0, were " + config.settings().alphaW() + " and "
          + config.settings().alphaH());
    }
    if (config.settings().missingValues() != MissingValues.REJECT) {
      throw new IllegalArgumentException("missing values are not supported by a distributed "
          + "fit; missingValues must be REJECT, was " + config.settings().missingValues());
    }
    return new DistributedNmf(config);
  }

  /** The configuration. */
  public Nmf config() {
    return config;
  }

  /**
   * The multiple of rows at which blocks must start for this fit to give the core's result to
   * rounding: {@value FrobeniusHals#BLOCK} for HALS (its sweeps of W stop per that many rows of V,
   * counted from row 0, and a block boundary inside such a group changes them), 1 otherwise. A
   * framework whose blocks start elsewhere can move the rows of the cut groups to the block
   * where their group starts (nmf4j-spark does so, once, before the fit).
   */
  public int rowAlignment() {
    return config.settings().solver() == Solver.HALS ? FrobeniusHals.BLOCK : 1;
  }

  /**
   * Fits V, held by {@code blocks}: statistics, a start step, one update step per iteration (with
   * the convergence test of {@link Nmf}), a residual step.
   *
   * @throws IllegalArgumentException if {@code blocks} is null or V has no rows, if the rank is
   *     so large that H or a {@code k x k} product would not fit in a Java array, or as the
   *     blocks' statistics and steps throw
   * @throws CancellationException if the listener cancels the fit or the thread is interrupted
   */
  public DistributedNmfModel fit(Blocks blocks) {
    Arguments.requireNonNull(blocks, "blocks");
    BlockStatistics stats = blocks.statistics();
    if (stats == null || stats.rows() == 0) {
      throw new IllegalArgumentException("v must not be empty, had no rows");
    }
    requireRankFits(config.settings().rank(), stats.cols());
    Coordinator c = new Coordinator(config.settings(), stats);
    BlockSums sums = blocks.apply(c.start());
    double initial = c.loss(sums);
    int checkEvery = config.settings().checkEvery();
    int maxIterations = config.settings().maxIterations();
    double[] history = new double[16];
    int checks = 0;
    history[checks++] = c.unscale(initial);
    double initialError = c.convergenceError(initial);
    double scale = config.settings().convergenceScale(initialError, c.squaredNorm);
    double previousError = initialError;
    boolean converged = false;
    Monitor monitor = Monitor.of("NMF fit", config.listener(), 1);
    int iteration = 0;
    while (iteration < maxIterations && !converged) {
      Parallel.checkInterrupt();
      sums = blocks.apply(c.update(sums, (iteration + 1) % checkEvery == 0));
      iteration++;
      double reported = Double.NaN;
      if (iteration % checkEvery == 0) {
        double loss = c.loss(sums);
        reported = c.unscale(loss);
        if (checks == history.length) {
          history = Arrays.copyOf(history, 2 * checks);
        }
        history[checks++] = reported;
        double error = c.convergenceError(loss);
        converged = config.settings().converged(previousError, error, scale);
        previousError = error;
      }
      monitor.report(0, iteration, maxIterations, reported, Double.NaN);
    }
    BlockSums residuals = blocks.apply(c.residuals());
    return c.model(residuals, iteration, converged, Arrays.copyOf(history, checks));
  }

  /**
   * Checks that H ({@code k x p}) and the {@code k x k} products fit in Java arrays, as {@link
   * Nmf#fit} does (W is held per block, so the rows of V do not bound the rank here).
   *
   * @throws IllegalArgumentException if not
   */
  private static void requireRankFits(int k, int p) {
    long maxRank = Initializer.maxRank(p);
    if (k > maxRank) {
      throw new IllegalArgumentException("rank must be <= " + maxRank + " for V with " + p
          + " columns (H and the k x k products must each fit in a Java array), was " + k);
    }
  }

  /**
   * W for each row of {@code x} alone, with H fixed: row i of the result is {@code
   * model.transform(x_i)} of an {@link NmfModel} with this H and {@code config}, i.e. the
   * configuration's solver and loss update the row's weights from {@code sqrt(mean(x_i) / k)}
   * with the iteration limit and convergence test of the fit (unlike {@link NmfModel#transform}
   * of several rows, whose start and convergence test take all rows together). Serial.
   *
   * @param h the components, {@code k x p}, as {@link DistributedNmfModel#components()}
   * @throws IllegalArgumentException if an argument is null, {@code h} has not {@code
   *     config.settings().rank()} rows or {@code x} has not p columns, or {@code x} holds a
   *     negative, NaN or infinite value (the message names its row and column)
   */
  public static Matrix transformRows(Nmf config, Matrix h, Matrix x) {
    Arguments.requireNonNull(config, "config");
    return transformRows(config.settings(), h, x);
  }

  /** {@link #transformRows(Nmf, Matrix, Matrix)} with the settings of the configuration. */
  static Matrix transformRows(NmfSettings config, Matrix h, Matrix x) {
    Arguments.requireNonNull(h, "h");
    Arguments.requireNonNull(x, "x");
    int k = config.rank();
    if (h.rows() != k) {
      throw new IllegalArgumentException("h must have " + Phrases.count(k, "row")
          + " (the rank), was " + h.shape());
    }
    int p = h.cols();
    if (x.cols() != p) {
      throw new IllegalArgumentException("x must have " + Phrases.count(p, "column")
          + " (as h), was " + x.shape());
    }
    NmfSettings serial = config.withThreads(1);
    NmfModel model = new NmfModel(serial, Initialization.RANDOM, null, h, Double.NaN,
        Double.NaN, 0, false, new double[0], 0);
    double[] out = new double[x.rows() * k];
    for (int i = 0; i < x.rows(); i++) {
      Matrix row = Matrix.wrap(1, p, x.row(i));
      double[] w;
      try {
        w = Fitter.transform(model, row).toRowMajorArray();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replace("at row 0,", "at row " + i
            + ","), e);
      }
      System.arraycopy(w, 0, out, i * k, k);
    }
    return Matrix.wrap(x.rows(), k, out);
  }

  /** The coordinator's state of one fit: the settings, H, and the H updates and losses. */
  private static final class Coordinator {
    private final NmfSettings config;
    private final BlockStep.Settings settings;
    private final int k;
    private final int p;
    private final long n;
    private final int halfExponent;
    private final double squaredNorm;
    private final int maxSweepsH;
    private final double[] h;
    /** {@code HH'} or {@code H 1} of the current H. */
    private double[] hProduct;

    Coordinator(NmfSettings config, BlockStatistics stats) {
      this.config = config;
      k = config.rank();
      p = stats.cols();
      n = stats.rows();
      halfExponent = stats.halfExponent();
      squaredNorm = stats.scaledSquaredNorm();
      double avg = Math.sqrt(stats.scaledSum() / ((double) n * p) / k);
      // As Nmf.fit: the first stream split from the seed is the SVD's, the second the start's.
      SplittableRandom root = new SplittableRandom(config.seed());
      root.split();
      SplittableRandom start = root.split();
      long wSeed = start.nextLong();
      h = Initializer.randomH(start, k, p, avg);
      int rows = (int) Math.min(n, Integer.MAX_VALUE);
      maxSweepsH = FrobeniusHals.maxSweepsH(rows, p, k);
      double rms = Math.sqrt(squaredNorm / ((double) n * p));
      settings = new BlockStep.Settings(config.loss(), config.solver(), k, p, config.epsilon(),
          halfExponent, wSeed, avg, FrobeniusHals.maxSweepsW(rows, p, k),
          FrobeniusHals.DELTA * FrobeniusHals.DELTA, FrobeniusHals.FLOOR * Math.sqrt(rms / k));
      productOfH();
    }

    BlockStep start() {
      return new BlockStep(BlockStep.Kind.START, settings, h.clone(), hProduct.clone(), true);
    }

    /** Updates H from {@code sums} and returns the step that updates W with it. */
    BlockStep update(BlockSums sums, boolean withLoss) {
      double eps = config.epsilon();
      if (config.loss() == Loss.KULLBACK_LEIBLER) {
        KlKernels.stepRowDenominator(h, sums.products(), sums.gram(), k, p, eps);
      } else if (config.solver() == Solver.HALS) {
        DistributedHals.updateH(h, sums.gram(), sums.products(), k, p, maxSweepsH,
            settings.deltaSquared, settings.floor);
      } else {
        double[] wtwh = new double[k * p];
        Gemm.multiply(k, k, p, sums.gram(), h, wtwh, Parallel.serial());
        MuKernels.multiplicativeStep(h, sums.products(), 1.0, wtwh, eps);
      }
      productOfH();
      return new BlockStep(BlockStep.Kind.UPDATE, settings, h.clone(), hProduct.clone(),
          withLoss);
    }

    BlockStep residuals() {
      return new BlockStep(BlockStep.Kind.RESIDUALS, settings, h.clone(), null, false);
    }

    /** The loss of the factors the blocks' {@code sums} were computed with, in stored units. */
    double loss(BlockSums sums) {
      if (config.loss() == Loss.KULLBACK_LEIBLER) {
        return Math.max(0, sums.divergence());
      }
      return MuKernels.traceLoss(squaredNorm, sums.cross(), sums.gram(), hProduct, k);
    }

    DistributedNmfModel model(BlockSums residuals, int iterations, boolean converged,
        double[] history) {
      double squared = residuals.squaredResidual();
      double loss = config.loss() == Loss.FROBENIUS ? Math.sqrt(squared)
          : Math.max(0, residuals.divergence());
      double norm = Math.sqrt(squaredNorm);
      double relative = norm == 0 ? 0 : Math.sqrt(squared) / norm;
      double[] components = h.clone();
      double f = Math.scalb(1.0, halfExponent);
      for (int i = 0; i < components.length; i++) {
        components[i] *= f;
      }
      return new DistributedNmfModel(config, Matrix.wrap(k, p, components), n, unscale(loss),
          relative, iterations, converged, history);
    }

    double convergenceError(double loss) {
      return config.loss().convergenceError(loss);
    }

    double unscale(double loss) {
      return Math.scalb(loss, 2 * halfExponent);
    }

    private void productOfH() {
      if (config.loss() == Loss.KULLBACK_LEIBLER) {
        hProduct = new double[k];
        KlKernels.rowSums(h, k, p, hProduct);
      } else {
        hProduct = new double[k * k];
        Gemm.multiplyTranspose(k, p, k, h, h, hProduct, Parallel.serial());
      }
    }
  }
}
