"""Detections -> digits -> number. Mirrored in src/detector/read.ts.

Used by the Python evaluator (synthetic validation, model choice); the shipped
reading logic is the TypeScript one, which the eval CLI scores on real photos.
"""

from __future__ import annotations

import numpy as np
import torch
import torchvision

from . import anchors as A


def detect(logits: torch.Tensor, deltas: torch.Tensor, anchors: np.ndarray, score_thr: float = 0.4,
           iou_thr: float = 0.45, max_det: int = 50) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Single image. Returns boxes (xyxy, model pixels), scores, classes (0-9 digit, 10 letter)."""
    probs = torch.softmax(logits, -1)[:, 1:]
    scores, cls = probs.max(-1)
    keep = scores >= score_thr
    if keep.sum() == 0:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64)
    boxes = torch.from_numpy(A.decode(deltas[keep].numpy(), anchors[keep.numpy()])).float()
    scores, cls = scores[keep], cls[keep]
    # Class-agnostic NMS: one glyph is one digit, whatever two classes compete for it.
    k = torchvision.ops.nms(boxes, scores, iou_thr)[:max_det]
    return boxes[k].numpy(), scores[k].numpy(), cls[k].numpy()


def read_number(boxes: np.ndarray, scores: np.ndarray, classes: np.ndarray, min_score: float = 0.5,
                min_rel_height: float = 0.55) -> str:
    """Groups digit boxes into the dominant line and reads it in order."""
    digits = [(b, s, c) for b, s, c in zip(boxes, scores, classes) if c < 10 and s >= min_score * 0.6]
    if not digits:
        return ""
    hs = [b[3] - b[1] for b, _, _ in digits]
    tallest = max(h for (b, s, c), h in zip(digits, hs) if s >= min_score) if any(
        s >= min_score for _, s, _ in digits) else 0
    if tallest == 0:
        return ""
    digits = [d for d, h in zip(digits, hs) if h >= min_rel_height * tallest]
    # Drop isolated low-confidence boxes: a weak box must have a neighbour within 1.5 heights.
    kept = []
    for i, (b, s, c) in enumerate(digits):
        if s >= min_score:
            kept.append((b, s, c))
            continue
        h = b[3] - b[1]
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        near = any(j != i and abs((o[0] + o[2]) / 2 - cx) < 1.5 * h and abs((o[1] + o[3]) / 2 - cy) < 1.5 * h
                   and so >= min_score for j, (o, so, _) in enumerate(digits))
        if near:
            kept.append((b, s, c))
    if not kept:
        return ""
    xs = np.array([(b[0] + b[2]) / 2 for b, _, _ in kept])
    ys = np.array([(b[1] + b[3]) / 2 for b, _, _ in kept])
    vertical = len(kept) > 1 and np.ptp(ys) > 1.5 * np.ptp(xs) and np.ptp(ys) > 0.8 * np.mean(
        [b[3] - b[1] for b, _, _ in kept])
    order = np.argsort(ys if vertical else xs)
    return "".join(str(int(kept[i][2])) for i in order)
