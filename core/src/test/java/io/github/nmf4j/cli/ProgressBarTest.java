package io.github.nmf4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void rendersProportionalCells() {
    assertThat(ProgressBar.render("fit", 50, 200, "loss 3"))
        .isEqualTo("fit  [#######.......................]  50/200  loss 3");
    assertThat(ProgressBar.render("fit", 200, 200, null)).contains("[" + "#".repeat(30) + "]");
    assertThat(ProgressBar.render("fit", 0, 0, "")).isEqualTo("fit  [" + "#".repeat(30) + "]  0/0");
  }

  @Test
  void drawsOnlyChangesAndErasesItself() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "k");
    bar.update(1, 2, null);
    bar.update(1, 2, null);
    bar.finish();
    String s = bytes.toString(StandardCharsets.UTF_8);
    String line = ProgressBar.render("k", 1, 2, null);
    assertThat(s).isEqualTo("\r" + line + "\r" + " ".repeat(line.length()) + "\r");
  }

  @Test
  void withoutATerminalItDrawsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Context context = new Context(err, err, false, java.nio.file.Path.of(""));
    ProgressBar bar = context.progressBar("fit");
    bar.update(1, 2, "x");
    bar.finish();
    assertThat(bytes.size()).isZero();
  }
}
