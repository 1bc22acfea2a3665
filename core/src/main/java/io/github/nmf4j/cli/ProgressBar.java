package io.github.nmf4j.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar redrawn in place with carriage returns, such as
 * {@code fit  [##########..........]  100/200  loss 1.234e+01}. It draws only when it has a
 * stream (the command line gives it one only when standard error is a terminal) and only when
 * the text changes, and {@link #finish()} erases it.
 */
final class ProgressBar {

  static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private String last = "";

  ProgressBar(PrintStream err, String label) {
    this.err = err;
    this.label = label;
  }

  /** Shows {@code done} of {@code total} steps with an optional note after the counts. */
  void update(int done, int total, String note) {
    if (err == null) {
      return;
    }
    String line = render(label, done, total, note);
    if (!line.equals(last)) {
      err.print("\r" + line);
      err.flush();
      last = line;
    }
  }

  /** Erases the bar. */
  void finish() {
    if (err != null && !last.isEmpty()) {
      err.print("\r" + " ".repeat(last.length()) + "\r");
      err.flush();
      last = "";
    }
  }

  /** The text of the bar: label, {@link #WIDTH} cells, counts and note. */
  static String render(String label, int done, int total, String note) {
    int clamped = Math.max(0, Math.min(done, total));
    int filled = total <= 0 ? WIDTH : (int) ((long) clamped * WIDTH / total);
    StringBuilder sb = new StringBuilder(label).append("  [");
    sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("]  ");
    sb.append(done).append('/').append(total);
    if (note != null && !note.isEmpty()) {
      sb.append("  ").append(note);
    }
    return sb.toString();
  }
}
