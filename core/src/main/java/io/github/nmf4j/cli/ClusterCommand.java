package io.github.nmf4j.cli;

import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.AgglomerativeModel;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.LabelAssignment;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.cluster.SpectralModel;
import io.github.nmf4j.cluster.SpectralSettings;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.metrics.ClusteringMetrics;
import io.github.nmf4j.metrics.Inertia;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code nmf4j cluster INPUT --k K}: k-means, mini-batch k-means, NMF, agglomerative or spectral
 * clustering of the rows of a matrix.
 */
final class ClusterCommand implements Command {

  /** The methods by their command-line name. */
  static final List<String> METHODS =
      List.of("kmeans", "mini-batch", "nmf", "agglomerative", "spectral");

  static final Map<String, Linkage> LINKAGES = Options.names(Linkage.values());
  static final Map<String, Affinity> AFFINITIES = Options.names(Affinity.values());
  static final Map<String, LabelAssignment> ASSIGNMENTS = Options.names(LabelAssignment.values());

  /** The library's defaults, which the command line keeps. */
  private static final Linkage LINKAGE = Agglomerative.builder().build().settings().linkage();
  private static final SpectralSettings SPECTRAL = SpectralClustering.builder().build().settings();

  /** The options that only some methods take, in the order they are checked. */
  private static final List<String> METHOD_OPTIONS = List.of("max-iter", "tol", "restarts",
      "seed", "batch-size", "linkage", "affinity", "gamma", "neighbors", "assign-labels",
      "out-centroids", "alpha-w", "alpha-h", "l1-ratio", "loss", "solver", "init");

  /** The options of {@link #METHOD_OPTIONS} each method takes. */
  private static final Map<String, Set<String>> TAKES = Map.of(
      "kmeans", Set.of("max-iter", "tol", "restarts", "seed", "out-centroids"),
      "mini-batch", Set.of("max-iter", "tol", "restarts", "seed", "batch-size",
          "out-centroids"),
      "nmf", Set.of("max-iter", "tol", "restarts", "seed", "alpha-w", "alpha-h", "l1-ratio",
          "loss", "solver", "init"),
      "agglomerative", Set.of("linkage"),
      "spectral", Set.of("max-iter", "tol", "seed", "affinity", "gamma", "neighbors",
          "assign-labels"));

  /** {@code d} as a user writes it: {@code 1.0}, {@code 0.05}, {@code 1e-6}. */
  private static String number(double d) {
    return Double.toString(d).replace(".0E", "e").replace('E', 'e');
  }

  @Override
  public String name() {
    return "cluster";
  }

  @Override
  public String summary() {
    return "cluster the rows of a matrix file with k-means, NMF, agglomerative or spectral";
  }

  @Override
  public String description() {
    return "Clusters the rows (samples) of INPUT (.npy, .csv, .tsv, .txt, .mtx, or sparse .npz,\n"
        + ".mtx.gz) into K groups with k-means (k-means++ seeding, Lloyd iterations), mini-batch\n"
        + "k-means, NMF (rank K, each row labelled by its largest coefficient in W; with the\n"
        + "--loss, --solver, --init and the penalties --alpha-w, --alpha-h, --l1-ratio of fit,\n"
        + "so --loss kl clusters counts by topic), agglomerative clustering (the tree of\n"
        + "merges under --linkage, cut into K) or spectral clustering (k-means or\n"
        + "discretization of an embedding from the affinity graph), as scikit-learn's KMeans,\n"
        + "MiniBatchKMeans, AgglomerativeClustering and SpectralClustering. Sparse files stay\n"
        + "sparse for kmeans, mini-batch and nmf; agglomerative and spectral take dense rows\n"
        + "and copy a sparse file densely if it fits in memory. An option that the method does\n"
        + "not take is refused. With --truth, compares the labels to known classes with the\n"
        + "Rand and adjusted Rand indices and the normalized and adjusted mutual information\n"
        + "(NMI, AMI; arithmetic mean). --out-centroids writes the centroids of kmeans and\n"
        + "mini-batch (dense, also for a sparse file), row c the centre of the rows labelled c.\n"
        + "The defaults of --linkage, --affinity, --gamma, --neighbors and --assign-labels are\n"
        + "the library's, which are scikit-learn's.";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .positional("INPUT", "the matrix to cluster, one sample per row")
        .option("k", "K", "the number of clusters (required)")
        .option("method", "METHOD", String.join("|", METHODS) + " (default kmeans;"
            + " mini-batch is mini-batch k-means)")
        .option("batch-size", "B", "mini-batch: points per step (default 1024)")
        .option("linkage", "L", "agglomerative: " + String.join("|", LINKAGES.keySet())
            + " (default " + Options.name(LINKAGE) + ")")
        .option("affinity", "A", "spectral: " + String.join("|", AFFINITIES.keySet())
            + " (default " + Options.name(SPECTRAL.affinity()) + ")")
        .option("gamma", "G", "spectral, rbf: G > 0 in the kernel exp(-G |x - y|^2) (default "
            + number(SPECTRAL.gamma()) + ")")
        .option("neighbors", "N", "spectral, nearest-neighbors: neighbours per row, itself"
            + " included (default " + SPECTRAL.neighbors() + ")")
        .option("assign-labels", "HOW", "spectral: " + String.join("|", ASSIGNMENTS.keySet())
            + " (default " + Options.name(SPECTRAL.labelAssignment()) + ")")
        .option("labels-out", "FILE", "write the labels (.npy, .csv, .tsv, .txt or .mtx)")
        .option("out-centroids", "FILE", "kmeans, mini-batch: write the K x cols centroids, row"
            + " c the centre of label c (scikit-learn's cluster_centers_; .npy, .csv, .tsv, .txt"
            + " or .mtx)")
        .option("truth", "FILE", "true classes, one per row (a column of any matrix"
            + " file; .txt: one per line, as numpy.savetxt writes them), to score against");
    NmfOptions.addLossSolverInit(o, NmfOptions.LIBRARY, "nmf: ");
    NmfOptions.addPenalties(o, "nmf: ");
    return FitOptions.add(o, new FitOptions.Help(
        "most iterations per run (default 300; mini-batch: passes over the data, 100; NMF 200;"
            + " spectral: eigensolver iterations, " + SPECTRAL.maxEigenIterations()
            + "; not agglomerative)",
        "convergence tolerance (default 1e-4; mini-batch 0; spectral: the eigenvectors'"
            + " residual, > 0, " + number(SPECTRAL.eigenTolerance()) + "; not agglomerative)",
        "runs from different seeds, keep the best (default 1; mini-batch 3; kmeans, mini-batch"
            + " and nmf only; nmf: needs a random start, --init random or nndsvdar, or without"
            + " --init K > min(rows, cols), below which it starts from nndsvda, which draws no"
            + " random numbers)"))
        .option("seed", "S", "random seed (default 0; not agglomerative, which draws none)");
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    int k = args.integer("k", 0, 1);
    if (!args.has("k")) {
      throw new UsageException("--k K is required");
    }
    Map<String, String> methods = new LinkedHashMap<>();
    METHODS.forEach(m -> methods.put(m, m));
    String method = args.choice("method", methods, "kmeans");
    for (String option : METHOD_OPTIONS) {
      if (args.has(option) && !TAKES.get(method).contains(option)) {
        throw new UsageException("--" + option + " does not apply to --method " + method);
      }
    }
    boolean miniBatch = method.equals("mini-batch");
    boolean nmf = method.equals("nmf");
    boolean agglomerative = method.equals("agglomerative");
    boolean spectral = method.equals("spectral");
    Linkage linkage = args.choice("linkage", LINKAGES, LINKAGE);
    Affinity affinity = args.choice("affinity", AFFINITIES, SPECTRAL.affinity());
    if (args.has("gamma") && affinity != Affinity.RBF
        || args.has("neighbors") && affinity != Affinity.NEAREST_NEIGHBORS) {
      throw new UsageException("--" + (args.has("gamma") ? "gamma" : "neighbors")
          + " does not apply to --affinity " + Options.name(affinity));
    }
    // any number not > 0 gets the same message, -1 as 0 (not "finite number >= 0.0")
    double gamma = args.number("gamma", SPECTRAL.gamma(), Double.NEGATIVE_INFINITY);
    if (!(gamma > 0)) {
      throw new UsageException("--gamma must be > 0, was " + args.string("gamma", "").strip());
    }
    int neighbors = args.integer("neighbors", SPECTRAL.neighbors(), 1);
    LabelAssignment assignLabels =
        args.choice("assign-labels", ASSIGNMENTS, SPECTRAL.labelAssignment());
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path truthFile = outputs.input("--truth " + args.path("truth"), args.path("truth"));
    Path labelsOut = outputs.add("labels-out", args.path("labels-out"), Outputs.MATRIX);
    Path centroidsOut = outputs.add("out-centroids", args.path("out-centroids"),
        Outputs.MATRIX);
    if (spectral && args.has("tol")
        && !(args.number("tol", 0, Double.NEGATIVE_INFINITY) > 0)) {
      throw new UsageException("--tol must be > 0 for --method spectral (the eigenvectors'"
          + " residual), was " + args.string("tol", "").strip());
    }
    FitOptions.Values fit = spectral
        ? FitOptions.read(args, SPECTRAL.maxEigenIterations(), SPECTRAL.eigenTolerance(), 1)
        : FitOptions.read(args, nmf ? 200 : miniBatch ? 100 : 300, miniBatch ? 0 : 1e-4,
            miniBatch ? 3 : 1);
    int batchSize = args.integer("batch-size", 1024, 1);
    ProgressBar bar = context.progressBar(method);
    Nmf nmfFit = !nmf ? null : NmfOptions.penalties(args, NmfOptions.builder(args, k, bar))
        .maxIterations(fit.maxIterations()).build();

    // Sparse files stay sparse for kmeans, mini-batch and nmf.
    String why = nmf ? "NMF" : miniBatch ? "mini-batch k-means" : agglomerative
        ? "agglomerative clustering" : spectral ? "spectral clustering" : "k-means";
    Data data = Data.read(input, nmf, why);
    int rows = data.rows();
    int cols = data.cols();
    String shape = data.shape();
    Preflight.clusters("--k", k, rows, "row", "of " + input);
    if (!nmf && !agglomerative) {
      Preflight.distinctClusters("--k", k, data.distinctRows(k), "row", "of " + input);
    }
    if (method.equals("kmeans") || miniBatch) {
      Preflight.kMeans(k, miniBatch ? KMeansMemory.miniBatch(rows, cols, data.stored(),
          fit.restarts(), batchSize, fit.tolerance())
          : KMeansMemory.kMeans(rows, cols, data.stored(), fit.restarts()), why,
          input.toString());
    }
    if (nmf) {
      Preflight.rank("--k", k, input.toString(), rows, cols);
      Preflight.initialization(NmfOptions.init(args), "--k", k, input.toString(), rows, cols);
      Preflight.restarts(args, NmfOptions.init(args), "--k", k, input.toString(), rows, cols,
          NmfOptions.RANDOM_START);
    }
    if (agglomerative) {
      Preflight.agglomerative(linkage, rows, input.toString());
    }
    if (spectral) {
      Preflight.spectral(affinity, neighbors, rows, input.toString());
    }
    Matrix points = agglomerative || spectral ? data.dense(input.toString(), "--method "
        + method, "use --method kmeans or mini-batch, which keep it sparse") : null;
    int[] truth = truthFile == null ? null : MatrixIo.readLabels(truthFile);
    if (truth != null && truth.length != rows) {
      throw new IllegalArgumentException("--truth " + truthFile + " has "
          + PrintOut.count(truth.length, "label") + " but " + input + " has "
          + PrintOut.count(rows, "row"));
    }

    int[] labels;
    double inertia;
    int iterations;
    Matrix centroids = null;
    String nmfStart = null;
    SpectralModel spectralModel = null;
    long start = System.nanoTime();
    try {
      if (method.equals("kmeans")) {
        KMeansModel model = data.fit(FitOptions.kMeans(k, fit, bar).build());
        centroids = model.centroids();
        labels = model.labels();
        inertia = model.inertia();
        iterations = model.iterations();
      } else if (miniBatch) {
        KMeansModel model = data.fit(fit.applyTo(MiniBatchKMeans.builder().k(k)
            .batchSize(batchSize).restarts(fit.restarts()))
            .listener(p -> bar.update(p.iteration(), p.maxIterations(),
                String.format(Locale.ROOT, "step  batch inertia %.6g", p.loss().getAsDouble())))
            .build());
        centroids = model.centroids();
        labels = model.labels();
        inertia = model.inertia();
        iterations = model.iterations();
      } else if (nmf) {
        NmfModel model = data.fit(nmfFit);
        nmfStart = NmfOptions.startName(model);
        labels = model.clusterLabels();
        inertia = data.inertia(labels, k);
        iterations = model.iterations();
      } else if (agglomerative) {
        AgglomerativeModel model = agglomerative(k, linkage, fit.threads(), bar).fit(points);
        labels = model.labels();
        inertia = Inertia.of(points, labels);
        iterations = model.mergeTree().merges();
      } else {
        spectralModel = spectral(k, affinity, gamma, neighbors, assignLabels, fit, bar)
            .fit(points);
        labels = spectralModel.labels();
        inertia = Inertia.of(points, labels);
        iterations = spectralModel.eigenIterations();
      }
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    Json json = new Json().put("command", "cluster").put("input", input.toString())
        .put("rows", rows).put("cols", cols).put("seconds", seconds)
        .put("method", method).put("k", k).put("inertia", inertia).put("iterations", iterations);
    data.describe(json);
    String settings = "";
    String steps = PrintOut.count(iterations, "iteration");
    if (nmf) {
      String loss = NmfOptions.lossName(nmfFit.settings());
      String solver = NmfOptions.name(nmfFit.settings().solver());
      json.put("loss", loss).put("solver", solver).put("init", nmfStart);
      settings = loss + " loss, " + solver + " solver, " + nmfStart + " start, ";
    } else if (agglomerative) {
      json.put("linkage", Options.name(linkage));
      settings = Options.name(linkage) + " linkage, ";
      steps = PrintOut.count(iterations, "merge");
    } else if (spectral) {
      json.put("affinity", Options.name(affinity));
      settings = Options.name(affinity) + " affinity (" + (affinity == Affinity.RBF
          ? "gamma " + number(gamma) : PrintOut.count(neighbors, "neighbor")) + "), "
          + Options.name(assignLabels) + " labels, ";
      if (affinity == Affinity.RBF) {
        json.put("gamma", gamma);
      } else {
        json.put("neighbors", neighbors);
      }
      json.put("assignLabels", Options.name(assignLabels))
          .put("converged", spectralModel.converged());
      steps = PrintOut.count(iterations, "eigensolver iteration")
          + (spectralModel.converged() ? "" : " (not converged)");
    }
    context.out().printf(Locale.ROOT, "%s clustering of %s (%s): k = %d, %sinertia %.6g, "
        + "%s, %.3f s%n", method, input, shape, k, settings, inertia, steps, seconds);
    if (truth != null) {
      double rand = ClusteringMetrics.randIndex(truth, labels);
      double ari = ClusteringMetrics.adjustedRandIndex(truth, labels);
      double nmi = ClusteringMetrics.normalizedMutualInfo(truth, labels);
      double ami = ClusteringMetrics.adjustedMutualInfo(truth, labels);
      json.put("randIndex", rand).put("adjustedRandIndex", ari)
          .put("normalizedMutualInfo", nmi).put("adjustedMutualInfo", ami);
      context.out().printf(Locale.ROOT, "against %s: Rand index %.4f, adjusted Rand index %.4f,"
          + " NMI %.4f, AMI %.4f%n", truthFile, rand, ari, nmi, ami);
    }
    if (labelsOut != null || centroidsOut != null) {
      Matrix centres = centroids;
      outputs.writeAll(() -> {
        if (labelsOut != null) {
          MatrixIo.writeLabels(labelsOut, labels);
        }
        if (centroidsOut != null) {
          MatrixIo.write(centroidsOut, centres);
        }
      });
    }
    if (labelsOut != null) {
      json.put("labelsOut", labelsOut.toString());
      context.out().println("labels written to " + labelsOut);
    }
    if (centroidsOut != null) {
      json.put("outCentroids", centroidsOut.toString());
      context.out().println("centroids written to " + centroidsOut);
    }
    return json;
  }

  /** The agglomerative clustering of {@code --method agglomerative}, the bar counting merges. */
  static Agglomerative agglomerative(int k, Linkage linkage, int threads, ProgressBar bar) {
    return Agglomerative.builder().clusters(k).linkage(linkage).threads(threads)
        .listener(p -> bar.update(p.iteration(), p.maxIterations(), "merges"))
        .build();
  }

  /**
   * The spectral clustering of {@code --method spectral}: {@code --max-iter} and {@code --tol}
   * are the eigensolver's, the bar shows its iterations and largest residual.
   */
  static SpectralClustering spectral(int k, Affinity affinity, double gamma, int neighbors,
      LabelAssignment assignLabels, FitOptions.Values fit, ProgressBar bar) {
    return SpectralClustering.builder().clusters(k).affinity(affinity).gamma(gamma)
        .neighbors(neighbors).labelAssignment(assignLabels)
        .maxEigenIterations(fit.maxIterations()).eigenTolerance(fit.tolerance())
        .seed(fit.seed()).threads(fit.threads())
        .listener(p -> bar.update(p.iteration(), p.maxIterations(), p.loss().isPresent()
            ? String.format(Locale.ROOT, "residual %.3g", p.loss().getAsDouble()) : ""))
        .build();
  }
}
