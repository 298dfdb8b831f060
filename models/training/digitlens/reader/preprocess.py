"""A number's crop -> the reader's input. Mirrored exactly by src/reader/preprocess.ts (parity test).

1. Cut the rectangle (rounded outwards to whole pixels, clipped to the image).
2. Height -> 32, width -> 32 x aspect (at least 8, at most 128: a long crop is squeezed).
3. Shrinking 2x or more: integer avg-pool first (no aliasing of thin strokes), then bilinear with
   half-pixel centres (= tf.image.resizeBilinear(halfPixelCenters=true)).
4. x / 127.5 - 1, then zero-padded on the right to 128 (zero = mid grey, after scaling).
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F

HEIGHT = 32
WIDTH = 128
MIN_WIDTH = 8


def pixel_rect(rect: tuple[float, float, float, float], width: int, height: int) -> tuple[int, int, int, int]:
    """(x, y, w, h) floats -> integer (x0, y0, x1, y1) rounded outwards and clipped."""
    x, y, w, h = rect
    x0, y0 = max(0, math.floor(x)), max(0, math.floor(y))
    x1, y1 = min(width, math.ceil(x + w)), min(height, math.ceil(y + h))
    return x0, y0, max(x0 + 1, x1), max(y0 + 1, y1)


def target_width(w: int, h: int) -> int:
    return int(min(WIDTH, max(MIN_WIDTH, round(HEIGHT * w / h))))


def crop_input(image: np.ndarray, rect: tuple[float, float, float, float]) -> torch.Tensor:
    """HxWx3 uint8 RGB + (x, y, w, h) -> 3x32x128 float tensor in [-1, 1]."""
    H, W = image.shape[:2]
    x0, y0, x1, y1 = pixel_rect(rect, W, H)
    return region_input(image[y0:y1, x0:x1])


def region_input(region: np.ndarray) -> torch.Tensor:
    """An already cut hxwx3 uint8 region -> 3x32x128 float tensor in [-1, 1]."""
    h, w = region.shape[:2]
    tw = target_width(w, h)
    x = torch.from_numpy(np.ascontiguousarray(region)).float().permute(2, 0, 1)[None]
    k = int(min(h / HEIGHT, w / tw))
    if k >= 2:
        x = F.avg_pool2d(x, k, k)
    x = F.interpolate(x, size=(HEIGHT, tw), mode="bilinear", align_corners=False)
    x = x / 127.5 - 1.0
    return F.pad(x, (0, WIDTH - tw))[0]
