"""Whole-frame test set: each aimed dev photo shrunk into a 1024x1024 street-like frame.

    /usr/bin/python3 scripts/make-whole-frames.py --data ../shared/data/dev-signs-aimed --out .bench/whole-frames

People point the phone from the pavement: the sign is 50-150 px wide in a 1024 px frame. The dev
photos are crops about twice the sign's size, so each is scaled to 100-300 px and pasted at a random
place on a random crop of Debian's wallpapers; a few frames get no sign (false numbers on empty).
The output (images/ + annotations.json with `numbers` lists) is for `npm run eval`; it is derived
from the measurement-only dev photos, so it is never trained on.
"""

import argparse
import glob
import json
import os
import random

from PIL import Image, ImageFilter

PHOTOS = ["/usr/share/backgrounds/**/*.jpg", "/usr/share/backgrounds/**/*.png", "/usr/share/wallpapers/**/*.jpg"]


def backgrounds() -> list[str]:
    out: set[str] = set()
    for g in PHOTOS:
        out.update(glob.glob(g, recursive=True))
    if not out:
        raise SystemExit("no wallpapers: sudo apt-get install mate-backgrounds lomiri-wallpapers-16.04")
    return sorted(out)


def frame(rng: random.Random, bgs: list[str], n: int = 1024) -> Image.Image:
    im = Image.open(rng.choice(bgs)).convert("RGB")
    side = min(im.size)
    s = rng.randint(side // 2, side)
    x, y = rng.randint(0, im.size[0] - s), rng.randint(0, im.size[1] - s)
    return im.crop((x, y, x + s, y + s)).resize((n, n), Image.BILINEAR)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--empty", type=int, default=16)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    bgs = backgrounds()
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    recs = json.load(open(os.path.join(a.data, "annotations.json")))
    out = []
    for i, r in enumerate(recs):
        f = frame(rng, bgs)
        sign = Image.open(os.path.join(a.data, r["file"])).convert("RGB")
        side = rng.randint(100, 300)
        sign = sign.resize((side, side), Image.LANCZOS)
        # Feather the pasted square so its edge is not a free "sign here" cue.
        mask = Image.new("L", (side, side), 0)
        mask.paste(255, (6, 6, side - 6, side - 6))
        mask = mask.filter(ImageFilter.GaussianBlur(4))
        x, y = rng.randint(0, 1024 - side), rng.randint(0, 1024 - side)
        f.paste(sign, (x, y), mask)
        k = side / r["width"]
        reg = r["region"]
        region = {"x": x + reg["x"] * k, "y": y + reg["y"] * k, "w": reg["w"] * k, "h": reg["h"] * k}
        name = f"images/w{i:03d}.jpg"
        f.save(os.path.join(a.out, name), quality=90)
        out.append({"file": name, "numbers": [r["number"]], "regions": [region], "source": r["file"]})
    for j in range(a.empty):
        name = f"images/e{j:03d}.jpg"
        frame(rng, bgs).save(os.path.join(a.out, name), quality=90)
        out.append({"file": name, "numbers": []})
    with open(os.path.join(a.out, "annotations.json"), "w") as fh:
        json.dump(out, fh, indent=1)
    print(f"{len(out)} frames -> {a.out}")


if __name__ == "__main__":
    main()
