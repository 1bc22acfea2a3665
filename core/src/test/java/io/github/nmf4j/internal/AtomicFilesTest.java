package io.github.nmf4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static AtomicFiles.Writer text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteReplacesTheTargetAndAFailedOneLeavesItAsItWas() throws IOException {
    Path t = file("t.csv", "old");
    AtomicFiles.write(t, text("new"));
    assertThat(Files.readString(t)).isEqualTo("new");
    assertThatThrownBy(() -> AtomicFiles.write(t, out -> {
      out.write(1);
      throw new IOException("No space left on device");
    })).isInstanceOf(IOException.class)
        .hasMessage("cannot write " + t + ": No space left on device");
    assertThat(Files.readString(t)).isEqualTo("new");
    assertThat(names()).containsExactly("t.csv");
  }

  @Test
  void aTransactionReplacesAllItsTargetsAtCommit() throws IOException {
    Path w = file("w.csv", "old w");
    Path h = dir.resolve("h.csv");
    try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
      AtomicFiles.write(w, text("new w"));
      AtomicFiles.write(h, text("new h"));
      assertThat(Files.readString(w)).isEqualTo("old w");
      assertThat(h).doesNotExist();
      tx.commit();
    }
    assertThat(Files.readString(w)).isEqualTo("new w");
    assertThat(Files.readString(h)).isEqualTo("new h");
    assertThat(names()).containsExactly("h.csv", "w.csv");
  }

  @Test
  void whenTheSecondWriteFailsTheFirstTargetKeepsItsContent() throws IOException {
    // Issue 17: with --out-w w.npy --out-h h.npy, W written and H failing (disk full) lost the
    // user's previous w.npy.
    Path w = file("w.npy", "previous w");
    Path h = file("h.npy", "previous h");
    assertThatThrownBy(() -> {
      try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
        AtomicFiles.write(w, text("new w"));
        AtomicFiles.write(h, out -> {
          out.write(new byte[1000]);
          throw new IOException("No space left on device");
        });
        tx.commit();
      }
    }).hasMessage("cannot write " + h + ": No space left on device");
    assertThat(Files.readString(w)).isEqualTo("previous w");
    assertThat(Files.readString(h)).isEqualTo("previous h");
    assertThat(names()).containsExactly("h.npy", "w.npy");
  }

  @Test
  void whenAMoveFailsAtCommitTheTargetsAlreadyReplacedGetTheirContentBack()
      throws IOException {
    Path a = file("a.csv", "previous a");
    Path b = dir.resolve("b.csv");
    Path c = dir.resolve("c.csv");
    assertThatThrownBy(() -> {
      try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
        AtomicFiles.write(a, text("new a"));
        AtomicFiles.write(b, text("new b"));
        AtomicFiles.write(c, text("new c"));
        // c becomes a non-empty directory after staging: its move must fail.
        Files.createDirectories(c.resolve("inside"));
        tx.commit();
      }
    }).isInstanceOf(IOException.class).hasMessageStartingWith("cannot write " + c + ": ");
    assertThat(Files.readString(a)).isEqualTo("previous a");
    assertThat(b).doesNotExist();
    assertThat(names()).containsExactly("a.csv", "c.csv");
  }

  @Test
  void closingWithoutCommitChangesNothingAndATargetCannotBeStagedTwice() throws IOException {
    Path a = file("a.csv", "previous a");
    try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
      AtomicFiles.write(a, text("new a"));
      assertThatThrownBy(() -> AtomicFiles.write(dir.resolve("x/../a.csv"), text("again")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("written twice in one transaction");
      assertThatThrownBy(AtomicFiles::begin).isInstanceOf(IllegalStateException.class);
    }
    assertThat(Files.readString(a)).isEqualTo("previous a");
    assertThat(names()).containsExactly("a.csv");
    AtomicFiles.write(a, text("outside")); // the transaction is over: writes go through again
    assertThat(Files.readString(a)).isEqualTo("outside");
  }

  /** Before, the message named the temporary file (".out.csv.5db9...tmp") and no reason. */
  @Test
  void aWriteIntoAMissingDirectorySaysSo() throws IOException {
    Path missing = dir.resolve("missing/out.csv");
    assertThatThrownBy(() -> AtomicFiles.write(missing, text("x")))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + missing + ": the directory " + dir.resolve("missing")
            + " does not exist");
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> AtomicFiles.write(file.resolve("out.csv"), text("x")))
        .hasMessage("cannot write " + file.resolve("out.csv") + ": " + file
            + " is not a directory");
    assertThat(names()).containsExactly("file");
  }

  @Test
  void writabilityIsCheckedWithTheUsersPathAndTheReason() throws IOException {
    AtomicFiles.requireWritable(dir.resolve("new.csv"));
    Path sub = Files.createDirectory(dir.resolve("sub"));
    assertThatThrownBy(() -> AtomicFiles.requireWritable(sub))
        .isInstanceOf(FileSystemException.class).hasMessage(sub + ": is a directory");
    Path missing = dir.resolve("missing/out.csv");
    assertThatThrownBy(() -> AtomicFiles.requireWritable(missing))
        .hasMessage(missing + ": the directory " + dir.resolve("missing") + " does not exist");
    // a file where the directory should be: as write says it, not "does not exist"
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> AtomicFiles.requireWritable(file.resolve("out.csv")))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(file.resolve("out.csv") + ": " + file + " is not a directory");
    Files.delete(file);
    assertThatThrownBy(() -> AtomicFiles.requireWritable(Path.of("/proc/nmf4j-out.csv")))
        .isInstanceOf(FileSystemException.class)
        .hasMessageStartingWith("/proc/nmf4j-out.csv: cannot create a file in /proc (");
    assertThat(names()).containsExactly("sub");
  }

  @Test
  void readOnlyDirectoriesAndFilesAreRefused() throws IOException {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Path kept = file("kept.csv", "x");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("r--r--r--"));
    try {
      assumeTrue(!Files.isWritable(locked), "permissions do not bind this user (root)");
      assertThatThrownBy(() -> AtomicFiles.requireWritable(locked.resolve("out.csv")))
          .hasMessageContaining("cannot create a file in " + locked);
      assertThatThrownBy(() -> AtomicFiles.requireWritable(kept))
          .hasMessage(kept + ": the file is read-only");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /**
   * A write moves a new file over the target, which needs only the directory's permission, so a
   * read-only file was replaced; and root, whom permissions do not bind, passed the check
   * before work as well. A file that nobody may write ({@code chmod a-w}) is now refused by both,
   * for any user, and kept as it was.
   */
  @Test
  void aFileThatNobodyMayWriteIsRefusedAndKeptForRootToo() throws IOException {
    Path kept = file("kept.csv", "old");
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("r--r--r--"));
    assertThatThrownBy(() -> AtomicFiles.write(kept, text("new")))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(kept + ": the file is read-only");
    assertThatThrownBy(() -> AtomicFiles.requireWritable(kept))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(kept + ": the file is read-only");
    try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
      assertThatThrownBy(() -> AtomicFiles.write(kept, text("new")))
          .isInstanceOf(AccessDeniedException.class);
    }
    assertThat(Files.readString(kept)).isEqualTo("old");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
        .isEqualTo("r--r--r--");
    assertThat(names()).containsExactly("kept.csv");
    // a write bit for its owner only is writable for the owner
    Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r--r--"));
    AtomicFiles.write(kept, text("new"));
    assertThat(Files.readString(kept)).isEqualTo("new");
  }

  /**
   * Issue 17: after SIGINT during a large write, a temporary file stayed behind, and with two
   * outputs one complete file and one partial temporary file. A forked JVM stages one file and
   * is stopped while writing the second; the shutdown hook must leave the directory as it was.
   */
  @Test
  void aProgramStoppedInTheMiddleOfATransactionLeavesNothingBehind() throws Exception {
    Path w = file("w.csv", "previous w");
    String classpath = location(AtomicFilesTest.class) + java.io.File.pathSeparator
        + location(AtomicFiles.class);
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx64m", "-cp", classpath, InterruptedWriter.class.getName(),
        dir.toString()).redirectErrorStream(true).start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      assertThat(r.readLine()).isEqualTo(InterruptedWriter.READY);
      assertThat(names()).hasSize(3); // w.csv and the two temporary files
      p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as for SIGINT
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(names()).containsExactly("w.csv");
    assertThat(Files.readString(w)).isEqualTo("previous w");
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
