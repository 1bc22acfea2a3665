package io.github.nmf4j.image;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.io.FileFormatException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file with {@code javax.imageio} after {@link ImageFiles} has checked its
 * structure: the pixel limit is checked against the decoder's reading of the header, a decoder
 * warning of a premature end fails the read, and every failure of the decoder (an exception
 * of any kind, running out of memory) becomes an exception that names the file and the reason.
 */
final class ImageReading {

  private ImageReading() {}

  /**
   * Decodes the first image of {@code path}, which may have at most {@code maxPixels} pixels.
   *
   * @throws NoSuchFileException if the file does not exist
   * @throws FileFormatException if the file is not a readable image, is damaged or truncated,
   *     or has more pixels than allowed
   * @throws IOException if reading fails or the JVM runs out of memory decoding it
   */
  static BufferedImage decode(Path path, long maxPixels) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    ImageFiles.Header header = ImageFiles.check(path);
    try (ImageInputStream iis = ImageIO.createImageInputStream(path.toFile())) {
      if (iis == null) {
        throw new IOException("cannot open " + path);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(header.format());
      if (!readers.hasNext()) {
        throw new FileFormatException(path + ": this Java has no " + header.format()
            + " decoder");
      }
      ImageReader reader = readers.next();
      List<String> truncation = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("premature end") || w.contains("truncated")) {
          truncation.add(warning);
        }
      });
      long pixels = -1;
      try {
        reader.setInput(iis, true, true);
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        pixels = width * height;
        if (pixels > maxPixels) {
          throw new FileFormatException(path + " declares " + Phrases.imageSize(height, width)
              + ", " + pixels + " in all, more than the limit of " + maxPixels + "; raise it"
              + " with --max-pixels N on the command line or -D" + Images.MAX_PIXELS_PROPERTY
              + "=N");
        }
        BufferedImage image = reader.read(0);
        if (!truncation.isEmpty()) {
          throw new FileFormatException(path + " is truncated or damaged: "
              + truncation.get(0));
        }
        return image;
      } catch (FileFormatException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new FileFormatException(path + " is not a readable image: " + reason(e), e);
      } catch (OutOfMemoryError e) {
        throw new IOException(path + ": decoding " + (pixels < 0 ? "it" : pixels + " pixels")
            + " needs more memory than Java may use; give it more with -Xmx", e);
      } finally {
        reader.dispose();
      }
    }
  }

  /** The first message in a chain of causes, or the name of the innermost exception. */
  private static String reason(Throwable e) {
    String last = e.getClass().getSimpleName();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        String m = t.getMessage();
        return t.getCause() != null && t.getCause().getMessage() != null
            && !m.contains(t.getCause().getMessage()) ? m + " (" + reason(t.getCause()) + ")" : m;
      }
      last = t.getClass().getSimpleName();
    }
    return last.equals("EOFException") ? "the file ends too early" : last;
  }
}
