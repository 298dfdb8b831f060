"""Synthetic-validation mAP@0.5 and a quick real-photo check in Python.

The authoritative real-photo score is the TypeScript eval CLI (`npm run eval`),
which runs the exported model through the same library as the app.
"""

from __future__ import annotations

import argparse
import json
import os

import numpy as np
import torch
from PIL import Image

from . import anchors as A
from .model import DigitSSD, feature_sizes
from .postprocess import detect, read_number
from .preprocess import preprocess

VAL_SEED = 424242
_val_cache: dict[tuple[int, int], list] = {}


def _val_set(size: int, n: int) -> list:
    key = (size, n)
    if key not in _val_cache:
        from .synth import SceneGenerator
        g = SceneGenerator(size, VAL_SEED)
        _val_cache[key] = [g.sample(i) for i in range(n)]
    return _val_cache[key]


def average_precision(rec: np.ndarray, prec: np.ndarray) -> float:
    mrec = np.concatenate([[0], rec, [1]])
    mpre = np.concatenate([[0], prec, [0]])
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1]))


@torch.no_grad()
def run_model(model: DigitSSD, image: np.ndarray, size: int, score_thr: float = 0.05):
    x, sx, sy = preprocess(image, size)
    logits, deltas = model(x)
    anchors = A.generate(feature_sizes(x.shape[2], x.shape[3]))
    b, s, c = detect(logits[0], deltas[0], anchors, score_thr=score_thr)
    b = b * np.array([sx, sy, sx, sy], np.float32)
    return b, s, c


@torch.no_grad()
def synthetic_map(model: DigitSSD, size: int, n: int = 300) -> dict:
    """VOC-style mAP@0.5 over the 10 digit classes plus number accuracy, on fixed synthetic scenes."""
    model.eval()
    samples = _val_set(size, n)
    dets: dict[int, list] = {c: [] for c in range(10)}
    n_gt = {c: 0 for c in range(10)}
    correct = 0
    for i, s in enumerate(samples):
        b, sc, cl = run_model(model, s.image, size, 0.05)
        if read_number(b, sc, cl) == s.number:
            correct += 1
        gts = {c: [(g, False) for g, l in zip(s.boxes, s.labels) if l == c] for c in range(10)}
        for c in range(10):
            n_gt[c] += len(gts[c])
        for box, score, c in sorted(zip(b, sc, cl), key=lambda t: -t[1]):
            if c >= 10:
                continue
            g = gts[int(c)]
            tp = 0
            if g:
                ious = A.iou_matrix(box[None], np.stack([x[0] for x in g]))[0]
                j = int(ious.argmax())
                if ious[j] >= 0.5 and not g[j][1]:
                    g[j] = (g[j][0], True)
                    tp = 1
            dets[int(c)].append((float(score), tp))
    aps = []
    for c in range(10):
        d = sorted(dets[c], key=lambda t: -t[0])
        if n_gt[c] == 0:
            continue
        tps = np.cumsum([t for _, t in d]) if d else np.zeros(0)
        fps = np.cumsum([1 - t for _, t in d]) if d else np.zeros(0)
        rec = tps / n_gt[c] if d else np.zeros(0)
        prec = tps / np.maximum(tps + fps, 1e-9) if d else np.zeros(0)
        aps.append(average_precision(rec, prec))
    return {"val_map50": float(np.mean(aps)) if aps else 0.0, "val_number_acc": correct / len(samples)}


@torch.no_grad()
def number_recall(model: DigitSSD, size: int, n: int = 300, score_thr: float = 0.3) -> dict:
    """On fixed whole-frame scenes: the share of numbers (2+ glyphs) whose `number` box is found
    (IoU >= 0.5 at score_thr), and number boxes per scene without a number (false alarms)."""
    model.eval()
    key = (-size, n)
    if key not in _val_cache:
        from .frames import FrameSceneGenerator
        g = FrameSceneGenerator(size, VAL_SEED)
        _val_cache[key] = [g.sample(i) for i in range(n)]
    found = total = false = empties = 0
    for s in _val_cache[key]:
        b, sc, cl = run_model(model, s.image, size, score_thr)
        nb = b[cl == 11]
        if s.number_box is None or s.text_glyphs < 2:
            if not s.number:
                empties += 1
                false += len(nb)
            continue
        total += 1
        if len(nb) and A.iou_matrix(s.number_box[None], nb).max() >= 0.5:
            found += 1
    return {"number_recall": found / max(total, 1), "false_numbers_per_empty": false / max(empties, 1)}


@torch.no_grad()
def dev_accuracy(model: DigitSSD, data_dir: str, size: int, verbose: bool = False) -> float:
    model.eval()
    recs = json.load(open(os.path.join(data_dir, "annotations.json")))
    ok = 0
    for r in recs:
        img = np.asarray(Image.open(os.path.join(data_dir, r["file"])).convert("RGB"))
        b, s, c = run_model(model, img, size, 0.3)
        got = read_number(b, s, c)
        ok += got == r["number"]
        if verbose and got != r["number"]:
            print(f"  {r['file']}: want {r['number']} got {got!r}")
    return ok / len(recs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--data", default="../../../shared/data/dev-signs-aimed")
    ap.add_argument("--sizes", default="160,192,224,256,320")
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(2)
    ck = torch.load(args.weights, map_location="cpu")
    width = ck.get("meta", {}).get("width", 0.5)
    model = DigitSSD(width)
    model.load_state_dict(ck["model"] if "model" in ck else ck)
    for size in [int(s) for s in args.sizes.split(",")]:
        acc = dev_accuracy(model, args.data, size, args.v)
        line = f"size {size}: dev number accuracy {acc:.3f}"
        if args.synthetic:
            line += " " + json.dumps(synthetic_map(model, size))
        print(line, flush=True)


if __name__ == "__main__":
    main()
