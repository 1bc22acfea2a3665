"""Makes the image fixtures read by ImagesTest. Run from this directory with the system
Python (Pillow, numpy):  /usr/bin/python3 make_images.py

Every colour fixture is 5 wide and 4 high with, at column x and row y,
  R = (17 x + 40 y) % 256,  G = (3 x y + 50) % 256,  B = (255 - 20 x - 30 y) % 256
Gray fixtures hold Y = (13 x + 60 y) % 256 (8 bits) or Y16 = (13 x + 60 y) * 257 + x (16 bits)."""
import struct
import zlib

import numpy as np
from PIL import Image

W, H = 5, 4
y, x = np.mgrid[0:H, 0:W]
rgb = np.stack([(17 * x + 40 * y) % 256, (3 * x * y + 50) % 256, (255 - 20 * x - 30 * y) % 256],
               axis=-1).astype(np.uint8)
gray = ((13 * x + 60 * y) % 256).astype(np.uint8)
gray16 = ((13 * x + 60 * y) * 257 + x).astype(np.uint16)

Image.fromarray(rgb, "RGB").save("rgb.png")
Image.fromarray(rgb, "RGB").save("rgb.bmp")
Image.fromarray(rgb, "RGB").save("rgb.jpg", quality=95)
rgba = np.concatenate([rgb, np.full((H, W, 1), 128, np.uint8)], axis=-1)
Image.fromarray(rgba, "RGBA").save("rgba.png")
Image.fromarray(gray, "L").save("gray.png")
Image.fromarray(gray, "L").save("gray.bmp")
Image.fromarray(gray, "L").save("gray.jpg", quality=95)
Image.fromarray(gray16, "I;16").save("gray16.png")

# A paletted PNG and GIF: the image uses the 20 distinct colours of rgb through a palette.
pal = Image.fromarray(rgb, "RGB").quantize(colors=256, method=Image.Quantize.MAXCOVERAGE)
assert np.array_equal(np.asarray(pal.convert("RGB")), rgb)
pal.save("palette.png")
pal.save("palette.gif")


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


# A 16-bit RGB PNG written by hand (Pillow cannot): R16 = R * 257 + x, G16 = G * 257, B16 = B * 257.
rgb16 = rgb.astype(np.uint16) * 257
rgb16[:, :, 0] += x.astype(np.uint16)
raw = b"".join(b"\x00" + rgb16[r].astype(">u2").tobytes() for r in range(H))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 16, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw))
       + chunk(b"IEND", b""))
with open("rgb16.png", "wb") as f:
    f.write(png)

with open("not_an_image.png", "w") as f:
    f.write("this is text, not a PNG\n")
full = open("rgb.png", "rb").read()
with open("truncated.png", "wb") as f:
    f.write(full[: len(full) // 2])

# Pillow's (libjpeg's) decoding of the JPEG fixtures, for comparison with the JDK's decoder:
# one row per pixel (row-major), R,G,B in 0..255.
np.savetxt("rgb_jpg_pillow.csv", np.asarray(Image.open("rgb.jpg").convert("RGB")).reshape(-1, 3),
           fmt="%d", delimiter=",")
np.savetxt("gray_jpg_pillow.csv", np.asarray(Image.open("gray.jpg")).reshape(-1, 1), fmt="%d")
