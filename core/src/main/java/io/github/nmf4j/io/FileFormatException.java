package io.github.nmf4j.io;

import java.io.IOException;

/**
 * A file exists and could be read but its content is not what its format requires: a bad
 * number in a CSV file, a truncated NumPy array, an unsupported Matrix Market field, a file that
 * is not an image. The message names the file and, where it applies, the line and column.
 */
public final class FileFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** A format error with a message that names the file and the position of the problem. */
  public FileFormatException(String message) {
    super(message);
  }

  /** A format error caused by another exception. */
  public FileFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
