"""Line reader checkpoint -> layer spec + folded float32 weights + reference outputs.

scripts/export-reader.ts rebuilds the net in tfjs layers from this (no Python TensorFlow here),
checks it against the reference outputs and writes reader.json + its shard into the model version.

    /usr/bin/python3 -m digitlens.reader.export --weights runs/reader-v1/last.pt --work runs/export-reader
"""

from __future__ import annotations

import argparse
import json
import os

import numpy as np
import torch
from torch import nn

from ..export import fold
from .charset import CHARSET, NUM_CLASSES
from .data import ReaderDataset
from .model import LineReader
from .preprocess import HEIGHT, WIDTH, region_input


def build_spec(model: LineReader) -> tuple[list[dict], np.ndarray]:
    model.eval()
    nodes: list[dict] = []
    blobs: list[np.ndarray] = []
    offset = 0

    def blob(a: np.ndarray) -> dict:
        nonlocal offset
        a = np.ascontiguousarray(a, np.float32)
        ref = {"offset": offset, "shape": list(a.shape)}
        blobs.append(a)
        offset += a.size
        return ref

    mods = list(model.net)
    i = 0
    while i < len(mods):
        m = mods[i]
        if isinstance(m, nn.Conv2d):
            bn = mods[i + 1] if i + 1 < len(mods) and isinstance(mods[i + 1], nn.BatchNorm2d) else None
            relu = bn is not None and i + 2 < len(mods) and isinstance(mods[i + 2], nn.ReLU)
            w, b = fold(m, bn)
            depthwise = m.groups > 1
            w = w.transpose(2, 3, 0, 1) if depthwise else w.transpose(2, 3, 1, 0)
            pad = list(m.padding)
            same = all(p == k // 2 for p, k in zip(pad, m.kernel_size)) and all(k % 2 == 1 or p == 0 for p, k in zip(pad, m.kernel_size))
            if not same and any(pad):
                raise ValueError(f"layer {i}: padding {pad} has no TF equivalent")
            nodes.append({"op": "depthwise" if depthwise else "conv", "kernel": list(m.kernel_size),
                          "padding": "same" if any(pad) else "valid", "filters": m.out_channels, "relu": relu,
                          "weight": blob(w), "bias": blob(b)})
            i += 1 + (bn is not None) + relu
        elif isinstance(m, nn.MaxPool2d):
            k = m.kernel_size if isinstance(m.kernel_size, tuple) else (m.kernel_size, m.kernel_size)
            nodes.append({"op": "maxpool", "pool": list(k)})
            i += 1
        else:
            raise ValueError(f"cannot export {m}")
    return nodes, np.concatenate([b.ravel() for b in blobs])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--name", default="line-reader")
    a = ap.parse_args()
    ck = torch.load(a.weights, map_location="cpu")
    model = LineReader()
    model.load_state_dict(ck["model"] if "model" in ck else ck)
    model.eval()
    os.makedirs(os.path.join(a.work, "reference"), exist_ok=True)
    nodes, weights = build_spec(model)
    meta = {"name": a.name, "height": HEIGHT, "width": WIDTH, "charset": CHARSET, "classes": NUM_CLASSES,
            "steps": ck.get("step"),
            "preprocessing": "crop; height 32 keeping aspect (8-128 wide); avg-pool floor(scale) if >= 2; "
                             "bilinear half-pixel; x/127.5-1; zero-pad right to 128"}
    with open(os.path.join(a.work, "spec.json"), "w") as f:
        json.dump({"nodes": nodes, "metadata": meta}, f)
    weights.astype(np.float32).tofile(os.path.join(a.work, "weights.bin"))
    # Reference: synthetic crops (a seed no training uses) through the same preprocessing.
    ds = ReaderDataset(seed=424_242, length=16, k=1)
    xs = []
    for i in range(16):
        for im, _ in ds.crops(i):
            xs.append(region_input(im))
    x = torch.stack(xs[:12])
    with torch.no_grad():
        logits = model(x)
    x.permute(0, 2, 3, 1).numpy().astype(np.float32).tofile(os.path.join(a.work, "reference", "input.bin"))
    logits.numpy().astype(np.float32).tofile(os.path.join(a.work, "reference", "logits.bin"))
    # Preprocessing parity: one crop as cut (upscaled to 32 high) and one 3x larger (avg-pooled first).
    regions = {}
    im = next(im for i in range(16) for im, _ in ds.crops(i))
    from PIL import Image
    for name, r in (("small", im), ("large", np.asarray(Image.fromarray(im).resize((im.shape[1] * 3, im.shape[0] * 3))))):
        r = np.ascontiguousarray(r, np.uint8)
        r.tofile(os.path.join(a.work, "reference", f"region-{name}.bin"))
        region_input(r).permute(1, 2, 0).numpy().astype(np.float32).tofile(
            os.path.join(a.work, "reference", f"region-{name}.input.bin"))
        regions[name] = list(r.shape)
    with open(os.path.join(a.work, "reference", "index.json"), "w") as f:
        json.dump({"input": [len(x), HEIGHT, WIDTH, 3], "logits": list(logits.shape), "regions": regions}, f)
    torch.save({"model": model.state_dict(), "step": ck.get("step")}, os.path.join(a.work, "weights.pt"))
    print(f"reader spec: {len(nodes)} layers, {weights.size} weights -> {a.work}")


if __name__ == "__main__":
    main()
