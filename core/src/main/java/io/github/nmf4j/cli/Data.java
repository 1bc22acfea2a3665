package io.github.nmf4j.cli;

import io.github.nmf4j.cluster.KMeans;
import io.github.nmf4j.cluster.KMeansModel;
import io.github.nmf4j.cluster.MiniBatchKMeans;
import io.github.nmf4j.internal.DistinctRows;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.linalg.access.MatrixAccess;
import io.github.nmf4j.linalg.access.SparseAccess;
import io.github.nmf4j.metrics.Inertia;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.ConsensusResult;
import io.github.nmf4j.nmf.MiniBatchNmf;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.NmfModel;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.nmf.RankSelectionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A data file as a command reads it: a sparse file ({@code .npz}, {@code .mtx}, {@code .mtx.gz})
 * stays a {@link SparseMatrix}, any other becomes a dense {@link Matrix}; both checked by
 * {@link Preflight#data}.
 */
final class Data {

  private final Matrix dense;
  private final SparseMatrix sparse;

  private Data(Matrix dense, SparseMatrix sparse) {
    this.dense = dense;
    this.sparse = sparse;
  }

  /** What a NaN entry of a dense file is to the command that reads it. */
  enum Nan {
    /** An error. */
    ERROR,
    /** An error whose message names {@code --missing ignore}, which the command takes. */
    ERROR_NAMING_IGNORE,
    /** A missing value. */
    MISSING
  }

  /** Reads and checks {@code input}; {@code why} names what needs the data, for messages. */
  static Data read(Path input, boolean nonNegative, String why) throws IOException {
    return read(input, nonNegative, Nan.ERROR, why);
  }

  /**
   * Reads and checks {@code input}; with {@link Nan#MISSING} NaN entries of a dense file pass
   * as missing values ({@link Preflight#data(String, Matrix, boolean, Nan, String)}), and the
   * unstored entries of a sparse file are missing, so it must store one.
   */
  static Data read(Path input, boolean nonNegative, Nan nan, String why) throws IOException {
    boolean nanMissing = nan == Nan.MISSING;
    if (MatrixIo.isSparseFormat(input)) {
      SparseMatrix s = MatrixIo.readSparse(input);
      Preflight.data(input.toString(), s, nonNegative, why);
      if (nanMissing && s.nonZeros() == 0) {
        throw new IllegalArgumentException(input + " stores no entry (a " + s.shape()
            + " sparse matrix); with --missing ignore only the stored entries are observed,"
            + " so " + why + " has nothing to fit (leave --missing out to fit zeros)");
      }
      return new Data(null, s);
    }
    Matrix m = MatrixIo.read(input);
    Preflight.data(input.toString(), m, nonNegative, nan, why);
    return new Data(m, null);
  }

  /** Dense data that a command has already read and checked. */
  static Data of(Matrix dense) {
    return new Data(dense, null);
  }

  /** The observed entries: those not NaN of a dense file, the stored ones of a sparse file. */
  long observed() {
    return dense != null ? MatrixAccess.notNaN(dense).length : sparse.nonZeros();
  }

  /** The stored values of a sparse file, -1 for a dense one. */
  long stored() {
    return sparse != null ? sparse.nonZeros() : -1;
  }

  int rows() {
    return dense != null ? dense.rows() : sparse.rows();
  }

  int cols() {
    return dense != null ? dense.cols() : sparse.cols();
  }

  String shape() {
    return dense != null ? dense.shape() : sparse.shape() + " sparse, " + sparse.nonZeros()
        + " stored";
  }

  /**
   * The row and column (0-based) of the first zero in row-major order, an entry a sparse file
   * does not store included; null when every entry is positive.
   */
  int[] firstZero() {
    // the live arrays, read only: SparseMatrix's own accessors copy them at every call
    int[] pointers = sparse == null ? null : SparseAccess.rowPointers(sparse);
    int[] columns = sparse == null ? null : SparseAccess.columnIndices(sparse);
    double[] values = sparse == null ? null : SparseAccess.values(sparse);
    for (int i = 0; i < rows(); i++) {
      if (dense != null) {
        double[] row = dense.row(i);
        for (int j = 0; j < row.length; j++) {
          if (row[j] == 0) {
            return new int[] {i, j};
          }
        }
        continue;
      }
      int expected = 0;
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (columns[q] != expected || values[q] == 0) {
          return new int[] {i, columns[q] != expected ? expected : columns[q]};
        }
        expected++;
      }
      if (expected < cols()) {
        return new int[] {i, expected};
      }
    }
    return null;
  }

  /**
   * The number of distinct rows, counting at most {@code limit}, as k-means compares them
   * ({@link DistinctRows}). A sparse row is its non-zero entries.
   */
  int distinctRows(int limit) {
    if (dense != null) {
      return DistinctRows.count(MatrixAccess.data(dense), dense.rows(), dense.cols(), limit);
    }
    int[] pointers = SparseAccess.rowPointers(sparse);
    int[] columns = SparseAccess.columnIndices(sparse);
    double[] values = SparseAccess.values(sparse);
    return DistinctRows.count(rows(), limit, i -> {
      double[] entries = new double[2 * (pointers[i + 1] - pointers[i])];
      int e = 0;
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (values[q] != 0) {
          entries[e++] = columns[q];
          entries[e++] = values[q];
        }
      }
      return Arrays.copyOf(entries, e);
    });
  }

  /**
   * The rows as a dense matrix, for a method that takes only dense rows: the matrix of a dense
   * file, or a dense copy of a sparse one, checked by {@link Preflight#denseCopy} first.
   *
   * @param file the file read, for messages
   * @param why what needs it dense ("--method spectral")
   * @param instead what to use instead if it does not fit
   */
  Matrix dense(String file, String why, String instead) {
    if (dense != null) {
      return dense;
    }
    Preflight.denseCopy(file, sparse.rows(), sparse.cols(), why, instead);
    return sparse.toDense();
  }

  /**
   * Checks, before the fit, that {@link #imputed} can build its result: for a sparse file, its
   * dense completion, by {@link Preflight#denseCopy}. A dense file is already in memory, and a
   * fit with missing values copies it twice itself ({@code docs/missing-values.md}), so one more
   * copy afterwards fits.
   *
   * @param file the file read, for messages
   * @param why what needs it dense ("--out-imputed")
   * @param instead what to do instead if it does not fit
   */
  void checkImputed(String file, String why, String instead) {
    if (sparse != null) {
      Preflight.denseCopy(file, sparse.rows(), sparse.cols(), why, instead);
    }
  }

  /**
   * The data with each missing entry replaced by the model's prediction, {@link
   * NmfModel#impute}: the NaN entries of a dense file, the unstored entries of a sparse one.
   */
  Matrix imputed(NmfModel model) {
    return dense != null ? model.impute(dense) : model.impute(sparse);
  }

  NmfModel fit(Nmf nmf) {
    return dense != null ? nmf.fit(dense) : nmf.fit(sparse);
  }

  NmfModel fit(MiniBatchNmf miniBatch) {
    return dense != null ? miniBatch.fit(dense) : miniBatch.fit(sparse);
  }

  RankSelectionResult fit(RankSelection selection) {
    return dense != null ? selection.fit(dense) : selection.fit(sparse);
  }

  ConsensusResult fit(Consensus consensus) {
    return dense != null ? consensus.fit(dense) : consensus.fit(sparse);
  }

  KMeansModel fit(KMeans kMeans) {
    return dense != null ? kMeans.fit(dense) : kMeans.fit(sparse);
  }

  KMeansModel fit(MiniBatchKMeans miniBatch) {
    return dense != null ? miniBatch.fit(dense) : miniBatch.fit(sparse);
  }

  /** The k-means objective of {@code labels} (in {@code [0, k)}) on these rows. */
  double inertia(int[] labels, int k) {
    return dense != null ? Inertia.of(dense, labels) : sparseInertia(labels, k);
  }

  /**
   * {@link Inertia} of sparse rows from their stored entries only: per cluster
   * {@code sum_i |x_i|^2 - |sum_i x_i|^2 / count}.
   */
  private double sparseInertia(int[] labels, int k) {
    int d = sparse.cols();
    int[] pointers = SparseAccess.rowPointers(sparse);
    int[] columns = SparseAccess.columnIndices(sparse);
    double[] values = SparseAccess.values(sparse);
    double[] sums = new double[k * d];
    double[] squares = new double[k];
    int[] counts = new int[k];
    for (int i = 0; i < labels.length; i++) {
      int c = labels[i];
      counts[c]++;
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        sums[c * d + columns[q]] += values[q];
        squares[c] += values[q] * values[q];
      }
    }
    double inertia = 0;
    for (int c = 0; c < k; c++) {
      if (counts[c] == 0) {
        continue;
      }
      double norm = 0;
      for (int j = c * d; j < (c + 1) * d; j++) {
        norm += sums[j] * sums[j];
      }
      inertia += Math.max(0, squares[c] - norm / counts[c]);
    }
    return inertia;
  }

  /** Adds {@code "storedValues"} for sparse data. */
  void describe(Json json) {
    if (sparse != null) {
      json.put("storedValues", sparse.nonZeros());
    }
  }
}
