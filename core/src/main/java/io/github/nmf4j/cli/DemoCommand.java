package io.github.nmf4j.cli;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.LineChart;
import io.github.nmf4j.image.Montage;
import io.github.nmf4j.image.Swimmer;
import io.github.nmf4j.internal.AtomicFiles;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.Solver;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code nmf4j demo}: factors the synthetic swimmer images and writes the parts it finds, the
 * reconstructions and the loss curve as PNG files.
 */
final class DemoCommand implements Command {

  /** The sample images shown beside their reconstructions. */
  private static final int[] SHOWN = {0, 27, 54, 81, 108, 135, 162, 189, 216, 243};

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "find the parts of synthetic 'swimmer' images; writes PNGs to ./nmf4j-demo/";
  }

  @Override
  public String description() {
    return "Builds the swimmer dataset (256 images of 32x32: a torso and four limbs, each limb\n"
        + "in one of four positions, 17 parts in all), factors it with NMF (V ~ W H, one image\n"
        + "per row of V), and writes to the output directory: the rows of H as images\n"
        + "(basis.png), the true parts (true-parts.png), originals above their reconstructions\n"
        + "(reconstructions.png) and the loss curve (loss.png). It uses the multiplicative\n"
        + "updates (--solver mu) unless --solver says otherwise: HALS fits the swimmer images\n"
        + "as exactly but finds fewer of the parts.";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .option("out", "DIR", "output directory (default nmf4j-demo, created if missing)")
        .option("rank", "K", "the number of parts to look for (default 17)");
    return NmfOptions.add(o, new NmfOptions.Defaults("mu", "random", "400", "1e-5",
        "8"));
  }

  /** The files the demo writes, in the order it lists them. */
  private static final String[] FILES = {"basis.png", "true-parts.png", "reconstructions.png",
      "loss.png"};

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path out = context.directory().resolve(args.has("out") ? args.path("out")
        : Path.of("nmf4j-demo"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out " + out + " exists and is not a directory");
    }
    int rank = args.integer("rank", Swimmer.PARTS, 1);
    ProgressBar bar = context.progressBar("demo");
    Nmf.Builder builder = NmfOptions.builder(args, rank, bar);
    Preflight.rank("--rank", rank, "the swimmer images", Swimmer.IMAGES,
        Swimmer.SIZE * Swimmer.SIZE);
    Preflight.initialization(NmfOptions.init(args), "--rank", rank, "the swimmer images",
        Swimmer.IMAGES, Swimmer.SIZE * Swimmer.SIZE);
    // Random starts, several of them: the swimmer matrix has rank 14 < 17, so an SVD-based
    // start leaves components empty; the best of 8 random starts finds all the parts.
    Initialization init = args.has("init") ? NmfOptions.init(args) : Initialization.RANDOM;
    builder.initialization(init);
    Preflight.restarts(args, init, "--rank", rank, "the swimmer images", Swimmer.IMAGES,
        Swimmer.SIZE * Swimmer.SIZE, NmfOptions.RANDOM_START);
    // (an nndsvd or nndsvda start is fitted once: "best of 8 starts" would not be true)
    if (!args.has("restarts") && init != Initialization.NNDSVD
        && init != Initialization.NNDSVDA) {
      builder.restarts(8);
    }
    if (!args.has("max-iter")) {
      builder.maxIterations(400);
    }
    if (!args.has("tol")) {
      builder.tolerance(1e-5);
    }
    // The multiplicative updates, unless asked otherwise: the swimmer matrix has many exact
    // rank-17 factorizations, and HALS, fast as it is, settles on one whose basis images mix
    // parts (13 of 17 recovered, at a relative error of 6e-7), while MU's best of 8 random
    // starts finds all 17.
    if (!args.has("solver")) {
      builder.solver(Solver.MULTIPLICATIVE_UPDATE);
    }
    Nmf nmf = builder.build();

    // The directory is made only when the pictures are written, so that a run that fails or is
    // interrupted before then leaves nothing behind; until then its files are checked if it
    // exists, and its nearest existing parent if it does not.
    Outputs outputs = new Outputs();
    if (Files.isDirectory(out)) {
      for (String f : FILES) {
        outputs.add("out", out.resolve(f), Outputs.IMAGE);
      }
    } else {
      requireCreatable(out);
    }
    return run(context, out, outputs, bar, nmf, rank);
  }

  /**
   * Checks that the directory {@code dir}, which does not exist, can be made: its nearest
   * existing parent is a directory that accepts a new entry.
   *
   * @throws UsageException naming {@code --out} and why not
   */
  private static void requireCreatable(Path dir) {
    Path first = dir.toAbsolutePath().normalize();
    while (first.getParent() != null && !Files.exists(first.getParent())) {
      first = first.getParent();
    }
    try {
      AtomicFiles.requireWritable(first);
    } catch (IOException e) {
      throw new UsageException("--out " + dir + ": cannot create the directory ("
          + (e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
              : e.getMessage()) + ")");
    }
  }

  /** Makes {@code dir} and the parents it lacks; returns those made, the deepest first. */
  private static List<Path> makeDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p);
        p = p.getParent()) {
      missing.add(p);
    }
    List<Path> made = new ArrayList<>();
    for (int i = missing.size() - 1; i >= 0; i--) {
      try {
        Files.createDirectory(missing.get(i));
      } catch (IOException e) {
        removeEmpty(made, e);
        throw e;
      }
      made.add(0, missing.get(i));
    }
    return made;
  }

  /** Deletes the directories {@code made} (deepest first) that are empty, as failure cleanup. */
  private static void removeEmpty(List<Path> made, Throwable failure) {
    for (Path p : made) {
      try (var left = Files.list(p)) {
        if (left.findAny().isPresent()) {
          return;
        }
      } catch (IOException e) {
        failure.addSuppressed(e);
        return;
      }
      try {
        Files.delete(p);
      } catch (IOException e) {
        failure.addSuppressed(e);
        return;
      }
    }
  }

  private Json run(Context context, Path out, Outputs outputs, ProgressBar bar, Nmf nmf,
      int rank) throws Exception {
    Matrix v = Swimmer.images();
    NmfModel model;
    long start = System.nanoTime();
    try {
      model = nmf.fit(v);
    } finally {
      bar.finish();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] correlations = Swimmer.bestCorrelations(model.h());
    double worst = 1;
    int recovered = 0;
    for (double c : correlations) {
      worst = Math.min(worst, c);
      recovered += c >= 0.9 ? 1 : 0;
    }

    List<Path> made = new ArrayList<>();
    try {
      outputs.writeAll(() -> {
        made.addAll(makeDirectories(out));
        Images.write(out.resolve(FILES[0]), basisGrid(inPartOrder(model.h())));
        Images.write(out.resolve(FILES[1]), basisGrid(Swimmer.parts()));
        Images.write(out.resolve(FILES[2]), reconstructions(v, model));
        Images.write(out.resolve(FILES[3]), lossChart(model, v, rank));
      });
    } catch (IOException | RuntimeException | Error e) {
      removeEmpty(made, e); // the transaction has deleted its temporary files
      throw e;
    }

    PrintOut.printf(context, "nmf4j demo: the swimmer images, %d pictures of %dx%d pixels "
        + "made of %d parts (a torso and 4 limbs in 4 positions each)%n", Swimmer.IMAGES,
        Swimmer.SIZE, Swimmer.SIZE, Swimmer.PARTS);
    PrintOut.printf(context, "factored V (%s, one image per row) as W (%dx%d) times H (%dx%d):"
        + " %s updates, %s, best of %s%n", v.shape(), v.rows(), rank, rank, v.cols(),
        NmfOptions.name(nmf.settings().solver()).toUpperCase(java.util.Locale.ROOT),
        nmf.settings().loss() == Loss.FROBENIUS ? "Frobenius loss" : "KL divergence",
        PrintOut.count(nmf.settings().restarts(), "start"));
    PrintOut.printf(context, "%s, relative error ||V - WH|| / ||V|| = %.4f, "
        + "%.2f s%n", PrintOut.count(model.iterations(), "iteration"), model.relativeError(),
        seconds);
    PrintOut.printf(context, "%d of %d true parts found as a row of H with correlation >= 0.9"
        + " (worst %.3f)%n", recovered, Swimmer.PARTS, worst);
    context.out().println("wrote:");
    context.out().println("  " + out.resolve("basis.png") + "            the "
        + PrintOut.count(rank, "row") + " of H, each a 32x32 image: the parts NMF found");
    context.out().println("  " + out.resolve("true-parts.png") + "       the 17 parts the"
        + " images were built from");
    context.out().println("  " + out.resolve("reconstructions.png") + "  originals (top) and"
        + " their reconstructions W H (bottom)");
    context.out().println("  " + out.resolve("loss.png") + "             the loss curve");

    List<Object> files = new ArrayList<>();
    for (String f : FILES) {
      files.add(out.resolve(f).toString());
    }
    return new Json().put("command", "demo").put("rows", v.rows()).put("cols", v.cols())
        .put("seconds", seconds).put("rank", rank).put("loss", nmf.settings().loss() ==
            Loss.FROBENIUS ? "frobenius" : "kl")
        .put("solver", NmfOptions.name(nmf.settings().solver()))
        .put("restarts", nmf.settings().restarts())
        .put("iterations", model.iterations()).put("converged", model.converged())
        .put("relativeError", model.relativeError()).put("partsRecovered", recovered)
        .put("worstPartCorrelation", worst).put("outputDir", out.toString())
        .put("files", files);
  }

  /**
   * The rows of H sorted by the true part each resembles most (torso first, then the limbs),
   * so that basis.png lines up with true-parts.png.
   */
  static Matrix inPartOrder(Matrix h) {
    Integer[] order = new Integer[h.rows()];
    double[] key = new double[h.rows()];
    for (int k = 0; k < h.rows(); k++) {
      order[k] = k;
      double[] c = Swimmer.bestCorrelations(Matrix.wrap(1, h.cols(), h.row(k)));
      int best = 0;
      for (int p = 1; p < c.length; p++) {
        best = c[p] > c[best] ? p : best;
      }
      key[k] = best - c[best] * 1e-3;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(key[a], key[b]));
    double[][] rows = new double[h.rows()][];
    for (int k = 0; k < rows.length; k++) {
      rows[k] = h.row(order[k]);
    }
    return Matrix.of(rows);
  }

  private static java.awt.image.BufferedImage basisGrid(Matrix h) {
    List<Matrix> tiles = new ArrayList<>();
    for (int k = 0; k < h.rows(); k++) {
      tiles.add(Swimmer.image(h, k));
    }
    return Montage.grid(tiles, 6, 4, true);
  }

  private static java.awt.image.BufferedImage reconstructions(Matrix v, NmfModel model) {
    List<Matrix> tiles = new ArrayList<>();
    Matrix wh = model.w().multiply(model.h());
    for (int n : SHOWN) {
      tiles.add(Swimmer.image(v, n));
    }
    for (int n : SHOWN) {
      tiles.add(Swimmer.image(wh, n));
    }
    return Montage.grid(tiles, SHOWN.length, 3, false);
  }

  private static java.awt.image.BufferedImage lossChart(NmfModel model, Matrix v, int rank) {
    double[] history = model.lossHistory();
    int every = model.settings().checkEvery();
    double norm = v.frobeniusNorm();
    boolean frobenius = model.settings().loss() == Loss.FROBENIUS;
    double[] x = new double[history.length];
    double[] y = new double[history.length];
    for (int i = 0; i < history.length; i++) {
      x[i] = Math.min((long) i * every, model.iterations());
      y[i] = Math.max(frobenius ? history[i] / norm : history[i], 1e-12);
    }
    return new LineChart("NMF of the swimmer images, rank " + rank, "iteration",
        frobenius ? "relative error ||V - WH|| / ||V||" : "KL divergence D(V || WH)")
        .logY(true).series("loss", x, y).draw(720, 450);
  }
}
