"""Makes faces_like.u8.gz: 200 synthetic 25x25 gray "faces", a stand-in for the Olivetti faces
(scikit-learn's fetch_olivetti_faces needs a download the build machine cannot make).

Run with the system python:  /usr/bin/python3 make_faces_like.py
Each face is a face-shaped mean (a lit oval on a dark background) plus parts of random strength,
position jitter of up to one pixel and a sideways lighting gradient: eyes, eyebrows, nose ridge,
mouth, hair line, cheeks, and glasses on a fifth of the faces (no pixel noise: it would double
the file). Pixels are
clipped to [0, 1] and stored as bytes (value * 255, rounded), 625 bytes per face in row-major
order, faces one after another (125,000 bytes before gzip). Readers divide by 255, as Olivetti's
float pixels are.
"""
import gzip
import numpy as np

SIZE = 25
N = 200
rng = np.random.RandomState(20240607)
yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(float)


def blob(cy, cx, sy, sx):
    return np.exp(-0.5 * (((yy - cy) / sy) ** 2 + ((xx - cx) / sx) ** 2))


faces = np.empty((N, SIZE * SIZE))
for n in range(N):
    dy, dx = rng.uniform(-1, 1, 2)
    cy, cx = 12.5 + dy, 12 + dx
    oval = ((yy - cy) / 11.0) ** 2 + ((xx - cx) / 8.5) ** 2
    face = 0.12 + 0.5 * (oval < 1) * (1 - 0.35 * oval)
    face = face + rng.uniform(0.0, 0.15) * (xx - cx) / 12 * (oval < 1.2)       # lighting
    hair = rng.uniform(3, 7)
    face = np.where((yy < cy - 11 + hair) & (oval < 1.3), 0.08 + rng.uniform(0, 0.2), face)
    eye = rng.uniform(0.25, 0.5)
    for side in (-1, 1):
        ex = cx + side * rng.uniform(3.3, 4.3)
        face -= eye * blob(cy - 2.5, ex, 1.0, 1.4)
        face -= rng.uniform(0.05, 0.35) * blob(cy - 5, ex, 0.6, 2.2)                # brow
        face += rng.uniform(0.0, 0.15) * blob(cy + 3, cx + side * 5, 2.0, 1.6)      # cheek
    face += rng.uniform(0.05, 0.25) * blob(cy + 1.5, cx, 2.5, 0.8)                  # nose
    face -= rng.uniform(0.05, 0.2) * blob(cy + 3.8, cx, 0.6, 1.5)                   # nostrils
    face -= rng.uniform(0.15, 0.45) * blob(cy + 7, cx, 0.7, rng.uniform(2.0, 3.5))  # mouth
    if rng.uniform() < 0.2:                                                         # glasses
        for side in (-1, 1):
            r = np.hypot(yy - (cy - 2.5), xx - (cx + side * 3.8))
            face -= 0.3 * np.exp(-0.5 * ((r - 2.4) / 0.45) ** 2)
    faces[n] = np.clip(face, 0, 1).ravel()

data = np.round(faces * 255).astype(np.uint8)
with gzip.GzipFile("faces_like.u8.gz", "wb", mtime=0) as f:
    f.write(data.tobytes())
