"""The reader's training mix: synthetic number crops, real digit lines, user corrections.

Item i is a group of K crops that depends only on (seed, i), so a resumed run goes on with new
crops. Synthetic scenes cost ~15 ms each on this CPU: each scene gives K crops with different
margins, which is the augmentation the app's loose crops need anyway.
"""

from __future__ import annotations

import random

import torch
from torch.utils.data import Dataset

from .charset import encode
from .preprocess import region_input
from .synth_lines import LineSceneGenerator, number_crops


class ReaderDataset(Dataset):
    def __init__(self, seed: int, length: int, k: int = 4, real_dir: str | None = None, real_ratio: float = 0.0,
                 extra: list | None = None, extra_ratio: float = 0.0, scene_size: int = 160):
        self.seed, self.length, self.k = seed, length, k
        self.real_dir, self.real_ratio = real_dir, real_ratio if real_dir else 0.0
        self.extra = extra or []
        self.extra_ratio = extra_ratio if self.extra else 0.0
        self.scene_size = scene_size
        self.gen: LineSceneGenerator | None = None
        self.real = None

    def __len__(self) -> int:
        return self.length

    def crops(self, i: int) -> list[tuple]:
        rng = random.Random(self.seed * 7919 + i)
        r = rng.random()
        if r < self.extra_ratio:
            return [self.extra[rng.randrange(len(self.extra))] for _ in range(self.k)]
        if r < self.extra_ratio + self.real_ratio:
            if self.real is None:  # built lazily in each loader worker
                from .real_lines import RealLines
                self.real = RealLines(self.real_dir)  # type: ignore[arg-type]
            out: list[tuple] = []
            while len(out) < self.k:
                s = self.real.sample(rng)
                if s is not None:
                    out.append(s)
            return out
        if self.gen is None:
            self.gen = LineSceneGenerator(self.scene_size, self.seed)
        for attempt in range(20):
            got = number_crops(self.gen, i + attempt * 1_000_003_1, self.k)
            if got:
                return got
        return []

    def __getitem__(self, i: int):
        return [(region_input(im), torch.tensor(encode(t), dtype=torch.long)) for im, t in self.crops(i)]


def collate(groups: list[list[tuple]]):
    items = [it for g in groups for it in g if len(it[1]) > 0]
    x = torch.stack([it[0] for it in items])
    targets = torch.cat([it[1] for it in items])
    lengths = torch.tensor([len(it[1]) for it in items], dtype=torch.long)
    return x, targets, lengths
