"""Synthetic whole 1024 px frames in the eval format, for choosing thresholds without real photos.

    /usr/bin/python3 -m digitlens.synth_frames --out .bench/synth-frames --n 60 --seed 5

The same street scenes the detector learns from (frames.py), drawn as whole frames: the sign 2-20 %
of the width, a third of the frames with no number at all. `npm run eval -- --data DIR` scores
the app's path on them, and `scripts/choose-judge.ts` picks the line reader's confidence
thresholds on their empty frames (the issue's rule: never on real photos).
"""

from __future__ import annotations

import argparse
import json
import os

from PIL import Image

from .frames import FrameSceneGenerator


class WholeFrameGenerator(FrameSceneGenerator):
    sign_range = (0.025, 0.12, 0.2, 0.75)
    clutter = (4, 14)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--empty", type=float, default=0.35, help="share of frames with no number")
    a = ap.parse_args(argv)
    gen = WholeFrameGenerator(a.size, a.seed)
    gen.negative_rate = a.empty
    os.makedirs(os.path.join(a.out, "images"), exist_ok=True)
    recs = []
    for i in range(a.n):
        s = gen.sample(i)
        name = f"images/{i:04d}.jpg"
        Image.fromarray(s.image).save(os.path.join(a.out, name), quality=90)
        # A number whose glyphs were cut by the frame's edge is left out (no one could read it).
        numbers = [s.number] if s.number and s.number_box is not None else []
        recs.append({"file": name, "width": a.size, "height": a.size, "numbers": numbers})
    with open(os.path.join(a.out, "annotations.json"), "w") as f:
        json.dump(recs, f, indent=1)
    print(f"{a.n} frames ({sum(1 for r in recs if not r['numbers'])} empty) -> {a.out}")


if __name__ == "__main__":
    main()
