package io.github.nmf4j.cli;

import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.nio.file.Path;
import java.util.Locale;

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
        + "Frobenius distance or the Kullback-Leibler divergence. Sparse files (SciPy save_npz,\n"
        + "Matrix Market) stay sparse: the dense matrix is never built. Prints the error and,\n"
        + "with --out-w/--out-h, writes the factors (.npy, .csv, .tsv, .txt or .mtx by extension).";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .positional("INPUT", "the matrix to factor")
        .option("rank", "K", "the number of components (required)");
    NmfOptions.add(o, NmfOptions.LIBRARY);
    return o.option("out-w", "FILE", "write W (rows x K)")
        .option("out-h", "FILE", "write H (K x cols)");
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    if (!args.has("rank")) {
      throw new UsageException("--rank K is required");
    }
    int rank = args.integer("rank", 0, 1);
    Outputs outputs = new Outputs();
    Path outW = outputs.add("out-w", args.path("out-w"), Outputs.MATRIX);
    Path outH = outputs.add("out-h", args.path("out-h"), Outputs.MATRIX);
    ProgressBar bar = context.progressBar("fit");
    Nmf nmf = NmfOptions.builder(args, rank, bar).build();

    Data v = Data.read(input, true, "NMF");
    Preflight.rank("--rank", rank, input.toString(), v.rows(), v.cols());
    NmfModel model;
    long start = System.nanoTime();
    try {
      model = v.fit(nmf);
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    String loss = args.string("loss", "frobenius").toLowerCase(Locale.ROOT);
    String init = model.initialization().map(i -> i.name().toLowerCase(Locale.ROOT))
        .orElse("custom");
    String solver = NmfOptions.name(nmf.settings().solver());
    PrintOut.printf(context, "factored %s (%s) at rank %d: %s loss, %s solver, %s start%n",
        input, v.shape(), rank, loss, solver, init);
    PrintOut.printf(context, "%d iterations (%s), reconstruction error %.6g, relative error"
        + " %.6g, %.3f s%n", model.iterations(), model.converged() ? "converged"
        : "not converged", model.reconstructionError(), model.relativeError(), seconds);

    outputs.writeAll(() -> {
      if (outW != null) {
        MatrixIo.write(outW, model.w());
      }
      if (outH != null) {
        MatrixIo.write(outH, model.h());
      }
    });
    for (Path p : new Path[] {outW, outH}) {
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
    if (outW != null) {
      json.put("outW", outW.toString());
    }
    if (outH != null) {
      json.put("outH", outH.toString());
    }
    return json;
  }
}
