package io.github.nmf4j.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The program {@link AtomicFilesTest} stops: in a transaction, writes {@code w.csv} completely,
 * then writes {@code h.csv} without end, saying {@link #READY} once both temporary files exist.
 */
final class InterruptedWriter {

  static final String READY = "writing h.csv";

  private InterruptedWriter() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    try (AtomicFiles.Transaction tx = AtomicFiles.begin()) {
      AtomicFiles.write(dir.resolve("w.csv"), out -> out.write("new w\n".getBytes()));
      AtomicFiles.write(dir.resolve("h.csv"), out -> {
        out.write("1,2,3\n".getBytes());
        out.flush();
        System.out.println(READY);
        System.out.flush();
        while (true) {
          out.write("1,2,3\n".getBytes());
          out.flush();
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
      tx.commit();
    }
  }
}
