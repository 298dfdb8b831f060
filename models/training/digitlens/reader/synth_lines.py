"""Synthetic number crops for the line reader, cut from the detector's synthetic scenes.

The scene generator already draws signs the way the street shows them (fonts, plates, borders,
embossing, shadows, rotation to +-30 deg, perspective, blur, JPEG, words nearby) and knows every
glyph's exact box and character. A crop here is what the app will cut: the number's box widened by
a random margin (a glyph the detector missed at either end, part of a neighbouring word), labelled
with the characters wholly inside it. Letters are drawn more often than for the detector (suffixes,
prefixes, separators), stacks never (the app reads stacks glyph by glyph, see src/reader/).
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image

from ..synth import SceneGenerator
from .charset import normalise


class LineSceneGenerator(SceneGenerator):
    negative_rate = 0.0
    vertical_rate = 0.0

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self._textures: list[np.ndarray] = []

    def choose_text(self, rng: random.Random) -> tuple[str, str]:
        text, digits = super().choose_text(rng)
        r = rng.random()
        if r < 0.12 and not text[-1].isalpha():
            text += rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")  # suffixes: more of them than the detector sees
        elif r < 0.16 and len(digits) <= 3:
            other = str(rng.randint(1, 999))
            text = f"{text}{rng.choice('-/')}{other}"  # 12-14, 5/2
        elif r < 0.19:
            text = rng.choice("ABCDEFGHKLMNPRSTUVWXYZ") + text
        return text, "".join(c for c in text if c.isdigit())

    def texture(self, rng: random.Random, n: int) -> np.ndarray:
        # Procedural textures cost ~60 % of a scene: keep a pool and reuse random crops of it.
        if len(self._textures) < 48:
            t = super().texture(rng, max(2 * n, 256))
            self._textures.append(t)
            return t[:n, :n]
        t = self._textures[rng.randrange(len(self._textures))]
        y, x = rng.randint(0, t.shape[0] - n), rng.randint(0, t.shape[1] - n)
        a = t[y:y + n, x:x + n].astype(np.float32)
        a = a * np.array([rng.uniform(0.6, 1.4) for _ in range(3)], np.float32)
        if rng.random() < 0.5:
            a = a[:, ::-1]
        return np.clip(a, 0, 255).astype(np.uint8)


# Glyph height (scene pixels) below which a scene gives no crop: blur and JPEG at that size leave
# nothing legible, and the app zooms (pass 2) before it reads numbers that small.
MIN_GLYPH_PX = 12


def _inside(b: np.ndarray, r: tuple[float, float, float, float]) -> float:
    """Fraction of box b (x0 y0 x1 y1) inside rect r (x0 y0 x1 y1)."""
    iw = max(0.0, min(b[2], r[2]) - max(b[0], r[0]))
    ih = max(0.0, min(b[3], r[3]) - max(b[1], r[1]))
    return iw * ih / max(1e-6, (b[2] - b[0]) * (b[3] - b[1]))


def number_crops(gen: LineSceneGenerator, index: int, k: int) -> list[tuple[np.ndarray, str]]:
    """Up to k (crop image, text) pairs from scene `index`; [] when the scene's number is cut off."""
    s = gen.sample(index)
    rng = random.Random(index * 31 + 7)
    n = s.text_glyphs
    if n == 0 or s.chars is None:
        return []
    S = s.image.shape[0]
    main = s.boxes[:n]
    if main[:, 0].min() < 1 or main[:, 1].min() < 1 or main[:, 2].max() > S - 1 or main[:, 3].max() > S - 1:
        return []
    chars = s.chars[:n]
    heights = main[:, 3] - main[:, 1]
    gh = float(np.median(heights))
    if gh < MIN_GLYPH_PX:
        return []  # smaller than any crop the app reads: a label nobody could read
    out = []
    for _ in range(k * 3):
        if len(out) >= k:
            break
        base = main
        if rng.random() < 0.3:  # the detector boxed only the digits; the crop must reach a letter
            digit_idx = [i for i, c in enumerate(chars) if c.isdigit()]
            if digit_idx:
                base = main[digit_idx]
        x0, y0 = base[:, 0].min(), base[:, 1].min()
        x1, y1 = base[:, 2].max(), base[:, 3].max()
        loose = rng.random() < 0.7
        mx0 = gh * (rng.uniform(0.1, 0.9) if loose else rng.uniform(0.0, 0.2))
        mx1 = gh * (rng.uniform(0.1, 0.9) if loose else rng.uniform(0.0, 0.2))
        my0, my1 = gh * rng.uniform(0.0, 0.35), gh * rng.uniform(0.0, 0.35)
        r = (max(0.0, x0 - mx0), max(0.0, y0 - my0), min(S, x1 + mx1), min(S, y1 + my1))
        fr = [_inside(b, r) for b in s.boxes]
        if any(0.25 < f < 0.85 for f in fr):
            continue  # half a glyph at the edge: what should the label be? Draw other margins.
        if any(f >= 0.85 for f in fr[n:]):
            continue  # a word nearby fell inside
        text = normalise("".join(c for c, f in zip(chars, fr[:n]) if f >= 0.85))
        if not text:
            continue
        ix0, iy0, ix1, iy1 = int(r[0]), int(r[1]), int(np.ceil(r[2])), int(np.ceil(r[3]))
        if ix1 - ix0 < 4 or iy1 - iy0 < 4:
            continue
        out.append((s.image[iy0:iy1, ix0:ix1], text))
    return out


def crop_sheet(gen: LineSceneGenerator, n: int, out: str) -> None:
    """A contact sheet of crops with their labels: look at what the reader is taught."""
    from PIL import ImageDraw
    tiles = []
    i = 0
    while len(tiles) < n:
        for im, t in number_crops(gen, i, 1):
            tiles.append((Image.fromarray(im).resize((128, 32)), t))
        i += 1
    cols = 6
    sheet = Image.new("RGB", (cols * 132, (n // cols + 1) * 46), (30, 30, 30))
    d = ImageDraw.Draw(sheet)
    for j, (im, t) in enumerate(tiles):
        x, y = (j % cols) * 132, (j // cols) * 46
        sheet.paste(im, (x, y))
        d.text((x, y + 33), t, fill=(255, 255, 0))
    sheet.save(out)
