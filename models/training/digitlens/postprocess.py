"""Detections -> digits -> number. Mirrored in src/detector/read.ts.

Used by the Python evaluator (synthetic validation, model choice); the shipped
reading logic is the TypeScript one, which the eval CLI scores on real photos.
"""

from __future__ import annotations

import numpy as np
import torch
import torchvision

from . import anchors as A


NESTED_THR = 0.5  # src/detector/detector.ts NESTED_THRESHOLD


def drop_nested(boxes: np.ndarray, scores: np.ndarray, thr: float = NESTED_THR) -> np.ndarray:
    """Indices (best first) of boxes not lying mostly inside a better one: intersection over the
    smaller area above thr. Glyphs never nest; half-digit boxes slip under the NMS IoU.
    Mirrors dropNested in src/detector/nested.ts."""
    kept: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        b = boxes[i]
        nested = False
        for j in kept:
            k = boxes[j]
            iw = min(b[2], k[2]) - max(b[0], k[0])
            ih = min(b[3], k[3]) - max(b[1], k[1])
            if iw > 0 and ih > 0:
                small = min((b[2] - b[0]) * (b[3] - b[1]), (k[2] - k[0]) * (k[3] - k[1]))
                if iw * ih / max(small, 1e-6) > thr:
                    nested = True
                    break
        if not nested:
            kept.append(int(i))
    return np.array(kept, np.int64)


def detect(logits: torch.Tensor, deltas: torch.Tensor, anchors: np.ndarray, score_thr: float = 0.4,
           iou_thr: float = 0.45, max_det: int = 50,
           nested_thr: float = NESTED_THR) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Single image. Returns boxes (xyxy, model pixels), scores, classes (0-9 digit, 10 letter, 11
    number). Glyphs and numbers are suppressed apart: a number box holds its glyphs, so one must
    never remove the other."""
    probs = torch.softmax(logits, -1)[:, 1:]
    gb, gs, gc = _detect_glyphs(probs[:, :11], deltas, anchors, score_thr, iou_thr, max_det, nested_thr)
    if probs.shape[1] <= 11:
        return gb, gs, gc
    ns = probs[:, 11]
    keep = ns >= score_thr
    if keep.sum() == 0:
        return gb, gs, gc
    nb = torch.from_numpy(A.decode(deltas[keep].numpy(), anchors[keep.numpy()])).float()
    k = torchvision.ops.nms(nb, ns[keep], iou_thr)[:max_det]
    return (np.concatenate([gb, nb[k].numpy()]), np.concatenate([gs, ns[keep][k].numpy()]),
            np.concatenate([gc, np.full(len(k), 11, np.int64)]))


def _detect_glyphs(probs: torch.Tensor, deltas: torch.Tensor, anchors: np.ndarray, score_thr: float,
                   iou_thr: float, max_det: int, nested_thr: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scores, cls = probs.max(-1)
    keep = scores >= score_thr
    if keep.sum() == 0:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64)
    boxes = torch.from_numpy(A.decode(deltas[keep].numpy(), anchors[keep.numpy()])).float()
    scores, cls = scores[keep], cls[keep]
    # Class-agnostic NMS: one glyph is one digit, whatever two classes compete for it.
    k = torchvision.ops.nms(boxes, scores, iou_thr)[:max_det]
    b, s, c = boxes[k].numpy(), scores[k].numpy(), cls[k].numpy()
    k = drop_nested(b, s, nested_thr)
    return b[k], s[k], c[k]


def same_number(a: np.ndarray, b: np.ndarray) -> bool:
    """Side by side on one line or stacked, with alike heights (sameNumber in src/detector/lines.ts)."""
    ha, hb = a[3] - a[1], b[3] - b[1]
    big = max(ha, hb)
    if min(ha, hb) < 0.6 * big:
        return False
    dx = abs((a[0] + a[2]) / 2 - (b[0] + b[2]) / 2)
    dy = abs((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2)
    gap_x = dx - ((a[2] - a[0]) + (b[2] - b[0])) / 2
    gap_y = dy - (ha + hb) / 2
    return bool((dy < 0.45 * big and gap_x < 0.8 * big) or (dx < 0.35 * big and gap_y < 0.5 * big))


def group_numbers(boxes: list[np.ndarray]) -> list[list[int]]:
    """Connected groups (indices, in input order) under same_number (groupNumbers in lines.ts)."""
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            if same_number(boxes[i], boxes[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def read_number(boxes: np.ndarray, scores: np.ndarray, classes: np.ndarray, min_score: float = 0.5,
                min_rel_height: float = 0.55) -> str:
    """Groups digit boxes into numbers, keeps the dominant one and reads it in order (read.ts)."""
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
    groups = group_numbers([b for b, _, _ in kept])
    weight = [sum(kept[i][1] * (kept[i][0][3] - kept[i][0][1]) for i in g) for g in groups]
    kept = [kept[i] for i in groups[int(np.argmax(weight))]]
    xs = np.array([(b[0] + b[2]) / 2 for b, _, _ in kept])
    ys = np.array([(b[1] + b[3]) / 2 for b, _, _ in kept])
    vertical = len(kept) > 1 and np.ptp(ys) > 1.5 * np.ptp(xs) and np.ptp(ys) > 0.8 * np.mean(
        [b[3] - b[1] for b, _, _ in kept])
    order = np.argsort(ys if vertical else xs)
    return "".join(str(int(kept[i][2])) for i in order)
