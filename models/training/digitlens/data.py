"""Training samples: synthetic scenes, real photos with digit boxes and user corrections, mixed.

Each index maps to one sample deterministically (seed, index), so a resumed run continues with
new samples instead of repeating old ones.
"""

from __future__ import annotations

import random

import numpy as np
import torch
from torch.utils.data import Dataset

from . import anchors as A
from .frames import FrameSceneGenerator
from .model import feature_sizes
from .postprocess import group_numbers
from .synth import NUMBER_CLASS, SceneGenerator


def with_numbers(boxes: np.ndarray, labels: np.ndarray, number_boxes: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Glyph boxes plus one `number` box per number of two or more glyphs (a lone digit's number
    box would be its glyph box: two classes for one box teach nothing)."""
    extra = [b for b in number_boxes if b is not None]
    if not extra:
        return boxes, labels
    return (np.concatenate([boxes.reshape(-1, 4), np.stack(extra).astype(np.float32)], 0),
            np.concatenate([labels, np.full(len(extra), NUMBER_CLASS, np.int64)]))


def grouped_number_boxes(boxes: np.ndarray, labels: np.ndarray) -> list[np.ndarray]:
    """Number boxes for photos labelled per digit: digits grouped as the app groups them."""
    idx = [i for i in range(len(boxes)) if labels[i] < 10]
    out = []
    for g in group_numbers([boxes[i] for i in idx]):
        if len(g) < 2:
            continue
        b = boxes[[idx[i] for i in g]]
        out.append(np.array([b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()], np.float32))
    return out


class MixedDataset(Dataset):
    """Index -> (image tensor, class targets per anchor, box targets per anchor)."""

    def __init__(self, size: int, seed: int, length: int, extra: list | None = None, extra_ratio: float = 0.0,
                 real_dir: str | None = None, real_ratio: float = 0.0, frame_ratio: float = 0.0):
        self.size, self.seed, self.length = size, seed, length
        self.gen: SceneGenerator | None = None
        self.frames: FrameSceneGenerator | None = None
        self.frame_ratio = frame_ratio
        self.real = None
        self.real_dir, self.real_ratio = real_dir, real_ratio if real_dir else 0.0
        self.extra = extra or []  # (image HxWx3, boxes, labels) from corrections, already at size
        self.extra_ratio = extra_ratio if self.extra else 0.0
        self.anchors = A.generate(feature_sizes(size, size))

    def __len__(self) -> int:
        return self.length

    def raw(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        rng = random.Random(self.seed * 7919 + i)
        r = rng.random()
        if r < self.extra_ratio:
            return self.extra[rng.randrange(len(self.extra))]
        if r < self.extra_ratio + self.real_ratio:
            if self.real is None:  # built lazily in each loader worker
                from .real import RealDigits
                self.real = RealDigits(self.real_dir)  # type: ignore[arg-type]
            img, boxes, labels = self.real.sample(rng, self.size)
            return (img, *with_numbers(boxes, labels, grouped_number_boxes(boxes, labels)))
        if r < self.extra_ratio + self.real_ratio + self.frame_ratio:
            if self.frames is None:
                self.frames = FrameSceneGenerator(self.size, self.seed + 1)
            s = self.frames.sample(i)
        else:
            if self.gen is None:
                self.gen = SceneGenerator(self.size, self.seed)
            s = self.gen.sample(i)
        n_glyphs = s.text_glyphs
        return (s.image, *with_numbers(s.boxes, s.labels, [s.number_box] if n_glyphs >= 2 else []))

    def __getitem__(self, i: int):
        img, boxes, labels = self.raw(i)
        cls, deltas = A.match(boxes, labels, self.anchors)
        x = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1).float() / 127.5 - 1.0
        return x, torch.from_numpy(cls), torch.from_numpy(deltas)
