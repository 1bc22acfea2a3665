package io.github.nmf4j.cli;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.MiniBatchNmfSettings;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.NmfSettings;
import io.github.nmf4j.nmf.Solver;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code nmf4j fit INPUT --rank K}: factor a matrix file, V ~ WH. */
final class FitCommand implements Command {

  @Override
  public String name() {
    return "fit";
  }

  @Override
  public String summary() {
    return "factor a non-negative matrix file into W and H";
  }

  @Override
  public String description() {
    return "Factors INPUT (.npy, .csv, .tsv, .txt, or sparse .npz, .mtx, .mtx.gz; rows are\n"
        + "samples) as V ~ W H with W (rows x K) and H (K x cols) non-negative, minimizing the\n"
        + "Frobenius distance, the Kullback-Leibler divergence or another beta-divergence,\n"
        + "optionally with elastic-net penalties on W and H. Sparse files (SciPy save_npz,\n"
        + "Matrix Market) stay sparse: the dense matrix is never built. Prints the error and,\n"
        + "with --out-w/--out-h, writes the factors (.npy, .csv, .tsv, .txt or .mtx by\n"
        + "extension). With --mini-batch, fits by scikit-learn's MiniBatchNMF (online\n"
        + "multiplicative updates on batches of rows; --max-iter counts passes over the data,\n"
        + "--batch-size, --forget-factor, --max-no-improvement and --fresh-restarts are its own\n"
        + "settings); a sparse file stays sparse there too. It takes neither --solver (other\n"
        + "than mu), --restarts nor --missing ignore. With --missing ignore, --out-imputed\n"
        + "writes the input with each missing entry replaced by its prediction, (W H)_ij: the\n"
        + "completed matrix, dense (a sparse file's unstored entries are its missing ones).";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .positional("INPUT", "the matrix to factor")
        .option("rank", "K", "the number of components (required)");
    NmfOptions.add(o, NmfOptions.LIBRARY);
    o.option("beta-loss", "B", "the beta-divergence, any real B or frobenius (2), "
        + "kullback-leibler (1), itakura-saito (0); replaces --loss; B <= 0 needs data "
        + "without zeros (default: --loss)");
    return NmfOptions.addPenalties(o)
        .option("missing", "MODE", "reject (default: NaN is an error) or ignore: NaN "
            + "entries, and the unstored entries of a sparse file, are missing values, left "
            + "out of the fit and the errors (frobenius or kl; penalties apply as without)")
        .flag("mini-batch", "fit by mini-batch NMF (scikit-learn's MiniBatchNMF)")
        .option("batch-size", "N", "--mini-batch: rows per batch (default "
            + MINI_BATCH.batchSize() + ")")
        .option("forget-factor", "F", "--mini-batch: weight of the statistics of a whole pass"
            + " ago, 0 to 1 (default " + MINI_BATCH.forgetFactor() + ")")
        .option("max-no-improvement", "N", "--mini-batch: stop after N steps without a new low"
            + " of the smoothed batch cost; 0 never stops so (default "
            + MINI_BATCH.maxNoImprovement() + ")")
        .flag("fresh-restarts", "--mini-batch: solve each batch's W from scratch instead of"
            + " updating it once")
        .option("out-w", "FILE", "write W (rows x K)")
        .option("out-h", "FILE", "write H (K x cols)")
        .option("out-imputed", "FILE", "--missing ignore: write the input with each missing"
            + " entry replaced by (W H)_ij (rows x cols, dense; not with --mini-batch)");
  }

  /** The defaults of {@link MiniBatchNmf}, for the help text. */
  private static final MiniBatchNmfSettings MINI_BATCH =
      MiniBatchNmf.builder().rank(1).build().settings();

  /** The options of {@code --mini-batch} alone. */
  private static final String[] MINI_BATCH_ONLY = {"batch-size", "forget-factor",
      "max-no-improvement", "fresh-restarts"};

  /** sklearn's names of the beta-divergences that have one. */
  private static final Map<String, Double> BETAS = Map.of("frobenius", 2.0,
      "kullback-leibler", 1.0, "kl", 1.0, "itakura-saito", 0.0, "is", 0.0);

  /** The builder with the options of this command beyond {@link NmfOptions}. */
  static Nmf.Builder withOptions(Args args, Nmf.Builder b) {
    // the beta of --beta-loss; --loss can only give frobenius (2) or kl (1)
    double beta = 2;
    if (args.has("beta-loss")) {
      if (args.has("loss")) {
        throw new UsageException("--beta-loss replaces --loss: give one of them");
      }
      String text = args.string("beta-loss", "").strip().toLowerCase(Locale.ROOT);
      Double named = BETAS.get(text);
      beta = named != null ? named : args.number("beta-loss", 2, Double.NEGATIVE_INFINITY,
          "a number or one of frobenius, kullback-leibler, itakura-saito");
      b.betaLoss(beta);
      if (beta != 2) {
        if (!args.has("solver")) {
          b.solver(Solver.MULTIPLICATIVE_UPDATE);
        } else if (args.choice("solver", NmfOptions.solvers(), null)
            != Solver.MULTIPLICATIVE_UPDATE) {
          throw NmfOptions.halsNeedsFrobenius(args, "--beta-loss "
              + args.string("beta-loss", "").strip());
        }
      }
    }
    MissingValues missing = args.choice("missing", Map.of("reject", MissingValues.REJECT,
        "ignore", MissingValues.IGNORE), MissingValues.REJECT);
    b.missingValues(missing);
    if (missing == MissingValues.IGNORE && beta != 1 && beta != 2) {
      throw new UsageException("--missing ignore works with the frobenius and kl losses "
          + "only, not --beta-loss " + args.string("beta-loss", "").strip() + " (leave "
          + "--missing out or use --beta-loss frobenius or kl)");
    }
    return NmfOptions.penalties(args, b);
  }

  /**
   * The mini-batch NMF of the options: {@code nmf}'s settings (rank, loss or beta, passes,
   * tolerance, seed, threads, penalties, initialization) with {@code --batch-size}, {@code
   * --forget-factor}, {@code --max-no-improvement} and {@code --fresh-restarts}. Refuses the
   * options mini-batch NMF has no counterpart for, naming them.
   */
  static MiniBatchNmf miniBatch(Args args, NmfSettings nmf, ProgressBar bar) {
    if (args.has("solver") && args.choice("solver", NmfOptions.solvers(), null)
        != Solver.MULTIPLICATIVE_UPDATE) {
      throw new UsageException("--mini-batch uses its own multiplicative updates: --solver "
          + args.string("solver", "") + " is not available with it (leave --solver out)");
    }
    if (args.has("restarts") && args.integer("restarts", 1, 1) != 1) {
      throw new UsageException("--restarts " + args.string("restarts", "") + " is not available"
          + " with --mini-batch, which fits from one start (leave --restarts out)");
    }
    if (nmf.missingValues() == MissingValues.IGNORE) {
      throw new UsageException("--missing ignore is not available with --mini-batch: mini-batch"
          + " NMF needs every value (leave --missing out or drop --mini-batch)");
    }
    MiniBatchNmf.Builder b = MiniBatchNmf.builder().rank(nmf.rank())
        .maxIterations(nmf.maxIterations()).tolerance(nmf.tolerance()).seed(nmf.seed())
        .alphaW(nmf.alphaW()).alphaH(nmf.alphaH()).l1Ratio(nmf.l1Ratio())
        .threads(nmf.threads())
        .listener(p -> bar.update(p.iteration(), p.maxIterations(), p.loss().isPresent()
            ? String.format(Locale.ROOT, "batch loss %.6g", p.loss().getAsDouble()) : ""));
    if (nmf.loss() == Loss.FROBENIUS || nmf.loss() == Loss.KULLBACK_LEIBLER) {
      b.loss(nmf.loss());
    } else {
      b.betaLoss(nmf.beta());
    }
    if (args.has("batch-size")) {
      b.batchSize(args.integer("batch-size", 0, 1));
    }
    if (args.has("forget-factor")) {
      double forget = args.number("forget-factor", 0, 0);
      if (forget > 1) {
        throw new UsageException("--forget-factor must be between 0 and 1, was " + forget);
      }
      b.forgetFactor(forget);
    }
    if (args.has("max-no-improvement")) {
      b.maxNoImprovement(args.integer("max-no-improvement", 0, 0));
    }
    b.freshRestarts(args.has("fresh-restarts"));
    nmf.initialization().ifPresent(b::initialization);
    return b.build();
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    if (!args.has("rank")) {
      throw new UsageException("--rank K is required");
    }
    int rank = args.integer("rank", 0, 1);
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path outW = outputs.add("out-w", args.path("out-w"), Outputs.MATRIX);
    Path outH = outputs.add("out-h", args.path("out-h"), Outputs.MATRIX);
    Path outImputed = outputs.add("out-imputed", args.path("out-imputed"), Outputs.MATRIX);
    ProgressBar bar = context.progressBar("fit");
    Nmf nmf = withOptions(args, NmfOptions.builder(args, rank, bar)).build();
    boolean miniBatch = args.has("mini-batch");
    for (String option : MINI_BATCH_ONLY) {
      if (!miniBatch && args.has(option)) {
        throw new UsageException("--" + option + " needs --mini-batch");
      }
    }
    boolean ignore = nmf.settings().missingValues() == MissingValues.IGNORE;
    if (outImputed != null && miniBatch) {
      throw new UsageException("--out-imputed is not available with --mini-batch, which takes"
          + " no missing values (drop --mini-batch)");
    }
    if (outImputed != null && !ignore) {
      throw new UsageException("--out-imputed needs --missing ignore: without it the input has"
          + " no missing entry to fill (add --missing ignore, or write W and H with --out-w"
          + " and --out-h)");
    }
    MiniBatchNmf mb = miniBatch ? miniBatch(args, nmf.settings(), bar) : null;

    Data v = Data.read(input, true, ignore ? Data.Nan.MISSING
        : miniBatch ? Data.Nan.ERROR : Data.Nan.ERROR_NAMING_IGNORE,
        miniBatch ? "mini-batch NMF" : "NMF");
    Preflight.rank("--rank", rank, input.toString(), v.rows(), v.cols());
    Preflight.initialization(NmfOptions.init(args), "--rank", rank, input.toString(),
        v.rows(), v.cols());
    Preflight.restarts(args, NmfOptions.init(args), "--rank", rank, input.toString(), v.rows(),
        v.cols(), NmfOptions.RANDOM_START);
    if (nmf.settings().beta() <= 0) {
      int[] zero = v.firstZero();
      if (zero != null) {
        throw new UsageException(input + ": zero at row " + (zero[0] + 1) + ", column "
            + (zero[1] + 1) + ", but --beta-loss " + nmf.settings().beta() + " (<= 0) needs "
            + "positive values; add a small positive value to the data or use a beta > 0");
      }
    }
    if (outImputed != null) {
      v.checkImputed(input.toString(), "--out-imputed", "leave --out-imputed out and write W"
          + " and H (--out-w, --out-h), whose product predicts every entry");
    }
    NmfModel model;
    long start = System.nanoTime();
    try {
      model = miniBatch ? v.fit(mb) : v.fit(nmf);
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    String loss = NmfOptions.lossName(nmf.settings());
    String init = NmfOptions.startName(model);
    String solver = miniBatch ? "mini-batch" : NmfOptions.name(nmf.settings().solver());
    PrintOut.printf(context, "factored %s (%s) at rank %d: %s loss, %s solver, %s start%n",
        input, v.shape(), rank, loss, solver, init);
    PrintOut.printf(context, "%s (%s), reconstruction error %.6g, relative error"
        + " %.6g, %.3f s%n", PrintOut.count(model.iterations(), "iteration"),
        model.converged() ? "converged"
        : "not converged", model.reconstructionError(), model.relativeError(), seconds);

    outputs.writeAll(() -> {
      if (outW != null) {
        MatrixIo.write(outW, model.w());
      }
      if (outH != null) {
        MatrixIo.write(outH, model.h());
      }
      if (outImputed != null) {
        MatrixIo.write(outImputed, v.imputed(model));
      }
    });
    for (Path p : new Path[] {outW, outH, outImputed}) {
      if (p != null) {
        context.out().println("wrote " + p);
      }
    }
    Json json = new Json().put("command", "fit").put("input", input.toString())
        .put("rows", v.rows()).put("cols", v.cols()).put("seconds", seconds);
    v.describe(json);
    json.put("rank", rank).put("loss", loss).put("init", init).put("solver", solver)
        .put("iterations", model.iterations()).put("converged", model.converged())
        .put("reconstructionError", model.reconstructionError())
        .put("relativeError", model.relativeError());
    if (miniBatch) {
      MiniBatchNmfSettings s = mb.settings();
      json.put("batchSize", s.batchSize()).put("forgetFactor", s.forgetFactor())
          .put("maxNoImprovement", s.maxNoImprovement())
          .put("freshRestarts", s.freshRestarts());
    }
    if (outW != null) {
      json.put("outW", outW.toString());
    }
    if (outH != null) {
      json.put("outH", outH.toString());
    }
    if (outImputed != null) {
      json.put("outImputed", outImputed.toString());
    }
    return json;
  }
}
