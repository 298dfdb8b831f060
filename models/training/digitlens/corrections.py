"""Reads the app's exported corrections zip (images/<id>.jpg + annotations.json) as training samples.

Each record: file, width, height, number, boxes [{digit, x, y, w, h}] in pixels of the image.
The app exports its whole history: records with "reviewed": false are captures nobody confirmed or
corrected (their number and boxes are only the model's guess), so they are not training data and
are skipped. Records without "reviewed" (older exports, write_zip) count as reviewed.
Images are letterboxed into size x size (longer side = size, centred on grey), boxes scaled to match.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import numpy as np
from PIL import Image

IMAGE_NAME = re.compile(r"^images/[A-Za-z0-9_-]{1,80}\.jpg$")


class CorrectionsError(ValueError):
    pass


def read_records(path: str) -> tuple[list[dict], zipfile.ZipFile]:
    """The reviewed records of an export (checked), and the open zip."""
    zf = zipfile.ZipFile(path)
    try:
        records = json.loads(zf.read("annotations.json"))
    except KeyError as e:
        raise CorrectionsError(f"{path}: no annotations.json") from e
    if not isinstance(records, list):
        raise CorrectionsError(f"{path}: annotations.json must be a list")
    names = set(zf.namelist())
    for r in records:
        if not (isinstance(r, dict) and isinstance(r.get("file"), str) and IMAGE_NAME.match(r["file"])
                and r["file"] in names and isinstance(r.get("number"), str) and isinstance(r.get("boxes"), list)):
            raise CorrectionsError(f"{path}: invalid record {str(r)[:120]}")
        for b in r["boxes"]:
            if not (isinstance(b.get("digit"), int) and 0 <= b["digit"] <= 9
                    and all(isinstance(b.get(k), (int, float)) for k in ("x", "y", "w", "h"))):
                raise CorrectionsError(f"{path}: invalid box {b} in {r['file']}")
    return [r for r in records if r.get("reviewed", True) is not False], zf


def load_corrections(path: str, size: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    records, zf = read_records(path)
    out = []
    for r in records:
        img = Image.open(io.BytesIO(zf.read(r["file"]))).convert("RGB")
        w, h = img.size
        s = size / max(w, h)
        nw, nh = max(1, round(w * s)), max(1, round(h * s))
        canvas = Image.new("RGB", (size, size), (114, 114, 114))
        ox, oy = (size - nw) // 2, (size - nh) // 2
        canvas.paste(img.resize((nw, nh), Image.BILINEAR), (ox, oy))
        boxes = np.array([[b["x"] * s + ox, b["y"] * s + oy, (b["x"] + b["w"]) * s + ox, (b["y"] + b["h"]) * s + oy]
                          for b in r["boxes"]], np.float32).reshape(-1, 4)
        labels = np.array([b["digit"] for b in r["boxes"]], np.int64)
        out.append((np.asarray(canvas), boxes, labels))
    return out


def write_zip(samples: list[tuple[np.ndarray, np.ndarray, np.ndarray, str]], path: str) -> None:
    """Writes samples (image, xyxy boxes, labels, number) in the app's export format: test fixtures,
    or turning any labelled set into something the app can import."""
    records = []
    with zipfile.ZipFile(path, "w") as zf:
        for i, (img, boxes, labels, number) in enumerate(samples):
            rid = f"fixture-{i:04d}"
            buf = io.BytesIO()
            Image.fromarray(img).save(buf, "JPEG", quality=92)
            zf.writestr(f"images/{rid}.jpg", buf.getvalue())
            h, w = img.shape[:2]
            bx = [{"digit": int(l), "x": float(b[0]), "y": float(b[1]), "w": float(b[2] - b[0]), "h": float(b[3] - b[1])}
                  for b, l in zip(boxes, labels) if l < 10]
            records.append({"id": rid, "file": f"images/{rid}.jpg", "width": w, "height": h, "number": number,
                            "boxes": bx, "confirmed": False, "time": 0, "modelVersion": "fixture",
                            "backend": "none", "source": "photo", "predicted": {"number": "", "boxes": []}})
        zf.writestr("annotations.json", json.dumps(records))


def main() -> None:
    """python -m digitlens.corrections --fixture OUT.zip [--n 4]: a tiny corrections zip from synthetic scenes."""
    import argparse

    from .synth import SceneGenerator

    ap = argparse.ArgumentParser()
    ap.add_argument("--fixture", required=True)
    ap.add_argument("--n", type=int, default=4)
    a = ap.parse_args()
    g = SceneGenerator(128, seed=77)
    samples = [(s.image, s.boxes, s.labels, s.number) for s in (g.sample(i) for i in range(a.n))]
    write_zip(samples, a.fixture)
    print(f"wrote {a.fixture}: {a.n} records")


if __name__ == "__main__":
    main()
