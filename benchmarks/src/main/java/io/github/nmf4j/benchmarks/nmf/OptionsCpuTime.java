package io.github.nmf4j.benchmarks.nmf;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.MiniBatchNmf;
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
 * The costs of issue 13's options on one thread, in CPU time of the fitting thread (which the
 * waits of a shared machine do not inflate), through the public API. Peer: {@code
 * benchmarks/python/nmf_options_sklearn.py} (same modes, same file, {@code
 * OPENBLAS_NUM_THREADS=1}, process CPU time).
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar io.github.nmf4j.benchmarks.nmf.OptionsCpuTime \
 *     penalty V.npy RANK mu|hals BETA A B ROUNDS    # plain vs alphaW 0.01, l1Ratio 0.5
 *     iteration V.npy RANK BETA A B ROUNDS          # one multiplicative-update iteration
 *     minibatch V.npy RANK ROUNDS [PASSES [wall THREADS]]  # MiniBatchNmf with the defaults
 * </pre>
 *
 * <p>Per-iteration costs come from fits from fixed strictly positive factors ({@code
 * initialFactors}, {@code sqrt(mean(V) / k)} times uniform (0, 1], seed 42, tolerance 0) of
 * {@code A} and {@code B} iterations: {@code (cpu(B) - cpu(A)) / (B - A)}, so the fixed costs of
 * a fit cancel. In {@code penalty} the plain and the penalized fits alternate within each round.
 * V is read from a {@code .npy} file so that both sides factor identical values. {@code
 * minibatch} with {@code PASSES} runs exactly that many passes (tolerance 0, no early stop),
 * which times a pass without the stopping rule ({@code 0}: the defaults); with {@code wall
 * THREADS} the whole fit runs on that many threads and is timed by the wall clock (for a quiet
 * machine only), after one warm-up fit as always.
 */
public final class OptionsCpuTime {

  private static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();

  private OptionsCpuTime() {}

  public static void main(String[] args) throws Exception {
    Matrix v = MatrixIo.read(Path.of(args[1]));
    int k = Integer.parseInt(args[2]);
    switch (args[0]) {
      case "penalty" -> penalty(v, k, args[3].equals("hals") ? Solver.HALS
          : Solver.MULTIPLICATIVE_UPDATE, Double.parseDouble(args[4]), Integer.parseInt(args[5]),
          Integer.parseInt(args[6]), Integer.parseInt(args[7]));
      case "iteration" -> iteration(v, k, Double.parseDouble(args[3]),
          Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]));
      case "minibatch" -> minibatch(v, k, Integer.parseInt(args[3]),
          args.length > 4 ? Integer.parseInt(args[4]) : 0,
          args.length > 6 && args[5].equals("wall") ? Integer.parseInt(args[6]) : 0);
      default -> throw new IllegalArgumentException("mode penalty|iteration|minibatch, was "
          + args[0]);
    }
  }

  private static Nmf.Builder fromFixedStart(Matrix v, int k) {
    SplittableRandom random = new SplittableRandom(42);
    int n = v.rows();
    int p = v.cols();
    double scale = Math.sqrt(v.sum() / v.size() / k);
    double[] w = new double[n * k];
    double[] h = new double[k * p];
    for (int i = 0; i < w.length; i++) {
      w[i] = scale * (1 - random.nextDouble());
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = scale * (1 - random.nextDouble());
    }
    return Nmf.builder().rank(k).threads(1).tolerance(0)
        .initialFactors(Matrix.wrap(n, k, w), Matrix.wrap(k, p, h));
  }

  /** CPU ms of one iteration of {@code b}: fits of a and of b iterations. */
  private static double perIteration(Nmf.Builder b, int shortFit, int longFit) {
    Nmf a = b.maxIterations(shortFit).build();
    Nmf c = b.maxIterations(longFit).build();
    long c0 = BEAN.getCurrentThreadCpuTime();
    a.fit(V);
    long c1 = BEAN.getCurrentThreadCpuTime();
    c.fit(V);
    long c2 = BEAN.getCurrentThreadCpuTime();
    return ((c2 - c1) - (c1 - c0)) / 1e6 / (longFit - shortFit);
  }

  private static Matrix V;

  private static void penalty(Matrix v, int k, Solver solver, double beta, int a, int b,
      int rounds) {
    V = v;
    Nmf.Builder plain = fromFixedStart(v, k).solver(solver).betaLoss(beta);
    Nmf.Builder penalized = fromFixedStart(v, k).solver(solver).betaLoss(beta).alphaW(0.01)
        .l1Ratio(0.5);
    plain.maxIterations(b).build().fit(v); // warm-up
    penalized.maxIterations(b).build().fit(v);
    double[] p = new double[rounds];
    double[] q = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        p[r] = perIteration(plain, a, b);
        q[r] = perIteration(penalized, a, b);
      } else {
        q[r] = perIteration(penalized, a, b);
        p[r] = perIteration(plain, a, b);
      }
      ratio[r] = q[r] / p[r];
    }
    System.out.printf(Locale.ROOT, "penalty %s beta %s, %d x %d rank %d, one thread, fits of %d "
        + "and %d: CPU ms per iteration plain %s, penalized %s, ratio per round %s%n", solver,
        beta, v.rows(), v.cols(), k, a, b, summary(p), summary(q), summary(ratio));
  }

  private static void iteration(Matrix v, int k, double beta, int a, int b, int rounds) {
    V = v;
    Nmf.Builder builder = fromFixedStart(v, k).betaLoss(beta);
    builder.maxIterations(b).build().fit(v); // warm-up
    double[] t = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      t[r] = perIteration(builder, a, b);
    }
    System.out.printf(Locale.ROOT, "iteration beta %s, %d x %d rank %d, one thread, fits of %d "
        + "and %d: CPU ms per iteration %s%n", beta, v.rows(), v.cols(), k, a, b, summary(t));
  }

  private static void minibatch(Matrix v, int k, int rounds, int passes, int wallThreads) {
    MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(k)
        .threads(wallThreads > 0 ? wallThreads : 1);
    MiniBatchNmf m = (passes > 0 ? b.maxIterations(passes).tolerance(0).maxNoImprovement(0) : b)
        .build();
    m.fit(v); // warm-up
    for (int r = 0; r < rounds; r++) {
      long c0 = wallThreads > 0 ? System.nanoTime() : BEAN.getCurrentThreadCpuTime();
      NmfModel model = m.fit(v);
      long c1 = wallThreads > 0 ? System.nanoTime() : BEAN.getCurrentThreadCpuTime();
      System.out.printf(Locale.ROOT, "minibatch %d x %d rank %d, %s: %s s %.3f, "
          + "passes %d, converged %s, error %.6f%n", v.rows(), v.cols(), k,
          wallThreads > 0 ? wallThreads + " threads" : "one thread",
          wallThreads > 0 ? "wall" : "CPU", (c1 - c0) / 1e9,
          model.iterations(), model.converged(), model.reconstructionError());
    }
  }

  private static String summary(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "median %.4f (range %.4f-%.4f, %d rounds)",
        s[s.length / 2], s[0], s[s.length - 1], s.length);
  }
}
