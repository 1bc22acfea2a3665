package io.github.nmf4j.cli;

/**
 * A command that failed during its work, after the checks made before it: exit code 1, with the
 * message on stderr (and without the JSON summary).
 */
final class CommandFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }
}
