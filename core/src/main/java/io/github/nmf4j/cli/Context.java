package io.github.nmf4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command runs with: its output streams, whether standard error is a terminal (then a
 * progress bar is drawn there) and the directory that relative default outputs go to.
 *
 * @param out standard output: human-readable results and the JSON line
 * @param err standard error: messages and the progress bar
 * @param terminal whether {@code err} is an interactive terminal
 * @param directory the working directory for default output locations
 */
record Context(PrintStream out, PrintStream err, boolean terminal, Path directory) {

  /** A progress bar on {@code err} if it is a terminal, otherwise one that draws nothing. */
  ProgressBar progressBar(String label) {
    return new ProgressBar(terminal ? err : null, label);
  }
}
