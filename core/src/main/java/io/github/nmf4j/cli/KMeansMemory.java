package io.github.nmf4j.cli;

/**
 * The bytes a {@code cluster --method kmeans} or {@code mini-batch} fit holds at its peak beyond
 * the rows it clusters, counted from the arrays the library allocates, for {@link
 * Preflight#kMeans} to compare with the heap before any work. On wide rows the arrays of {@code
 * k x cols} numbers dominate: the centroids and their working copies, the centroids transposed
 * as {@code cols} rows of {@code k} (the sparse assignment, {@code SparseStep}, whose row
 * headers add 20 bytes per column) and the blocks of rows the dense product form centres per
 * chunk; then the rows by column that a sparse fit builds ({@code SparseRows}, 12 bytes per
 * stored value) and the arrays of one number per row. Each fit is followed through its phases,
 * seeding (k-means++ with {@code 2 + floor(ln k)} candidates per step) and iterations, and the
 * larger is taken; arrays of {@code k} numbers, or of {@code k} per chunk, are left out.
 *
 * <p>The library splits its work into chunks fixed by the data's shape ({@code Chunks}), not
 * one per thread, so the per-chunk buffers, and this estimate, do not depend on {@code
 * --threads}. The chunk rules below are those of {@code Chunks.count} and {@code
 * ProductAssignment.chunks}; a change there must be made here too.
 *
 * @param miniBatch whether the fit is mini-batch k-means, else k-means (Lloyd)
 * @param rows the rows (points) clustered
 * @param cols their columns (features)
 * @param stored the stored values of sparse rows, or -1 for dense rows
 * @param restarts the runs (mini-batch: seedings) whose best is kept, held beside the next one
 * @param batchSize mini-batch: points per step
 * @param byColumn whether a sparse fit builds the rows by column (always for k-means; for
 *     mini-batch with a tolerance > 0)
 */
record KMeansMemory(boolean miniBatch, long rows, long cols, long stored, int restarts,
    int batchSize, boolean byColumn) {

  /** A Java array's 16-byte header and the 4-byte (compressed) reference that holds it. */
  private static final int ROW_OVERHEAD = 20;
  /** Points per product block of the dense product form ({@code ProductAssignment.BLOCK}). */
  private static final int BLOCK = 128;
  /** {@code Chunks}: points per chunk at least, chunks at most, partial doubles in all. */
  private static final long MIN_POINTS = 4096;
  private static final long MAX_CHUNKS = 64;
  private static final long MAX_PARTIAL_DOUBLES = 1L << 22;
  /** Multiply-adds per task at least ({@code ProductAssignment}). */
  private static final long TASK_WORK = 1L << 20;
  /** Elkan's bounds, {@code rows x k}, are kept up to this many at least ({@code ElkanBounds}). */
  private static final long ELKAN_ALWAYS = 1L << 22;

  /** A k-means (Lloyd) fit; {@code stored} -1 for dense rows. */
  static KMeansMemory kMeans(long rows, long cols, long stored, int restarts) {
    return new KMeansMemory(false, rows, cols, stored, restarts, 0, true);
  }

  /** A mini-batch k-means fit; {@code stored} -1 for dense rows. */
  static KMeansMemory miniBatch(long rows, long cols, long stored, int restarts,
      int batchSize, double tolerance) {
    return new KMeansMemory(true, rows, cols, stored, restarts, batchSize, tolerance > 0);
  }

  /** The peak bytes of a fit of {@code k} clusters. */
  double bytes(int k) {
    boolean sparse = stored >= 0;
    return miniBatch ? (sparse ? sparseMiniBatch(k) : denseMiniBatch(k))
        : (sparse ? sparseKMeans(k) : denseKMeans(k));
  }

  /** What the bytes hold, for a message: "its k x cols centroids, ...". */
  String what() {
    return stored < 0 ? "its k x cols centroids, their working copies and per-chunk buffers"
        : byColumn ? "its k x cols centroids, their working copies and the rows by column"
        : "its k x cols centroids and their working copies";
  }

  /**
   * {@code KMeansFit.run(SparseMatrix)}: the rows by column and their norms; {@code
   * SparseStep}'s labels, distances, transposed centroids and cluster sums; the best restart;
   * then {@code SparseSeeding}'s centres, candidates (dense and transposed) and distances to
   * them, or Lloyd's centres and next centres beside the seeding's, which the loop over restarts
   * still holds.
   */
  private double sparseKMeans(int k) {
    double c = centroids(k);
    int t = trials(k);
    double fixed = byColumnBytes() + 20.0 * rows + byRows(k) + c + best(c);
    double seeding = c + 8.0 * t * cols + byRows(t) + 8.0 * rows * (t + 1);
    return fixed + Math.max(seeding, 3 * c);
  }

  /**
   * {@code MiniBatchKMeans.fitSparse}: the rows' norms (and by column with a tolerance); {@code
   * MiniBatchLoop}'s transposed centroids and sums; then either the seeding (two samples of
   * {@code initSize} rows, the best seeding, and {@code SparseSeeding}'s arrays or the
   * transposed centroids that label the validation sample), the steps (centres and next), or
   * the final labels (the transposed centroids of {@code SparseAssignment.predict}).
   */
  private double sparseMiniBatch(int k) {
    double c = centroids(k);
    int t = trials(k);
    double s = initSize(k);
    double fixed = (byColumn ? byColumnBytes() : 0) + 8.0 * rows + 2 * c;
    double samples = 2 * (12.0 * stored * s / rows + 12 * s);
    double seeding = samples + best(c) + c
        + Math.max(8.0 * t * cols + byRows(t) + 8 * s * (t + 1), byRows(k));
    double labels = c + byRows(k) + 8.0 * rows;
    return fixed + Math.max(seeding, Math.max(2 * c, labels));
  }

  /**
   * {@code KMeansFit.run(Matrix)}, the rows in place. The product form ({@code
   * ProductAssignment}, from 16 columns): centred centroids, cluster sums, per chunk a {@code k
   * x cols} delta of sums and a block of {@value #BLOCK} centred rows, per row labels,
   * distances, norms and Hamerly's or Elkan's bounds; seeding ({@code ProductSeeding}) with its
   * own blocks. Direct distances (fewer columns): sums in four banks per chunk ({@code
   * ClusterSums}). Then Lloyd's centres as for sparse rows.
   */
  private double denseKMeans(int k) {
    double c = centroids(k);
    int t = trials(k);
    double lloyd = 3 * c;
    if (cols < 16 && (k < 32 || cols < 8)) {
      double chunks = chunks(rows, MIN_POINTS, k * (cols + 1));
      double seeding = c + 8.0 * t * cols + 8.0 * rows;
      return c + chunks * 4 * c + 20.0 * rows + best(c) + Math.max(seeding, lloyd);
    }
    boolean elkan = rows * k <= Math.max(rows * cols / 4, ELKAN_ALWAYS);
    double chunks = productChunks(k, k * (cols + 1));
    double step = 2 * c + chunks * (c + 8.0 * BLOCK * (cols + k))
        + rows * (28.0 + (elkan ? 8.0 * k : 8));
    double seeding = c + 16.0 * t * cols + productChunks(t, t) * 8.0 * BLOCK * (cols + t)
        + 8.0 * rows * (t + 1);
    return step + best(c) + Math.max(seeding, lloyd);
  }

  /**
   * {@code MiniBatchKMeans.fitOnCaller}, the rows in place: {@code MiniBatchLoop}'s copy of a
   * batch's rows and its sums; then the seeding (two samples of {@code initSize} rows copied,
   * the best seeding and {@code Seeding}'s arrays) or the steps (centres, next, the labels).
   */
  private double denseMiniBatch(int k) {
    double c = centroids(k);
    int t = trials(k);
    double s = initSize(k);
    double fixed = 8.0 * Math.min(batchSize, rows) * cols + c;
    double seeding = 16 * s * cols + best(c) + c + 8.0 * t * cols + 8 * s;
    return fixed + Math.max(seeding, 2 * c + 4.0 * rows);
  }

  /** One {@code k x cols} array of doubles. */
  private double centroids(int k) {
    return 8.0 * k * cols;
  }

  /** The best restart's centroids, held from the second restart on. */
  private double best(double centroids) {
    return restarts > 1 ? centroids : 0;
  }

  /** {@code cols} rows of {@code m} doubles, each its own array. */
  private double byRows(int m) {
    return (8.0 * m + ROW_OVERHEAD) * cols;
  }

  /** The sparse rows by column: a row index and a value per stored value, column pointers. */
  private double byColumnBytes() {
    return 12.0 * stored + 4.0 * (cols + 1);
  }

  /** Mini-batch seeding's sample size, {@code min(rows, max(3 batch, 3 k))}. */
  private double initSize(int k) {
    return Math.min(rows, Math.max(3 * Math.min(batchSize, rows), 3L * k));
  }

  /** k-means++'s candidates per step ({@code Seeding.trials}). */
  private static int trials(int k) {
    return 2 + (int) Math.log(k);
  }

  /** {@code ProductAssignment.chunks} for {@code k} centroids and these partial doubles. */
  private double productChunks(int k, long partialDoubles) {
    long minPoints = Math.max(BLOCK, TASK_WORK / Math.max(1L, cols * k));
    return chunks(rows, Math.min(minPoints, MIN_POINTS), partialDoubles);
  }

  /** {@code Chunks.count}: the chunks of {@code n} points. */
  private static double chunks(long n, long minPoints, long partialDoubles) {
    long byPoints = (n + minPoints - 1) / minPoints;
    long byMemory = MAX_PARTIAL_DOUBLES / Math.max(1, partialDoubles);
    return Math.max(1, Math.min(Math.min(byPoints, MAX_CHUNKS), byMemory));
  }
}
