"""Training data: real photos as rescaled crops, the mix, and weights moved to new anchors.

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import json
import os
import random
import tempfile
import unittest

import numpy as np
import torch
from PIL import Image

from digitlens.anchors import LEVELS
from digitlens.data import MixedDataset
from digitlens.model import DigitSSD
from digitlens.real import RealDigits
from digitlens.transfer import load_transfer, old_aspects_of


def write_real_set(d: str) -> None:
    os.makedirs(os.path.join(d, "images"))
    img = np.full((200, 300, 3), 230, np.uint8)
    img[50:110, 40:70] = 0  # a dark "digit" where its box says
    Image.fromarray(img).save(os.path.join(d, "images", "a.jpg"))
    rec = {"file": "images/a.jpg", "width": 300, "height": 200,
           "digits": [{"digit": 7, "x": 40, "y": 50, "w": 30, "h": 60}], "number": "7"}
    with open(os.path.join(d, "annotations.json"), "w") as f:
        json.dump([rec], f)


class RealDigitsTest(unittest.TestCase):
    def test_crops_keep_boxes_on_their_glyph_and_inside_the_image(self):
        with tempfile.TemporaryDirectory() as d:
            write_real_set(d)
            real = RealDigits(d)
            seen = 0
            for i in range(40):
                img, boxes, labels = real.sample(random.Random(i), 96)
                self.assertEqual(img.shape, (96, 96, 3))
                self.assertTrue((boxes >= 0).all() and (boxes <= 96).all())
                for b, l in zip(boxes, labels):
                    self.assertEqual(l, 7)
                    x0, y0, x1, y1 = (int(round(v)) for v in b)
                    g = img.astype(float).mean(2)
                    inside = g[y0 + 2:y1 - 2, x0 + 2:x1 - 2]
                    left, right = g[y0 + 2:y1 - 2, max(0, x0 - 5):x0 - 2], g[y0 + 2:y1 - 2, x1 + 2:x1 + 5]
                    if inside.size and left.size and right.size and x0 >= 5 and x1 <= 91:
                        # The page just beside the box differs from the glyph inside it.
                        self.assertGreater(abs(inside.mean() - left.mean()), 40)
                        self.assertGreater(abs(inside.mean() - right.mean()), 40)
                        seen += 1
            self.assertGreater(seen, 10)

    def test_the_mix_draws_real_samples_at_its_ratio(self):
        with tempfile.TemporaryDirectory() as d:
            write_real_set(d)
            ds = MixedDataset(96, 1, 10, real_dir=d, real_ratio=1.0)
            x, cls, deltas = ds[3]
            self.assertEqual(tuple(x.shape), (3, 96, 96))
            self.assertTrue(((cls == 8) | (cls <= 0)).all())  # only "7" (class 7 + 1) or background


class TransferTest(unittest.TestCase):
    def test_old_three_aspect_heads_land_on_their_shapes_and_the_thin_one_starts_from_0_22(self):
        torch.manual_seed(0)
        src = DigitSSD(0.35)
        old_aspects = (0.22, 0.5, 0.8)
        state = src.state_dict()
        # Make a three-aspect checkpoint by dropping the 0.12 shape from every head output.
        for name in list(state):
            if name.startswith(("cls_heads.", "box_heads.")) and name.split(".")[2] == "1":
                lvl = LEVELS[int(name.split(".")[1])]
                per = 12 if name.startswith("cls_heads.") else 4
                t = state[name].view(len(lvl.heights), len(lvl.aspects), per, *state[name].shape[1:])
                state[name] = t[:, 1:].reshape(-1, *state[name].shape[1:]).clone()
        self.assertEqual(old_aspects_of(state), old_aspects)
        dst = DigitSSD(0.35)
        remapped = load_transfer(dst, state, old_aspects)
        self.assertEqual(len(remapped), 12)
        new = dst.state_dict()["cls_heads.0.1.weight"].view(2, 4, 12, -1)
        old = src.state_dict()["cls_heads.0.1.weight"].view(2, 4, 12, -1)
        torch.testing.assert_close(new[:, 1:], old[:, 1:])  # 0.22, 0.5, 0.8 kept
        torch.testing.assert_close(new[:, 0], old[:, 1])  # 0.12 from 0.22
        torch.testing.assert_close(dst.state_dict()["features.3.conv.0.0.weight"], src.state_dict()["features.3.conv.0.0.weight"])


if __name__ == "__main__":
    unittest.main()
