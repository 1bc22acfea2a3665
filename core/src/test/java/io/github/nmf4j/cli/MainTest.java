package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void printsTheVersion() {
    CliRunner r = CliRunner.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("nmf4j ");
    assertThat(r.err()).isEmpty();
  }

  /** Regression: {@code --version extra} said "unknown command '--version'". */
  @Test
  void theVersionWithTrailingWordsIsRefusedAsTakingNoArguments() {
    CliRunner r = CliRunner.run("--version", "extra");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("nmf4j: --version takes no arguments, was given 'extra'\n");
    assertThat(CliRunner.run("-V", "a", "b").err())
        .isEqualTo("nmf4j: -V takes no arguments, was given 'a b'\n");
  }

  @Test
  void helpListsTheCommandsAndNoArgumentsIsAUsageError() {
    CliRunner help = CliRunner.run("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).startsWith("usage: nmf4j COMMAND");
    for (String name : Main.commands().keySet()) {
      assertThat(help.out()).contains("  " + name + " ");
    }
    CliRunner none = CliRunner.run();
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).startsWith("usage: nmf4j COMMAND");
    assertThat(none.out()).isEmpty();
  }

  @Test
  void everyCommandHasHelp() {
    for (String name : Main.commands().keySet()) {
      CliRunner r = CliRunner.run(name, "--help");
      assertThat(r.exitCode()).as(name).isZero();
      assertThat(r.out()).startsWith("usage: nmf4j " + name).contains("--json");
      assertThat(CliRunner.run("help", name).out()).isEqualTo(r.out());
      for (String line : r.out().split("\n")) {
        assertThat(line.length()).as(line).isLessThanOrEqualTo(Options.WIDTH);
      }
    }
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    CliRunner r = CliRunner.run("factorize");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("nmf4j: unknown command 'factorize'; try nmf4j --help\n");
  }

  @Test
  void thePublicEntryPointDrawsNoProgressOnOtherStreams() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--version"},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("nmf4j");
  }
}
