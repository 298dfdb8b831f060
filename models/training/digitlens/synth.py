"""Synthetic digit scenes with exact per-digit boxes.

Every glyph is drawn twice: once in colour onto the sign layer and once as its
index into a label map. The label map goes through the same geometric
transforms (nearest-neighbour), so each digit's box is the tight bounding box
of its own pixels after rotation and perspective: exact, not estimated.

Class ids: 0-9 digits, 10 = "letter" (suffixes such as 502B and nearby text).
Letters are a class of their own so the model learns B/8 and D/0 apart instead
of leaving them to background; the reader never outputs them.
"""

from __future__ import annotations

import glob
import io
import math
import os
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

LETTER_CLASS = 10
NUMBER_CLASS = 11  # one box around a whole number (suffix letters and stacks included)
NUM_CLASSES = 12  # 10 digits + letter + number; background is an extra logit in the model

FONT_GLOBS = [
    "/usr/share/fonts/truetype/**/*.ttf",
    "/usr/share/fonts/opentype/**/*.otf",
    "/usr/share/fonts/truetype/**/*.otf",
]
# Families that cannot draw digits we care about (symbols, math, emoji, CJK, ...).
FONT_SKIP = (
    "Symbol", "Math", "Emoji", "CJK", "Dingbat", "D050000L", "Braille", "Music",
    "Ornament", "Icons", "STIXSize", "STIXInt", "STIXVar", "STIXNonUni", "Specific",
    "Cursor", "Glyph", "Sign", "Mono-Web", "Arabic", "Hebrew", "Devanagari",
    "Thai", "Georgian", "Armenian", "Ethiopic", "Khmer", "Lao", "Myanmar", "Sinhala",
    "Tamil", "Telugu", "Bengali", "Gujarati", "Gurmukhi", "Kannada", "Malayalam",
    "Oriya", "Tibetan", "Mongolian", "Cherokee", "Canadian", "Syriac", "Thaana",
    "Tifinagh", "Yi", "Runic", "Ogham", "Adlam", "Balinese", "Javanese", "Sundanese",
    "Batak", "Bamum", "Buginese", "Cham", "Lisu", "Mandaic", "Osage", "Vai",
)
PHOTO_GLOBS = [
    "/usr/share/backgrounds/**/*.jpg",
    "/usr/share/backgrounds/**/*.png",
    "/usr/share/wallpapers/**/*.jpg",
    "/usr/share/wallpapers/**/*.png",
    "/usr/lib/python3/dist-packages/skimage/data/*.png",
    "/usr/lib/python3/dist-packages/skimage/data/*.jpg",
]
WORDS = ["STREET", "AVE", "No", "Rd", "EXIT", "HOUSE", "UNIT", "APT", "Nr", "Hall",
         "Block", "ST", "DR", "LANE", "GATE", "Suite", "Flat", "Entrance", "Casa"]


def _globs(base: list[str], env: str) -> list[str]:
    """Debian's font/photo folders, or DIGITLENS_FONT_DIR / DIGITLENS_PHOTO_DIR where a machine
    without those packages (a GPU box) was given a copy of them."""
    d = os.environ.get(env)
    return [os.path.join(d, "**", "*.*")] if d else base


def find_fonts() -> list[str]:
    paths: set[str] = set()
    for g in _globs(FONT_GLOBS, "DIGITLENS_FONT_DIR"):
        paths.update(glob.glob(g, recursive=True))
    out = []
    for p in sorted(paths):
        name = os.path.basename(p)
        if any(s.lower() in name.lower() for s in FONT_SKIP):
            continue
        out.append(p)
    return out


def usable_font(path: str) -> bool:
    """A font is usable when its digits are distinct, non-empty glyphs."""
    try:
        f = ImageFont.truetype(path, 40)
        masks = []
        for ch in "0123456789":
            m = np.array(f.getmask(ch))
            if m.size == 0 or m.max() < 128:
                return False
            masks.append(m.tobytes())
        return len(set(masks)) == 10
    except Exception:
        return False


def load_photos(max_side: int = 640) -> list[np.ndarray]:
    paths: set[str] = set()
    for g in _globs(PHOTO_GLOBS, "DIGITLENS_PHOTO_DIR"):
        paths.update(glob.glob(g, recursive=True))
    photos = []
    for p in sorted(paths):
        try:
            im = Image.open(p).convert("RGB")
        except Exception:
            continue
        if min(im.size) < 128:
            continue
        im.thumbnail((max_side, max_side))
        photos.append(np.asarray(im))
    return photos


@dataclass
class Sample:
    image: np.ndarray  # HxWx3 uint8 RGB
    boxes: np.ndarray  # Nx4 float32, x0 y0 x1 y1 in pixels
    labels: np.ndarray  # N int64, 0-9 digits, 10 letter
    number: str  # the digits a reader must return, "" for negatives
    chars: list[str] | None = None  # each box's printed character (letters too), for the line reader
    text_glyphs: int = 0  # how many of the boxes (the first ones) belong to the main text, not a word nearby
    number_box: np.ndarray | None = None  # x0 y0 x1 y1 around the whole number's glyphs, None without one


def _rand_color(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))


def _lum(c: tuple[int, int, int]) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _contrasting(rng: random.Random, bg: tuple[int, int, int], low: bool) -> tuple[int, int, int]:
    """A colour whose luminance differs from bg by a chosen margin (small for embossed digits)."""
    want = rng.uniform(12, 40) if low else rng.uniform(70, 230)
    for _ in range(30):
        c = _rand_color(rng)
        if rng.random() < 0.6:  # signs are mostly near-greyscale
            v = rng.randint(0, 255)
            c = (v, v, v) if rng.random() < 0.5 else tuple(int(v * rng.uniform(0.7, 1.0)) for _ in range(3))
        if abs(_lum(c) - _lum(bg)) >= want:
            return c  # type: ignore[return-value]
    return (0, 0, 0) if _lum(bg) > 127 else (255, 255, 255)


class SceneGenerator:
    """Deterministic for a given seed: sample(i) depends only on (seed, i)."""

    # The mix; a subclass (the line reader's crops) changes it. Each draw happens whatever the
    # rate, so the detector's scenes for a seed stay the same as before these knobs existed.
    negative_rate = 0.07
    vertical_rate = 0.18

    def __init__(self, size: int = 160, seed: int = 0, fonts: list[str] | None = None,
                 photos: list[np.ndarray] | None = None):
        self.size = size
        self.seed = seed
        self.fonts = fonts if fonts is not None else [f for f in find_fonts() if usable_font(f)]
        if not self.fonts:
            raise RuntimeError("no usable fonts: apt-get install fonts-dejavu fonts-noto-core ...")
        self.seg_fonts = [f for f in self.fonts if "DSEG" in os.path.basename(f)]
        self.photos = photos if photos is not None else load_photos()
        self._font_cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def font(self, path: str, px: int) -> ImageFont.FreeTypeFont:
        key = (path, px)
        f = self._font_cache.get(key)
        if f is None:
            if len(self._font_cache) > 2000:
                self._font_cache.clear()
            f = ImageFont.truetype(path, px)
            self._font_cache[key] = f
        return f

    # ---------- backgrounds ----------
    def background(self, rng: random.Random, n: int) -> np.ndarray:
        r = rng.random()
        if self.photos and r < 0.45:
            ph = self.photos[rng.randrange(len(self.photos))]
            h, w = ph.shape[:2]
            side = rng.randint(min(64, min(h, w)), min(h, w))
            y, x = rng.randint(0, h - side), rng.randint(0, w - side)
            im = Image.fromarray(ph[y:y + side, x:x + side]).resize((n, n), Image.BILINEAR)
            if rng.random() < 0.5:
                im = im.transpose(Image.FLIP_LEFT_RIGHT)
            a = np.asarray(im).astype(np.float32)
            a = a * rng.uniform(0.6, 1.3) + rng.uniform(-30, 30)
            a = a[..., rng.sample(range(3), 3)] if rng.random() < 0.3 else a
            return np.clip(a, 0, 255).astype(np.uint8)
        return self.texture(rng, n)

    def texture(self, rng: random.Random, n: int) -> np.ndarray:
        nprng = np.random.default_rng(rng.randrange(1 << 30))
        base = np.array(_rand_color(rng), np.float32)
        kind = rng.choice(["brick", "concrete", "cladding", "wood", "flat", "stucco"])
        img = np.ones((n, n, 3), np.float32) * base
        yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
        if kind == "brick":
            bh = rng.randint(n // 20 + 3, n // 6 + 4)
            bw = bh * rng.uniform(2.0, 3.2)
            row = (yy // bh).astype(int)
            off = (row % 2) * bw / 2
            mortar = ((yy % bh) < max(1, bh * 0.12)) | (((xx + off) % bw) < max(1, bh * 0.12))
            brick_tone = nprng.uniform(0.75, 1.15, size=(n // bh + 2, int(n / bw) + 3))
            col = ((xx + off) // bw).astype(int)
            tone = brick_tone[row.clip(0, brick_tone.shape[0] - 1), col.clip(0, brick_tone.shape[1] - 1)]
            img = img * tone[..., None]
            mort = np.array(_rand_color(rng), np.float32) * 0.3 + 160
            img[mortar] = mort
        elif kind == "cladding":
            ph = rng.randint(6, max(7, n // 5))
            shade = 0.8 + 0.2 * ((yy % ph) / ph)
            img = img * shade[..., None]
            if rng.random() < 0.5:
                img = img.transpose(1, 0, 2)
        elif kind == "wood":
            freq = rng.uniform(0.05, 0.3)
            grain = np.sin(xx * freq + 3 * np.sin(yy * 0.02 + rng.random() * 6)) * 0.12 + 1
            img = img * grain[..., None]
        noise_amp = {"concrete": 30, "stucco": 45}.get(kind, 12)
        low = nprng.normal(0, 1, (n // 8 + 1, n // 8 + 1)).astype(np.float32)
        low = np.asarray(Image.fromarray(low).resize((n, n), Image.BILINEAR))
        img = img + low[..., None] * noise_amp * 0.5 + nprng.normal(0, noise_amp * 0.3, (n, n, 1))
        return np.clip(img, 0, 255).astype(np.uint8)

    # ---------- text ----------
    def choose_text(self, rng: random.Random) -> tuple[str, str]:
        """Returns (printed text, number a reader must return)."""
        nd = rng.choices([1, 2, 3, 4, 5, 6], weights=[8, 20, 35, 22, 9, 6])[0]
        digits = "".join(str(rng.randint(0, 9)) for _ in range(nd))
        if nd > 1 and digits[0] == "0" and rng.random() < 0.8:
            digits = str(rng.randint(1, 9)) + digits[1:]
        # Skew towards 1s: thin "1" is the digit most often missed on real signs.
        if rng.random() < 0.3:
            i = rng.randrange(nd)
            digits = digits[:i] + "1" + digits[i + 1:]
        # Skew towards inner zeros too: v1 dropped the middle "0" of 204, 304, 1005 on real signs.
        if nd >= 3 and rng.random() < 0.2:
            i = rng.randrange(1, nd - 1)
            digits = digits[:i] + "0" + digits[i + 1:]
        text = digits
        # Suffixes that look like digits (B~8, D~0, S~5, G~6) are the ones v1 misread.
        if rng.random() < 0.12:
            text += rng.choice("BDSGbd")
        elif rng.random() < 0.12:
            text += rng.choice("ABCDEFGHKLMNPRSTabcd")
        elif rng.random() < 0.05:
            text = rng.choice("ABCDEFHKLMNPRS") + text
        return text, digits

    def render_text(self, rng: random.Random, text: str, font_path: str, px: int,
                    vertical: bool, spacing: float) -> tuple[Image.Image, np.ndarray, list[str]]:
        """Draws text into an alpha mask and a label map (1-based index per glyph)."""
        font = self.font(font_path, px)
        chars = list(text)
        boxes = [font.getbbox(c) for c in chars]
        adv = [font.getlength(c) for c in chars]
        pad = int(px * rng.uniform(0.12, 0.45)) + 3
        if vertical:
            step = [b[3] - b[1] for b in boxes]
            maxw = max(b[2] - b[0] for b in boxes)
            gap = int(px * spacing * 0.3) + 2
            W = int(maxw + 2 * pad)
            H = int(sum(step) + gap * len(chars) + 2 * pad)
            pos = []
            y = pad
            for c, b in zip(chars, boxes):
                x = pad + (maxw - (b[2] - b[0])) / 2 - b[0]
                pos.append((x, y - b[1]))
                y += (b[3] - b[1]) + gap
        else:
            extra = px * spacing * 0.25
            top = min(b[1] for b in boxes)
            bottom = max(b[3] for b in boxes)
            W = int(sum(adv) + extra * (len(chars) - 1) + 2 * pad + px * 0.1)
            H = int(bottom - top + 2 * pad)
            pos = []
            x = pad
            for a in adv:
                pos.append((x, pad - top))
                x += a + extra
        alpha = Image.new("L", (W, H), 0)
        labels = Image.new("L", (W, H), 0)
        da, dl = ImageDraw.Draw(alpha), ImageDraw.Draw(labels)
        stroke = rng.choice([0, 0, 0, 0, 1, max(1, px // 25)])
        for i, (c, p) in enumerate(zip(chars, pos)):
            da.text(p, c, font=font, fill=255, stroke_width=stroke, stroke_fill=255)
            # Label only well-covered pixels so anti-aliased fringes don't grow boxes.
            m = Image.new("L", (W, H), 0)
            ImageDraw.Draw(m).text(p, c, font=font, fill=255, stroke_width=stroke, stroke_fill=255)
            dl.bitmap((0, 0), m.point(lambda v: 255 if v > 96 else 0), fill=i + 1)
        return alpha, np.asarray(labels), chars

    # ---------- scene ----------
    def sample(self, index: int) -> Sample:
        rng = random.Random((self.seed * 1_000_003 + index) & 0xFFFFFFFF)
        S = self.size
        N = S * 2  # compose at 2x then downscale: natural anti-aliasing
        bg = self.background(rng, N)
        canvas = Image.fromarray(bg).convert("RGB")
        label_canvas = np.zeros((N, N), np.uint8)
        all_chars, word_chars, number = self._scene(rng, canvas, label_canvas, N)

        self._occlude(rng, canvas, N)
        img = canvas.resize((S, S), Image.BILINEAR if rng.random() < 0.5 else Image.LANCZOS)
        img = self._degrade(rng, img)
        boxes, labels, chars = [], [], []
        n_text = 0
        for i, ch in enumerate(all_chars):
            ys, xs = np.nonzero(label_canvas == i + 1)
            if len(xs) < 6:
                continue
            x0, x1, y0, y1 = xs.min() / 2, (xs.max() + 1) / 2, ys.min() / 2, (ys.max() + 1) / 2
            if (y1 - y0) < 4 or (x1 - x0) < 1:
                continue
            boxes.append([x0, y0, x1, y1])
            labels.append(int(ch) if ch.isdigit() else LETTER_CLASS)
            chars.append(ch)
            n_text += i < len(all_chars) - len(word_chars)
        # If occlusion/cropping removed a digit, the reading no longer equals the number.
        read = "".join(str(l) for l in labels if l < 10) if number else ""
        main = np.array(boxes[:n_text], np.float32).reshape(-1, 4)
        number_box = None
        if read and len(main):
            number_box = np.array([main[:, 0].min(), main[:, 1].min(), main[:, 2].max(), main[:, 3].max()], np.float32)
        return Sample(np.asarray(img), np.array(boxes, np.float32).reshape(-1, 4),
                      np.array(labels, np.int64), read, chars, n_text, number_box)

    def _scene(self, rng: random.Random, canvas: Image.Image, label_canvas: np.ndarray,
               N: int) -> tuple[list[str], list[str], str]:
        """Draws the scene's text. Returns (every glyph drawn, the trailing ones that are words, the number)."""
        all_chars: list[str] = []
        word_chars: list[str] = []

        negative = rng.random() < self.negative_rate
        number = ""
        if not negative:
            text, number = self.choose_text(rng)
            vertical = rng.random() < self.vertical_rate and len(text) >= 2
            use_seg = self.seg_fonts and rng.random() < 0.06
            font_path = rng.choice(self.seg_fonts if use_seg else self.fonts)
            if use_seg:
                text = number  # 7-segment fonts have no letters worth learning
            all_chars = self._place(rng, canvas, label_canvas, text, font_path, vertical, N, 0)
        # Other text nearby (street names, words): learned as letters, never read.
        if negative or rng.random() < 0.15:
            word = rng.choice(WORDS)
            if negative and rng.random() < 0.5:
                word = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.randint(2, 6)))
            self._place(rng, canvas, label_canvas, word, rng.choice(self.fonts), False, N,
                        len(all_chars), small=not negative, letters_only=True)
            word_chars = list(word)
            all_chars = all_chars + word_chars

        return all_chars, word_chars, number

    def _place(self, rng: random.Random, canvas: Image.Image, label_canvas: np.ndarray, text: str,
               font_path: str, vertical: bool, N: int, label_offset: int, small: bool = False,
               letters_only: bool = False, target: float | None = None) -> list[str]:
        """Draws text (on a plate or the wall), scaled so its longer side is `target` canvas pixels
        (drawn at random when None), rotated, in perspective, at a random place."""
        px = rng.randint(40, 110)
        spacing = rng.uniform(-0.2, 1.2)
        alpha, labels, chars = self.render_text(rng, text, font_path, px, vertical, spacing)
        if rng.random() < 0.2:
            # Condensed lettering (narrow metal and stencil digits): squeezes "1" to a thin stem.
            f = rng.uniform(0.55, 0.85)
            nw = max(4, int(alpha.size[0] * f))
            alpha = alpha.resize((nw, alpha.size[1]), Image.BILINEAR)
            labels = np.asarray(Image.fromarray(labels).resize((nw, alpha.size[1]), Image.NEAREST))
        W, H = alpha.size
        # Sign plate around the text, or paint directly on the wall.
        style = rng.random()
        wall = np.asarray(canvas).reshape(-1, 3).mean(0)
        wall_c = tuple(int(v) for v in wall)
        low_contrast = rng.random() < 0.12
        plate = None
        if style < 0.55 and not small:
            plate_c = _rand_color(rng) if rng.random() < 0.5 else (
                (rng.randint(200, 255),) * 3 if rng.random() < 0.5 else (rng.randint(0, 60),) * 3)
            ink = _contrasting(rng, plate_c, low_contrast)
            plate = Image.new("RGBA", (W, H), plate_c + (255,))
            d = ImageDraw.Draw(plate)
            if rng.random() < 0.5:
                bw = rng.randint(2, max(3, px // 10))
                border = ink if rng.random() < 0.7 else _rand_color(rng)
                inset = rng.randint(2, max(3, px // 6))
                d.rounded_rectangle([inset, inset, W - inset, H - inset], radius=rng.randint(0, px // 3),
                                    outline=border + (255,), width=bw)
            # Rounded plate corners: mask the plate alpha.
            pm = Image.new("L", (W, H), 0)
            ImageDraw.Draw(pm).rounded_rectangle([0, 0, W - 1, H - 1], radius=rng.randint(0, px // 2), fill=255)
            plate.putalpha(pm)
        else:
            ink = _contrasting(rng, wall_c, low_contrast)
        layer = plate if plate is not None else Image.new("RGBA", (W, H), (0, 0, 0, 0))
        # Raised / 3-D letters: a shadow or extrusion drawn first.
        if rng.random() < 0.3:
            dx, dy = rng.randint(-px // 12 - 1, px // 12 + 1), rng.randint(1, px // 10 + 2)
            shadow_c = tuple(int(c * 0.35) for c in ink) if _lum(ink) > 60 else (0, 0, 0)
            sh = Image.new("RGBA", (W, H), shadow_c + (0,))
            sa = alpha.filter(ImageFilter.GaussianBlur(rng.uniform(0, 2))).point(lambda v: int(v * 0.8))
            sh.putalpha(Image.fromarray(np.roll(np.roll(np.asarray(sa), dy, 0), dx, 1)))
            layer = Image.alpha_composite(layer, sh)
        if rng.random() < 0.08:
            # Embossed / cast digits: the same colour as their plate, visible only by light and shadow.
            base = plate_c if plate is not None else wall_c
            ink = tuple(int(min(255, max(0, c * rng.uniform(0.85, 1.15)))) for c in base)  # type: ignore[assignment]
            a = np.asarray(alpha)
            d = max(1, px // 18)
            for off, tone in (((-d, -d), 1.6), ((d, d), 0.35)):
                edge = np.clip(np.roll(np.roll(a, off[1], 0), off[0], 1).astype(np.int16) - a, 0, 255).astype(np.uint8)
                c = tuple(int(min(255, max(0, v * tone + (40 if tone > 1 else 0)))) for v in base)
                el = Image.new("RGBA", (W, H), c + (0,))
                el.putalpha(Image.fromarray(edge))
                layer = Image.alpha_composite(layer, el)
        ink_layer = Image.new("RGBA", (W, H), ink + (255,))
        if rng.random() < 0.2:  # gradient / worn paint
            g = np.linspace(rng.uniform(0.6, 1), rng.uniform(0.6, 1.4), W)[None, :, None]
            arr = np.clip(np.asarray(ink_layer).astype(np.float32)[..., :3] * g, 0, 255).astype(np.uint8)
            ink_layer = Image.fromarray(np.dstack([arr, np.full((H, W), 255, np.uint8)]), "RGBA")
        ink_layer.putalpha(alpha)
        layer = Image.alpha_composite(layer, ink_layer)

        # Geometry: scale to a target size, rotate, perspective, place.
        if target is not None:
            pass
        elif small:
            target = rng.uniform(0.15, 0.45) * N
        else:
            target = rng.uniform(0.3, 0.95) * N if rng.random() < 0.7 else rng.uniform(0.1, 0.3) * N
        scale = target / max(W, H)
        nw, nh = max(2, int(W * scale)), max(2, int(H * scale))
        layer = layer.resize((nw, nh), Image.BILINEAR)
        lab = Image.fromarray(labels).resize((nw, nh), Image.NEAREST)
        angle = rng.gauss(0, 8) if rng.random() < 0.85 else rng.uniform(-30, 30)
        angle = max(-30.0, min(30.0, angle))
        layer = layer.rotate(angle, Image.BILINEAR, expand=True)
        lab = lab.rotate(angle, Image.NEAREST, expand=True)
        if rng.random() < 0.5:
            layer, lab = _perspective(rng, layer, lab)
        lw, lh = layer.size
        if small:
            ox = rng.randint(-lw // 4, max(-lw // 4 + 1, N - lw * 3 // 4))
            oy = rng.choice([rng.randint(-lh // 4, max(-lh // 4 + 1, N // 4)),
                             rng.randint(min(N * 3 // 4, N - lh // 2), N - lh // 2 + 1)])
        else:
            cx = N / 2 + rng.gauss(0, N * 0.15)
            cy = N / 2 + rng.gauss(0, N * 0.15)
            ox, oy = int(cx - lw / 2), int(cy - lh / 2)
        canvas.paste(layer, (ox, oy), layer)
        labn = np.asarray(lab).astype(np.int32)
        mask = labn > 0
        labn = np.where(mask, labn + label_offset, 0)
        # Paste labels, clipped to the canvas.
        x0, y0 = max(0, ox), max(0, oy)
        x1, y1 = min(N, ox + lw), min(N, oy + lh)
        if x1 > x0 and y1 > y0:
            sub = labn[y0 - oy:y1 - oy, x0 - ox:x1 - ox]
            m = sub > 0
            region = label_canvas[y0:y1, x0:x1]
            region[m] = sub[m]
        return chars

    def _occlude(self, rng: random.Random, canvas: Image.Image, N: int) -> None:
        d = ImageDraw.Draw(canvas)
        if rng.random() < 0.12:  # branches / wires crossing the sign
            for _ in range(rng.randint(1, 4)):
                c = tuple(int(v) for v in np.array(_rand_color(rng)) * 0.4)
                pts = [(rng.randint(0, N), rng.randint(0, N))]
                for _ in range(rng.randint(1, 4)):
                    pts.append((pts[-1][0] + rng.randint(-N // 2, N // 2), pts[-1][1] + rng.randint(-N // 3, N // 3)))
                d.line(pts, fill=c, width=rng.randint(2, max(3, N // 40)))
        if rng.random() < 0.15:  # glare
            gx, gy, r = rng.randint(0, N), rng.randint(0, N), rng.randint(N // 8, N // 2)
            yy, xx = np.mgrid[0:N, 0:N]
            g = np.clip(1 - np.hypot(xx - gx, yy - gy) / r, 0, 1) ** 2 * rng.uniform(0.3, 0.9)
            a = np.asarray(canvas).astype(np.float32)
            a = a + (255 - a) * g[..., None]
            canvas.paste(Image.fromarray(a.astype(np.uint8)))

    def _degrade(self, rng: random.Random, img: Image.Image) -> Image.Image:
        if rng.random() < 0.5:
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.6)))
        if rng.random() < 0.25:  # low-resolution source, upscaled
            f = rng.uniform(0.25, 0.6)
            s = img.size[0]
            img = img.resize((max(8, int(s * f)),) * 2, Image.BILINEAR).resize((s, s), Image.BILINEAR)
        a = np.asarray(img).astype(np.float32)
        a = a * rng.uniform(0.6, 1.3) + rng.uniform(-40, 40)  # exposure
        if rng.random() < 0.3:
            a = a * np.array([rng.uniform(0.8, 1.2) for _ in range(3)], np.float32)
        if rng.random() < 0.5:
            nprng = np.random.default_rng(rng.randrange(1 << 30))
            a = a + nprng.normal(0, rng.uniform(2, 14), a.shape)
        if rng.random() < 0.15:
            a = a.mean(2, keepdims=True).repeat(3, 2)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        if rng.random() < 0.5:
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=rng.randint(15, 85))
            img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
        return img


def _perspective(rng: random.Random, layer: Image.Image, lab: Image.Image) -> tuple[Image.Image, Image.Image]:
    w, h = layer.size
    m = rng.uniform(0.05, 0.25)
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    dst = [(x + rng.uniform(-m, m) * w, y + rng.uniform(-m, m) * h) for x, y in src]
    coeffs = _perspective_coeffs(dst, src)
    return (layer.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BILINEAR),
            lab.transform((w, h), Image.PERSPECTIVE, coeffs, Image.NEAREST))


def _perspective_coeffs(pa, pb):
    A = []
    for (x, y), (X, Y) in zip(pa, pb):
        A.append([x, y, 1, 0, 0, 0, -X * x, -X * y])
        A.append([0, 0, 0, x, y, 1, -Y * x, -Y * y])
    B = np.array(pb, np.float64).reshape(8)
    return np.linalg.solve(np.array(A, np.float64), B).tolist()


def contact_sheet(gen: SceneGenerator, n: int, out: str, cols: int = 8) -> None:
    S = gen.size
    rows = math.ceil(n / cols)
    sheet = Image.new("RGB", (cols * S, rows * (S + 14)), (30, 30, 30))
    d = ImageDraw.Draw(sheet)
    for i in range(n):
        s = gen.sample(i)
        im = Image.fromarray(s.image)
        di = ImageDraw.Draw(im)
        for b, l in zip(s.boxes, s.labels):
            col = (0, 255, 0) if l < 10 else (255, 80, 80)
            di.rectangle(b.tolist(), outline=col)
            di.text((b[0], b[1] - 10), str(l) if l < 10 else "L", fill=col)
        x, y = (i % cols) * S, (i // cols) * (S + 14)
        sheet.paste(im, (x, y))
        d.text((x + 2, y + S), s.number or "(none)", fill=(255, 255, 255))
    sheet.save(out)
