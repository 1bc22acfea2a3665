package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster --method kmeans} and {@code mini-batch} check their centroids against the heap
 * before any work, as {@code fit} checks its factors: a sparse file of many columns is small on
 * disk, but its k dense centroids and their copies are not.
 */
class KMeansMemoryTest {

  @TempDir Path dir;

  /**
   * A Matrix Market file of {@code rows} rows and {@code cols} columns storing one entry per
   * row, each in its own column, so that every row is distinct.
   */
  private Path wide(String name, int rows, int cols) throws IOException {
    StringBuilder sb = new StringBuilder("%%MatrixMarket matrix coordinate real general\n")
        .append(rows).append(' ').append(cols).append(' ').append(rows).append('\n');
    for (int i = 1; i <= rows; i++) {
      sb.append(i).append(' ').append((long) i * (cols / rows)).append(" 1.5\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, sb);
    return file;
  }

  /**
   * 20 x 5,000,000 with 20 stored values, k = 20: the 800 MB centroids in three copies, their
   * transpose (900 MB with a row header per column) and the cluster sums are 4.12 GB for
   * k-means; mini-batch holds the best of its 3 seedings instead of Lloyd's extra copy.
   */
  @Test
  void aWideSparseFileWhoseCentroidsExceedTheHeapIsRefusedBeforeAnyWork() throws IOException {
    Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 4e9);
    String file = wide("wide.mtx", 20, 5_000_000).toString();
    String tail = "(?s).* more \\(-Xmx\\); give Java more with -Xmx(, or use --k \\d+, which fits"
        + "| \\(--k 1 does not fit either\\))\n";
    CliRunner kMeans = CliRunner.run("cluster", file, "--k", "20");
    assertThat(kMeans.exitCode()).as(kMeans.err()).isEqualTo(2);
    assertThat(kMeans.out()).isEmpty();
    assertThat(kMeans.err()).startsWith("nmf4j cluster: --k 20 is too large for k-means of the"
        + " 20x5000000 sparse matrix of " + file + ": its k x cols centroids, their working"
        + " copies and the rows by column, 4.12 GB, and Java may use ").matches(tail);
    CliRunner miniBatch = CliRunner.run("cluster", file, "--k", "20", "--method", "mini-batch");
    assertThat(miniBatch.exitCode()).as(miniBatch.err()).isEqualTo(2);
    assertThat(miniBatch.out()).isEmpty();
    assertThat(miniBatch.err()).startsWith("nmf4j cluster: --k 20 is too large for mini-batch"
        + " k-means of the 20x5000000 sparse matrix of " + file + ": its k x cols centroids and"
        + " their working copies, 4.10 GB, and Java may use ").matches(tail);
  }

  @Test
  void aWideSparseFileWhoseCentroidsFitIsClustered() throws IOException {
    String file = wide("fits.mtx", 20, 200_000).toString();
    for (String method : new String[] {"kmeans", "mini-batch"}) {
      CliRunner r = CliRunner.run("cluster", file, "--k", "3", "--method", method);
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).startsWith(method + " clustering of " + file
          + " (20x200000 sparse, 20 stored): k = 3, ");
    }
  }

  /**
   * The suggested k leaves {@link Preflight#HEADROOM} for the collector; with a sparse fit the
   * bytes rise with k, so it is the largest that does.
   */
  @Test
  void theSuggestedKIsTheLargestWhoseFitLeavesHeadroom() {
    KMeansMemory need = KMeansMemory.kMeans(1000, 5_000_000, 5000, 1);
    double free = 2e9;
    int k = Preflight.smallerK(need, 20, free);
    assertThat(k).isBetween(1, 19);
    assertThat(Preflight.HEADROOM * need.bytes(k)).isLessThanOrEqualTo(free);
    assertThat(Preflight.HEADROOM * need.bytes(k + 1)).isGreaterThan(free);
    assertThat(Preflight.smallerK(need, 20, 1e8)).isZero();
  }

  /**
   * Dense rows are in memory already, but 20,000 centroids of 20,000 columns are 3.2 GB each, in
   * five copies with the product form's per-chunk delta and blocks, and 64 chunks of seeding
   * blocks.
   */
  @Test
  void denseRowsAreCheckedToo() {
    Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 19e9);
    assertThatThrownBy(() -> Preflight.kMeans(20_000,
        KMeansMemory.kMeans(20_000, 20_000, -1, 1), "k-means", "x.npy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--k 20000 is too large for k-means of the 20000x20000 matrix"
            + " of x.npy: its k x cols centroids, their working copies and per-chunk buffers,"
            + " 19.2 GB, and Java may use ")
        .hasMessageContaining(" more (-Xmx); give Java more with -Xmx");
    Preflight.kMeans(10, KMeansMemory.kMeans(2000, 200, -1, 3), "k-means", "x.npy");
    Preflight.kMeans(10, KMeansMemory.miniBatch(2000, 200, -1, 3, 1024, 0), "mini-batch"
        + " k-means", "x.npy");
  }
}
