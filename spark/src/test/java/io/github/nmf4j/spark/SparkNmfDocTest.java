package io.github.nmf4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.nmf4j.linalg.Matrix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/spark.md's Spark sample (its {@code ```java spark} block; the core's {@code
 * DocSamplesTest} compiles plain {@code ```java} blocks without Spark) is the compiled body of
 * {@link SparkNmfExample}, and that example runs.
 */
class SparkNmfDocTest {

  private static final SparkSession spark = SparkTestData.session();

  @TempDir static Path dir;

  @Test
  void thePageShowsTheExampleAsCompiled() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(root.resolve("docs"))) {
      root = root.getParent();
    }
    List<String> page = Files.readAllLines(root.resolve("docs/spark.md"));
    List<String> source = Files.readAllLines(root.resolve(
        "spark/src/test/java/io/github/nmf4j/spark/SparkNmfExample.java"));

    assertThat(block(page, "```java spark", "```"))
        .isNotEmpty()
        .isEqualTo(block(source, "// sample begins", "// sample ends"));
  }

  @Test
  void theExampleRuns() throws Exception {
    Matrix v = SparkTestData.noisyLowRank(120, 16, 10, 0.1, 3);
    String input = dir.resolve("rows.parquet").toString();
    SparkTestData.frame(spark, v, 2, false).write().parquet(input);

    PrintStream out = System.out;
    SparkNmfModel model;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      model = SparkNmfExample.run(spark, input, dir.resolve("model").toString());
    } finally {
      System.setOut(out);
    }

    assertThat(model.components().shape()).isEqualTo("10x16");
    assertThat(model.iterations()).isEqualTo(50);
    // The core's fit of these 50 iterations: 0.062.
    assertThat(model.relativeError()).isLessThan(0.07);
  }

  /** The stripped lines strictly between the first line equal to {@code open} and the next {@code close}. */
  private static List<String> block(List<String> lines, String open, String close) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      String s = line.strip();
      if (!in && s.equals(open)) {
        in = true;
      } else if (in && s.equals(close)) {
        break;
      } else if (in) {
        out.add(s);
      }
    }
    return out;
  }
}
