"""Preprocessing shared by training, evaluation and (mirrored) the browser.

The browser does exactly this in src/detector/preprocess.ts with tfjs ops:
1. RGB, float32.
2. Integer box-filter downscale (avg pool, k = floor(scale)) when shrinking by 2x or more,
   so big camera frames don't alias; then bilinear resize with half-pixel centres
   (torch align_corners=False == tf.image.resizeBilinear(halfPixelCenters=true)).
3. Scale to [-1, 1]: x / 127.5 - 1.
A parity test runs both on the same image and compares.
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

STRIDE = 32


def input_shape(h: int, w: int, size: int) -> tuple[int, int]:
    """Longer side -> size; shorter side keeps the aspect, rounded up to a multiple of 32."""
    if h >= w:
        return size, max(STRIDE, math.ceil(size * w / h / STRIDE) * STRIDE)
    return max(STRIDE, math.ceil(size * h / w / STRIDE) * STRIDE), size


def preprocess(image: np.ndarray, size: int) -> tuple[torch.Tensor, float, float]:
    """HxWx3 uint8 RGB -> 1x3xHxW tensor, plus (sx, sy) to map model pixels back to image pixels."""
    h, w = image.shape[:2]
    th, tw = input_shape(h, w, size)
    x = torch.from_numpy(np.array(image, copy=True)).float().permute(2, 0, 1)[None]
    k = int(min(h / th, w / tw))
    if k >= 2:
        x = F.avg_pool2d(x, k, k)
    x = F.interpolate(x, size=(th, tw), mode="bilinear", align_corners=False)
    return x / 127.5 - 1.0, w / tw, h / th
