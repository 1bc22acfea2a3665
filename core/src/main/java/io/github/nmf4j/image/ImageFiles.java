package io.github.nmf4j.image;

import io.github.nmf4j.internal.ByteCounts;
import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.io.FileFormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks the structure of an image file against its length before it is decoded, so that a
 * small file cannot make the decoder allocate for pixels it does not hold, and a cut-off file is
 * refused instead of decoded as far as it goes.
 *
 * <ul>
 *   <li>PNG: every chunk lies inside the file, IHDR comes first and IEND last, and the
 *       uncompressed pixel bytes IHDR implies are at most {@value #DEFLATE_RATIO} times the IDAT
 *       bytes (deflate cannot expand more than about 1032 to 1).</li>
 *   <li>JPEG: every marker segment lies inside the file and the file reaches its EOI marker;
 *       the frame has 1 or 3 colour components (CMYK and YCCK JPEGs, with 4, are refused: the
 *       JDK's decoder gives them wrong colours); a Huffman-coded frame's entropy-coded data holds
 *       at least one bit per 8 x 8 block of each component.</li>
 *   <li>BMP: an uncompressed bitmap's rows lie inside the file.</li>
 *   <li>GIF: every block up to the end of the first image's data lies inside the file, and that
 *       data can decode to the pixels the image declares (see {@link #mostLzwPixels}). An
 *       interlaced first image of 2 to 4 rows is refused: the JDK's decoder leaves rows of it
 *       black (its second interlace pass is empty).</li>
 * </ul>
 * Run-length-coded BMP files are bounded by the pixel limit only.
 */
final class ImageFiles {

  /** The most a deflate stream expands: 258 bytes per 2 bits of a length code, plus slack. */
  static final long DEFLATE_RATIO = 1033;

  private ImageFiles() {}

  /** What the header of a supported image says. */
  record Header(String format, long width, long height) {}

  /**
   * Checks the file's structure and returns what its header declares.
   *
   * @throws FileFormatException if the file is truncated, damaged, or of an unsupported kind;
   *     the message names the file and says what it declares and what it holds
   */
  static Header check(Path path) throws IOException {
    long length = Files.size(path);
    if (length == 0) {
      throw new FileFormatException(path + " is empty (0 bytes), not an image");
    }
    try (ImageBytes in = new ImageBytes(
        new BufferedInputStream(Files.newInputStream(path), 1 << 16), path.toString(), length)) {
      int b0 = in.peekByte(0);
      int b1 = in.peekByte(1);
      if (b0 == 0x89 && b1 == 'P') {
        return png(in);
      }
      if (b0 == 0xff && b1 == 0xd8) {
        return jpeg(in);
      }
      if (b0 == 'B' && b1 == 'M') {
        return bmp(in);
      }
      if (b0 == 'G' && b1 == 'I') {
        return gif(in);
      }
      throw new FileFormatException(path + " is not an image nmf4j can read (PNG, JPEG, BMP"
          + " or GIF)");
    } catch (EOFException e) {
      throw new FileFormatException(path + " is truncated: " + e.getMessage());
    }
  }

  private static Header png(ImageBytes in) throws IOException {
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    for (byte s : signature) {
      if ((byte) in.u8("the PNG signature") != s) {
        throw in.damaged("not a PNG file (bad signature)");
      }
    }
    long width = -1;
    long height = -1;
    int bitsPerPixel = 0;
    long idat = 0;
    boolean first = true;
    while (true) {
      long at = in.position();
      long size = in.u32be("a chunk length");
      String type = in.ascii(4, "a chunk type");
      if (size > Integer.MAX_VALUE) {
        throw in.damaged("chunk " + type + " at byte " + at + " claims "
            + Phrases.count(size, "byte"));
      }
      if (in.position() + size + 4 > in.length()) {
        throw in.truncated("chunk " + type + " at byte " + at + " claims "
            + Phrases.count(size, "byte") + ", but the file ends "
            + Phrases.count(in.length() - in.position(), "byte") + " later");
      }
      if (first != type.equals("IHDR")) {
        throw in.damaged(first ? "the first chunk is " + type + ", not IHDR"
            : "a second IHDR chunk at byte " + at);
      }
      if (first) {
        if (size < 13) {
          throw in.damaged("IHDR has " + size + " bytes, not 13");
        }
        width = in.u32be("the width");
        height = in.u32be("the height");
        int depth = in.u8("the bit depth");
        int colour = in.u8("the colour type");
        int channels = switch (colour) {
          case 0, 3 -> 1;
          case 2 -> 3;
          case 4 -> 2;
          case 6 -> 4;
          default -> throw in.damaged("unknown colour type " + colour);
        };
        if (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16) {
          throw in.damaged("unknown bit depth " + depth);
        }
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE
            || height > Integer.MAX_VALUE) {
          throw in.damaged("IHDR declares " + Phrases.imageSize(height, width));
        }
        bitsPerPixel = channels * depth;
        in.skip(size - 10 + 4);
        first = false;
        continue;
      }
      if (type.equals("IDAT")) {
        idat += size;
      }
      in.skip(size + 4);
      if (type.equals("IEND")) {
        break;
      }
    }
    // The pixel bytes without filter bytes or row padding: a lower bound of what inflates.
    double pixelBytes = (double) width * height * bitsPerPixel / 8;
    if (pixelBytes > (double) DEFLATE_RATIO * idat + 64) {
      throw in.truncated(String.format(Locale.ROOT, "its header declares %s"
          + " (%s of pixel data), but it holds %d bytes of compressed image data, which can"
          + " inflate to at most %s", Phrases.imageSize(height, width),
          ByteCounts.of(pixelBytes), idat, ByteCounts.of((double) DEFLATE_RATIO * idat)));
    }
    return new Header("png", width, height);
  }

  private static Header jpeg(ImageBytes in) throws IOException {
    in.skip(2); // SOI
    long blocks = -1;
    boolean huffman = true;
    long entropyBytes = 0;
    Header header = null;
    while (true) {
      int marker = in.marker();
      if (marker == 0xd9) { // EOI
        break;
      }
      if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd7) {
        continue; // TEM and RST markers have no segment
      }
      long at = in.position() - 2;
      int size = in.u16be("a segment length");
      if (size < 2) {
        throw in.damaged(String.format(Locale.ROOT, "segment FF%02X at byte %d has length %d",
            marker, at, size));
      }
      if (in.position() + size - 2 > in.length()) {
        throw in.truncated(String.format(Locale.ROOT, "segment FF%02X at byte %d claims %s,"
            + " but the file ends %s later", marker, at, Phrases.count(size, "byte"),
            Phrases.count(in.length() - in.position(), "byte")));
      }
      boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
          && marker != 0xcc;
      if (frame && header == null) {
        in.u8("the sample precision");
        long height = in.u16be("the height");
        long width = in.u16be("the width");
        int components = in.u8("the number of components");
        if (height == 0 || width == 0) {
          throw in.damaged("its frame declares " + Phrases.imageSize(height, width) + " (a"
              + " height given later by a DNL marker is not supported)");
        }
        if (components == 4) {
          throw new FileFormatException(in.name() + " is a CMYK or YCCK JPEG (4 colour"
              + " components); nmf4j reads gray and RGB JPEGs only: convert it to RGB first,"
              + " for example with ImageMagick: magick " + in.name() + " -colorspace sRGB"
              + " out.png");
        }
        if (components != 1 && components != 3) {
          throw in.damaged("its frame has " + components + " colour components; nmf4j reads"
              + " gray (1) and colour (3) JPEGs");
        }
        if (size != 8 + 3 * components) {
          throw in.damaged("its frame header has " + size + " bytes, not "
              + (8 + 3 * components));
        }
        int[] h = new int[components];
        int[] v = new int[components];
        int hMax = 1;
        int vMax = 1;
        for (int c = 0; c < components; c++) {
          in.u8("a component id");
          int sampling = in.u8("a sampling factor");
          h[c] = Math.max(1, sampling >> 4);
          v[c] = Math.max(1, sampling & 15);
          hMax = Math.max(hMax, h[c]);
          vMax = Math.max(vMax, v[c]);
          in.u8("a quantization table");
        }
        blocks = 0;
        for (int c = 0; c < components; c++) {
          long cw = (width * h[c] + hMax - 1) / hMax;
          long ch = (height * v[c] + vMax - 1) / vMax;
          blocks += ((cw + 7) / 8) * ((ch + 7) / 8);
        }
        huffman = marker < 0xc8;
        header = new Header("jpeg", width, height);
        continue;
      }
      in.skip(size - 2);
      if (marker == 0xda) { // SOS: entropy-coded data up to the next marker
        entropyBytes += in.skipEntropyCoded();
      }
    }
    if (header == null) {
      throw in.damaged("it has no frame header (SOF marker)");
    }
    if (huffman && entropyBytes * 8 < blocks) {
      throw in.truncated(String.format(Locale.ROOT, "its frame declares %s in %d"
          + " blocks of 8 x 8, which need at least %s of coded data, but it holds %d bytes",
          Phrases.imageSize(header.height(), header.width()), blocks,
          ByteCounts.of(blocks / 8.0), entropyBytes));
    }
    return header;
  }

  private static Header gif(ImageBytes in) throws IOException {
    String signature = in.ascii(6, "the GIF signature");
    if (!signature.equals("GIF87a") && !signature.equals("GIF89a")) {
      throw in.damaged("not a GIF file (bad signature)");
    }
    in.u16le("the width");
    in.u16le("the height");
    skipColourTable(in, in.u8("the screen flags"));
    in.skip(2); // background colour, aspect ratio
    while (true) {
      long at = in.position();
      int block = in.u8("a block introducer");
      if (block == 0x21) { // extension: a label, then data blocks
        in.u8("an extension label");
        dataBlocks(in);
      } else if (block == 0x2c) { // the first image: the one decoded
        in.skip(4); // left, top
        long width = in.u16le("the image width");
        long height = in.u16le("the image height");
        int flags = in.u8("the image flags");
        if (width == 0 || height == 0) {
          throw in.damaged("its first image declares " + Phrases.imageSize(height, width));
        }
        skipColourTable(in, flags);
        int codeSize = in.u8("the LZW code size");
        if (codeSize < 1 || codeSize > 11) {
          throw in.damaged("its LZW code size is " + codeSize + ", not 1 to 11");
        }
        long bytes = dataBlocks(in);
        long most = mostLzwPixels(bytes, codeSize);
        if (most < width * height) {
          throw in.truncated("its first image declares " + Phrases.imageSize(height, width) + ","
              + " but it holds " + Phrases.count(bytes, "byte") + " of LZW-coded data, which"
              + " can decode to at most " + Phrases.count(most, "pixel"));
        }
        if ((flags & 0x40) != 0 && height >= 2 && height <= 4) {
          throw new FileFormatException(in.name() + " is an interlaced GIF of " + height
              + " rows, which Java decodes wrongly (rows missing); convert it to PNG first, for"
              + " example with ImageMagick: magick " + in.name() + " out.png");
        }
        return new Header("gif", width, height);
      } else {
        throw in.damaged(block == 0x3b ? "it ends (trailer at byte " + at + ") before any image"
            : String.format(Locale.ROOT, "unknown block %02X at byte %d", block, at));
      }
    }
  }

  private static void skipColourTable(ImageBytes in, int flags) throws IOException {
    if ((flags & 0x80) != 0) {
      long size = 3L << ((flags & 7) + 1);
      if (in.position() + size > in.length()) {
        throw new EOFException("the file ends at byte " + in.length() + ", inside the colour"
            + " table");
      }
      in.skip(size);
    }
  }

  /** Skips a sequence of GIF data blocks up to its terminator; returns their data bytes. */
  private static long dataBlocks(ImageBytes in) throws IOException {
    long total = 0;
    while (true) {
      long at = in.position();
      int size = in.u8("a data block size");
      if (size == 0) {
        return total;
      }
      if (in.position() + size > in.length()) {
        throw in.truncated("a data block at byte " + at + " claims "
            + Phrases.count(size, "byte") + ", but the file ends at byte " + in.length());
      }
      in.skip(size);
      total += size;
    }
  }

  /**
   * The most pixels {@code bytes} of GIF LZW data can decode to. Each code takes at least
   * {@code codeSize + 1} bits, and the i-th code decodes to at most i pixels (each new table
   * entry is one longer than an earlier one) and at most 4096 (the table's size): at most
   * {@code sum min(i, 4096)} for i up to the number of codes.
   */
  static long mostLzwPixels(long bytes, int codeSize) {
    long codes = bytes * 8 / (codeSize + 1);
    long ramp = Math.min(codes, 4096);
    return ramp * (ramp + 1) / 2 + (codes - ramp) * 4096;
  }

  private static Header bmp(ImageBytes in) throws IOException {
    in.skip(10);
    long offset = in.u32le("the pixel data offset");
    long dib = in.u32le("the header size");
    long width;
    long height;
    int bpp;
    long compression = 0;
    if (dib == 12) {
      width = in.u16le("the width");
      height = in.u16le("the height");
      in.u16le("the planes");
      bpp = in.u16le("the bits per pixel");
    } else if (dib >= 40) {
      width = (int) in.u32le("the width");
      height = Math.abs((long) (int) in.u32le("the height"));
      in.u16le("the planes");
      bpp = in.u16le("the bits per pixel");
      compression = in.u32le("the compression");
    } else {
      throw in.damaged("unknown BMP header size " + dib);
    }
    if (width <= 0 || height <= 0) {
      throw in.damaged("its header declares " + Phrases.imageSize(height, width));
    }
    if (compression == 0 || compression == 3) { // uncompressed or bit fields
      if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) {
        throw in.damaged("unknown bits per pixel " + bpp);
      }
      double row = Math.ceil(width * bpp / 32.0) * 4;
      double need = offset + row * (height - 1) + Math.ceil(width * bpp / 8.0);
      if (need > in.length()) {
        throw in.truncated(String.format(Locale.ROOT, "its header declares %s of"
            + " %d bits from byte %d, %s in all, but the file holds %d bytes",
            Phrases.imageSize(height, width), bpp, offset, ByteCounts.of(need), in.length()));
      }
    }
    return new Header("bmp", width, height);
  }
}
