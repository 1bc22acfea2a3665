package io.github.nmf4j.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: the readers of {@code .npy}, {@code .csv}, {@code .txt}, {@code .mtx}, PNG and JPEG
 * files, fed 3,060 seeded random mutations of small valid files, return a result or refuse the
 * file with an {@code IllegalArgumentException} or {@code IOException}, never another
 * exception, never allocating more than 4 MB plus 64 bytes per byte of the file and 64 per value
 * of the result, never taking a second. The run is forked with a 256 MB heap, so a reader that
 * trusted a header and allocated from it would fail there too; {@link ReaderFuzz} is the run.
 */
class ReaderFuzzTest {

  private static final long SEED = 20261204;
  private static final int CASES_PER_SEED_FILE = 180;
  /** A generous bound for about 10 s of work on a busy machine: a hang, not a slow run. */
  private static final long TIMEOUT_SECONDS = 300;

  @TempDir Path dir;

  @Test
  void readersRefuseMutatedFilesCleanlyWithBoundedMemoryAndTime() throws Exception {
    String classpath = location(ReaderFuzzTest.class) + File.pathSeparator
        + location(io.github.nmf4j.io.MatrixIo.class);
    // A pre-touched fixed heap: growing the heap on the first large (legitimate) result took
    // over a second of page faults on a loaded machine, which is not the readers' time.
    Path log = dir.resolve("fuzz.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-Djava.awt.headless=true",
        "-cp", classpath, ReaderFuzz.class.getName(), String.valueOf(SEED),
        String.valueOf(CASES_PER_SEED_FILE), dir.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the run ended").isTrue();
    } finally {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(output).as(output).doesNotContain("FAIL").contains("DONE cases="
        + Seeds.all(dir).size() * CASES_PER_SEED_FILE + " ");
    assertThat(p.exitValue()).as(output).isZero();
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
