package io.github.nmf4j.nmf;

/** The algorithm that updates the factors W and H from one iteration to the next. */
public enum Solver {
  /**
   * The multiplicative updates of Lee and Seung ("Algorithms for non-negative matrix
   * factorization", NIPS 2001), for every {@link Loss}; H is updated first, then W:
   *
   * <ul>
   *   <li>{@link Loss#FROBENIUS}: {@code H <- H .* (W'V) ./ (W'WH + eps)},
   *       {@code W <- W .* (VH') ./ (W(HH') + eps)};
   *   <li>{@link Loss#KULLBACK_LEIBLER}: {@code H <- H .* (W'(V ./ (WH + eps))) ./ (W'1 + eps)},
   *       {@code W <- W .* ((V ./ (WH + eps))H') ./ (1H' + eps)};
   *   <li>{@link Loss#ITAKURA_SAITO} and any other beta ({@link Nmf.Builder#betaLoss}), Févotte
   *       and Idier ("Algorithms for nonnegative matrix factorization with the beta-divergence",
   *       Neural Computation 23(9), 2011): with {@code Y = WH + eps}, {@code H <- H .* ((W'(V .*
   *       Y^(beta-2))) ./ (W'Y^(beta-1) + eps))^gamma} and likewise for W, {@code gamma} 1 for
   *       beta in {@code [1, 2]}, else {@code 1 / (2 - beta)} or {@code 1 / (beta - 1)}.
   * </ul>
   *
   * <p>{@code eps} is {@link Nmf.Builder#epsilon}.
   */
  MULTIPLICATIVE_UPDATE,
  /**
   * Hierarchical alternating least squares (Cichocki and Phan 2009), {@link Loss#FROBENIUS}
   * only, with Gillis and Glineur's (2012) repeated inner sweeps (per half-iteration at most
   * {@code 1 + rho / 2} sweeps, {@code rho} the products' cost over a sweep's, stopping once a
   * sweep changes the factor by at most a tenth of what the first changed): each row of H, then
   * each column of W, is set to its exact non-negative least-squares value with the others fixed,
   * {@code H[c,:] = max(f, H[c,:] + ((W'V)[c,:] - (W'W)[c,:] H) / (W'W)[c,c])} and
   * {@code W[:,c] = max(f, W[:,c] + ((VH')[:,c] - W (HH')[:,c]) / (HH')[c,c])} with a tiny floor
   * {@code f > 0}. It reaches a given error in far fewer iterations than the multiplicative
   * updates, and the loss never increases. With one sweep it is scikit-learn's
   * {@code NMF(solver='cd')}, but its convergence test is {@link Nmf}'s loss test (its initial
   * value capped at {@code ||V||}), for the fit and for {@link NmfModel#transform} (which starts
   * W at {@code sqrt(mean(x) / k)}), where cd stops on its projected gradient (and its transform
   * starts W at 0): iteration counts differ from cd's, and a transform can stop farther from the
   * least-squares W. Choosing it with {@link Loss#KULLBACK_LEIBLER} is an {@link
   * IllegalArgumentException} when the configuration is built.
   */
  HALS
}
