"""PyTorch checkpoint -> graph spec + folded float32 weights + reference outputs.

Python TensorFlow is not available here, so the TF.js model is assembled in
Node (scripts/build-tfjs-model.ts) from what this writes:
  spec.json     nodes in topological order (conv / depthwise / add / head), metadata
  weights.bin   float32, BatchNorm folded into each conv
  reference/    fixed inputs and the PyTorch outputs for them (parity tests)

    /usr/bin/python3 -m digitlens.export --weights runs/v1/last.pt --version v1 --out ../digits
Then `npm run export` (which calls this and the Node step) writes models/digits/<version>/.
"""

from __future__ import annotations

import argparse
import json
import os

import numpy as np
import torch
from PIL import Image
from torch import nn

from . import anchors as A
from .model import NUM_LOGITS, ConvBN, DigitSSD, InvertedResidual
from .preprocess import preprocess

CLASSES = [str(d) for d in range(10)] + ["letter", "number"]


def fold(conv: nn.Conv2d, bn: nn.BatchNorm2d | None) -> tuple[np.ndarray, np.ndarray]:
    w = conv.weight.detach().double()
    b = conv.bias.detach().double() if conv.bias is not None else torch.zeros(w.shape[0], dtype=torch.float64)
    if bn is not None:
        g = bn.weight.detach().double() / torch.sqrt(bn.running_var.double() + bn.eps)
        w = w * g.view(-1, 1, 1, 1)
        b = (b - bn.running_mean.double()) * g + bn.bias.detach().double()
    return w.float().numpy(), b.float().numpy()


class SpecWriter:
    def __init__(self) -> None:
        self.nodes: list[dict] = []
        self.blobs: list[np.ndarray] = []
        self.offset = 0

    def _blob(self, a: np.ndarray) -> dict:
        a = np.ascontiguousarray(a, np.float32)
        ref = {"offset": self.offset, "shape": list(a.shape)}
        self.blobs.append(a)
        self.offset += a.size
        return ref

    def conv(self, name: str, inp: str, cb: ConvBN | nn.Conv2d, act: bool | None = None) -> str:
        if isinstance(cb, nn.Conv2d):
            conv, bn, relu = cb, None, False
        else:
            conv, bn = cb[0], cb[1]
            relu = len(cb) > 2
        w, b = fold(conv, bn)
        depthwise = conv.groups > 1
        # PyTorch layouts -> TF: conv [O,I,kh,kw] -> [kh,kw,I,O]; depthwise [C,1,kh,kw] -> [kh,kw,C,1]
        w = w.transpose(2, 3, 0, 1) if depthwise else w.transpose(2, 3, 1, 0)
        self.nodes.append({
            "name": name, "op": "depthwise" if depthwise else "conv", "input": inp,
            "kernel": conv.kernel_size[0], "stride": conv.stride[0], "pad": conv.padding[0],
            "filters": conv.out_channels, "relu6": relu,
            "weight": self._blob(w), "bias": self._blob(b),
        })
        return name


def build_spec(model: DigitSSD) -> tuple[dict, np.ndarray]:
    model.eval()
    sw = SpecWriter()
    x = "input"
    taps = []
    for i, blk in enumerate(model.features):
        if isinstance(blk, ConvBN):
            x = sw.conv(f"f{i}", x, blk)
        else:
            assert isinstance(blk, InvertedResidual)
            y = x
            for j, sub in enumerate(blk.conv):
                y = sw.conv(f"f{i}_{j}", y, sub)
            if blk.use_res:
                sw.nodes.append({"name": f"f{i}_add", "op": "add", "inputs": [x, y]})
                y = f"f{i}_add"
            x = y
        if i in model.tap_after:
            taps.append(x)
    outs: dict[str, list[str]] = {"logits": [], "boxes": []}
    for k, (t, ch, bh) in enumerate(zip(taps, model.cls_heads, model.box_heads)):
        for kind, head, depth in (("logits", ch, NUM_LOGITS), ("boxes", bh, 4)):
            y = sw.conv(f"h{k}_{kind}_dw", t, head[0])
            y = sw.conv(f"h{k}_{kind}_pw", y, head[1])
            sw.nodes.append({"name": f"h{k}_{kind}_flat", "op": "reshape", "input": y, "depth": depth})
            outs[kind].append(f"h{k}_{kind}_flat")
    for kind in outs:
        sw.nodes.append({"name": kind, "op": "concat", "inputs": outs[kind]})
    spec = {"nodes": sw.nodes, "outputs": ["logits", "boxes"]}
    return spec, np.concatenate([b.reshape(-1) for b in sw.blobs]).astype(np.float32)


@torch.no_grad()
def max_activation_per_pixel(model: DigitSSD, size: int) -> float:
    """Largest intermediate tensor, in values per input pixel: the app derives the WebGL texture
    size it needs at any input size from this (tensor shapes, not a guess)."""
    sizes: list[int] = []
    hooks = [m.register_forward_hook(lambda _m, _i, o: sizes.append(o.numel()))
             for m in model.modules() if len(list(m.children())) == 0]
    model(torch.zeros(1, 3, size, size))
    for h in hooks:
        h.remove()
    return max(sizes) / (size * size)


def metadata(version: str, width: float, train_size: int, input_size: int, act: float) -> dict:
    return {
        "name": "digit-lens-ssd",
        "version": version,
        "architecture": f"SSDLite, MobileNetV2 width {width}",
        "width": width,
        "trainSize": train_size,
        "inputSize": input_size,
        "classes": CLASSES,
        "levels": [{"stride": l.stride, "heights": list(l.heights), "aspects": list(l.aspects)} for l in A.LEVELS],
        "centerVariance": A.CENTER_VAR,
        "sizeVariance": A.SIZE_VAR,
        "maxActivationPerPixel": act,
        "preprocessing": "RGB; avg-pool by floor(scale) when shrinking >=2x; bilinear half-pixel; x/127.5-1",
    }


@torch.no_grad()
def write_reference(model: DigitSSD, out_dir: str, fixture_image: str | None) -> None:
    """Fixed inputs and PyTorch outputs, float32 little-endian, for the TS parity tests."""
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(7)
    cases = {"random64": torch.from_numpy(rng.uniform(-1, 1, (1, 3, 64, 96)).astype(np.float32))}
    index = {}
    if fixture_image:
        img = np.array(Image.open(fixture_image).convert("RGB"))
        img.tofile(os.path.join(out_dir, "fixture96.image.bin"))  # raw uint8 RGB, for preprocessing parity
        index["fixture96.image"] = list(img.shape)
        x, _, _ = preprocess(img, 96)
        # Its input file doubles as the preprocessing reference: the TS preprocess of the same
        # image must equal it.
        cases["fixture96"] = x
    for name, x in cases.items():
        logits, boxes = model(x)
        x.permute(0, 2, 3, 1).contiguous().numpy().astype("<f4").tofile(os.path.join(out_dir, f"{name}.input.bin"))
        logits.numpy().astype("<f4").tofile(os.path.join(out_dir, f"{name}.logits.bin"))
        boxes.numpy().astype("<f4").tofile(os.path.join(out_dir, f"{name}.boxes.bin"))
        index[name] = {"input": list(x.permute(0, 2, 3, 1).shape), "logits": list(logits.shape),
                       "boxes": list(boxes.shape)}
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)


def write_card(version: str, weights: str, meta: dict, out: str) -> None:
    """A model card from the run's config: what the model is and which data made it.
    Metrics are added by whoever evaluates the version (npm run eval)."""
    cfg_path = os.path.join(os.path.dirname(os.path.abspath(weights)), "config.json")
    cfg = json.load(open(cfg_path)) if os.path.exists(cfg_path) else {}
    log_path = os.path.join(os.path.dirname(os.path.abspath(weights)), "log.jsonl")
    last = json.loads(open(log_path).read().strip().splitlines()[-1]) if os.path.exists(log_path) else {}
    corrections = cfg.get("corrections") or []
    lines = [
        f"# Digit detector {version}",
        "",
        f"- Architecture: {meta['architecture']}, input {meta['inputSize']} px (trained at {meta['trainSize']})",
        f"- Started from: {cfg.get('init') or 'random initialisation'}",
        f"- Data: synthetic scenes (seed {cfg.get('seed', '?')})"
        + (f" mixed 30 % with user corrections from {', '.join(os.path.basename(c) for c in corrections)}" if corrections else ""),
        f"- Steps: {cfg.get('steps', '?')} x batch {cfg.get('batch', '?')}",
        f"- Last validation: {json.dumps(last) if last else 'none'}",
        "",
        "Evaluate on real photos with `npm run eval -- --model models/digits/" + version + " --data DIR`.",
    ]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--work", required=True, help="folder for spec.json, weights.bin, reference/")
    ap.add_argument("--input-size", type=int, default=224, help="the app's default input size (whole-frame first pass)")
    ap.add_argument("--zoom-size", type=int, help="input size of the zoomed second pass (defaults to --input-size)")
    ap.add_argument("--fixture-image", help="image for preprocessing/model parity references")
    args = ap.parse_args(argv)
    ck = torch.load(args.weights, map_location="cpu")
    meta = ck.get("meta", {})
    width = meta.get("width", 0.5)
    model = DigitSSD(width)
    model.load_state_dict(ck["model"] if "model" in ck else ck)
    model.eval()
    spec, blob = build_spec(model)
    spec["metadata"] = metadata(args.version, width, meta.get("size", 160), args.input_size,
                                max_activation_per_pixel(model, args.input_size))
    if args.zoom_size:
        spec["metadata"]["zoomSize"] = args.zoom_size
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, "spec.json"), "w") as f:
        json.dump(spec, f)
    blob.astype("<f4").tofile(os.path.join(args.work, "weights.bin"))
    write_reference(model, os.path.join(args.work, "reference"), args.fixture_image)
    write_card(args.version, args.weights, spec["metadata"], os.path.join(args.work, "README.md"))
    # The PyTorch weights travel with the version: fine-tuning from corrections starts from them.
    torch.save({"model": model.state_dict(), "meta": meta}, os.path.join(args.work, "weights.pt"))
    print(f"spec: {len(spec['nodes'])} nodes, {blob.size} floats -> {args.work}")


if __name__ == "__main__":
    main()
