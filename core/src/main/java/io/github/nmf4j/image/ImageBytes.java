package io.github.nmf4j.image;

import io.github.nmf4j.internal.Phrases;
import io.github.nmf4j.io.FileFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A byte stream that knows its position and the file's length, for messages. */
final class ImageBytes implements AutoCloseable {
  private final InputStream in;
  private final String name;
  private final long length;
  private long position;
  private final int[] peeked = new int[2];
  private int buffered;

  ImageBytes(InputStream in, String name, long length) throws IOException {
    this.in = in;
    this.name = name;
    this.length = length;
    peeked[0] = in.read();
    peeked[1] = peeked[0] < 0 ? -1 : in.read();
    buffered = 2;
  }

  String name() {
    return name;
  }

  long length() {
    return length;
  }

  long position() {
    return position;
  }

  int peekByte(int i) {
    return peeked[i];
  }

  private int read() throws IOException {
    int b;
    if (buffered > 0) {
      b = peeked[2 - buffered];
      buffered--;
    } else {
      b = in.read();
    }
    if (b >= 0) {
      position++;
    }
    return b;
  }

  int u8(String what) throws IOException {
    int b = read();
    if (b < 0) {
      throw new EOFException("the file ends at byte " + position + ", inside " + what);
    }
    return b;
  }

  int u16be(String what) throws IOException {
    return u8(what) << 8 | u8(what);
  }

  int u16le(String what) throws IOException {
    return u8(what) | u8(what) << 8;
  }

  long u32be(String what) throws IOException {
    return (long) u16be(what) << 16 | u16be(what);
  }

  long u32le(String what) throws IOException {
    return u16le(what) | (long) u16le(what) << 16;
  }

  String ascii(int n, String what) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int c = u8(what);
      sb.append(c >= 32 && c < 127 ? (char) c : '?');
    }
    return sb.toString();
  }

  void skip(long n) throws IOException {
    long rest = n;
    while (buffered > 0 && rest > 0) {
      u8("a skipped segment");
      rest--;
    }
    if (position + rest > length) {
      throw new EOFException("the file ends at byte " + length + ", "
          + Phrases.count(position + rest - length, "byte") + " before the end of a segment");
    }
    in.skipNBytes(rest);
    position += rest;
  }

  /**
   * The next marker's code, after any fill bytes: {@code FF xx}. Stray bytes before it are
   * skipped, as libjpeg does (with a warning the decoder ignores): some writers leave them.
   */
  int marker() throws IOException {
    while (true) {
      int code = afterFf("without an end-of-image marker");
      if (code != 0) { // FF 00 is a stuffed byte, not a marker
        return code;
      }
    }
  }

  /**
   * Skips entropy-coded data (stuffed {@code FF 00} and restart markers included) up to the
   * next other marker, which is left to be read; returns the bytes skipped.
   */
  long skipEntropyCoded() throws IOException {
    long start = position;
    while (true) {
      int next = afterFf("inside the image data, without an end-of-image marker");
      if (next == 0 || next >= 0xd0 && next <= 0xd7) {
        continue;
      }
      // Another marker: push it back for marker().
      peeked[0] = 0xff;
      peeked[1] = next;
      buffered = 2;
      position -= 2;
      return position - start;
    }
  }

  /**
   * Reads up to the next {@code FF} byte and past any fill {@code FF}s after it, and returns the
   * byte that follows; at the end of the file, an EOFException saying the file ends {@code
   * where}.
   */
  private int afterFf(String where) throws IOException {
    int b;
    do {
      b = read();
      if (b < 0) {
        throw new EOFException("the file ends at byte " + position + " " + where);
      }
    } while (b != 0xff);
    do {
      b = read();
    } while (b == 0xff);
    if (b < 0) {
      throw new EOFException("the file ends at byte " + position + " " + where);
    }
    return b;
  }

  FileFormatException truncated(String what) {
    return new FileFormatException(name + " is truncated or damaged: " + what);
  }

  FileFormatException damaged(String what) {
    return new FileFormatException(name + " is damaged: " + what);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
