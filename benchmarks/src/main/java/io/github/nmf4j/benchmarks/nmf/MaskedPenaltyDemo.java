package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The penalties with missing values on the real photographs of {@link HalsData#faces} (run from
 * the repository root): a share of the entries hidden at random (seed 1), masked fits
 * ({@code missingValues(IGNORE)}, one thread, the default NNDSVDA start, tolerance 0) with
 * {@code alphaW = alphaH = alpha} and {@code l1Ratio} 0 for each alpha. Prints, per alpha, the
 * held-out RMSE and the largest prediction at the hidden entries after {@code ITERATIONS}
 * iterations, and the CPU time per iteration: fits of {@code A} and {@code B} iterations timed
 * for every alpha in turn, {@code ROUNDS} times, one iteration being {@code (cpu(B) - cpu(A)) /
 * (B - A)} (median and range).
 *
 * <pre>
 * java [-Ddata=digits] [-Dinit=RANDOM] [-Dseed=S] \
 *     -cp benchmarks/target/benchmarks.jar io.github.nmf4j.benchmarks.nmf.MaskedPenaltyDemo \
 *     RANK hals|mu HIDDEN_SHARE ITERATIONS A B ROUNDS ALPHA...
 * </pre>
 *
 * <p>{@code -Ddata=digits} reads {@code docs/figures/input/digits.npy} (1797 x 64, values
 * 0-16) instead of the faces; {@code -Dinit} names the start ({@link Initialization}, default
 * NNDSVDA) and {@code -Dseed} the fit's seed (default 0); {@code ROUNDS} 0 skips the timing.
 */
public final class MaskedPenaltyDemo {

  private MaskedPenaltyDemo() {}

  public static void main(String[] args) throws Exception {
    int k = Integer.parseInt(args[0]);
    Solver solver = args[1].equals("hals") ? Solver.HALS : Solver.MULTIPLICATIVE_UPDATE;
    double share = Double.parseDouble(args[2]);
    int iterations = Integer.parseInt(args[3]);
    int a = Integer.parseInt(args[4]);
    int b = Integer.parseInt(args[5]);
    int rounds = Integer.parseInt(args[6]);
    double[] alphas = Arrays.stream(args, 7, args.length).mapToDouble(Double::parseDouble)
        .toArray();
    String data = System.getProperty("data", "faces");
    Matrix full = data.equals("digits")
        ? MatrixIo.read(Path.of("docs/figures/input/digits.npy"))
        : HalsData.faces(Path.of("."));
    Initialization init = Initialization.valueOf(System.getProperty("init", "NNDSVDA"));
    long seed = Long.getLong("seed", 0);
    double[] truth = full.toRowMajorArray();
    double[] values = truth.clone();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < values.length; i++) {
      if (random.nextDouble() < share) {
        values[i] = Double.NaN;
      }
    }
    int p = full.cols();
    Matrix masked = Matrix.wrap(full.rows(), p, values);
    Nmf[] shortFits = new Nmf[alphas.length];
    Nmf[] longFits = new Nmf[alphas.length];
    for (int t = 0; t < alphas.length; t++) {
      Nmf.Builder builder = Nmf.builder().rank(k).solver(solver).threads(1).tolerance(0)
          .seed(seed).initialization(init)
          .missingValues(MissingValues.IGNORE).alphaW(alphas[t]).alphaH(alphas[t]).l1Ratio(0);
      NmfModel model = builder.maxIterations(iterations).fit(masked);
      Matrix imputed = model.impute(masked);
      double squares = 0;
      double largest = 0;
      int hidden = 0;
      for (int i = 0; i < values.length; i++) {
        if (Double.isNaN(values[i])) {
          double y = imputed.get(i / p, i % p);
          squares += (y - truth[i]) * (y - truth[i]);
          largest = Math.max(largest, y);
          hidden++;
        }
      }
      System.out.printf(Locale.ROOT, "%s %d x %d rank %d %s %s, %.0f%% hidden, alpha %s, %d "
          + "iterations: held-out RMSE %.4f, largest prediction %.4f, observed relative error "
          + "%.4f%n", data, full.rows(), p, k, args[1], init, 100 * share, alphas[t],
          iterations, Math.sqrt(squares / hidden), largest, model.relativeError());
      if (rounds > 0) {
        shortFits[t] = builder.maxIterations(a).build();
        longFits[t] = builder.maxIterations(b).build();
        longFits[t].fit(masked); // warm-up
      }
    }
    if (rounds == 0) {
      return;
    }
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    double[][] times = new double[alphas.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int t = 0; t < alphas.length; t++) {
        long c0 = bean.getCurrentThreadCpuTime();
        shortFits[t].fit(masked);
        long c1 = bean.getCurrentThreadCpuTime();
        longFits[t].fit(masked);
        long c2 = bean.getCurrentThreadCpuTime();
        times[t][r] = ((c2 - c1) - (c1 - c0)) / 1e6 / (b - a);
      }
    }
    for (int t = 0; t < alphas.length; t++) {
      double[] s = times[t].clone();
      Arrays.sort(s);
      System.out.printf(Locale.ROOT, "alpha %s: CPU ms per iteration (fits of %d and %d, %d "
          + "rounds) median %.4f (%.4f-%.4f)%n", alphas[t], a, b, rounds, s[rounds / 2], s[0],
          s[rounds - 1]);
    }
  }
}
