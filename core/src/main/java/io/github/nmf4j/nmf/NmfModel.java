package io.github.nmf4j.nmf;

import io.github.nmf4j.internal.Arguments;
import io.github.nmf4j.internal.Parallel;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.linalg.access.SparseAccess;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A fitted factorization {@code V ~ WH}: the factors, how well they reconstruct V, how the fit
 * went, and the operations that use the factors on new data. Immutable and safe to share between
 * threads; every array it returns is a fresh copy.
 *
 * <p><b>Threads.</b> {@link #transform} and {@link #inverseTransform} use up to {@code
 * settings().threads()} threads: the calling thread and helpers from the shared pool, or from
 * the {@link Executor} given to their overloads. The model keeps no executor and no listener,
 * only the data-only {@link #settings()} record; results do not depend on the threads.
 */
public final class NmfModel {

  private final NmfSettings settings;
  private final Initialization initialization;
  private final Matrix w;
  private final Matrix h;
  private final double reconstructionError;
  private final double relativeError;
  private final int iterations;
  private final boolean converged;
  private final double[] lossHistory;
  private final int restart;
  /** How {@link #transform} solves W: as the estimator that made this model. */
  private final RowSolver rowSolver;

  NmfModel(NmfSettings settings, Initialization initialization, Matrix w, Matrix h,
      double reconstructionError, double relativeError, int iterations, boolean converged,
      double[] lossHistory, int restart) {
    this(settings, initialization, w, h, reconstructionError, relativeError, iterations,
        converged, lossHistory, restart, RowSolver.FIT);
  }

  NmfModel(NmfSettings settings, Initialization initialization, Matrix w, Matrix h,
      double reconstructionError, double relativeError, int iterations, boolean converged,
      double[] lossHistory, int restart, RowSolver rowSolver) {
    this.settings = settings;
    this.initialization = initialization;
    this.w = w;
    this.h = h;
    this.reconstructionError = reconstructionError;
    this.relativeError = relativeError;
    this.iterations = iterations;
    this.converged = converged;
    this.lossHistory = lossHistory;
    this.restart = restart;
    this.rowSolver = rowSolver;
  }

  /** The settings this model was fitted with (seed included; no executor or listener). */
  public NmfSettings settings() {
    return settings;
  }

  /** The initialization used (the default rule resolved); empty for custom initial factors. */
  public Optional<Initialization> initialization() {
    return Optional.ofNullable(initialization);
  }

  /** W, {@code n x k}: the weights of the components for each row of V. */
  public Matrix w() {
    return w;
  }

  /** H, {@code k x p}: the components, one per row. */
  public Matrix h() {
    return h;
  }

  /** The number of components k. */
  public int rank() {
    return h.rows();
  }

  /**
   * The final loss, computed exactly from the final factors (WH formed block by block): {@code
   * ||V - WH||_F} for {@link Loss#FROBENIUS} (scikit-learn's {@code reconstruction_err_}), the
   * generalized divergence {@code D(V || WH)} for {@link Loss#KULLBACK_LEIBLER} (scikit-learn
   * reports {@code sqrt(2 D)}). In the divergence, {@code (WH)_ij} is replaced by {@code
   * max((WH)_ij, epsilon)} inside the logarithm.
   */
  public double reconstructionError() {
    return reconstructionError;
  }

  /**
   * {@code ||V - WH||_F / ||V||_F} whatever the loss (0 when V is all zeros); with {@link
   * MissingValues#IGNORE} both norms, and {@link #reconstructionError()}, run over the observed
   * entries only.
   */
  public double relativeError() {
    return relativeError;
  }

  /** The iterations run by the kept restart. */
  public int iterations() {
    return iterations;
  }

  /**
   * Whether the kept restart met the convergence test before {@link
   * NmfSettings#maxIterations()} ran out; always false with tolerance 0.
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The losses of the kept restart, in the units of {@link #reconstructionError()}: element 0 is
   * the initial loss, element j the loss after iteration {@code j * checkEvery}. These use the
   * fast formulas of the solver (for Frobenius the trace identity {@code ||V||^2 - 2 tr(H'W'V) +
   * tr(W'W HH')}), so the last one may differ from {@link #reconstructionError()} by rounding.
   */
  public double[] lossHistory() {
    return lossHistory.clone();
  }

  /** Which restart was kept, from 0. */
  public int restart() {
    return restart;
  }

  /**
   * W for new rows with H fixed: the fit's solver and loss update W alone, from a constant start
   * {@code sqrt(mean(x) / k)}, with the fit's iteration limit and convergence test (scikit-learn's
   * {@code NMF.transform}). {@code x} is read in place, never modified. For rows far from the
   * scale of H (x's largest entry more than about {@code 2^16} times larger or smaller than the
   * square of H's), H and the start are rescaled by a power of two to x's scale, so that without
   * penalties {@code transform(c x)} is {@code c transform(x)}, up to about an ulp, however far c
   * is from 1.
   *
   * <p><b>Mini-batch models.</b> For a model of a {@link MiniBatchNmf} fit or of an {@link
   * OnlineNmf}, W is solved as scikit-learn's {@code MiniBatchNMF.transform} does: the
   * mini-batch W update, stopped when W's relative change is at most the tolerance (checked
   * after every update) or after {@code transformMaxIterations} updates, on x as given unless
   * its largest value is beyond what that arithmetic survives (see {@link MiniBatchNmf}).
   *
   * <p><b>Missing values.</b> For a model fitted with {@link MissingValues#IGNORE}, a NaN entry
   * of {@code x} is unobserved: each row's W minimizes the loss over that row's observed
   * entries plus the fit's W penalties, with H fixed (the fold-in of a new user with a few
   * ratings). It runs the W half of the fit's masked update, from {@code sqrt(m / k)} with
   * {@code m} the mean of the observed entries, with the fit's iteration limit and convergence
   * test; {@link #inverseTransform}, {@code W H}, then predicts the unobserved entries. A row
   * with no observed entry gets what the fit gives such a row: a zero row, or with {@link
   * Solver#HALS} its floor (about {@code 1e-16} times the data's scale; 0 with an L1 penalty on
   * W, or when no entry of {@code x} is observed), so it is predicted as about 0. An {@code x}
   * without NaN is transformed exactly as by a model fitted with {@link MissingValues#REJECT},
   * which rejects NaN.
   *
   * @throws IllegalArgumentException if {@code x} is null or empty, does not have {@code p}
   *     columns, or holds a negative or infinite value, or a NaN unless the model was fitted
   *     with {@link MissingValues#IGNORE} (the message names its row, column and value), or a
   *     zero when the model's beta is {@code <= 0} (the message names its row and column)
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  public Matrix transform(Matrix x) {
    return transform(x, null);
  }

  /**
   * {@link #transform(Matrix)} with its helper threads run by {@code executor} (null: the shared
   * pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #transform(Matrix)}
   * @throws java.util.concurrent.CancellationException as {@link #transform(Matrix)}
   */
  public Matrix transform(Matrix x, Executor executor) {
    return Parallel.using(executor, () -> rowSolver.solve(this, x));
  }

  /**
   * As {@link #transform(Matrix)} for a sparse {@code x}, never densified (see {@link
   * Nmf#fit(SparseMatrix)}). For a model fitted with {@link MissingValues#IGNORE} only the
   * stored entries of {@code x} are observed, as in the sparse fit: the result is that of the
   * dense {@code x} with NaN where nothing is stored, up to rounding.
   *
   * @throws IllegalArgumentException if {@code x} is null or empty, does not have {@code p}
   *     columns, or stores a negative value (the message names its row, column and value), or
   *     has a zero, stored or not, when the model's beta is {@code <= 0} (the message names its
   *     row and column)
   * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
   */
  public Matrix transform(SparseMatrix x) {
    return transform(x, null);
  }

  /**
   * {@link #transform(SparseMatrix)} with its helper threads run by {@code executor} (null: the
   * shared pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #transform(SparseMatrix)}
   * @throws java.util.concurrent.CancellationException as {@link #transform(SparseMatrix)}
   */
  public Matrix transform(SparseMatrix x, Executor executor) {
    return Parallel.using(executor, () -> rowSolver.solve(this, x));
  }

  /**
   * {@code w H}: the reconstruction of the rows whose weights are {@code w} ({@code m x k}).
   *
   * @throws IllegalArgumentException if {@code w} is null or does not have k columns
   */
  public Matrix inverseTransform(Matrix w) {
    return inverseTransform(w, null);
  }

  /**
   * {@link #inverseTransform(Matrix)} with its helper threads run by {@code executor} (null: the
   * shared pool); the result is the same.
   *
   * @throws IllegalArgumentException as {@link #inverseTransform(Matrix)}
   */
  public Matrix inverseTransform(Matrix w, Executor executor) {
    Arguments.requireNonNull(w, "w");
    if (w.cols() != rank()) {
      throw new IllegalArgumentException(
          "w must have " + Phrases.count(rank(), "column") + " (the rank), was " + w.shape());
    }
    return Parallel.using(executor, () -> w.multiply(h, settings.threads()));
  }

  /**
   * A copy of {@code v} with each NaN entry replaced by the corresponding entry of {@code WH}:
   * the model's prediction of the unobserved entries of a fit with {@link
   * MissingValues#IGNORE}. The other entries are copied unchanged; {@code v} is not modified.
   * For new rows {@code x} with NaN entries: {@code inverseTransform(transform(x))}.
   *
   * @throws IllegalArgumentException if {@code v} is null, its shape is not the model's {@code n
   *     x p}, or it holds a negative or infinite value (the message names its row, column and
   *     value, as {@link #transform(Matrix)}'s; NaN is what is filled)
   */
  public Matrix impute(Matrix v) {
    Arguments.requireNonNull(v, "v");
    requireFittedShape(v.rows(), v.cols(), v.shape());
    int n = w.rows();
    int p = h.cols();
    int k = rank();
    double[] a = v.toRowMajorArray();
    double[] wa = MatrixAccess.data(w);
    double[] ha = MatrixAccess.data(h);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        double x = a[i * p + j];
        if (!Double.isNaN(x) && !(x >= 0 && x <= Double.MAX_VALUE)) {
          // a is a copy: v stays as it was
          throw new IllegalArgumentException(ScaledData.describeBadAt("v", x, i, j));
        }
        if (Double.isNaN(x)) {
          double s = 0;
          for (int c = 0; c < k; c++) {
            s += wa[i * k + c] * ha[c * p + j];
          }
          a[i * p + j] = s;
        }
      }
    }
    return Matrix.wrap(n, p, a);
  }

  /**
   * The dense completion of the sparse {@code v}: its stored entries unchanged, every unstored
   * entry replaced by the corresponding entry of {@code WH}. This is {@link #impute(Matrix)}
   * for the ratings case, a fit of a {@link SparseMatrix} with {@link MissingValues#IGNORE},
   * where the unstored entries are the missing ones; {@code v} is not modified. {@code WH} is
   * formed by the blocked product on the model's threads, and the result is the only dense
   * {@code n x p} array allocated.
   *
   * @throws IllegalArgumentException if {@code v} is null, its shape is not the model's {@code n
   *     x p}, it stores a negative value (the message names its row, column and value, as
   *     {@link #transform(SparseMatrix)}'s), or {@code n x p} is more values than a Java array
   *     holds
   */
  public Matrix impute(SparseMatrix v) {
    Arguments.requireNonNull(v, "v");
    requireFittedShape(v.rows(), v.cols(), v.shape());
    int n = w.rows();
    int p = h.cols();
    int[] pointers = SparseAccess.rowPointers(v); // read only
    int[] columns = SparseAccess.columnIndices(v);
    double[] values = SparseAccess.values(v);
    for (int i = 0; i < n; i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (values[q] < 0) { // stored values are finite
          throw new IllegalArgumentException(ScaledData.describeBadAt("v", values[q], i,
              columns[q]));
        }
      }
    }
    if ((long) n * p > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("impute: the dense " + n + "x" + p + " completion would"
          + " have " + (long) n * p + " values, more than a Java array holds; predict the"
          + " entries you need from w() and h() instead");
    }
    Matrix completed = w.multiply(h, settings.threads());
    // a new matrix no caller has seen yet: its stored entries are set in place
    double[] a = MatrixAccess.data(completed);
    for (int i = 0; i < n; i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        a[i * p + columns[q]] = values[q];
      }
    }
    return completed;
  }

  /**
   * Checks that an argument of {@code impute} has the shape of the data the model was fitted
   * on, {@code n x p}.
   *
   * @throws IllegalArgumentException naming both shapes if it does not
   */
  private void requireFittedShape(int rows, int cols, String shape) {
    if (rows != w.rows() || cols != h.cols()) {
      throw new IllegalArgumentException("v must be " + w.rows() + "x" + h.cols()
          + " (the shape of the data the model was fitted on), was " + shape);
    }
  }

  /**
   * The cluster of each row of V: the index of the largest entry of its row of W (the first
   * one on ties; 0 for a zero row).
   */
  public int[] clusterLabels() {
    double[] a = MatrixAccess.data(w);
    int k = rank();
    int[] labels = new int[w.rows()];
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (a[i * k + j] > a[i * k + best]) {
          best = j;
        }
      }
      labels[i] = best;
    }
    return labels;
  }

  @Override
  public String toString() {
    return "NmfModel[" + w.rows() + "x" + h.cols() + ", rank " + rank() + ", "
        + settings.loss() + ", reconstructionError " + reconstructionError + ", relativeError "
        + relativeError + ", iterations " + iterations + (converged ? ", converged" : "") + "]";
  }
}
