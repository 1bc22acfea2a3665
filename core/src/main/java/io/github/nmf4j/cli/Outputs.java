package io.github.nmf4j.cli;

import io.github.nmf4j.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The output files of one command, one transaction: every path is checked when the options are
 * read, before any work (its extension; that its directory exists and accepts a new file; that
 * it is not a directory or a read-only file; that no two options name the same file, and that
 * none names an input file registered by {@link #input}, which would be lost), and the files are
 * then written together by {@link #writeAll}: all of them replaced, or none.
 */
final class Outputs {

  static final Set<String> MATRIX = Set.of("npy", "csv", "tsv", "txt", "mtx");
  static final Set<String> IMAGE = Set.of("png", "jpg", "jpeg", "bmp", "gif");

  /** The writes of one command. */
  @FunctionalInterface
  interface Writes {
    void run() throws IOException;
  }

  /** The paths accepted so far, by absolute path, with the option that names each. */
  private final Map<Path, String> planned = new LinkedHashMap<>();
  /** The files the command reads, by absolute path, with what names each. */
  private final Map<Path, String> inputs = new LinkedHashMap<>();

  /**
   * Registers a file the command reads ({@code null}: none), which no output added after it may
   * name, and returns it.
   *
   * @param what how the message names it, such as {@code "the input v.csv"}
   * @throws UsageException if the path is a directory (reading it would fail later with the
   *     system's bare "Is a directory", naming no file), or cannot be looked up (a loop of
   *     symbolic links, a name too long); a file that does not exist or may not be read is
   *     left to the reader, which names it
   */
  Path input(String what, Path path) {
    if (path != null) {
      boolean directory;
      try {
        directory = Files.readAttributes(path, BasicFileAttributes.class).isDirectory();
      } catch (NoSuchFileException | AccessDeniedException e) {
        directory = false; // the reader names the file: "no such file", "cannot access"
      } catch (FileSystemException e) {
        throw new UsageException(what + " cannot be read: " + (e.getReason() != null
            ? e.getReason() : e.getMessage()));
      } catch (IOException e) {
        throw new UsageException(what + " cannot be read: " + e.getMessage());
      }
      if (directory) {
        throw new UsageException(what + " is a directory; give a file");
      }
      inputs.put(path.toAbsolutePath().normalize(), what);
    }
    return path;
  }

  /**
   * Checks an output path given as {@code --option path} and returns it ({@code null} if the
   * option was not given).
   *
   * @throws UsageException if the extension is not one of {@code extensions}, another output
   *     or an input names the same file, or the file could not be written
   */
  Path add(String option, Path path, Set<String> extensions) {
    if (path == null) {
      return null;
    }
    String given = "--" + option + " " + path;
    String name = String.valueOf(path.getFileName());
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!extensions.contains(ext)) {
      throw new UsageException(given + ": the file name must end in ."
          + String.join(", .", new TreeSet<>(extensions)));
    }
    Path key = path.toAbsolutePath().normalize();
    for (Map.Entry<Path, String> e : inputs.entrySet()) {
      if (e.getKey().equals(key) || sameFile(e.getKey(), key)) {
        throw new UsageException(given + " names the same file as " + e.getValue()
            + "; write it to another file");
      }
    }
    for (Map.Entry<Path, String> e : planned.entrySet()) {
      if (e.getKey().equals(key) || sameFile(e.getKey(), key)) {
        throw new UsageException(given + " names the same file as " + e.getValue()
            + "; give each output its own file");
      }
    }
    try {
      AtomicFiles.requireWritable(path);
    } catch (FileSystemException e) {
      throw new UsageException(given + ": cannot write there: " + e.getReason());
    } catch (IOException e) {
      throw new UsageException(given + ": cannot write there: " + e.getMessage());
    }
    planned.put(key, given);
    return path;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs {@code writes} as one transaction: the files written through the library's writers
   * ({@code MatrixIo}, {@code Images}) are staged and replace their targets together at the
   * end; if anything fails or the program is interrupted, no target changes and no temporary
   * file remains.
   */
  void writeAll(Writes writes) throws IOException {
    try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
      writes.run();
      tx.commit();
    }
  }
}
