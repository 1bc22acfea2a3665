package io.github.nmf4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line in-process and captures its streams and exit code. */
record CliRunner(int exitCode, String out, String err) {

  static CliRunner run(Path directory, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.run(args, new Context(o, e, false, directory));
    return new CliRunner(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  static CliRunner run(String... args) {
    return run(Path.of(""), args);
  }

  /** The last line of standard output parsed as a JSON object. */
  Map<String, Object> json() {
    String[] lines = out.strip().split("\n");
    return JsonParser.object(lines[lines.length - 1]);
  }
}
