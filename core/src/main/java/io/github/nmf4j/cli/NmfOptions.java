package io.github.nmf4j.cli;

import io.github.nmf4j.nmf.Initialization;
import io.github.nmf4j.nmf.Loss;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.NmfSettings;
import io.github.nmf4j.nmf.Solver;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The NMF options shared by {@code fit}, {@code compress}, {@code cluster} and {@code demo}. */
final class NmfOptions {

  static final Map<String, Loss> LOSSES = Map.of("frobenius", Loss.FROBENIUS,
      "kl", Loss.KULLBACK_LEIBLER);
  static final Map<String, Initialization> INITS = Map.of("random", Initialization.RANDOM,
      "nndsvd", Initialization.NNDSVD, "nndsvda", Initialization.NNDSVDA,
      "nndsvdar", Initialization.NNDSVDAR);

  private NmfOptions() {}

  /** The solvers by their command-line name: {@code mu} and the others lower-cased. */
  static Map<String, Solver> solvers() {
    Map<String, Solver> m = new LinkedHashMap<>();
    for (Solver s : Solver.values()) {
      m.put(s == Solver.MULTIPLICATIVE_UPDATE ? "mu" : s.name().toLowerCase(Locale.ROOT), s);
    }
    return m;
  }

  /** The command-line name of a solver. */
  static String name(Solver s) {
    return s == Solver.MULTIPLICATIVE_UPDATE ? "mu" : s.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The best solver the library has for a loss: HALS for Frobenius when it exists (it reaches a
   * given error in fewer, cheaper passes), otherwise the multiplicative updates.
   */
  static Solver best(Loss loss) {
    if (loss == Loss.FROBENIUS) {
      for (Solver s : Solver.values()) {
        if (s.name().equals("HALS")) {
          return s;
        }
      }
    }
    return Solver.MULTIPLICATIVE_UPDATE;
  }

  /**
   * The error for {@code --solver} other than {@code mu} with a loss other than Frobenius, which
   * only the multiplicative updates minimize; {@code loss} is the option that set the loss as
   * the user wrote it ("--loss kl").
   */
  static UsageException halsNeedsFrobenius(Args args, String loss) {
    return new UsageException("--solver " + args.string("solver", "").strip()
        + " minimizes the frobenius loss only; use --solver mu with " + loss
        + ", or leave --solver out");
  }

  /** What to do instead of {@code --restarts} with a start that draws no random numbers. */
  static final String RANDOM_START = "give --init random or nndsvdar, or leave --restarts out";

  /** The initialization of {@code --init}, or null when it is not given. */
  static Initialization init(Args args) {
    return args.choice("init", INITS, null);
  }

  /** The defaults a command documents in its help (they must match what it uses). */
  record Defaults(String solver, String init, String maxIterations, String tolerance,
      String restarts) {}

  /** The library's defaults, as {@code fit} uses them. */
  static final Defaults LIBRARY = new Defaults("the best for the loss, "
      + name(best(Loss.FROBENIUS)) + " for frobenius, mu for kl",
      "nndsvda when the rank is at most min(rows, cols), else random", "200", "1e-4", "1");

  /** Adds the options that {@link #builder} reads. */
  static Options add(Options o, Defaults d) {
    addLossSolverInit(o, d, "");
    return FitOptions.add(o, new FitOptions.Help(
        "most iterations (default " + d.maxIterations() + ")",
        "stop when the loss improves by less than T relative (default " + d.tolerance() + ")",
        "starts, keep the best fit (default " + d.restarts() + "; needs a random start: not"
            + " with nndsvd or nndsvda)"));
  }

  /**
   * Adds {@code --loss}, {@code --solver} and {@code --init}, which {@link #builder} reads, with
   * the defaults {@code d} in their help, which starts with {@code prefix} (the method that
   * takes them: {@code "nmf: "}).
   */
  static Options addLossSolverInit(Options o, Defaults d, String prefix) {
    return o.option("loss", "LOSS", prefix + "frobenius (default) or kl (Kullback-Leibler)")
        .option("solver", "SOLVER", prefix + String.join("|", solvers().keySet())
            + " (default: " + d.solver() + ")")
        .option("init", "INIT", prefix + "random|nndsvd|nndsvda|nndsvdar (default: " + d.init()
            + ")");
  }

  /** Adds the elastic-net penalty options that {@link #penalties} reads. */
  static Options addPenalties(Options o) {
    return addPenalties(o, "");
  }

  /**
   * Adds the elastic-net penalty options that {@link #penalties} reads, their help starting
   * with {@code prefix} (the method that takes them: {@code "nmf: "}).
   */
  static Options addPenalties(Options o, String prefix) {
    return o.option("alpha-w", "A", prefix + "weight of the elastic-net penalty on W (default 0)")
        .option("alpha-h", "A", prefix + "weight of the penalty on H (default: --alpha-w)")
        .option("l1-ratio", "R", prefix + "share of the L1 part of both penalties, 0 to 1"
            + " (default 0; needs --alpha-w or --alpha-h)");
  }

  /**
   * {@code b} with the penalties of {@code --alpha-w}, {@code --alpha-h}, {@code --l1-ratio}.
   *
   * @throws UsageException for a value out of range, and for {@code --l1-ratio} given without
   *     {@code --alpha-w} or {@code --alpha-h}: it only splits their penalty, so alone it would
   *     have no effect (scikit-learn accepts it silently). An alpha given as 0 is accepted, so
   *     that a sweep over the alphas may start at 0.
   */
  static Nmf.Builder penalties(Args args, Nmf.Builder b) {
    double alphaW = args.number("alpha-w", 0, 0);
    double alphaH = args.number("alpha-h", alphaW, 0);
    double l1Ratio = args.number("l1-ratio", 0, 0);
    if (l1Ratio > 1) {
      throw new UsageException("--l1-ratio must be between 0 and 1, was " + l1Ratio);
    }
    if (args.has("l1-ratio") && !args.has("alpha-w") && !args.has("alpha-h")) {
      throw new UsageException("--l1-ratio " + args.string("l1-ratio", "").strip() + " has no"
          + " effect without a penalty: it splits the penalty of --alpha-w and --alpha-h, which"
          + " default to 0 (give --alpha-w or --alpha-h, or leave --l1-ratio out)");
    }
    return b.alphaW(alphaW).alphaH(alphaH).l1Ratio(l1Ratio);
  }

  /** An NMF builder from the options, with {@code rank} and the progress bar as listener. */
  static Nmf.Builder builder(Args args, int rank, ProgressBar bar) {
    Loss loss = args.choice("loss", LOSSES, Loss.FROBENIUS);
    Solver solver = args.choice("solver", solvers(), best(loss));
    // only the multiplicative updates minimize a loss other than Frobenius
    if (solver != Solver.MULTIPLICATIVE_UPDATE && loss != Loss.FROBENIUS) {
      throw halsNeedsFrobenius(args, "--loss " + args.string("loss", "").strip());
    }
    FitOptions.Values fit = FitOptions.read(args, 200, 1e-4, 1);
    Nmf.Builder b = fit.applyTo(Nmf.builder().rank(rank).loss(loss).solver(solver))
        .restarts(fit.restarts())
        .listener(p -> bar.update(p.iteration(), p.maxIterations(),
            (p.restarts() > 1 ? "run " + (p.restart() + 1) + "/" + p.restarts() + "  " : "")
                + (p.loss().isPresent()
                    ? String.format(Locale.ROOT, "loss %.6g", p.loss().getAsDouble()) : "")));
    Initialization init = init(args);
    if (init != null) {
      b.initialization(init);
    }
    return b;
  }

  /** The loss as the output names it: frobenius, kl, itakura-saito or beta=B. */
  static String lossName(NmfSettings settings) {
    switch (settings.loss()) {
      case FROBENIUS:
        return "frobenius";
      case KULLBACK_LEIBLER:
        return "kl";
      case ITAKURA_SAITO:
        return "itakura-saito";
      default:
        return "beta=" + settings.beta();
    }
  }

  /** The start of a model as the output names it: random, nndsvda, ..., or custom. */
  static String startName(NmfModel model) {
    return model.initialization().map(i -> i.name().toLowerCase(Locale.ROOT)).orElse("custom");
  }
}
