package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Parallel;

/** Which {@link UpdateRule.Factory} serves each solver and loss: the solver seam's one switch. */
final class Solvers {

  private Solvers() {}

  /** The factory of the rules for the settings' solver and loss. */
  static UpdateRule.Factory factory(NmfSettings settings) {
    switch (settings.solver()) {
      case MULTIPLICATIVE_UPDATE:
        if (settings.loss() == Loss.FROBENIUS) {
          return FrobeniusMu.FACTORY;
        }
        if (settings.loss() != Loss.KULLBACK_LEIBLER) {
          return BetaMu.FACTORY;
        }
        return settings.normalizeColumnsOfW()
            ? ColumnNormalizedW.FACTORY : KullbackLeiblerMu.FACTORY;
      case HALS:
        return FrobeniusHals.FACTORY;
      default:
        throw new AssertionError(settings.solver());
    }
  }

  /**
   * The fit rule of {@code settings} on {@code data} from {@code w} and {@code h} in stored
   * units: one iteration without the rest of a fit, for the benchmarks (which reach it by
   * reflection; see {@code benchmarks/.../SolverHandle}).
   */
  static UpdateRule fitRule(Nmf nmf, ScaledData data, double[] w, double[] h, Parallel par) {
    NmfSettings settings = nmf.settings();
    Problem problem = new Problem(settings, data, settings.rank(), par);
    return factory(settings).fit(problem, new Factors(w, h, settings.rank()));
  }
}
