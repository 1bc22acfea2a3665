package io.github.nmf4j.cli;

import io.github.nmf4j.decomposition.Pca;
import io.github.nmf4j.decomposition.PcaModel;
import io.github.nmf4j.decomposition.PcaSolver;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code nmf4j pca INPUT}: principal component analysis of the rows of a matrix file, as
 * scikit-learn's {@code PCA(n_components=K).fit_transform}.
 */
final class PcaCommand implements Command {

  /** The solvers by their command-line name: {@code auto}, {@code exact}, {@code randomized}. */
  static final Map<String, PcaSolver> SOLVERS = Options.names(PcaSolver.values());

  @Override
  public String name() {
    return "pca";
  }

  @Override
  public String summary() {
    return "reduce the dimensions of a matrix file by principal component analysis";
  }

  @Override
  public String description() {
    return "Principal component analysis of INPUT (.npy, .csv, .tsv, .txt, .mtx, or sparse .npz,\n"
        + ".mtx.gz; rows are samples), as scikit-learn's PCA: centres the columns, keeps the\n"
        + "first K right singular vectors of the centred data as the components and prints\n"
        + "each one's explained variance (s^2 / (n - 1)), its ratio to the total variance and\n"
        + "the cumulative ratio. --out-scores writes the data projected onto the components\n"
        + "(n x K, scikit-learn's fit_transform), --out-components the components (K x p),\n"
        + "--out-mean the column means (1 x p); with them, scores x components + mean rebuilds\n"
        + "the data. Values may be of any sign, but must be finite. PCA centres the data, which\n"
        + "fills in the zeros of a sparse file: it is copied densely if the copy fits in memory.\n"
        + "--variance F keeps the fewest components explaining more than a share F of the\n"
        + "variance (scikit-learn's n_components=F), from an exact fit of all min(n, p)\n"
        + "components, which costs as much as --components min(n, p).";
  }

  @Override
  public Options options() {
    return new Options()
        .positional("INPUT", "the matrix to analyse, one sample per row")
        .option("components", "K", "the number of components, at most min(rows, cols)"
            + " (default: all, min(rows, cols))")
        .option("variance", "F", "instead of --components: the fewest components whose"
            + " cumulative ratio exceeds F, 0 < F < 1 (an exact fit of all components)")
        .option("solver", "S", String.join("|", SOLVERS.keySet()) + " (default auto: exact"
            + " when rows and cols are at most 500 or K is at least 80% of min(rows, cols),"
            + " else randomized; exact is scikit-learn's full)")
        .option("seed", "S", "seed of the randomized SVD (default 0; not with --solver exact"
            + " or --variance)")
        .option("threads", "T", FitOptions.THREADS)
        .option("out-scores", "FILE", "write the scores, the data projected onto the"
            + " components (rows x K)")
        .option("out-components", "FILE", "write the components (K x cols)")
        .option("out-mean", "FILE", "write the column means (1 x cols)");
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    if (args.has("components") && args.has("variance")) {
      throw new UsageException("--components and --variance both set the number of"
          + " components: give one of them");
    }
    int components = args.integer("components", 0, 1);
    double variance = 0;
    if (args.has("variance")) {
      variance = args.number("variance", 0, 0);
      if (!(variance > 0 && variance < 1)) {
        throw new UsageException("--variance must be between 0 and 1 (exclusive), was "
            + args.string("variance", "").strip() + " (for a number of components use"
            + " --components)");
      }
    }
    PcaSolver solver = args.choice("solver", SOLVERS, PcaSolver.AUTO);
    if (args.has("variance") && solver == PcaSolver.RANDOMIZED) {
      throw new UsageException("--variance needs the ratios of all components, an exact fit:"
          + " --solver randomized is not available with it (leave --solver out)");
    }
    if (args.has("seed") && (solver == PcaSolver.EXACT || args.has("variance"))) {
      throw new UsageException("--seed has no effect with " + (args.has("variance")
          ? "--variance, whose fit is exact" : "--solver exact") + ": only the randomized"
          + " SVD draws random numbers (leave --seed out)");
    }
    if (args.has("variance")) {
      // the fit of all min(n, p) components that --variance needs is exact under auto too;
      // asking for it by name makes the summary and the JSON name the solver that ran
      solver = PcaSolver.EXACT;
    }
    long seed = args.longValue("seed", 0);
    int threads = Preflight.threads(args);
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path outScores = outputs.add("out-scores", args.path("out-scores"), Outputs.MATRIX);
    Path outComponents = outputs.add("out-components", args.path("out-components"),
        Outputs.MATRIX);
    Path outMean = outputs.add("out-mean", args.path("out-mean"), Outputs.MATRIX);

    Data data = Data.read(input, false, "PCA");
    int rows = data.rows();
    int cols = data.cols();
    String shape = data.shape();
    Preflight.pca("--components", components, input.toString(), rows, cols);
    Matrix x = data.dense(input.toString(), "PCA, which centres the data,", "for a sparse"
        + " reduction use nmf4j fit, which keeps it sparse");

    ProgressBar bar = context.progressBar("pca");
    Pca.Builder builder = Pca.builder().solver(solver).seed(seed).threads(threads)
        .listener(p -> bar.update(p.iteration(), p.maxIterations(),
            p.iteration() == 1 ? "centred, SVD" : "SVD done"));
    if (components > 0) {
      builder.components(components);
    }
    PcaModel model;
    Matrix scores = null;
    long start = System.nanoTime();
    try {
      model = builder.fit(x);
      if (outScores != null) {
        scores = model.transform(x);
      }
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    double[] explained = model.explainedVariance();
    double[] ratios = model.explainedVarianceRatio();
    Matrix kept = model.components();
    int k = components > 0 ? components : Math.min(rows, cols);
    if (variance > 0) {
      k = fewest(ratios, variance);
      kept = firstRows(kept, k);
      scores = scores == null ? null : firstColumns(scores, k);
    }
    double[] cumulative = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += ratios[j];
      cumulative[j] = sum;
    }

    String how = variance > 0 ? String.format(Locale.ROOT, " (the fewest explaining more than"
        + " %s of the variance)", Json.number(variance)) : "";
    // auto names the solver its rule chose, as the JSON's solverUsed does
    String used = Options.name(model.solverUsed());
    String solverName = solver == PcaSolver.AUTO ? "auto solver (" + used + ")"
        : Options.name(solver) + " solver";
    PrintOut.printf(context, "PCA of %s (%s): %d component%s%s, %s, %.4f of the"
        + " variance explained, %.3f s%n", input, shape, k, k == 1 ? "" : "s", how,
        solverName, sum, seconds);
    context.out().println("component  explained variance      ratio  cumulative");
    for (int j = 0; j < k; j++) {
      PrintOut.printf(context, "%9d  %18.6g  %9.6f  %10.6f%n", j + 1, explained[j], ratios[j],
          cumulative[j]);
    }

    Matrix scoresOut = scores;
    Matrix componentsOut = kept;
    double[] mean = model.mean();
    outputs.writeAll(() -> {
      if (outScores != null) {
        MatrixIo.write(outScores, scoresOut);
      }
      if (outComponents != null) {
        MatrixIo.write(outComponents, componentsOut);
      }
      if (outMean != null) {
        MatrixIo.write(outMean, Matrix.wrap(1, mean.length, mean));
      }
    });
    for (Path p : new Path[] {outScores, outComponents, outMean}) {
      if (p != null) {
        context.out().println("wrote " + p);
      }
    }

    Json json = new Json().put("command", "pca").put("input", input.toString())
        .put("rows", rows).put("cols", cols).put("seconds", seconds);
    data.describe(json);
    json.put("components", k);
    if (variance > 0) {
      json.put("variance", variance);
    }
    json.put("solver", Options.name(solver)).put("solverUsed", used).put("seed", seed)
        .put("explainedVariance", list(explained, k))
        .put("explainedVarianceRatio", list(ratios, k))
        .put("cumulativeRatio", sum);
    if (variance == 0) {
      json.put("noiseVariance", model.noiseVariance());
    }
    if (outScores != null) {
      json.put("outScores", outScores.toString());
    }
    if (outComponents != null) {
      json.put("outComponents", outComponents.toString());
    }
    if (outMean != null) {
      json.put("outMean", outMean.toString());
    }
    return json;
  }

  /**
   * The fewest components whose cumulative ratio exceeds {@code share}, as scikit-learn's
   * {@code searchsorted(cumsum, share, side="right") + 1}; all of them if rounding keeps the
   * sum at or below it (or the data is constant).
   */
  static int fewest(double[] ratios, double share) {
    double sum = 0;
    for (int j = 0; j < ratios.length; j++) {
      sum += ratios[j];
      if (sum > share) {
        return j + 1;
      }
    }
    return ratios.length;
  }

  private static Matrix firstRows(Matrix m, int k) {
    double[] all = m.toRowMajorArray();
    double[] out = new double[k * m.cols()];
    System.arraycopy(all, 0, out, 0, out.length);
    return Matrix.wrap(k, m.cols(), out);
  }

  private static Matrix firstColumns(Matrix m, int k) {
    double[] out = new double[m.rows() * k];
    for (int i = 0; i < m.rows(); i++) {
      System.arraycopy(m.row(i), 0, out, i * k, k);
    }
    return Matrix.wrap(m.rows(), k, out);
  }

  private static List<Double> list(double[] values, int k) {
    List<Double> l = new ArrayList<>(k);
    for (int j = 0; j < k; j++) {
      l.add(values[j]);
    }
    return l;
  }
}
