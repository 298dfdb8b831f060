"""Whole-frame street scenes: a small number somewhere on a facade, among text-like clutter.

People aim from the pavement, so in a 1024 px frame the sign is often 2-20 % of the width. The app's
first pass sees the frame at about 320 px, so a training crop of 160 px is half such a frame: the
number here is 4-40 % of the crop's width, placed anywhere, high up, often in perspective, beside
windows, railings, grilles, vents, brick courses, logos, blank plates and words. One scene in five
has no number at all, only that clutter: it teaches the `number` class what is not a number.

Same determinism and exact boxes as synth.py (this is a SceneGenerator with another `_scene`).
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw

from .synth import WORDS, SceneGenerator, _rand_color


def _shade(c: tuple[int, int, int], f: float) -> tuple[int, int, int]:
    return tuple(int(min(255, max(0, v * f))) for v in c)  # type: ignore[return-value]


class FrameSceneGenerator(SceneGenerator):
    negative_rate = 0.2
    vertical_rate = 0.12
    # Longer side of the sign as a share of the canvas: (small range, near range, share of small).
    sign_range = (0.05, 0.25, 0.5, 0.7)
    clutter = (1, 5)

    def _scene(self, rng: random.Random, canvas: Image.Image, label_canvas: np.ndarray,
               N: int) -> tuple[list[str], list[str], str]:
        d = ImageDraw.Draw(canvas)
        for _ in range(rng.randint(*self.clutter)):
            rng.choice([self._windows, self._railing, self._grille, self._vent, self._courses,
                        self._logo, self._blank_plate, self._pipes])(rng, d, N)
        all_chars: list[str] = []
        number = ""
        if rng.random() >= self.negative_rate:
            text, number = self.choose_text(rng)
            vertical = rng.random() < self.vertical_rate and len(text) >= 2
            use_seg = bool(self.seg_fonts) and rng.random() < 0.04
            if use_seg:
                text = number
            font = rng.choice(self.seg_fonts if use_seg else self.fonts)
            # Longer side of the sign: mostly small (a sign across the street), sometimes near.
            lo, mid, hi, p_small = self.sign_range
            target = (rng.uniform(lo, mid) if rng.random() < p_small else rng.uniform(mid, hi)) * N
            all_chars = self._place(rng, canvas, label_canvas, text, font, vertical, N, 0, target=target)
        words: list[str] = []
        for _ in range(rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]):
            word = rng.choice(WORDS) if rng.random() < 0.6 else "".join(
                rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.randint(2, 8)))
            placed = self._place(rng, canvas, label_canvas, word, rng.choice(self.fonts), False, N,
                                 len(all_chars) + len(words), small=True, letters_only=True,
                                 target=rng.uniform(0.08, 0.6) * N)
            words += placed
        self._sun(rng, canvas, N)
        return all_chars + words, words, number

    # ---------- clutter: things on facades that look a little like text ----------
    def _windows(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        w, h = rng.randint(N // 12, N // 3), rng.randint(N // 10, N // 3)
        frame, glass = _rand_color(rng), _shade(_rand_color(rng), rng.uniform(0.2, 0.7))
        cols, rows = rng.randint(1, 4), rng.randint(1, 3)
        gap = rng.randint(w // 3, w)
        x0, y0 = rng.randint(-w, N), rng.randint(-h, N)
        for r in range(rows):
            for c in range(cols):
                x, y = x0 + c * (w + gap), y0 + r * (h + gap)
                d.rectangle([x, y, x + w, y + h], fill=glass, outline=frame, width=rng.randint(1, 4))
                if rng.random() < 0.6:  # mullions: a cross, or bars
                    d.line([x + w // 2, y, x + w // 2, y + h], fill=frame, width=rng.randint(1, 3))
                    if rng.random() < 0.5:
                        d.line([x, y + h // 2, x + w, y + h // 2], fill=frame, width=rng.randint(1, 3))

    def _railing(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        c = _shade(_rand_color(rng), 0.5)
        x0, y0 = rng.randint(-N // 2, N), rng.randint(0, N)
        w, h = rng.randint(N // 4, N), rng.randint(N // 12, N // 3)
        step = rng.randint(4, max(5, N // 16))
        bar = rng.randint(1, max(2, step // 3))
        for x in range(x0, x0 + w, step):
            d.line([x, y0, x, y0 + h], fill=c, width=bar)
        d.line([x0, y0, x0 + w, y0], fill=c, width=bar + 1)
        if rng.random() < 0.5:
            d.line([x0, y0 + h, x0 + w, y0 + h], fill=c, width=bar + 1)

    def _grille(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        c = _rand_color(rng)
        x0, y0 = rng.randint(-N // 4, N), rng.randint(-N // 4, N)
        s = rng.randint(N // 10, N // 3)
        step = rng.randint(3, max(4, s // 5))
        diag = rng.random() < 0.4
        for k in range(0, s, step):
            if diag:
                d.line([x0 + k, y0, x0, y0 + k], fill=c, width=1)
                d.line([x0 + k, y0 + s, x0 + s, y0 + k], fill=c, width=1)
            else:
                d.line([x0 + k, y0, x0 + k, y0 + s], fill=c, width=1)
                d.line([x0, y0 + k, x0 + s, y0 + k], fill=c, width=1)

    def _vent(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        base = _rand_color(rng)
        w, h = rng.randint(N // 16, N // 4), rng.randint(N // 20, N // 6)
        x, y = rng.randint(0, N), rng.randint(0, N)
        d.rectangle([x, y, x + w, y + h], fill=base, outline=_shade(base, 0.6))
        step = rng.randint(2, max(3, h // 4))
        vertical = rng.random() < 0.3
        for k in range(step, h if not vertical else w, step):
            if vertical:
                d.line([x + k, y + 1, x + k, y + h - 1], fill=_shade(base, 0.4))
            else:
                d.line([x + 1, y + k, x + w - 1, y + k], fill=_shade(base, 0.4))

    def _courses(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        c = _shade(_rand_color(rng), rng.uniform(0.4, 1.2))
        step = rng.randint(4, N // 8)
        y0 = rng.randint(0, N)
        for y in range(y0, min(N, y0 + rng.randint(N // 8, N)), step):
            d.line([0, y, N, y], fill=c, width=1)
            if rng.random() < 0.5:  # header joints: short verticals, like strokes of "1"
                for x in range(rng.randint(0, step), N, rng.randint(step, 3 * step)):
                    d.line([x, y, x, y + step], fill=c, width=1)

    def _logo(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        c = _rand_color(rng)
        r = rng.randint(N // 30, N // 8)
        x, y = rng.randint(0, N), rng.randint(0, N)
        kind = rng.choice(["circle", "ring", "triangle", "bars", "arrow"])
        if kind == "circle":
            d.ellipse([x - r, y - r, x + r, y + r], fill=c)
        elif kind == "ring":
            d.ellipse([x - r, y - r, x + r, y + r], outline=c, width=max(1, r // 4))
        elif kind == "triangle":
            d.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=c)
        elif kind == "bars":  # a barcode / logo of strokes, the hardest not-a-number
            for k in range(rng.randint(3, 9)):
                bx = x + k * rng.randint(2, max(3, r // 2))
                d.rectangle([bx, y, bx + rng.randint(1, 3), y + 2 * r], fill=c)
        else:
            d.polygon([(x, y), (x + 2 * r, y + r), (x, y + 2 * r), (x + r // 2, y + r)], fill=c)

    def _blank_plate(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        c = _rand_color(rng)
        w, h = rng.randint(N // 12, N // 3), rng.randint(N // 20, N // 8)
        x, y = rng.randint(0, N), rng.randint(0, N)
        d.rounded_rectangle([x, y, x + w, y + h], radius=rng.randint(0, h // 2), fill=c,
                            outline=_rand_color(rng) if rng.random() < 0.5 else None, width=2)

    def _pipes(self, rng: random.Random, d: ImageDraw.ImageDraw, N: int) -> None:
        c = _rand_color(rng)
        x = rng.randint(0, N)
        w = rng.randint(2, max(3, N // 25))
        d.rectangle([x, 0, x + w, N], fill=c)
        for y in range(rng.randint(0, N // 4), N, rng.randint(N // 8, N // 2)):  # brackets
            d.rectangle([x - 2, y, x + w + 2, y + 3], fill=_shade(c, 0.7))

    def _sun(self, rng: random.Random, canvas: Image.Image, N: int) -> None:
        """Sun and shade: a hard-edged shadow across part of the facade (half the scenes)."""
        if rng.random() >= 0.5:
            return
        m = Image.new("L", (N, N), 0)
        pts = [(rng.randint(-N, 2 * N), -N), (rng.randint(-N, 2 * N), 2 * N), (2 * N, 2 * N), (2 * N, -N)]
        ImageDraw.Draw(m).polygon(pts, fill=255)
        a = np.asarray(canvas).astype(np.float32)
        f = rng.uniform(0.35, 0.7)
        mask = np.asarray(m, np.float32)[..., None] / 255.0
        canvas.paste(Image.fromarray(np.clip(a * (1 - mask * (1 - f)), 0, 255).astype(np.uint8)))
