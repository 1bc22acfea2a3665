package io.github.nmf4j.cli;

import java.io.PrintStream;

/** The command line entry point (the jar's {@code Main-Class}). */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its status code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line with the given streams and returns the exit code: 0 for success, 2 for
   * bad input or usage, 1 for anything else.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      out.println("nmf4j " + version());
      return 0;
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println("usage: nmf4j --version | --help");
      return 0;
    }
    err.println("nmf4j: unknown arguments; try --help");
    return 2;
  }

  /** The library version, from the jar manifest, or {@code "development"} outside a jar. */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }
}
