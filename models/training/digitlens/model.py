"""SSDLite digit detector on a MobileNetV2 backbone, written out layer by layer.

Written by hand (not torchvision's module tree) so the exporter maps every
layer to TF.js one-to-one. Fully convolutional: anchors come from the
feature-map sizes at run time (anchors.py, mirrored in src/detector/anchors.ts),
so the app can run it at a larger input than it was trained at.
"""

from __future__ import annotations

import torch
from torch import nn

from .anchors import LEVELS

NUM_LOGITS = 13  # background + 10 digits + letter + number (synth.py class ids, shifted by one)


def make_divisible(v: float, d: int = 8) -> int:
    new = max(d, int(v + d / 2) // d * d)
    if new < 0.9 * v:
        new += d
    return new


class ConvBN(nn.Sequential):
    """conv (no bias) + BN + optional ReLU6. 'pad' is symmetric, like PyTorch;
    the exporter writes explicit zero padding so TF's asymmetric 'same' is never used."""

    def __init__(self, cin: int, cout: int, k: int, stride: int = 1, groups: int = 1, act: bool = True):
        layers: list[nn.Module] = [
            nn.Conv2d(cin, cout, k, stride, (k - 1) // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout),
        ]
        if act:
            layers.append(nn.ReLU6(inplace=True))
        super().__init__(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, expand: int):
        super().__init__()
        hidden = cin * expand
        self.use_res = stride == 1 and cin == cout
        layers: list[nn.Module] = []
        if expand != 1:
            layers.append(ConvBN(cin, hidden, 1))
        layers += [ConvBN(hidden, hidden, 3, stride, groups=hidden), ConvBN(hidden, cout, 1, act=False)]
        self.conv = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.conv(x) if self.use_res else self.conv(x)


# (expand, channels, repeats, stride) as in MobileNetV2
MBV2 = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


class DigitSSD(nn.Module):
    def __init__(self, width: float = 0.5):
        super().__init__()
        self.width = width
        c0 = make_divisible(32 * width)
        blocks: list[nn.Module] = [ConvBN(3, c0, 3, 2)]
        cin = c0
        self.tap_after: list[int] = []  # block indices whose outputs feed heads (stride 8, 16, 32)
        for t, c, n, s in MBV2:
            cout = make_divisible(c * width)
            for i in range(n):
                blocks.append(InvertedResidual(cin, cout, s if i == 0 else 1, t))
                cin = cout
            if c in (32, 96, 320):
                self.tap_after.append(len(blocks) - 1)
        self.features = nn.ModuleList(blocks)
        tap_ch = [make_divisible(c * width) for c in (32, 96, 320)]
        self.cls_heads = nn.ModuleList()
        self.box_heads = nn.ModuleList()
        for ch, lvl in zip(tap_ch, LEVELS):
            a = lvl.num_anchors
            self.cls_heads.append(nn.Sequential(ConvBN(ch, ch, 3, groups=ch), nn.Conv2d(ch, a * NUM_LOGITS, 1)))
            self.box_heads.append(nn.Sequential(ConvBN(ch, ch, 3, groups=ch), nn.Conv2d(ch, a * 4, 1)))
        self._init()

    def _init(self) -> None:
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        # Start with background likely (prior 0.99) so early training isn't swamped by negatives.
        for h in self.cls_heads:
            b = h[-1].bias.data.view(-1, NUM_LOGITS)
            b[:, 0] = 4.6

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        taps = []
        for i, blk in enumerate(self.features):
            x = blk(x)
            if i in self.tap_after:
                taps.append(x)
        logits, boxes = [], []
        for t, ch, bh in zip(taps, self.cls_heads, self.box_heads):
            n = t.shape[0]
            # NHWC order then flatten: identical to TF's reshape of an NHWC tensor, so
            # anchor order is (y, x, anchor) in both frameworks.
            logits.append(ch(t).permute(0, 2, 3, 1).reshape(n, -1, NUM_LOGITS))
            boxes.append(bh(t).permute(0, 2, 3, 1).reshape(n, -1, 4))
        return torch.cat(logits, 1), torch.cat(boxes, 1)


def feature_sizes(height: int, width: int) -> list[tuple[int, int]]:
    """Head feature-map sizes for an input: each 3x3 stride-2 conv with pad 1 gives ceil(s/2), so
    a level of stride k is ceil(s/k) (src/detector/anchors.ts featureSize is the TS twin)."""
    return [(-(-height // lvl.stride), -(-width // lvl.stride)) for lvl in LEVELS]
