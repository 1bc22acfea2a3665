package io.github.nmf4j.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files all at once or not at all, alone or as one transaction of several files.
 *
 * <p>A file's content goes to a temporary file in the target's directory
 * ({@code .NAME.<hex>.tmp}), which is moved over the target only when complete, so a reader
 * never sees a half-written file. Inside a {@link Transaction} (begun with {@link #begin()} on
 * the writing thread), completed temporary files are kept until {@link Transaction#commit()},
 * which moves them all over their targets; if any write or move fails, or the transaction is
 * closed without a commit, every target keeps its previous content (or stays absent) and every
 * temporary file is deleted.
 *
 * <p>Temporary files are also deleted when the JVM shuts down (SIGINT, SIGTERM,
 * {@code System.exit}) while they exist, by a shutdown hook registered on first use. A commit
 * that has begun moving files finishes before the hook runs, so an interrupted command leaves
 * either all of its outputs or none of them. Only a hard kill ({@code SIGKILL}, power loss) can
 * leave a temporary file behind.
 */
public final class AtomicFiles {

  /** Writes the content of a file to an output stream. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the whole content to {@code out}. */
    void write(OutputStream out) throws IOException;
  }

  /** Guards {@link #shuttingDown} and every move over a target. */
  private static final Object LOCK = new Object();
  /** The temporary files that exist now, deleted by the shutdown hook. */
  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static final ThreadLocal<Transaction> CURRENT = new ThreadLocal<>();
  private static boolean hookRegistered;
  private static boolean shuttingDown;

  private AtomicFiles() {}

  /**
   * Writes {@code target} through {@code writer}, replacing any existing file atomically where
   * the file system allows it; inside a transaction on this thread, the file is only staged
   * and replaced by {@link Transaction#commit()}.
   *
   * @throws IllegalArgumentException if {@code target} was already written in the current
   *     transaction
   * @throws IOException if the directory does not exist or writing or moving fails; the
   *     message names {@code target}, which is then unchanged, and no temporary file remains
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Transaction tx = CURRENT.get();
    if (tx != null && tx.staged.containsKey(absolute)) {
      throw new IllegalArgumentException(target + " is written twice in one transaction");
    }
    requireNotReadOnly(target, absolute);
    Path tmp = createTemporary(target, absolute);
    boolean kept = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        writer.write(out);
      } catch (IOException e) {
        throw failure(target, e);
      }
      if (tx != null) {
        tx.staged.put(absolute, tmp);
        tx.targets.put(absolute, target);
        kept = true;
        return;
      }
      synchronized (LOCK) {
        requireRunning(target);
        try {
          move(tmp, absolute);
        } catch (IOException e) {
          throw failure(target, e);
        }
        kept = true;
        LIVE.remove(tmp);
      }
    } finally {
      if (!kept) {
        delete(tmp);
      }
    }
  }

  /**
   * Begins a transaction on the calling thread: until it is closed, {@link #write} on this
   * thread stages files instead of replacing them. Use it in a try-with-resources block and
   * call {@link Transaction#commit()} as its last statement.
   *
   * @throws IllegalStateException if a transaction is already open on this thread
   */
  public static Transaction begin() {
    if (CURRENT.get() != null) {
      throw new IllegalStateException("a transaction is already open on this thread");
    }
    Transaction tx = new Transaction();
    CURRENT.set(tx);
    return tx;
  }

  /**
   * Checks, before any work, that {@code target} could be written: its directory exists and
   * accepts a new file, and the target is not a directory or a read-only file. A probe file is
   * created in the directory and deleted again.
   *
   * @throws IOException naming {@code target} and the reason if it cannot be written
   */
  public static void requireWritable(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      throw new FileSystemException(target.toString(), null, "is a directory");
    }
    if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new FileSystemException(target.toString(), null, dir + " is not a directory");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new FileSystemException(target.toString(), null, "the directory " + dir
          + " does not exist");
    }
    requireNotReadOnly(target, absolute);
    Path probe;
    try {
      probe = createTemporary(target, absolute);
    } catch (IOException e) {
      throw new FileSystemException(target.toString(), null, "cannot create a file in " + dir
          + " (" + reason(e) + ")");
    }
    delete(probe);
  }

  /**
   * Refuses an existing regular file that is read-only: one this process may not open for
   * writing ({@link Files#isWritable}), or whose POSIX permissions let nobody write it ({@code
   * chmod a-w}). Root may open any file, so for root the bits are what say read-only, as in
   * Vim's {@code check_file_readonly}. Without this check an atomic write, which moves a new
   * file over the target and needs only the directory's permission, would replace the file.
   *
   * @throws AccessDeniedException {@code "<target>: the file is read-only"}
   */
  private static void requireNotReadOnly(Path target, Path absolute) throws IOException {
    if (!Files.isRegularFile(absolute)) {
      return; // absent (created), or a directory, which the move refuses by name
    }
    boolean readOnly = !Files.isWritable(absolute);
    PosixFileAttributeView posix = Files.getFileAttributeView(absolute,
        PosixFileAttributeView.class);
    if (!readOnly && posix != null) {
      Set<PosixFilePermission> bits = posix.readAttributes().permissions();
      readOnly = !bits.contains(PosixFilePermission.OWNER_WRITE)
          && !bits.contains(PosixFilePermission.GROUP_WRITE)
          && !bits.contains(PosixFilePermission.OTHERS_WRITE);
    }
    if (readOnly) {
      throw new AccessDeniedException(target.toString(), null, "the file is read-only");
    }
  }

  /** Creates an empty temporary file beside {@code absolute}, registered for clean-up. */
  private static Path createTemporary(Path target, Path absolute) throws IOException {
    registerHook();
    Path dir = absolute.getParent();
    for (int attempt = 0; ; attempt++) {
      // Not Files.createTempFile: its owner-only permissions would stay on the moved file. A
      // file created normally gets the permissions the user's umask gives any new file.
      Path tmp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(
          ThreadLocalRandom.current().nextLong()) + ".tmp");
      synchronized (LOCK) {
        requireRunning(target);
        LIVE.add(tmp);
        try {
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
              .close();
          return tmp;
        } catch (FileAlreadyExistsException e) {
          LIVE.remove(tmp);
          if (attempt > 100) {
            throw failure(target, e);
          }
        } catch (IOException e) {
          LIVE.remove(tmp);
          throw Files.isDirectory(dir) ? failure(target, e)
              : new IOException("cannot write " + target + ": " + (Files.exists(dir)
                  ? dir + " is not a directory" : "the directory " + dir + " does not exist"), e);
        }
      }
    }
  }

  /** One transaction: the files staged so far, by absolute target. */
  public static final class Transaction implements AutoCloseable {
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private final Map<Path, Path> targets = new LinkedHashMap<>();
    private boolean open = true;

    private Transaction() {}

    /**
     * Moves every staged file over its target. If a move fails, the targets already replaced
     * get their previous content back (or are removed if they did not exist), so either all
     * targets are replaced or none is.
     *
     * @throws IllegalStateException if the transaction is closed
     * @throws IOException if a move fails; the message names the target
     */
    public void commit() throws IOException {
      if (!open) {
        throw new IllegalStateException("the transaction is closed");
      }
      if (staged.isEmpty()) {
        close();
        return;
      }
      try {
        synchronized (LOCK) {
          requireRunning(targets.values().iterator().next());
          replaceAll();
        }
      } finally {
        close();
      }
    }

    /** With {@link #LOCK} held: the moves, with backups to undo them. */
    private void replaceAll() throws IOException {
      List<Path[]> done = new ArrayList<>(); // {target, backup or null}
      try {
        for (Map.Entry<Path, Path> e : staged.entrySet()) {
          Path target = e.getKey();
          Path backup = null;
          try {
            if (Files.isDirectory(target)) {
              throw new FileSystemException(target.toString(), null, "is a directory");
            }
            if (Files.exists(target)) {
              backup = target.resolveSibling("." + target.getFileName() + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".bak");
              backup(target, backup);
            }
            done.add(new Path[] {target, backup});
            move(e.getValue(), target);
            LIVE.remove(e.getValue());
          } catch (IOException ex) {
            throw failure(targets.get(target), ex);
          }
        }
      } catch (IOException | RuntimeException | Error ex) {
        undo(done);
        throw ex;
      }
      for (Path[] d : done) {
        if (d[1] != null) {
          Files.deleteIfExists(d[1]);
        }
      }
      staged.clear();
    }

    /**
     * Ends the transaction on this thread; without a successful {@link #commit()}, deletes
     * every staged file and leaves every target as it was.
     */
    @Override
    public void close() {
      if (!open) {
        return;
      }
      open = false;
      CURRENT.remove();
      for (Path tmp : staged.values()) {
        delete(tmp);
      }
      staged.clear();
    }

    private static void backup(Path target, Path backup) throws IOException {
      try {
        Files.createLink(backup, target);
      } catch (UnsupportedOperationException | IOException e) {
        // No hard links here (FAT, some network file systems): a copy keeps the target in
        // place until the move replaces it.
        Files.copy(target, backup);
      }
    }

    private static void undo(List<Path[]> done) {
      for (Path[] d : done) {
        try {
          if (d[1] != null) {
            move(d[1], d[0]);
          } else {
            Files.deleteIfExists(d[0]);
          }
        } catch (IOException e) {
          // best effort: the original failure is what the user needs to see
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void delete(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // best effort: the original failure is what the user needs to see
    } finally {
      LIVE.remove(tmp);
    }
  }

  /** With {@link #LOCK} held: fails once the JVM has begun to shut down. */
  private static void requireRunning(Path target) throws IOException {
    if (shuttingDown) {
      throw new IOException("cannot write " + target + ": the program is shutting down");
    }
  }

  /** An exception that names the user's target, not the temporary file. */
  private static IOException failure(Path target, IOException e) {
    return new IOException("cannot write " + target + ": " + reason(e), e);
  }

  /**
   * Why {@code e} happened: the reason the system gave, or for a file system exception without
   * one, what its type means (its message is only the file's name, which for a temporary file
   * means nothing to the user).
   */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) {
        return f.getReason();
      }
      if (e instanceof AccessDeniedException) {
        return "permission denied";
      }
      if (e instanceof NoSuchFileException) {
        return "no such file or directory";
      }
      return e.getClass().getSimpleName();
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static void registerHook() {
    synchronized (LOCK) {
      if (hookRegistered) {
        return;
      }
      hookRegistered = true;
    }
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::shutDown,
          "nmf4j-temporary-files"));
    } catch (IllegalStateException e) {
      // already shutting down: nothing will be written anyway
    }
  }

  /** The shutdown hook: waits for a commit under way, then deletes every temporary file. */
  private static void shutDown() {
    synchronized (LOCK) {
      shuttingDown = true;
      for (Path tmp : List.copyOf(LIVE)) {
        delete(tmp);
      }
    }
  }
}
