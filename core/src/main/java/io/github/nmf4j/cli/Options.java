package io.github.nmf4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options a command accepts, for parsing and for its {@code --help}. Options are long
 * ({@code --name VALUE}, {@code --name=VALUE}, or a flag {@code --name}); the rest are
 * positional arguments. {@code --help} (or {@code -h}) and {@code --json} are accepted by every
 * command. Any other word that starts with one dash is refused as a mistyped option; a file
 * whose name starts with a dash is given after {@code --}.
 */
final class Options {

  /** One option: its name without dashes, the value's placeholder (null for a flag), help. */
  record Option(String name, String value, String help) {}

  private final Map<String, Option> options = new LinkedHashMap<>();
  private final List<String[]> positionals = new ArrayList<>();

  Options() {
    flag("json", "print a one-line JSON summary as the last line of standard output");
    flag("help", "show this help");
  }

  Options positional(String name, String help) {
    positionals.add(new String[] {name, help});
    return this;
  }

  Options option(String name, String value, String help) {
    options.put(name, new Option(name, value, help));
    return this;
  }

  Options flag(String name, String help) {
    options.put(name, new Option(name, null, help));
    return this;
  }

  /**
   * Parses {@code args[from..]}.
   *
   * @throws UsageException for an unknown or repeated option, a missing value, or a wrong number
   *     of positional arguments or an empty one (unless {@code --help} was given)
   */
  Args parse(String command, String[] args, int from) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>();
    boolean onlyPositionals = false;
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (!onlyPositionals && a.startsWith("-") && !a.startsWith("--") && a.length() > 1) {
        // -h as before a command; another one-dash word is an option mistyped, not the input
        if (a.equals("-h")) {
          values.putIfAbsent("help", "true");
          continue;
        }
        throw new UsageException("unknown option " + a + " for '" + command + "'"
            + (options.containsKey(a.substring(1)) ? "; did you mean -" + a + "?"
            : "; see nmf4j " + command + " --help"));
      }
      if (onlyPositionals || !a.startsWith("--") || a.equals("--")) {
        if (a.equals("--") && !onlyPositionals) {
          onlyPositionals = true;
        } else {
          rest.add(a);
        }
        continue;
      }
      int eq = a.indexOf('=');
      String name = a.substring(2, eq < 0 ? a.length() : eq);
      Option o = options.get(name);
      if (o == null) {
        throw new UsageException("unknown option --" + name + " for '" + command
            + "'; see nmf4j " + command + " --help");
      }
      String value;
      if (o.value() == null) {
        if (eq >= 0) {
          throw new UsageException("--" + name + " takes no value");
        }
        value = "true";
      } else if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length && !isOption(args[i + 1])) {
        value = args[++i];
      } else {
        throw new UsageException("--" + name + " needs a value (" + o.value() + ")"
            + (i + 1 < args.length ? ", but " + args[i + 1] + " follows it (a value that"
            + " starts with -- is given as --" + name + "=VALUE)" : ""));
      }
      String before = values.put(name, value);
      if (before != null) {
        throw new UsageException("--" + name + " is given twice" + (o.value() == null ? ""
            : " (" + before + ", then " + value + ")") + "; give it once");
      }
    }
    Args parsed = new Args(values, rest);
    if (parsed.has("help")) {
      return parsed;
    }
    for (int i = 0; i < Math.min(rest.size(), positionals.size()); i++) {
      // an empty argument ("$INPUT" unset) would be read as the working directory
      if (rest.get(i).isEmpty()) {
        throw new UsageException(positionals.get(i)[0] + " must be a path, was ''; see nmf4j "
            + command + " --help");
      }
    }
    if (rest.size() != positionals.size()) {
      if (rest.size() < positionals.size()) {
        throw new UsageException("'" + command + "' needs "
            + positionals.get(rest.size())[0] + "; see nmf4j " + command + " --help");
      }
      throw new UsageException("unexpected argument '" + rest.get(positionals.size())
          + "' for '" + command + "'; see nmf4j " + command + " --help");
    }
    return parsed;
  }

  /**
   * Whether {@code arg} is one of these options ({@code --name} or {@code --name=VALUE}), so
   * that an option missing its value ({@code --rank --seed 3}) does not take the next option
   * as its value.
   */
  private boolean isOption(String arg) {
    if (!arg.startsWith("--")) {
      return false;
    }
    int eq = arg.indexOf('=');
    return options.containsKey(arg.substring(2, eq < 0 ? arg.length() : eq));
  }

  /** The help text: a usage line, the description, positional arguments and options. */
  String help(String command, String description) {
    StringBuilder sb = new StringBuilder("usage: nmf4j ").append(command);
    for (String[] p : positionals) {
      sb.append(' ').append(p[0]);
    }
    sb.append(" [options]\n\n").append(description).append("\n");
    if (!positionals.isEmpty()) {
      sb.append("\narguments:\n");
      for (String[] p : positionals) {
        sb.append(row(p[0], p[1]));
      }
    }
    sb.append("\noptions:\n");
    for (Option o : options.values()) {
      sb.append(row("--" + o.name() + (o.value() == null ? "" : " " + o.value()), o.help()));
    }
    return sb.toString();
  }

  /**
   * The command-line name of {@code e}: lower case, {@code -} for {@code _} ({@code
   * NEAREST_NEIGHBORS} is {@code nearest-neighbors}).
   */
  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constants {@code values} by their command-line {@link #name}, for {@link Args#choice}. */
  static <E extends Enum<E>> Map<String, E> names(E[] values) {
    Map<String, E> m = new LinkedHashMap<>();
    for (E e : values) {
      m.put(name(e), e);
    }
    return m;
  }

  /** Help text is wrapped to this many columns. */
  static final int WIDTH = 96;

  /** One line of help: the name in a 26-column margin, the text wrapped beside it. */
  static String row(String left, String help) {
    String indent = " ".repeat(28);
    StringBuilder sb = new StringBuilder("  ").append(left);
    if (left.length() < 26) {
      sb.append(" ".repeat(26 - left.length()));
    } else {
      sb.append('\n').append(indent);
    }
    int column = 28;
    boolean first = true;
    for (String word : help.split(" ")) {
      if (!first && column + 1 + word.length() > WIDTH) {
        sb.append('\n').append(indent);
        column = 28;
        first = true;
      }
      if (!first) {
        sb.append(' ');
        column++;
      }
      sb.append(word);
      column += word.length();
      first = false;
    }
    return sb.append('\n').toString();
  }
}
