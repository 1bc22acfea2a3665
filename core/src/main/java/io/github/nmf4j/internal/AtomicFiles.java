package io.github.nmf4j.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

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
    // Not Files.createTempFile: its owner-only permissions would stay on the moved file. A
    // file created normally gets the permissions the user's umask gives any new file.
    Path tmp = null;
    OutputStream stream = null;
    for (int attempt = 0; stream == null; attempt++) {
      tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(
          ThreadLocalRandom.current().nextLong()) + ".tmp");
      try {
        stream = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
    boolean moved = false;
    try {
      try (OutputStream out = stream) {
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
