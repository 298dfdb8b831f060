"""The line reader alone on sign regions drawn by hand (records with "region"): how well it reads
when the crop is right, apart from the detector. A measuring tool, never a training signal.

    /usr/bin/python3 -m digitlens.reader.evaluate --weights runs/reader-v1/last.pt --data DIR
"""

from __future__ import annotations

import argparse
import json
import os

import numpy as np
import torch
from PIL import Image

from .charset import digits_of, greedy_decode, normalise
from .model import LineReader
from .preprocess import crop_input


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(1)
    ck = torch.load(a.weights, map_location="cpu")
    model = LineReader()
    model.load_state_dict(ck["model"] if "model" in ck else ck)
    model.eval()
    with open(os.path.join(a.data, "annotations.json")) as f:
        recs = [r for r in json.load(f) if r.get("region") and r.get("number")]
    ok_n = ok_t = 0
    for r in recs:
        im = np.asarray(Image.open(os.path.join(a.data, r["file"])).convert("RGB"))
        g = r["region"]
        x = crop_input(im, (g["x"], g["y"], g["w"], g["h"]))
        with torch.no_grad():
            text = greedy_decode(model(x[None])[0].numpy())
        ok_n += digits_of(text) == r["number"]
        ok_t += text == normalise(r.get("text", r["number"]))
        if a.verbose and digits_of(text) != r["number"]:
            print(f"FAIL {r['file']}: want {r.get('text', r['number'])}, read {text!r}")
    n = max(1, len(recs))
    print(f"step {ck.get('step')}: region number_accuracy {ok_n / n:.3f} ({ok_n}/{len(recs)}), "
          f"text_accuracy {ok_t / n:.3f}")


if __name__ == "__main__":
    main()
