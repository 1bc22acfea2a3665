package io.github.nmf4j.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file all at once or not at all: the content goes to a temporary file in the same
 * directory, which is then moved over the target. A failure at any point deletes the temporary
 * file, so a reader never sees a half-written file and no partial output is left behind.
 */
public final class AtomicFiles {

  /** Writes the content of a file to an output stream. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the whole content to {@code out}. */
    void write(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes {@code target} through {@code writer}, replacing any existing file atomically where
   * the file system allows it.
   *
   * @throws IOException if the directory does not exist or writing or moving fails; the target
   *     is then unchanged and no temporary file remains
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
    boolean moved = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
