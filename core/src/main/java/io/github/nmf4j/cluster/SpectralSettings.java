package io.github.nmf4j.cluster;

/**
 * The settings of a {@link SpectralClustering}, as validated by its builder: every value that
 * determines a fit's result, and nothing about how it runs besides {@code threads} (no executor,
 * no listener). {@link SpectralModel#settings()} keeps the record of the fit it came from. See
 * {@link SpectralClustering.Builder} for what each value means and its default.
 *
 * @param clusters the number of clusters, also the width of the embedding
 * @param affinity the affinity graph
 * @param gamma the RBF kernel's coefficient (used with {@link Affinity#RBF})
 * @param neighbors neighbours per point, itself included (used with {@link
 *     Affinity#NEAREST_NEIGHBORS})
 * @param labelAssignment how labels are drawn from the embedding
 * @param eigenTolerance the eigensolver's stopping residual
 * @param maxEigenIterations the eigensolver's iteration limit
 * @param seed the seed every random stream of a fit derives from
 * @param threads the most threads a fit uses (results do not depend on it)
 */
public record SpectralSettings(int clusters, Affinity affinity, double gamma, int neighbors,
    LabelAssignment labelAssignment, double eigenTolerance, int maxEigenIterations, long seed,
    int threads) {

  @Override
  public String toString() {
    return "SpectralClustering[clusters=" + clusters + ", affinity=" + affinity
        + (affinity == Affinity.RBF ? ", gamma=" + gamma : ", neighbors=" + neighbors)
        + ", labelAssignment=" + labelAssignment + ", eigenTolerance=" + eigenTolerance
        + ", maxEigenIterations=" + maxEigenIterations + ", seed=" + seed + ", threads="
        + threads + "]";
  }
}
