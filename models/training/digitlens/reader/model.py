"""The line reader: a small CRNN (conv stack, then 1-D convolutions along the line) trained with CTC.

Input 3x32x128 (preprocess.py); output 32 steps x 38 classes (blank + charset.CHARSET).
~19 M multiply-adds: a few ms per number on a phone's WASM backend. Layers are plain conv / BN /
ReLU / max-pool so export.py can fold BatchNorm and scripts/export-reader.ts can rebuild the net in
tfjs layers. Recurrent layers were left out on purpose: 1-D convs are faster in TF.js WASM and
export without surprises.
"""

from __future__ import annotations

import torch
from torch import nn

from .charset import NUM_CLASSES


def cbr(cin: int, cout: int, k=(3, 3), groups: int = 1, pad=None) -> list[nn.Module]:
    pad = pad if pad is not None else (k[0] // 2, k[1] // 2)
    return [nn.Conv2d(cin, cout, k, padding=pad, groups=groups, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def sep(cin: int, cout: int) -> list[nn.Module]:
    """Depthwise 3x3 + pointwise 1x1, each with BN + ReLU."""
    return cbr(cin, cin, groups=cin) + cbr(cin, cout, (1, 1))


# (kind, in, out) in order; the exporter walks this same list.
def layers(num_classes: int = NUM_CLASSES) -> list[nn.Module]:
    return [
        *cbr(3, 16), nn.MaxPool2d(2, 2),            # 16 x 64
        *cbr(16, 32), nn.MaxPool2d(2, 2),           # 8 x 32
        *cbr(32, 64), *sep(64, 64),
        nn.MaxPool2d((2, 1), (2, 1)),               # 4 x 32
        *sep(64, 96), *sep(96, 96),
        nn.MaxPool2d((2, 1), (2, 1)),               # 2 x 32
        *cbr(96, 128, (2, 1), pad=(0, 0)),          # 1 x 32: the column becomes a feature vector
        *cbr(128, 128, (1, 3)), *cbr(128, 128, (1, 3)),   # context along the line
        nn.Conv2d(128, num_classes, 1),
    ]


class LineReader(nn.Module):
    def __init__(self, num_classes: int = NUM_CLASSES):
        super().__init__()
        self.net = nn.Sequential(*layers(num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """[N, 3, 32, 128] -> logits [N, 32, C] (one step per 4 input columns)."""
        return self.net(x)[:, :, 0, :].permute(0, 2, 1)
