package io.github.nmf4j.cli;

import io.github.nmf4j.io.FileFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The command line entry point (the jar's {@code Main-Class}):
 * {@code java -jar nmf4j-core.jar COMMAND [options]}.
 *
 * <p>Commands: {@code demo}, {@code fit}, {@code compress}, {@code cluster}, {@code pca},
 * {@code segment}, {@code rank}; {@code nmf4j COMMAND --help} describes each. With {@code
 * --json} the last line of standard output is a one-line JSON object summarizing the run. Exit
 * codes: 0 success, 2 bad input or usage, 1 anything else; errors are reported on standard
 * error, and no partial output file is left behind.
 */
public final class Main {

  private Main() {}

  /**
   * Runs the command line and exits with its status code.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, System.out, System.err));
  }

  /** The commands, in the order of the overview. */
  static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    for (Command c : List.<Command>of(new DemoCommand(), new FitCommand(), new CompressCommand(),
        new ClusterCommand(), new PcaCommand(), new SegmentCommand(), new RankCommand())) {
      m.put(c.name(), c);
    }
    return m;
  }

  /**
   * Runs the command line with the given streams and returns the exit code: 0 for success, 2 for
   * bad input or usage, 1 for anything else. A progress bar is drawn on {@code err} only when it
   * is {@link System#err} and {@link System#console()} reports a terminal.
   *
   * @param args the command and its options
   * @param out receives results and, with {@code --json}, the JSON summary as the last line
   * @param err receives error messages and the progress bar
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean terminal = err == System.err && System.console() != null;
    return run(args, new Context(out, err, terminal, Path.of("")));
  }

  static int run(String[] args, Context context) {
    PrintStream out = context.out();
    PrintStream err = context.err();
    Map<String, Command> commands = commands();
    if (args.length == 0) {
      err.print(overview(commands));
      return 2;
    }
    String first = args[0];
    if (first.equals("--version") || first.equals("-V")) {
      if (args.length > 1) {
        // refused rather than ignored: a word after it is a mistake the user should see
        err.println("nmf4j: " + first + " takes no arguments, was given '"
            + String.join(" ", Arrays.asList(args).subList(1, args.length)) + "'");
        return 2;
      }
      out.println("nmf4j " + version());
      return 0;
    }
    if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
      if (args.length > 1 && commands.containsKey(args[1])) {
        Command c = commands.get(args[1]);
        out.print(c.options().help(c.name(), c.description()));
      } else if (args.length > 1) {
        err.println("nmf4j: unknown command '" + args[1] + "'; try nmf4j --help");
        return 2;
      } else {
        out.print(overview(commands));
      }
      return 0;
    }
    Command command = commands.get(first);
    if (command == null) {
      err.println("nmf4j: unknown command '" + first + "'; try nmf4j --help");
      return 2;
    }
    try {
      Args parsed = command.options().parse(command.name(), args, 1);
      if (parsed.has("help")) {
        out.print(command.options().help(command.name(), command.description()));
        return 0;
      }
      Json summary = command.run(parsed, context);
      if (parsed.has("json")) {
        out.println(summary);
      }
      out.flush();
      return 0;
    } catch (UsageException | IllegalArgumentException e) {
      err.println("nmf4j " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (CommandFailedException e) {
      err.println("nmf4j " + command.name() + ": " + e.getMessage());
      return 1;
    } catch (FileFormatException e) {
      err.println("nmf4j " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      err.println("nmf4j " + command.name() + ": no such file or directory: " + e.getFile());
      return 2;
    } catch (AccessDeniedException | NotDirectoryException e) {
      // with a reason ("the file is read-only") the message says more than "cannot access"
      err.println("nmf4j " + command.name() + ": " + (e.getReason() != null ? e.getMessage()
          : "cannot access " + e.getFile()));
      return 2;
    } catch (IOException e) {
      err.println("nmf4j " + command.name() + ": " + (e.getMessage() == null ? "I/O error: "
          + e : e.getMessage()));
      return 1;
    } catch (CancellationException e) {
      err.println("nmf4j " + command.name() + ": cancelled");
      return 1;
    } catch (OutOfMemoryError e) {
      err.println("nmf4j " + command.name() + ": out of memory; give Java more with -Xmx, "
          + "for example java -Xmx8g -jar ...");
      return 1;
    } catch (Exception | Error e) {
      err.println("nmf4j " + command.name() + ": unexpected error: " + e);
      return 1;
    }
  }

  static String overview(Map<String, Command> commands) {
    StringBuilder sb = new StringBuilder(
        "usage: nmf4j COMMAND [options]    (nmf4j COMMAND --help for its options)\n\n");
    sb.append("Non-negative matrix factorization, PCA and clustering.\n\ncommands:\n");
    for (Command c : commands.values()) {
      sb.append(Options.row(c.name(), c.summary()));
    }
    sb.append("\n").append(Options.row("--version", "print the version"));
    sb.append(Options.row("--help", "show this overview"));
    return sb.toString();
  }

  /**
   * The library version, from the jar manifest, or {@code "development"} outside a jar.
   *
   * @return the version string
   */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    if (v == null) {
      // on the module path the manifest's version is not read; the module's own is
      v = Main.class.getModule().getDescriptor() == null ? null
          : Main.class.getModule().getDescriptor().rawVersion().orElse(null);
    }
    return v == null ? "development" : v;
  }
}
