package io.github.nmf4j.cli;

/** A command line that cannot be run as written: exit code 2, with the message on stderr. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
