package io.github.nmf4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.nmf4j.linalg.Matrix;
import io.github.nmf4j.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixIoTest {

  private static final Matrix M = Matrix.of(new double[][] {{1, 2}, {3, 4}});

  @TempDir Path dir;

  /** A directory named like a matrix file is refused by name, by every reader. */
  @Test
  void aDirectoryIsRefusedByName(@TempDir Path dir) throws IOException {
    for (String name : new String[] {"d.csv", "d.npy", "d.npz", "d.mtx"}) {
      Path d = Files.createDirectory(dir.resolve(name));
      String expected = d + " is a directory, not a matrix file";
      assertThatThrownBy(() -> MatrixIo.read(d)).isInstanceOf(IOException.class)
          .hasMessage(expected);
      assertThatThrownBy(() -> MatrixIo.readLabels(d)).isInstanceOf(IOException.class)
          .hasMessage(expected);
      if (!name.equals("d.csv") && !name.equals("d.npy")) {
        assertThatThrownBy(() -> MatrixIo.readSparse(d)).isInstanceOf(IOException.class)
            .hasMessage(expected);
      }
    }
  }

  @Test
  void rejectsUnknownExtensionsAndNulls() {
    assertThatThrownBy(() -> MatrixIo.read(dir.resolve("m.xlsx")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end in .npy, .npz, .csv, .tsv, .txt, .mtx or .mtx.gz");
    assertThatThrownBy(() -> MatrixIo.write(dir.resolve("m"), M))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MatrixIo.write(dir.resolve("m.csv"), (Matrix) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("matrix must not be null");
    assertThatThrownBy(() -> MatrixIo.read(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> MatrixIo.read(dir.resolve("absent.npy")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void extensionsAreCaseInsensitive() throws IOException {
    Path p = dir.resolve("M.NPY");
    MatrixIo.write(p, M);
    assertThat(MatrixIo.read(p)).isEqualTo(M);
  }

  @Test
  void denseTextFormatsRoundTripAndMtxGzIsCompressed() throws IOException {
    Matrix m = Matrix.of(new double[][] {{1.5, 0, -2}, {0.1, 3e-300, 7}});
    for (String name : new String[] {"m.csv", "m.tsv", "m.txt", "m.mtx", "m.mtx.gz"}) {
      Path p = dir.resolve(name);
      MatrixIo.write(p, m);
      assertThat(MatrixIo.read(p)).as(name).isEqualTo(m);
    }
    byte[] gz = Files.readAllBytes(dir.resolve("m.mtx.gz"));
    assertThat(new byte[] {gz[0], gz[1]}).isEqualTo(new byte[] {0x1f, (byte) 0x8b});
    assertThat(Files.readString(dir.resolve("m.mtx"))).startsWith("%%MatrixMarket");
  }

  @Test
  void aFailedWriteLeavesNoFileAndKeepsTheOldOne() throws IOException {
    Path missingDir = dir.resolve("no/such/dir/m.csv");
    assertThatThrownBy(() -> MatrixIo.write(missingDir, M)).isInstanceOf(IOException.class);
    assertThat(Files.exists(dir.resolve("no"))).isFalse();

    // A directory at the target's name: the move fails after the data was written.
    Path target = dir.resolve("taken.npy");
    Files.createDirectory(target);
    Files.writeString(target.resolve("child"), "x");
    assertThatThrownBy(() -> MatrixIo.write(target, M)).isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("taken.npy");
    }
  }

  /**
   * A directory that refuses new files (here /proc; a read-only directory for a user other than
   * root) was reported as "cannot write /proc/m.csv: /proc/.m.csv.5f3a....tmp", the name of the
   * temporary file in place of the reason.
   */
  @Test
  void aDirectoryThatRefusesNewFilesIsReportedWithTheReasonNotATemporaryName() {
    Path proc = Path.of("/proc/nmf4j-m.csv");
    assumeTrue(Files.isDirectory(proc.getParent()), "no /proc here");
    assertThatThrownBy(() -> MatrixIo.write(proc, M)).isInstanceOf(IOException.class)
        .hasMessage("cannot write " + proc + ": no such file or directory");
  }

  @Test
  void overwritesAnExistingFile() throws IOException {
    Path p = dir.resolve("m.csv");
    Files.writeString(p, "old content that is longer than the new one\n");
    MatrixIo.write(p, M);
    assertThat(Files.readString(p)).isEqualTo("1,2\n3,4\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  /**
   * Writing went to a temporary file moved over the target, which needs only the directory's
   * permission: a read-only file was replaced without a word. It is now refused, naming it, and
   * kept. Root may write any file, so the file's permission bits (no write bit for anyone, as
   * {@code chmod a-w} leaves them) decide when the system would let the write through.
   */
  @Test
  void aReadOnlyFileIsRefusedByNameAndKept() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "no POSIX permissions here");
    String[] names = {"m.csv", "m.npy", "m.mtx", "m.mtx.gz", "m.npz", "s.npz", "s.mtx",
        "l.csv", "l.npy"};
    for (String name : names) {
      Path p = dir.resolve(name);
      byte[] old = {'o', 'l', 'd', '\n'};
      Files.write(p, old);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
      String expected = p + ": the file is read-only";
      if (name.startsWith("m.")) {
        assertThatThrownBy(() -> MatrixIo.write(p, M)).as(name)
            .isInstanceOf(AccessDeniedException.class).hasMessage(expected);
      } else if (name.startsWith("s.")) {
        assertThatThrownBy(() -> MatrixIo.write(p, SparseMatrix.of(M))).as(name)
            .isInstanceOf(AccessDeniedException.class).hasMessage(expected);
      } else {
        assertThatThrownBy(() -> MatrixIo.writeLabels(p, new int[] {0, 1})).as(name)
            .isInstanceOf(AccessDeniedException.class).hasMessage(expected);
      }
      assertThat(Files.readAllBytes(p)).as(name).isEqualTo(old);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
          .isEqualTo("r--r--r--");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file is left").hasSize(names.length);
    }
    // a write bit for anyone is not read-only: the system decides (here, for its owner)
    Path groupWritable = dir.resolve("g.csv");
    Files.writeString(groupWritable, "old\n");
    Files.setPosixFilePermissions(groupWritable, PosixFilePermissions.fromString("rw-r-----"));
    MatrixIo.write(groupWritable, M);
    assertThat(Files.readString(groupWritable)).isEqualTo("1,2\n3,4\n");
  }
}
