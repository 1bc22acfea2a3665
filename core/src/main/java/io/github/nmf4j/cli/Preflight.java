package io.github.nmf4j.cli;

import io.github.nmf4j.cluster.Affinity;
import io.github.nmf4j.cluster.Agglomerative;
import io.github.nmf4j.cluster.Linkage;
import io.github.nmf4j.cluster.SpectralClustering;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.Initialization;
import java.util.Locale;

/**
 * The one place where a command's options are checked against its data, after reading and
 * before any work, so that nothing absurd reaches a solver: the data is not empty, finite (and
 * non-negative for NMF), the rank or number of clusters fits the data and the heap, and the
 * thread count is bounded. Messages name the file, count rows and columns from 1 as a user
 * does, and say what was expected.
 */
final class Preflight {

  /** Threads beyond this many per processor only cost memory and switching. */
  static final int THREADS_PER_PROCESSOR = 4;
  /** The thread cap on small machines: enough for any test of thread-count independence. */
  static final int MIN_THREAD_CAP = 64;

  /**
   * How much more heap than its live arrays a k-means fit is given before a smaller {@code --k}
   * is suggested as fitting: G1 wants room beyond them, more where large arrays must each find
   * contiguous regions (the smallest {@code -Xmx} at which sparse and dense k-means and
   * mini-batch fits of 20,000 to 5,000,000 columns ran was 1.03 to 1.28 times the input and
   * {@link KMeansMemory}'s count).
   */
  static final double HEADROOM = 1.3;

  private Preflight() {}

  /** The most threads a command accepts on this machine. */
  static int maxThreads() {
    return Math.max(MIN_THREAD_CAP,
        THREADS_PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
  }

  /**
   * The {@code --threads} option: 1 to {@link #maxThreads()}, all processors by default.
   *
   * @throws UsageException if it is out of range
   */
  static int threads(Args args) {
    int processors = Runtime.getRuntime().availableProcessors();
    return args.integer("threads", processors, 1, maxThreads(), " (the larger of "
        + MIN_THREAD_CAP + " and " + THREADS_PER_PROCESSOR + " per processor; this machine has "
        + PrintOut.count(processors, "processor") + ")");
  }

  /**
   * Checks that {@code data}, read from {@code file}, has at least one row and one column and
   * only finite values; with {@code nonNegative}, no negative value either.
   *
   * @param why what needs it, for the message ("NMF", "k-means")
   * @throws IllegalArgumentException naming the file, the 1-based row and column and the value
   */
  static void data(String file, Matrix data, boolean nonNegative, String why) {
    data(file, data, nonNegative, Data.Nan.ERROR, why);
  }

  /**
   * As {@link #data(String, Matrix, boolean, String)}, but with {@link Data.Nan#MISSING} a NaN
   * entry is a missing value and passes (for the commands that fit with {@code
   * MissingValues.IGNORE}); infinite and, with {@code nonNegative}, negative values are still
   * errors, and so is a matrix with no value that is not NaN. With {@link
   * Data.Nan#ERROR_NAMING_IGNORE} the error for a NaN names {@code --missing ignore}.
   *
   * @throws IllegalArgumentException naming the file, the 1-based row and column and the value
   */
  static void data(String file, Matrix data, boolean nonNegative, Data.Nan nan, String why) {
    boolean nanMissing = nan == Data.Nan.MISSING;
    if (data.rows() == 0 || data.cols() == 0) {
      throw new IllegalArgumentException(file + " holds no values (a " + data.shape()
          + " matrix); " + why + " needs at least one row and one column");
    }
    boolean observed = false;
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0; j < data.cols(); j++) {
        double v = data.get(i, j);
        if (nanMissing && Double.isNaN(v)) {
          continue;
        }
        observed = true;
        if (!Double.isFinite(v) || nonNegative && v < 0) {
          throw new IllegalArgumentException(file + ": " + (Double.isNaN(v) ? "NaN"
              : (v < 0 && Double.isFinite(v) ? "negative value " : "infinite value ") + v)
              + " at row " + (i + 1) + ", column " + (j + 1) + " (counting from 1); " + why
              + " needs " + (nonNegative ? "finite values >= 0" : "finite values")
              + (nanMissing ? " (NaN marks a missing value)" : "")
              + (Double.isNaN(v) && nan == Data.Nan.ERROR_NAMING_IGNORE ? "; if NaN marks a"
                  + " missing value, --missing ignore leaves it out of the fit" : ""));
        }
      }
    }
    if (!observed) {
      throw new IllegalArgumentException(file + ": every value is NaN, a missing value; " + why
          + " needs at least one value that is not");
    }
  }

  /**
   * As {@link #data(String, Matrix, boolean, String)} for a sparse matrix, whose stored values
   * are finite by construction: at least one row and column, and with {@code nonNegative} no
   * negative stored value.
   *
   * @throws IllegalArgumentException naming the file, the 1-based row and column and the value
   */
  static void data(String file, SparseMatrix data, boolean nonNegative, String why) {
    if (data.rows() == 0 || data.cols() == 0) {
      throw new IllegalArgumentException(file + " holds no values (a " + data.shape()
          + " matrix); " + why + " needs at least one row and one column");
    }
    if (!nonNegative) {
      return;
    }
    int[] pointers = data.rowPointers();
    int[] columns = data.columnIndices();
    double[] values = data.values();
    for (int i = 0; i < data.rows(); i++) {
      for (int q = pointers[i]; q < pointers[i + 1]; q++) {
        if (values[q] < 0) {
          throw new IllegalArgumentException(file + ": negative value " + values[q] + " at row "
              + (i + 1) + ", column " + (columns[q] + 1) + " (counting from 1); " + why
              + " needs finite values >= 0");
        }
      }
    }
  }

  /**
   * Checks an NMF rank against a {@code rows x cols} matrix: at most {@code rows * cols}
   * components (more than there are numbers cannot describe them better; rank min(rows, cols)
   * already fits any matrix exactly), and the factors W, H, the products W'V, VH' and the two
   * k x k Gram matrices, which every solver holds, must fit in the memory Java may still use.
   *
   * @param option the option that set it, for the message ("--rank", "--k")
   * @throws IllegalArgumentException if the rank is too large, with the largest one allowed
   */
  static void rank(String option, int rank, String file, long rows, long cols) {
    if (rank > rows * cols) {
      throw new IllegalArgumentException(option + " " + rank + " is more than the " + rows
          + " x " + cols + " = " + PrintOut.count(rows * cols, "value") + " of " + file
          + "; a rank of at most "
          + "min(rows, cols) = " + Math.min(rows, cols) + " already fits it exactly");
    }
    double k = rank;
    double bytes = 8 * (2 * rows * k + 2 * k * cols + 2 * k * k);
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (bytes > free) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %d is too large for"
          + " the %dx%d matrix of %s: the factors and k x k products alone need %s, and Java"
          + " may use %s more (-Xmx); a rank of at most min(rows, cols) = %d already fits the"
          + " data exactly", option, rank, rows, cols, file, gigabytes(bytes),
          gigabytes(free), Math.min(rows, cols)));
    }
  }

  /**
   * Checks that an SVD-based start ({@code --init nndsvd}, {@code nndsvda}, {@code nndsvdar})
   * suits the rank: it needs a rank of at most min(rows, cols) of the {@code rows x cols}
   * matrix of {@code file}. Without {@code --init} ({@code init} null) the library chooses a
   * start that suits any rank.
   *
   * @param option the option that set the rank, for the message ("--rank", "--ranks")
   * @throws UsageException naming {@code --init}, the rank option and the largest rank allowed
   */
  static void initialization(Initialization init, String option, int rank, String file,
      long rows, long cols) {
    if (init == null || init == Initialization.RANDOM || rank <= Math.min(rows, cols)) {
      return;
    }
    throw new UsageException("--init " + init.name().toLowerCase(Locale.ROOT) + " needs "
        + option + " <= min(rows, cols) = " + Math.min(rows, cols) + " for the " + rows + "x"
        + cols + " matrix of " + file + ", was " + rank + " (use --init random, or leave --init"
        + " out)");
  }

  /**
   * Refuses {@code --restarts R} with {@code R > 1} when the fit's start draws no random numbers
   * ({@code nndsvd}, {@code nndsvda}): the library then fits once, since every restart would be
   * the same fit, and the option would be accepted with no effect.
   *
   * @param init the start the fit uses when it is not the library's default ({@code --init},
   *     or the command's own default), or null for the library's: nndsvda when the rank is at
   *     most min(rows, cols), else random ({@code Initializer.choose})
   * @param instead what the user may do instead, for the message
   * @throws UsageException naming --restarts, the start and why it is the start
   */
  static void restarts(Args args, Initialization init, String option, int rank, String file,
      long rows, long cols, String instead) {
    if (!args.has("restarts") || args.integer("restarts", 1, 1) == 1) {
      return;
    }
    long smaller = Math.min(rows, cols);
    Initialization start = init != null ? init
        : rank <= smaller ? Initialization.NNDSVDA : Initialization.RANDOM;
    if (start != Initialization.NNDSVD && start != Initialization.NNDSVDA) {
      return;
    }
    String name = start.name().toLowerCase(Locale.ROOT);
    String which = init != null ? "--init " + name : "the default start, " + name + " (as "
        + option + " " + rank + " <= min(rows, cols) = " + smaller + " for the " + rows + "x"
        + cols + " matrix of " + file + ")";
    throw new UsageException("--restarts " + args.string("restarts", "").strip() + " has no"
        + " effect with " + which + ", which draws no random numbers: every restart would be"
        + " the same fit (" + instead + ")");
  }

  /**
   * Checks a PCA of the {@code rows x cols} matrix of {@code file}: at least 2 rows, whose
   * variance the components describe, and at most {@code min(rows, cols)} components (0: not
   * set, all of them).
   *
   * @param option the option that set the components, for the message ("--components")
   * @throws IllegalArgumentException naming the file, its shape and the largest number allowed
   */
  static void pca(String option, int components, String file, long rows, long cols) {
    if (rows < 2) {
      throw new IllegalArgumentException(file + " has " + rows + " row (a " + rows + "x" + cols
          + " matrix); PCA needs at least 2 rows (samples) to measure a variance");
    }
    long most = Math.min(rows, cols);
    if (components > most) {
      throw new IllegalArgumentException(option + " " + components + " is more than min(rows,"
          + " cols) = " + most + " of the " + rows + "x" + cols + " matrix of " + file
          + "; the centred data has at most that many principal components");
    }
  }

  /**
   * Checks a number of clusters or colours against the number of samples.
   *
   * @param sample what a sample is, singular, for the message ("row", "pixel")
   * @param where whose samples they are ("of x.csv")
   * @throws IllegalArgumentException if there are more clusters than samples
   */
  static void clusters(String option, int k, long samples, String sample, String where) {
    if (k > samples) {
      throw new IllegalArgumentException(option + " " + k + " is more than the "
          + PrintOut.count(samples, sample) + " " + where + "; each cluster needs at least one");
    }
  }

  /**
   * Checks a number of clusters or colours against the number of distinct samples, which
   * k-means needs at least one of per cluster.
   *
   * @param distinct the number of distinct samples, counted up to {@code k} ({@link
   *     io.github.nmf4j.internal.DistinctRows})
   * @param sample what a sample is, singular, for the message ("row", "colour")
   * @param where whose samples they are ("of x.csv")
   * @throws IllegalArgumentException if there are fewer distinct samples than clusters
   */
  static void distinctClusters(String option, int k, int distinct, String sample,
      String where) {
    if (distinct < k) {
      throw new IllegalArgumentException(option + " " + k + " is more than the "
          + PrintOut.count(distinct, "distinct " + sample) + " " + where
          + "; each cluster needs a different one");
    }
  }

  /**
   * Checks that a dense copy of the {@code rows x cols} sparse matrix of {@code file} fits in
   * one Java array and in the memory Java may still use, for a method that takes only dense
   * rows.
   *
   * @param why what needs it dense, for the message ("--method spectral")
   * @param instead what to use instead, for the message ("use --method kmeans, which keeps it
   *     sparse")
   * @throws IllegalArgumentException if it does not, saying how large it would be
   */
  static void denseCopy(String file, long rows, long cols, String why, String instead) {
    long values = rows * cols;
    String what = file + " is a " + rows + "x" + cols + " sparse matrix; " + why
        + " needs it dense";
    if (!inOneArray(rows, cols)) {
      throw new IllegalArgumentException(what + ", " + values + " values, more than a Java"
          + " array holds; " + instead);
    }
    memory(8.0 * values, what, instead);
  }

  /**
   * Checks the agglomerative clustering of the {@code rows} rows of {@code file} with {@code
   * linkage}: complete and average linkage hold the condensed distance matrix, {@code 4 n^2}
   * bytes, and accept at most {@link Agglomerative#MAX_DISTANCE_MATRIX_POINTS} points; ward and
   * single need no matrix.
   *
   * @throws IllegalArgumentException naming {@code --linkage}, the file, its rows and the limit
   */
  static void agglomerative(Linkage linkage, long rows, String file) {
    if (linkage != Linkage.COMPLETE && linkage != Linkage.AVERAGE) {
      return;
    }
    String option = "--linkage " + Options.name(linkage);
    String instead = "use --linkage ward or single, which need no distance matrix, or --method"
        + " kmeans";
    if (rows > Agglomerative.MAX_DISTANCE_MATRIX_POINTS) {
      throw new IllegalArgumentException(option + " holds an n x n distance matrix and accepts"
          + " at most " + Agglomerative.MAX_DISTANCE_MATRIX_POINTS + " rows, but " + file
          + " has " + rows + "; " + instead);
    }
    memory(8.0 * (rows * (rows - 1) / 2), option + " holds the distance matrix of the " + rows
        + " rows of " + file, instead);
  }

  /**
   * Checks the spectral clustering of the {@code rows} rows of {@code file}: the nearest-neighbours
   * graph needs fewer {@code neighbors} than rows; the RBF affinity holds an n x n matrix,
   * {@code 8 n^2} bytes, of at most {@link SpectralClustering#MAX_DENSE_POINTS} rows.
   *
   * @throws IllegalArgumentException naming the option, the file, its rows and the limit
   */
  static void spectral(Affinity affinity, int neighbors, long rows, String file) {
    if (affinity == Affinity.NEAREST_NEIGHBORS) {
      if (neighbors >= rows) {
        throw new IllegalArgumentException("--neighbors " + neighbors + " is not less than the "
            + PrintOut.count(rows, "row") + " of " + file + "; each row's neighbours (itself"
            + " included) must"
            + " leave out at least one other row");
      }
      return;
    }
    String instead = "use --affinity nearest-neighbors, which holds a sparse graph, or --method"
        + " kmeans";
    if (rows > SpectralClustering.MAX_DENSE_POINTS) {
      throw new IllegalArgumentException("--affinity rbf holds an n x n matrix and accepts at"
          + " most " + SpectralClustering.MAX_DENSE_POINTS + " rows, but " + file + " has "
          + rows + "; " + instead);
    }
    memory(8.0 * rows * rows, "--affinity rbf holds the n x n affinity of the " + rows
        + " rows of " + file, instead);
  }

  /**
   * Checks, before any fit runs, that the consensus of the {@code rows} rows of {@code file}
   * can hold its {@code n x n} arrays ({@link io.github.nmf4j.nmf.Consensus}: about {@code 32
   * n^2} bytes while it scores a rank), so that a long sweep does not run its fits and then end
   * out of memory.
   *
   * @param instead what to do instead, for the message
   * @throws IllegalArgumentException naming {@code --method consensus}, the file, its rows and
   *     the bytes
   */
  static void consensus(long rows, String file, String instead) {
    memory(32.0 * rows * rows, "--method consensus holds n x n matrices for the " + rows
        + " rows of " + file + " (about 32 n^2 bytes)", instead);
  }

  /**
   * Checks, before any work, that a k-means or mini-batch k-means fit of {@code k} clusters
   * fits in the memory Java may still use: its centroids, their working copies, the per-chunk
   * buffers and the rows by column that the library makes, as {@code need} counts them (for a
   * sparse file of many columns they reach gigabytes while the file is small).
   *
   * @param why the method, for the message ("k-means")
   * @throws IllegalArgumentException naming {@code --k}, the file, its shape, the bytes and a
   *     smaller {@code --k} that fits, if there is one
   */
  static void kMeans(int k, KMeansMemory need, String why, String file) {
    String instead = "give Java more with -Xmx";
    if (!fits(need.bytes(k))) {
      int smaller = smallerK(need, k, free());
      instead += smaller > 0 ? ", or use --k " + smaller + ", which fits" : " (--k 1 does not"
          + " fit either)";
    }
    memory(need.bytes(k), "--k " + k + " is too large for " + why + " of the " + need.rows()
        + "x" + need.cols() + (need.stored() >= 0 ? " sparse" : "") + " matrix of " + file
        + ": " + need.what(), instead);
  }

  /**
   * The largest number of clusters below {@code k} whose fit, {@link #HEADROOM} times {@code
   * need}, fits in {@code free} bytes, by bisection (the bytes rise with k but for the dense
   * per-chunk buffers, which shrink as their chunks do, so another smaller k may fit too); 0 if
   * none does.
   */
  static int smallerK(KMeansMemory need, int k, double free) {
    int low = 0;
    for (int high = k; high - low > 1; ) {
      int mid = (low + high) >>> 1;
      if (HEADROOM * need.bytes(mid) <= free) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /**
   * Whether {@link #denseCopy} accepts a dense copy of a {@code rows x cols} sparse matrix, for
   * a message that would suggest a method needing one.
   */
  static boolean denseCopyFits(long rows, long cols) {
    return inOneArray(rows, cols) && fits(8.0 * rows * cols);
  }

  /** Whether the {@code rows x cols} values of a dense copy fit in one Java array. */
  static boolean inOneArray(long rows, long cols) {
    return rows * cols <= Integer.MAX_VALUE - 8;
  }

  /**
   * Whether {@code --method consensus} takes {@code rows} rows: at least 2, at most {@link
   * Consensus#MAX_ROWS}, and {@link #consensus} accepts them; for a message that would suggest
   * it.
   */
  static boolean consensusFits(long rows) {
    return rows >= 2 && rows <= Consensus.MAX_ROWS && fits(32.0 * rows * rows);
  }

  /**
   * Checks that {@code bytes} fit in the memory Java may still use.
   *
   * @throws IllegalArgumentException saying "{@code what}: BYTES, and Java may use FREE more
   *     (-Xmx); {@code instead}"
   */
  private static void memory(double bytes, String what, String instead) {
    long free = free();
    if (bytes > free) {
      throw new IllegalArgumentException(what + ", " + gigabytes(bytes) + ", and Java may use "
          + gigabytes(free) + " more (-Xmx); " + instead);
    }
  }

  /** Whether {@code bytes} fit in the memory Java may still use, as {@link #memory} checks. */
  private static boolean fits(double bytes) {
    return bytes <= free();
  }

  /** The bytes Java may still use: its maximum heap less what it uses now. */
  private static long free() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  private static String gigabytes(double bytes) {
    return bytes >= 1e9 ? String.format(Locale.ROOT, "%.3g GB", bytes / 1e9)
        : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6));
  }
}
