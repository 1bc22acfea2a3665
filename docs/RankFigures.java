import io.github.nmf4j.image.Images;
import io.github.nmf4j.image.LineChart;
import io.github.nmf4j.io.MatrixIo;
import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.nmf.Consensus;
import io.github.nmf4j.nmf.ConsensusResult;
import io.github.nmf4j.nmf.Nmf;
import io.github.nmf4j.nmf.RankSelection;
import io.github.nmf4j.nmf.RankSelectionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Makes the figures of "Choosing the rank" that score the rank by held-out entries and by the
 * consensus of many runs (docs/figures/rank-cv-digits.png, rank-consensus-digits.png) and their
 * numbers (docs/figures/rank-numbers.txt), on the 1,797 handwritten digits of
 * docs/figures/input/digits.npy. Run from the repository's root:
 *
 * <pre>
 * mvn -B -DskipTests package
 * java -cp core/target/classes docs/RankFigures.java
 * </pre>
 *
 * Everything is seeded, so the same library version gives the same figures.
 */
public class RankFigures {

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path figures = Path.of("docs/figures");
    Matrix digits = MatrixIo.read(figures.resolve("input/digits.npy"));
    StringBuilder numbers = new StringBuilder(
        "# Numbers quoted in choosing-the-rank.md, made by docs/RankFigures.java\n");

    long start = System.nanoTime();
    RankSelectionResult cv = RankSelection.builder().rankRange(2, 24).repeats(3).seed(0)
        .threads(1).fit(digits);
    numbers.append(String.format(Locale.ROOT, "cv digits ranks 2..24, 3 x 5%%, %.1f s%n",
        (System.nanoTime() - start) / 1e9));
    double[] ranks = new double[cv.ranks().length];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = cv.ranks()[i];
      numbers.append(String.format(Locale.ROOT, "cv rank %2d  %.4f +- %.4f%n", cv.ranks()[i],
          cv.testErrors()[i], cv.standardErrors()[i]));
    }
    numbers.append("cv best " + cv.bestRank() + " one-SE " + cv.oneStandardErrorRank() + "\n");
    Images.write(figures.resolve("rank-cv-digits.png"), new LineChart(
        "Digits: error on held-out pixels against the rank", "rank",
        "mean squared error on held-out pixels")
        .series("mean of 3 repeats, 1 standard error", ranks, cv.testErrors(),
            cv.standardErrors()).draw(720, 450));

    int[] consensusRanks = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    double[] x = new double[consensusRanks.length];
    double[] coph = new double[x.length];
    double[] disp = new double[x.length];
    start = System.nanoTime();
    for (int i = 0; i < x.length; i++) {
      ConsensusResult c = Consensus.builder().rank(consensusRanks[i]).runs(30).seed(0)
          .threads(1).nmf(Nmf.builder().maxIterations(200)).fit(digits);
      x[i] = consensusRanks[i];
      coph[i] = c.copheneticCorrelation();
      disp[i] = c.dispersion();
      numbers.append(String.format(Locale.ROOT, "consensus rank %2d  cophenetic %.4f  "
          + "dispersion %.4f%n", consensusRanks[i], coph[i], disp[i]));
    }
    numbers.append(String.format(Locale.ROOT, "consensus 11 ranks x 30 runs, %.1f s%n",
        (System.nanoTime() - start) / 1e9));
    Images.write(figures.resolve("rank-consensus-digits.png"), new LineChart(
        "Digits: stability of 30 NMF clusterings against the rank", "rank", "score")
        .series("cophenetic correlation", x, coph).series("dispersion", x, disp)
        .draw(720, 450));
    Files.writeString(figures.resolve("rank-numbers.txt"), numbers);
    System.out.print(numbers);
  }
}
