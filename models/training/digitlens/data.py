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
from .model import feature_sizes
from .synth import SceneGenerator


class MixedDataset(Dataset):
    """Index -> (image tensor, class targets per anchor, box targets per anchor)."""

    def __init__(self, size: int, seed: int, length: int, extra: list | None = None, extra_ratio: float = 0.0,
                 real_dir: str | None = None, real_ratio: float = 0.0):
        self.size, self.seed, self.length = size, seed, length
        self.gen: SceneGenerator | None = None
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
            return self.real.sample(rng, self.size)
        if self.gen is None:
            self.gen = SceneGenerator(self.size, self.seed)
        s = self.gen.sample(i)
        return s.image, s.boxes, s.labels

    def __getitem__(self, i: int):
        img, boxes, labels = self.raw(i)
        cls, deltas = A.match(boxes, labels, self.anchors)
        x = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1).float() / 127.5 - 1.0
        return x, torch.from_numpy(cls), torch.from_numpy(deltas)
