package io.github.nmf4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The output files of one command: checked before any work starts (extension, existing
 * directory), written one by one (each write is atomic), and all deleted again if a later one
 * fails, so a failed command leaves no output behind.
 */
final class Outputs {

  static final Set<String> MATRIX = Set.of("npy", "csv", "tsv", "mtx");
  static final Set<String> IMAGE = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  /** Writes one file. */
  @FunctionalInterface
  interface Writer {
    void write(Path path) throws IOException;
  }

  private final List<Path> written = new ArrayList<>();

  /**
   * Checks that {@code path} has one of {@code extensions} and that its directory exists.
   *
   * @throws UsageException if the extension is wrong or the directory does not exist
   */
  static void check(String option, Path path, Set<String> extensions) {
    if (path == null) {
      return;
    }
    String name = String.valueOf(path.getFileName());
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!extensions.contains(ext)) {
      throw new UsageException("--" + option + " " + path + ": the file name must end in ."
          + String.join(", .", new java.util.TreeSet<>(extensions)));
    }
    Path dir = path.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new UsageException("--" + option + " " + path + ": the directory " + dir
          + " does not exist");
    }
  }

  /** Writes {@code path} (if not null) and remembers it for {@link #rollback()}. */
  void write(Path path, Writer writer) throws IOException {
    if (path == null) {
      return;
    }
    writer.write(path);
    written.add(path);
  }

  /** Deletes every file written so far (best effort). */
  void rollback() {
    for (Path p : written) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort: the original failure is what the user needs to see
      }
    }
    written.clear();
  }

  /** The files written, in order. */
  List<Path> written() {
    return List.copyOf(written);
  }
}
