package io.github.nmf4j.cli;

import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.nmf.NmfModel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** {@code nmf4j cluster INPUT --k K}: k-means (or NMF) clustering of the rows of a matrix. */
final class ClusterCommand implements Command {

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public String summary() {
    return "cluster the rows of a matrix file with k-means or NMF";
  }

  @Override
  public String description() {
    return "Clusters the rows (samples) of INPUT (.npy, .csv, .tsv, .txt, .mtx, or sparse .npz,\n"
        + ".mtx.gz) into K groups with k-means (k-means++ seeding, Lloyd iterations) or with NMF\n"
        + "(rank K, each row labelled by its largest coefficient in W). Sparse files stay\n"
        + "sparse for every method. With --truth, compares the labels to known classes with\n"
        + "the Rand and adjusted Rand indices.";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .positional("INPUT", "the matrix to cluster, one sample per row")
        .option("k", "K", "the number of clusters (required)")
        .option("method", "METHOD", "kmeans (default), mini-batch (mini-batch k-means) or nmf")
        .option("batch-size", "B", "mini-batch: points per step (default 1024)")
        .option("labels-out", "FILE", "write the labels (.npy, .csv, .tsv, .txt or .mtx)")
        .option("truth", "FILE", "true classes, one per row (a column of any matrix"
            + " file; .txt: one per line, as numpy.savetxt writes them), to score against");
    return FitOptions.add(o, new FitOptions.Help(
        "most iterations per run (default 300; mini-batch: passes over the data, 100; NMF 200)",
        "convergence tolerance (default 1e-4; mini-batch 0)",
        "runs from different seeds, keep the best (default 1; mini-batch 3)"));
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    int k = args.integer("k", 0, 1);
    if (!args.has("k")) {
      throw new UsageException("--k K is required");
    }
    String method = args.choice("method", Map.of("kmeans", "kmeans", "mini-batch", "mini-batch", "nmf", "nmf"), "kmeans");
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path truthFile = outputs.input("--truth " + args.path("truth"), args.path("truth"));
    Path labelsOut = outputs.add("labels-out", args.path("labels-out"), Outputs.MATRIX);
    boolean miniBatch = method.equals("mini-batch");
    boolean nmf = method.equals("nmf");
    FitOptions.Values fit = FitOptions.read(args, nmf ? 200 : miniBatch ? 100 : 300,
        miniBatch ? 0 : 1e-4, miniBatch ? 3 : 1);
    int batchSize = args.integer("batch-size", 1024, 1);

    // Sparse files stay sparse for every method.
    Data data =
        Data.read(input, nmf, nmf ? "NMF" : miniBatch ? "mini-batch k-means" : "k-means");
    int rows = data.rows();
    int cols = data.cols();
    String shape = data.shape();
    Preflight.clusters("--k", k, rows, "rows of " + input);
    if (!nmf) {
      Preflight.distinctClusters("--k", k, data.distinctRows(k), "rows of " + input);
    }
    if (nmf) {
      Preflight.rank("--k", k, input.toString(), rows, cols);
    }
    int[] truth = truthFile == null ? null : MatrixIo.readLabels(truthFile);
    if (truth != null && truth.length != rows) {
      throw new IllegalArgumentException("--truth " + truthFile + " has " + truth.length
          + " labels but " + input + " has " + rows + " rows");
    }

    int[] labels;
    double inertia;
    int iterations;
    ProgressBar bar = context.progressBar(method);
    long start = System.nanoTime();
    try {
      if (method.equals("kmeans")) {
        KMeansModel model = data.fit(FitOptions.kMeans(k, fit, bar).build());
        labels = model.labels();
        inertia = model.inertia();
        iterations = model.iterations();
      } else if (miniBatch) {
        KMeansModel model = data.fit(fit.applyTo(MiniBatchKMeans.builder().k(k)
            .batchSize(batchSize).restarts(fit.restarts()))
            .listener(p -> bar.update(p.iteration(), p.maxIterations(),
                String.format(Locale.ROOT, "step  batch inertia %.6g", p.loss().getAsDouble())))
            .build());
        labels = model.labels();
        inertia = model.inertia();
        iterations = model.iterations();
      } else {
        NmfModel model = data.fit(NmfOptions.builder(args, k, bar)
            .maxIterations(fit.maxIterations()).build());
        labels = model.clusterLabels();
        inertia = data.inertia(labels, k);
        iterations = model.iterations();
      }
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    Json json = new Json().put("command", "cluster").put("input", input.toString())
        .put("rows", rows).put("cols", cols).put("seconds", seconds)
        .put("method", method).put("k", k).put("inertia", inertia).put("iterations", iterations);
    data.describe(json);
    context.out().printf(Locale.ROOT, "%s clustering of %s (%s): k = %d, inertia %.6g, "
        + "%d iterations, %.3f s%n", method, input, shape, k, inertia, iterations, seconds);
    if (truth != null) {
      double rand = ClusteringMetrics.randIndex(truth, labels);
      double ari = ClusteringMetrics.adjustedRandIndex(truth, labels);
      json.put("randIndex", rand).put("adjustedRandIndex", ari);
      context.out().printf(Locale.ROOT, "against %s: Rand index %.4f, adjusted Rand index %.4f%n",
          truthFile, rand, ari);
    }
    if (labelsOut != null) {
      outputs.writeAll(() -> MatrixIo.writeLabels(labelsOut, labels));
      json.put("labelsOut", labelsOut.toString());
      context.out().println("labels written to " + labelsOut);
    }
    return json;
  }
}
