"""Writes an untrained checkpoint of a given width (for speed measurements before training).

    /usr/bin/python3 -m digitlens.init_weights --width 0.35 --out /tmp/w035.pt
"""

import argparse

import torch

from .model import DigitSSD


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--width", type=float, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    torch.manual_seed(0)
    m = DigitSSD(a.width)
    torch.save({"model": m.state_dict(), "meta": {"width": a.width, "size": 160}}, a.out)


if __name__ == "__main__":
    main()
