package io.github.nmf4j.cli;

/** One command of the command line ({@code fit}, {@code compress}, ...). */
interface Command {

  /** The word that selects the command. */
  String name();

  /** One line for the overview of {@code nmf4j --help}. */
  String summary();

  /** A paragraph for {@code nmf4j NAME --help}. */
  String description();

  /** The options the command accepts. */
  Options options();

  /**
   * Runs the command, printing human-readable lines to {@code context.out()}, and returns the
   * JSON summary (printed as the last line by {@link Main} when {@code --json} is given).
   * Outputs must be written so that a failure leaves no partial file behind.
   *
   * @throws UsageException or IllegalArgumentException for bad usage or bad input (exit 2)
   * @throws Exception for anything else (exit 1, or 2 for unreadable input files)
   */
  Json run(Args args, Context context) throws Exception;
}
