package io.github.nmf4j.estimator;

import java.util.OptionalDouble;

/**
 * The state of a fit after one step, handed to a {@link ProgressListener}; the same type for
 * every estimator of the library. A step is what the estimator repeats: an iteration of NMF or
 * k-means, a merge of agglomerative clustering, a stage of PCA (centring, then the SVD).
 * Calling {@link #cancel()} stops the fit, whose {@code fit} then throws {@link
 * java.util.concurrent.CancellationException} and returns no model.
 *
 * <table class="striped">
 *   <caption>What each estimator reports</caption>
 *   <thead><tr><th>estimator</th><th>step</th><th>{@link #loss()}</th><th>{@link #change()}
 *   </th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code Nmf}</td><td>iteration</td><td>the loss in the units of {@code
 *       NmfModel.reconstructionError()}, every {@code checkEvery} iterations</td><td>empty</td>
 *   </tr>
 *   <tr><td>{@code KMeans}</td><td>Lloyd iteration</td><td>the inertia at the iteration's
 *       assignment step (never increases within a restart, up to rounding; see {@code
 *       KMeans})</td><td>the summed squared distance the centroids moved</td></tr>
 *   <tr><td>{@code MiniBatchKMeans}</td><td>batch step</td><td>the mean squared distance of
 *       the step's batch to the centroids before the step</td><td>the summed squared distance
 *       the centroids moved</td></tr>
 *   <tr><td>{@code MiniBatchNmf}</td><td>batch step</td><td>the step's batch cost</td><td>the
 *       relative change of H</td></tr>
 *   <tr><td>{@code Agglomerative}</td><td>merge</td><td>empty</td><td>empty</td></tr>
 *   <tr><td>{@code SpectralClustering}</td><td>the affinity graph (1), each eigensolver
 *       iteration, the labels (last)</td><td>the largest residual norm of the wanted
 *       eigenvectors, at eigensolver iterations</td><td>empty</td></tr>
 *   <tr><td>{@code Segmentation}</td><td>its k-means fit's Lloyd iteration</td><td>as
 *       {@code KMeans}</td><td>as {@code KMeans}</td></tr>
 *   <tr><td>{@code Pca}</td><td>stage (2)</td><td>empty</td><td>empty</td></tr>
 *   <tr><td>{@code RankSelection}</td><td>fit of one rank (restart: the repeat)</td><td>the
 *       fit's held-out error</td><td>empty</td></tr>
 *   <tr><td>{@code Consensus}</td><td>fit of one run</td><td>the fit's reconstruction
 *       error</td><td>empty</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Each {@code Progress} is an immutable snapshot of one step, except {@link #isCancelled()},
 * which tells whether the fit it belongs to has been cancelled.
 */
public interface Progress {

  /** The step just finished, from 1 to {@link #maxIterations()}. */
  int iteration();

  /** The most steps this restart may run. */
  int maxIterations();

  /** Which restart is running, from 0 to {@link #restarts()} - 1 (always 0 without restarts). */
  int restart();

  /** How many restarts the fit runs (1 without restarts). */
  int restarts();

  /** The objective after this step, when the estimator computed it; see the table above. */
  OptionalDouble loss();

  /** How far the model moved in this step, when the estimator measures it. */
  OptionalDouble change();

  /**
   * Asks the fit to stop: it ends after this listener call returns (or, if called later from
   * another thread, after the step then running) and {@code fit} throws {@link
   * java.util.concurrent.CancellationException}.
   */
  void cancel();

  /** Whether {@link #cancel()} was called during this fit. */
  boolean isCancelled();
}
