"""Real photos with per-digit boxes (../shared/data/train-real-digits) as training samples.

Each sample is a random crop scaled so that the digits land at a random height in the output
(so real glyphs are seen at the sizes a phone gives the detector), with photometric jitter.
Letters in these photos are not boxed: they are learned as background, i.e. real negatives.
"""

from __future__ import annotations

import io
import json
import os
import random

import numpy as np
from PIL import Image, ImageFilter


class RealDigits:
    def __init__(self, data_dir: str):
        with open(os.path.join(data_dir, "annotations.json")) as f:
            recs = json.load(f)
        self.items: list[tuple[bytes, np.ndarray, np.ndarray]] = []
        for r in recs:
            if not r.get("digits"):
                continue
            with open(os.path.join(data_dir, r["file"]), "rb") as f:
                data = f.read()  # kept encoded: 406 JPEGs are 13 MB, decoded they would be 500 MB per worker
            boxes = np.array([[d["x"], d["y"], d["x"] + d["w"], d["y"] + d["h"]] for d in r["digits"]], np.float32)
            labels = np.array([int(d["digit"]) for d in r["digits"]], np.int64)
            self.items.append((data, boxes, labels))
        if not self.items:
            raise ValueError(f"no boxed images in {data_dir}")

    def __len__(self) -> int:
        return len(self.items)

    def sample(self, rng: random.Random, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        data, boxes, labels = self.items[rng.randrange(len(self.items))]
        im = Image.open(io.BytesIO(data)).convert("RGB")
        W, H = im.size
        hs = boxes[:, 3] - boxes[:, 1]
        # Digit height in the output: mostly 12-70 px (a sign aimed at), sometimes tiny or huge.
        want = rng.uniform(12, 70) if rng.random() < 0.85 else rng.uniform(7, 120)
        scale = want / max(float(np.median(hs)), 1.0)
        sx = scale * rng.uniform(0.8, 1.2)  # the exporter stretched these photos: undo or vary it
        sy = scale
        cw, ch = size / sx, size / sy  # crop size in source pixels
        k = rng.randrange(len(boxes))
        cx = (boxes[k, 0] + boxes[k, 2]) / 2 + rng.uniform(-0.4, 0.4) * cw
        cy = (boxes[k, 1] + boxes[k, 3]) / 2 + rng.uniform(-0.4, 0.4) * ch
        x0, y0 = cx - cw / 2, cy - ch / 2
        out = im.transform((size, size), Image.EXTENT, (x0, y0, x0 + cw, y0 + ch), Image.BILINEAR,
                           fillcolor=tuple(rng.randint(0, 255) for _ in range(3)))
        b = (boxes - np.array([x0, y0, x0, y0], np.float32)) * np.array([sx, sy, sx, sy], np.float32)
        area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
        c = np.clip(b, 0, size)
        vis = np.clip(c[:, 2] - c[:, 0], 0, None) * np.clip(c[:, 3] - c[:, 1], 0, None) / np.maximum(area, 1e-6)
        keep = (vis > 0.65) & ((c[:, 3] - c[:, 1]) >= 4)
        out = _jitter(rng, out)
        return np.asarray(out), c[keep], labels[keep]


def _jitter(rng: random.Random, img: Image.Image) -> Image.Image:
    if rng.random() < 0.3:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.2)))
    a = np.asarray(img).astype(np.float32)
    a = a * rng.uniform(0.7, 1.3) + rng.uniform(-30, 30)
    if rng.random() < 0.3:
        a = a * np.array([rng.uniform(0.8, 1.2) for _ in range(3)], np.float32)
    if rng.random() < 0.2:
        a = a.mean(2, keepdims=True).repeat(3, 2)
    if rng.random() < 0.15:
        a = 255 - a  # light-on-dark signs
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
