"""Anchors designed for digits: tall boxes, including a very narrow one for "1".

Sizes are in input pixels per feature level, so the same model run at a larger
input keeps digits of the same pixel size matched to the same anchors.
Mirrored exactly in src/detector/anchors.ts (a parity test checks both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Variances of the SSD box encoding (centre, size).
CENTER_VAR = 0.1
SIZE_VAR = 0.2


@dataclass(frozen=True)
class Level:
    stride: int
    heights: tuple[float, ...]
    aspects: tuple[float, ...]  # width / height

    @property
    def num_anchors(self) -> int:
        return len(self.heights) * len(self.aspects)


# 0.12 is for the thin "1" of sans and condensed sign fonts (stem only, w/h 0.08-0.15): against
# the 0.22 anchor its best IoU is ~0.45, so it was matched only by the forced best anchor and v2
# rarely proposed it (issue 10: most dropped digits were thin 1s).
# 1.5, 3.0 and 5.5 are for the `number` class: one box around a whole number (2-digit to
# "12345B"), as TextBoxes (an SSD text detector) uses long default boxes for words. A whole number
# is a far bigger target than its glyphs, so it survives the small first-pass input of a whole frame.
GLYPH_ASPECTS = (0.12, 0.22, 0.5, 0.8)
NUMBER_ASPECTS = (1.5, 3.0, 5.5)
ASPECTS = GLYPH_ASPECTS + NUMBER_ASPECTS
LEVELS = (
    Level(8, (14.0, 22.0), ASPECTS),
    Level(16, (32.0, 48.0), ASPECTS),
    Level(32, (72.0, 108.0, 160.0), ASPECTS),
)


def generate(feature_sizes: list[tuple[int, int]]) -> np.ndarray:
    """Anchors as (cx, cy, w, h) in input pixels, ordered (level, y, x, height, aspect)."""
    out = []
    for (fh, fw), lvl in zip(feature_sizes, LEVELS):
        ys, xs = np.meshgrid(np.arange(fh), np.arange(fw), indexing="ij")
        cx = (xs + 0.5) * lvl.stride
        cy = (ys + 0.5) * lvl.stride
        shapes = [(h * a, h) for h in lvl.heights for a in lvl.aspects]
        a = np.zeros((fh, fw, len(shapes), 4), np.float32)
        for k, (w, h) in enumerate(shapes):
            a[:, :, k, 0] = cx
            a[:, :, k, 1] = cy
            a[:, :, k, 2] = w
            a[:, :, k, 3] = h
        out.append(a.reshape(-1, 4))
    return np.concatenate(out, 0)


def encode(gt_xyxy: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    gw = gt_xyxy[:, 2] - gt_xyxy[:, 0]
    gh = gt_xyxy[:, 3] - gt_xyxy[:, 1]
    gcx = gt_xyxy[:, 0] + gw / 2
    gcy = gt_xyxy[:, 1] + gh / 2
    return np.stack([
        (gcx - anchors[:, 0]) / anchors[:, 2] / CENTER_VAR,
        (gcy - anchors[:, 1]) / anchors[:, 3] / CENTER_VAR,
        np.log(np.maximum(gw, 1e-3) / anchors[:, 2]) / SIZE_VAR,
        np.log(np.maximum(gh, 1e-3) / anchors[:, 3]) / SIZE_VAR,
    ], 1).astype(np.float32)


def decode(deltas: np.ndarray, anchors: np.ndarray) -> np.ndarray:
    cx = deltas[:, 0] * CENTER_VAR * anchors[:, 2] + anchors[:, 0]
    cy = deltas[:, 1] * CENTER_VAR * anchors[:, 3] + anchors[:, 1]
    w = np.exp(deltas[:, 2] * SIZE_VAR) * anchors[:, 2]
    h = np.exp(deltas[:, 3] * SIZE_VAR) * anchors[:, 3]
    return np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], 1)


def iou_matrix(a_xyxy: np.ndarray, b_xyxy: np.ndarray) -> np.ndarray:
    x0 = np.maximum(a_xyxy[:, None, 0], b_xyxy[None, :, 0])
    y0 = np.maximum(a_xyxy[:, None, 1], b_xyxy[None, :, 1])
    x1 = np.minimum(a_xyxy[:, None, 2], b_xyxy[None, :, 2])
    y1 = np.minimum(a_xyxy[:, None, 3], b_xyxy[None, :, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    aa = (a_xyxy[:, 2] - a_xyxy[:, 0]) * (a_xyxy[:, 3] - a_xyxy[:, 1])
    ab = (b_xyxy[:, 2] - b_xyxy[:, 0]) * (b_xyxy[:, 3] - b_xyxy[:, 1])
    return inter / (aa[:, None] + ab[None, :] - inter + 1e-9)


def to_xyxy(anchors: np.ndarray) -> np.ndarray:
    return np.stack([anchors[:, 0] - anchors[:, 2] / 2, anchors[:, 1] - anchors[:, 3] / 2,
                     anchors[:, 0] + anchors[:, 2] / 2, anchors[:, 1] + anchors[:, 3] / 2], 1)


def match(gt_xyxy: np.ndarray, gt_labels: np.ndarray, anchors: np.ndarray,
          pos_iou: float = 0.45, neg_iou: float = 0.35) -> tuple[np.ndarray, np.ndarray]:
    """Returns (targets class per anchor: 0 background, -1 ignore, k+1 class k; box deltas)."""
    n = anchors.shape[0]
    cls = np.zeros(n, np.int64)
    deltas = np.zeros((n, 4), np.float32)
    if len(gt_xyxy) == 0:
        return cls, deltas
    ious = iou_matrix(to_xyxy(anchors), gt_xyxy)
    best_gt = ious.argmax(1)
    best_iou = ious.max(1)
    # Each ground truth gets at least its best anchor, so thin or odd boxes are never unmatched.
    for g in range(len(gt_xyxy)):
        a = ious[:, g].argmax()
        best_gt[a] = g
        best_iou[a] = 1.0
    cls[(best_iou >= neg_iou) & (best_iou < pos_iou)] = -1
    pos = best_iou >= pos_iou
    cls[pos] = gt_labels[best_gt[pos]] + 1
    deltas[pos] = encode(gt_xyxy[best_gt[pos]], anchors[pos])
    return cls, deltas
