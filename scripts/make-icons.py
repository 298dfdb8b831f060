"""Renders the app icons into public/icons (run: /usr/bin/python3 scripts/make-icons.py).

The PNGs are committed; this is their recipe. Needs python3-pil and fonts-dejavu.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "public" / "icons"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
BG, FG = (17, 24, 39), (255, 216, 77)


def icon(size: int, maskable: bool) -> Image.Image:
    im = Image.new("RGB", (size, size), BG)
    d = ImageDraw.Draw(im)
    # Maskable icons keep everything inside the central 80 % safe zone.
    m = int(size * (0.22 if maskable else 0.12))
    w = max(2, size // 28)
    L = (size - 2 * m) // 4
    for (x, y, dx, dy) in [(m, m, 1, 1), (size - m, m, -1, 1), (m, size - m, 1, -1), (size - m, size - m, -1, -1)]:
        d.line([(x, y), (x + dx * L, y)], fill=FG, width=w)
        d.line([(x, y), (x, y + dy * L)], fill=FG, width=w)
    font = ImageFont.truetype(FONT, int((size - 2 * m) * 0.42))
    d.text((size / 2, size / 2), "123", font=font, fill=FG, anchor="mm")
    return im


OUT.mkdir(parents=True, exist_ok=True)
for s in (192, 512):
    icon(s, False).save(OUT / f"icon-{s}.png", optimize=True)
icon(512, True).save(OUT / "maskable-512.png", optimize=True)
icon(180, False).save(OUT / "apple-touch-icon.png", optimize=True)
