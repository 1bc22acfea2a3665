package io.github.nmf4j.cli;

import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.LineChart;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.ConsensusResult;
import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.MissingValues;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.nmf.RankSelectionResult;
import io.github.nmf4j.nmf.RankSelectionSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code nmf4j rank INPUT --ranks 2:20}: scores candidate ranks by the error on held-out entries
 * ({@link RankSelection}) or by the stability of many runs ({@link Consensus}).
 */
final class RankCommand implements Command {

  /** The most candidate ranks one run may score. */
  static final int MAX_RANKS = 1000;

  @Override
  public String name() {
    return "rank";
  }

  @Override
  public String summary() {
    return "choose the rank: held-out error (cross-validation) or consensus per rank";
  }

  @Override
  public String description() {
    return "Scores every rank of --ranks on INPUT (.npy, .csv, .tsv, .txt, .mtx, .mtx.gz,\n"
        + ".npz; rows are samples) and prints a table and the best rank. --method consensus\n"
        + "keeps a sparse file (.npz, .mtx, .mtx.gz) sparse; cv reads it densely, unless\n"
        + "--missing ignore says that its unstored entries are unknown (ratings): then cv\n"
        + "holds out stored entries and fits the rest sparse.\n"
        + "--method cv (default): in each of --repeats repeats, --holdout of the entries are\n"
        + "hidden, every rank is fitted to the rest as missing values, and the rank is scored\n"
        + "by the mean squared error (KL: the mean divergence) on the hidden entries; the\n"
        + "best rank has the lowest mean over the repeats, the 1-SE rank is\n"
        + "the smallest within one standard error of it. --method consensus: --runs fits per\n"
        + "rank from random starts cluster the rows by the argmax of W; the cophenetic\n"
        + "correlation and dispersion (1 = the same clustering every time) score the rank, and\n"
        + "the best rank is the one before the largest fall of the cophenetic correlation\n"
        + "(Brunet et al. 2004; rank 1, stable by construction, only when it is alone).\n"
        + "--plot draws the scores against the rank (with one standard error bars for cv).\n"
        + "With cv, NaN entries of INPUT are missing values: never held out, never scored\n"
        + "(consensus rejects them unless --missing ignore).\n"
        + "--alpha-w, --alpha-h and --l1-ratio penalize every fit as in fit, so that the rank\n"
        + "is chosen for the penalized model.";
  }

  @Override
  public Options options() {
    Options o = new Options()
        .positional("INPUT", "the matrix whose rank to choose")
        .option("ranks", "RANKS", "the candidate ranks: FROM:TO, FROM:TO:STEP or a list "
            + "2,3,5 (required)")
        .option("method", "METHOD", "cv (default: held-out error) or consensus")
        .option("holdout", "F", "cv: share of the entries held out per repeat (default 0.05)")
        .option("repeats", "R", "cv: held-out sets (default 3)")
        .option("runs", "N", "consensus: fits per rank (default 30)")
        .option("missing", "MODE", "ignore: NaN entries, and the unstored entries of a sparse "
            + "file, are unknown, left out of every fit (frobenius or kl); reject (default): "
            + "unstored entries are zeros and consensus refuses NaN (cv always leaves NaN out)")
        .option("plot", "FILE", "draw the scores against the rank (.png)");
    NmfOptions.add(o, new NmfOptions.Defaults(
        "the best for the loss, " + NmfOptions.name(NmfOptions.best(Loss.FROBENIUS))
            + " for frobenius, mu for kl",
        "cv: nndsvda when the rank is at most min(rows, cols), else random; consensus: "
            + "random (the only one)", "200", "1e-4", "1"));
    return NmfOptions.addPenalties(o);
  }

  /** The ranks of {@code --ranks}: FROM:TO, FROM:TO:STEP or a comma-separated list. */
  static int[] parseRanks(String text) {
    String t = text.strip();
    Set<Integer> ranks = new TreeSet<>();
    try {
      if (t.contains(":")) {
        String[] parts = t.split(":", -1);
        if (parts.length > 3) {
          throw new NumberFormatException();
        }
        int from = Args.parseInt(parts[0].strip());
        int to = Args.parseInt(parts[1].strip());
        int step = parts.length == 3 ? Args.parseInt(parts[2].strip()) : 1;
        if (step < 1 || to < from) {
          throw new UsageException("--ranks " + text + ": need FROM <= TO and STEP >= 1");
        }
        if (((long) to - from) / step + 1 > MAX_RANKS) {
          throw new UsageException("--ranks " + text + ": more than " + MAX_RANKS + " ranks");
        }
        for (long k = from; k <= to; k += step) {
          ranks.add((int) k);
        }
      } else {
        for (String s : t.split(",", -1)) {
          ranks.add(Args.parseInt(s.strip()));
        }
      }
    } catch (NumberFormatException e) {
      if (Arrays.stream(t.split("[:,]", -1)).map(String::strip)
          .anyMatch(s -> Args.isInteger(s) && !Args.fitsInt(s))) {
        throw new UsageException("--ranks must each be between 1 and " + Integer.MAX_VALUE
            + ", was '" + text + "'");
      }
      throw new UsageException("--ranks must be FROM:TO, FROM:TO:STEP or a list like 2,3,5, "
          + "was '" + text + "'");
    }
    if (ranks.size() > MAX_RANKS) {
      throw new UsageException("--ranks " + text + ": more than " + MAX_RANKS + " ranks");
    }
    int first = ranks.iterator().next();
    if (first < 1) {
      throw new UsageException("--ranks must all be >= 1, was " + first);
    }
    return ranks.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The consensus choice among the ranks above 1 (ascending): the rank before the largest fall
   * of the cophenetic correlation from one rank to the next; without any fall, the rank with the
   * highest (the first of equals). Rank 1 is chosen only when it is the only rank: its runs all
   * put every row in the one cluster, so its correlation is 1 by construction, not a measured
   * stability, and its fall to rank 2 would win against any real one.
   */
  static int consensusBestRank(int[] ranks, double[] cophenetic) {
    int first = ranks.length > 1 && ranks[0] == 1 ? 1 : 0;
    int best = -1;
    double largestFall = 0;
    for (int i = first; i + 1 < ranks.length; i++) {
      double fall = cophenetic[i] - cophenetic[i + 1];
      if (fall > largestFall) {
        largestFall = fall;
        best = i;
      }
    }
    if (best < 0) {
      best = first;
      for (int i = first + 1; i < ranks.length; i++) {
        if (cophenetic[i] > cophenetic[best]) {
          best = i;
        }
      }
    }
    return ranks[best];
  }

  @Override
  public Json run(Args args, Context context) throws Exception {
    Path input = Path.of(args.positional(0));
    if (!args.has("ranks")) {
      throw new UsageException("--ranks RANKS is required (for example --ranks 2:20)");
    }
    int[] ranks = parseRanks(args.string("ranks", ""));
    String method = args.choice("method", Map.of("cv", "cv", "consensus", "consensus"), "cv");
    boolean cv = method.equals("cv");
    for (String other : cv ? new String[] {"runs"} : new String[] {"holdout", "repeats"}) {
      if (args.has(other)) {
        throw new UsageException("--" + other + " does not apply to --method " + method);
      }
    }
    double holdout = args.number("holdout", 0.05, 0);
    if (!(holdout > 0 && holdout < 1)) {
      throw new UsageException("--holdout must be between 0 and 1 (exclusive), was " + holdout);
    }
    if (!cv && args.has("init") && args.choice("init", NmfOptions.INITS, null)
        != Initialization.RANDOM) {
      throw new UsageException("--method consensus needs --init random (or no --init): its "
          + "runs differ only by their seed, so --init " + args.string("init", "").strip()
          + " would repeat one run");
    }
    int repeats = args.integer("repeats", 3, 1);
    int runs = args.integer("runs", 30, 1);
    Outputs outputs = new Outputs();
    outputs.input("the input " + input, input);
    Path plot = outputs.add("plot", args.path("plot"), Set.of("png"));
    ProgressBar bar = context.progressBar("rank");
    boolean ignore = args.choice("missing", Map.of("reject", false, "ignore", true), false);
    Nmf.Builder template = NmfOptions.penalties(args, NmfOptions.builder(args, 1, bar))
        .missingValues(ignore ? MissingValues.IGNORE : MissingValues.REJECT);
    long seed = args.longValue("seed", 0);
    int threads = Preflight.threads(args);

    RankSelection selection = !cv ? null : RankSelection.builder().ranks(ranks)
        .holdoutFraction(holdout).repeats(repeats).seed(seed).threads(threads).nmf(template)
        .listener(p -> bar.update(p.restart() * ranks.length + p.iteration(),
            repeats * ranks.length, String.format(Locale.ROOT, "repeat %d/%d  rank %d",
                p.restart() + 1, repeats, ranks[p.iteration() - 1])))
        .build();

    // cv fits with MissingValues.IGNORE: a NaN entry of a dense file is missing, never held
    // out or scored. A sparse file stays sparse for consensus and, when its unstored entries
    // are unknown (--missing ignore), for cv; else cv hides entries of a dense copy.
    // file: as read, for the header and the JSON (storedValues); data: as fitted
    boolean sparse = MatrixIo.isSparseFormat(input);
    Data file = Data.read(input, true, ignore || (cv && !sparse) ? Data.Nan.MISSING
        : Data.Nan.ERROR_NAMING_IGNORE, "NMF");
    Data data = file;
    // a refusal names the other method only if that can take the file: a sparse file whose
    // unstored entries are zeros may be too large for both cv's dense copy and consensus
    if (cv && sparse && !ignore) {
      String instead = Preflight.consensusFits(file.rows())
          ? "--method consensus keeps it sparse, and --missing ignore does if its unstored "
              + "entries are unknown"
          : "--missing ignore keeps it sparse if its unstored entries are unknown; if they are "
              + "zeros, use a smaller file" + (Preflight.inOneArray(file.rows(), file.cols())
                  ? " or give Java more with -Xmx" : "") + " (--method consensus cannot take its "
              + PrintOut.count(file.rows(), "row") + " either)";
      data = Data.of(file.dense(input.toString(), "--method cv", instead));
    }
    String useCv = cv || !sparse || ignore || Preflight.denseCopyFits(file.rows(), file.cols())
        ? "use --method cv" : "use a file with fewer rows, or --method cv with --missing ignore "
            + "if its unstored entries are unknown (as zeros, cv needs a dense copy, which does "
            + "not fit either)";
    int largest = ranks[ranks.length - 1];
    Preflight.rank("--ranks", largest, input.toString(), data.rows(), data.cols());
    Preflight.initialization(NmfOptions.init(args), "--ranks", largest, input.toString(),
        data.rows(), data.cols());
    if (cv) {
      // consensus starts every fit at random; cv at the smallest rank as the default says
      Preflight.restarts(args, NmfOptions.init(args), "--ranks", ranks[0], input.toString(),
          data.rows(), data.cols(), NmfOptions.RANDOM_START);
    }
    if (cv) {
      holdsOut(selection.settings(), data.observed(), data.shape(), input);
    }
    if (!cv && data.rows() < 2) {
      throw new IllegalArgumentException(input + " has " + data.rows() + " row; consensus "
          + "clusters the rows and needs at least 2");
    }
    if (!cv && data.rows() > Consensus.MAX_ROWS) {
      throw new IllegalArgumentException(input + " has " + data.rows() + " rows; --method "
          + "consensus counts how often each pair of rows is clustered together, in an n x n "
          + "array, and takes at most " + Consensus.MAX_ROWS + " rows (" + useCv + ")");
    }
    if (!cv) {
      Preflight.consensus(data.rows(), input.toString(), "give Java more with -Xmx, or "
          + useCv);
    }

    Json json = new Json().put("command", "rank").put("input", input.toString())
        .put("rows", data.rows()).put("cols", data.cols());
    file.describe(json);
    long start = System.nanoTime();
    double seconds;
    List<String> table = new ArrayList<>();
    Supplier<LineChart> chart;
    try {
      if (cv) {
        RankSelectionResult r = data.fit(selection);
        seconds = (System.nanoTime() - start) / 1e9;
        double[] errors = r.testErrors();
        double[] se = r.standardErrors();
        table.add("rank  held-out error  standard error");
        for (int i = 0; i < ranks.length; i++) {
          table.add(String.format(Locale.ROOT, "%4d  %14.6g  %14.6g", ranks[i], errors[i], se[i]));
        }
        table.add(String.format(Locale.ROOT, "best rank %d (lowest mean held-out error); "
            + "smallest within one standard error: %d", r.bestRank(), r.oneStandardErrorRank()));
        json.put("seconds", seconds).put("method", method).put("holdout", holdout)
            .put("repeats", repeats).put("ranks", list(ranks)).put("testErrors", list(errors))
            .put("standardErrors", list(se)).put("bestRank", r.bestRank())
            .put("oneStandardErrorRank", r.oneStandardErrorRank());
        String title = "Held-out error of " + input.getFileName() + " (" + repeats + " x "
            + fraction(holdout) + " held out)";
        chart = () -> cvChart(title, ranks, errors, se, plot, context.err());
      } else {
        double[] cophenetic = new double[ranks.length];
        double[] dispersion = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
          int done = i;
          ConsensusResult c = data.fit(Consensus.builder().rank(ranks[i]).runs(runs).seed(seed)
              .threads(threads).nmf(template)
              .listener(p -> bar.update(done * runs + p.iteration(), ranks.length * runs,
                  String.format(Locale.ROOT, "rank %d  run %d/%d", ranks[done], p.iteration(),
                      runs)))
              .build());
          cophenetic[i] = c.copheneticCorrelation();
          dispersion[i] = c.dispersion();
        }
        seconds = (System.nanoTime() - start) / 1e9;
        int best = consensusBestRank(ranks, cophenetic);
        table.add("rank  cophenetic correlation  dispersion");
        for (int i = 0; i < ranks.length; i++) {
          table.add(String.format(Locale.ROOT, "%4d  %22.6f  %10.6f", ranks[i], cophenetic[i],
              dispersion[i]));
        }
        table.add("best rank " + best + " (before the largest fall of the cophenetic "
            + "correlation)");
        json.put("seconds", seconds).put("method", method).put("runs", runs)
            .put("ranks", list(ranks)).put("copheneticCorrelations", list(cophenetic))
            .put("dispersions", list(dispersion)).put("bestRank", best);
        String title = "Consensus of " + PrintOut.count(runs, "run") + ", "
            + input.getFileName();
        chart = () -> new LineChart(title, "rank", "score")
            .series("cophenetic correlation", doubles(ranks), cophenetic)
            .series("dispersion", doubles(ranks), dispersion);
      }
    } finally {
      bar.finish();
    }
    PrintOut.printf(context, "rank of %s (%s) by %s, seed %d, %.3f s%n", input, file.shape(),
        cv ? "cross-validation (" + PrintOut.count(repeats, "repeat") + ", "
            + fraction(holdout) + " held out)"
            : "consensus (" + PrintOut.count(runs, "run") + " per rank)", seed, seconds);
    for (String line : table) {
      context.out().println(line);
    }
    if (plot != null) {
      LineChart drawn = chart.get();
      outputs.writeAll(() -> Images.write(plot, drawn.draw(720, 450)));
      json.put("plot", plot.toString());
      context.out().println("wrote " + plot);
    }
    return json;
  }

  /**
   * The plot of the held-out errors with their standard errors as bars, of the ranks whose error
   * and standard error are finite. Data whose squares are beyond the double range (values near
   * 1e300) give infinite errors, which the table shows and a plot cannot: their ranks are left
   * out and named on {@code err}.
   *
   * @throws CommandFailedException naming {@code --plot} if no rank is left to plot (exit code
   *     1: the fits are done and the table printed, but the plot asked for cannot be drawn)
   */
  private static LineChart cvChart(String title, int[] ranks, double[] errors, double[] se,
      Path plot, PrintStream err) {
    List<Integer> kept = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    for (int i = 0; i < ranks.length; i++) {
      if (Double.isFinite(errors[i]) && Double.isFinite(se[i])) {
        kept.add(i);
      } else {
        left.add(i);
      }
    }
    if (kept.isEmpty()) {
      throw new CommandFailedException("--plot " + plot + ": nothing to plot, the held-out error "
          + "of every rank is beyond the double range (see the table); scale the data down to "
          + "plot it");
    }
    if (!left.isEmpty()) {
      err.println("nmf4j rank: --plot " + plot + " leaves out "
          + (left.size() == 1 ? "rank " : "ranks ")
          + String.join(", ", left.stream().map(i -> Integer.toString(ranks[i])).toList())
          + ", whose held-out error is beyond the double range (see the table); scale the data "
          + "down to plot every rank");
    }
    double[] x = kept.stream().mapToDouble(i -> ranks[i]).toArray();
    double[] y = kept.stream().mapToDouble(i -> errors[i]).toArray();
    double[] bars = kept.stream().mapToDouble(i -> se[i]).toArray();
    return new LineChart(title, "rank", "mean held-out error (log)")
        .logY(Arrays.stream(y).allMatch(e -> e > 0))
        .series("mean, 1 standard error", x, y, bars);
  }

  /**
   * Checks that {@code --holdout} hides at least one of the {@code observed} entries of {@code
   * input} (those not NaN of a dense file, the stored ones of a sparse file read with {@code
   * --missing ignore}) and keeps at least one, as cross-validation rounds it.
   *
   * @throws IllegalArgumentException naming the option, its value and the entries it holds out
   */
  static void holdsOut(RankSelectionSettings settings, long observed, String shape,
      Path input) {
    double holdout = settings.holdoutFraction();
    long held = settings.heldOut(observed);
    if (held < 1 || held >= observed) {
      throw new IllegalArgumentException("--holdout " + holdout + " of the " + observed
          + " observed entries of " + input + " (" + shape + ") holds out " + held
          + "; it must hold out at least one and keep at least one"
          + (observed < 2 ? "" : held < 1 ? " (raise --holdout)" : " (lower --holdout)"));
    }
  }

  private static String fraction(double f) {
    return String.format(Locale.ROOT, "%.3g%%", 100 * f);
  }

  private static double[] doubles(int[] a) {
    return Arrays.stream(a).asDoubleStream().toArray();
  }

  private static List<Object> list(int[] a) {
    List<Object> l = new ArrayList<>();
    for (int x : a) {
      l.add(x);
    }
    return l;
  }

  private static List<Object> list(double[] a) {
    List<Object> l = new ArrayList<>();
    for (double x : a) {
      l.add(x);
    }
    return l;
  }
}
