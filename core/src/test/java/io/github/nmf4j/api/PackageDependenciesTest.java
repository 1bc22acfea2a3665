package io.github.nmf4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rule of DESIGN section 1, read from the import lines of core's sources:
 * {@code cli -> image, io -> nmf, decomposition, cluster, metrics -> linalg.access -> linalg ->
 * linalg.kernel -> internal -> estimator} (the shared estimator types, which import nothing of the
 * module). No package imports one on a higher layer, so there is no cycle
 * between packages; in particular the kernels know only arrays, and {@code linalg} does not reach
 * back to the storage bridge above it.
 */
class PackageDependenciesTest {

  private static final Map<String, Integer> LAYER = Map.ofEntries(
      Map.entry("estimator", -1),
      Map.entry("internal", 0),
      Map.entry("linalg.kernel", 1),
      Map.entry("linalg", 2),
      Map.entry("linalg.access", 3),
      Map.entry("nmf", 4),
      Map.entry("decomposition", 4),
      Map.entry("cluster", 4),
      Map.entry("metrics", 4),
      Map.entry("image", 5),
      Map.entry("io", 5),
      Map.entry("cli", 6));

  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?io\\.github\\.nmf4j\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

  @Test
  void noPackageImportsAHigherLayer() throws IOException {
    Path root = Path.of("src/main/java/io/github/nmf4j");
    List<String> upward = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
        String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
        String source = read(f);
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
          String dep = m.group(1);
          if (!LAYER.containsKey(pkg) || !LAYER.containsKey(dep)) {
            unknown.add(f.getFileName() + " (" + pkg + ") imports " + dep);
          } else if (LAYER.get(dep) > LAYER.get(pkg)) {
            upward.add(f.getFileName() + " (" + pkg + ") imports " + dep);
          }
        }
      });
    }
    assertThat(unknown).as("packages without a layer in this test").isEmpty();
    assertThat(upward).as("imports from a lower layer to a higher one").isEmpty();
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
