"""Real digit lines for the line reader, from train-real-digits (CC BY 4.0) and app corrections.

train-real-digits boxes single digits; a line is a run of boxes side by side with alike heights
(meter strips, timestamps, counts). A crop is a random run of 1-7 of them, widened by a margin
that never reaches the next glyph (that glyph would be in the picture but not in the label).
Letters in these photos are not boxed, so margins stay small here.
"""

from __future__ import annotations

import io
import json
import os
import random

import numpy as np
from PIL import Image

from ..real import _jitter


def lines_of(boxes: np.ndarray) -> list[list[int]]:
    """Indices of boxes (x0 y0 x1 y1) grouped into lines, each sorted left to right."""
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i, 0] + boxes[i, 2]) / 2)
    lines: list[list[int]] = []
    for i in order:
        b = boxes[i]
        h = b[3] - b[1]
        cy = (b[1] + b[3]) / 2
        for line in lines:
            last = boxes[line[-1]]
            lh = last[3] - last[1]
            gap = b[0] - last[2]
            if (abs((last[1] + last[3]) / 2 - cy) < 0.35 * max(h, lh) and 0.7 < h / max(lh, 1e-6) < 1.4
                    and -0.3 * h < gap < 0.9 * max(h, lh)):
                line.append(i)
                break
        else:
            lines.append([i])
    return lines


class RealLines:
    def __init__(self, data_dir: str):
        with open(os.path.join(data_dir, "annotations.json")) as f:
            recs = json.load(f)
        self.items: list[tuple[bytes, np.ndarray, list[int], list[list[int]]]] = []
        self._decoded: dict[int, Image.Image] = {}
        for r in recs:
            ds = r.get("digits") or []
            if not ds:
                continue
            boxes = np.array([[d["x"], d["y"], d["x"] + d["w"], d["y"] + d["h"]] for d in ds], np.float32)
            labels = [int(d["digit"]) for d in ds]
            with open(os.path.join(data_dir, r["file"]), "rb") as f:
                self.items.append((f.read(), boxes, labels, lines_of(boxes)))

    def sample(self, rng: random.Random) -> tuple[np.ndarray, str] | None:
        data, boxes, labels, lines = self.items[rng.randrange(len(self.items))]
        line = lines[rng.randrange(len(lines))]
        n = rng.randint(1, min(7, len(line)))
        s = rng.randrange(len(line) - n + 1)
        run = line[s:s + n]
        b = boxes[run]
        gh = float(np.median(b[:, 3] - b[:, 1]))
        if gh < 8:
            return None
        x0, y0, x1, y1 = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
        # Room to either side: up to the neighbouring glyph in this line (or any other box).
        left = x0 - max([boxes[j, 2] for j in range(len(boxes)) if j not in run and boxes[j, 2] <= x0
                         and boxes[j, 3] > y0 and boxes[j, 1] < y1], default=x0 - gh)
        right = min([boxes[j, 0] for j in range(len(boxes)) if j not in run and boxes[j, 0] >= x1
                     and boxes[j, 3] > y0 and boxes[j, 1] < y1], default=x1 + gh) - x1
        mx0 = min(gh * rng.uniform(0.05, 0.5), 0.6 * max(left, 0))
        mx1 = min(gh * rng.uniform(0.05, 0.5), 0.6 * max(right, 0))
        my0, my1 = gh * rng.uniform(0.0, 0.25), gh * rng.uniform(0.0, 0.25)
        im = self._decoded.get(id(data))
        if im is None:  # decoding a 640 px JPEG costs more than the crop: keep them (~500 MB at most)
            im = self._decoded[id(data)] = Image.open(io.BytesIO(data)).convert("RGB")
        W, H = im.size
        r = (max(0, int(x0 - mx0)), max(0, int(y0 - my0)), min(W, int(np.ceil(x1 + mx1))), min(H, int(np.ceil(y1 + my1))))
        if r[2] - r[0] < 4 or r[3] - r[1] < 4:
            return None
        crop = im.crop(r)
        if rng.random() < 0.5:  # the exporter stretched these photos to 640x640: undo or vary it
            f = rng.uniform(0.7, 1.3)
            crop = crop.resize((max(4, int(crop.size[0] * f)), crop.size[1]), Image.BILINEAR)
        crop = _jitter(rng, crop)
        return np.asarray(crop), "".join(str(labels[j]) for j in run)


def correction_lines(path: str) -> list[tuple[np.ndarray, str]]:
    """(crop, text) pairs from an app export: each reviewed capture's number, cut around its boxes
    the way the app cuts it, labelled with the corrected text (letters too where the user typed them)."""
    from ..corrections import read_records
    from ..reader.charset import normalise

    records, zf = read_records(path)
    out = []
    for r in records:
        if not r["boxes"]:
            continue
        im = np.asarray(Image.open(io.BytesIO(zf.read(r["file"]))).convert("RGB"))
        b = np.array([[d["x"], d["y"], d["x"] + d["w"], d["y"] + d["h"]] for d in r["boxes"]], np.float32)
        gh = float(np.median(b[:, 3] - b[:, 1]))
        H, W = im.shape[:2]
        x0, y0 = max(0, int(b[:, 0].min() - 0.3 * gh)), max(0, int(b[:, 1].min() - 0.15 * gh))
        x1, y1 = min(W, int(b[:, 2].max() + 0.3 * gh) + 1), min(H, int(b[:, 3].max() + 0.15 * gh) + 1)
        text = normalise(r.get("text") or r["number"])
        if text and x1 - x0 >= 4 and y1 - y0 >= 4:
            out.append((im[y0:y1, x0:x1], text))
    return out
