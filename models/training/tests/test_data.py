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
from digitlens.data import MixedDataset, grouped_number_boxes
from digitlens.frames import FrameSceneGenerator
from digitlens.model import NUM_LOGITS, DigitSSD
from digitlens.postprocess import detect
from digitlens.synth import NUMBER_CLASS
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
    def test_v3_heads_land_on_their_shapes_and_the_number_class_starts_from_the_letter(self):
        torch.manual_seed(0)
        src = DigitSSD(0.35)
        v3_aspects = (0.12, 0.22, 0.5, 0.8)
        state = src.state_dict()
        # Make a v3 checkpoint (four glyph aspects, 12 logits) by cutting the number shapes and class.
        for name in list(state):
            if name.startswith(("cls_heads.", "box_heads.")) and name.split(".")[2] == "1":
                lvl = LEVELS[int(name.split(".")[1])]
                per = NUM_LOGITS if name.startswith("cls_heads.") else 4
                t = state[name].view(len(lvl.heights), len(lvl.aspects), per, *state[name].shape[1:])
                t = t[:, :4, :12] if per == NUM_LOGITS else t[:, :4]
                state[name] = t.reshape(-1, *state[name].shape[1:]).clone()
        self.assertEqual(old_aspects_of(state), v3_aspects)
        dst = DigitSSD(0.35)
        remapped = load_transfer(dst, state, v3_aspects)
        self.assertEqual(len(remapped), 12)
        for part in ("weight", "bias"):
            new = dst.state_dict()[f"cls_heads.0.1.{part}"].view(2, 7, NUM_LOGITS, -1)
            old = src.state_dict()[f"cls_heads.0.1.{part}"].view(2, 7, NUM_LOGITS, -1)
            torch.testing.assert_close(new[:, :4, :12], old[:, :4, :12])  # glyph shapes and classes kept
            for k in (4, 5, 6):  # number shapes start from the widest glyph shape (0.8)
                torch.testing.assert_close(new[:, k, :12], old[:, 3, :12])
            shift = 2.0 if part == "bias" else 0.0
            torch.testing.assert_close(new[:, :, 12], new[:, :, 11] - shift)  # number from letter
        torch.testing.assert_close(dst.state_dict()["features.3.conv.0.0.weight"], src.state_dict()["features.3.conv.0.0.weight"])


class NumberBoxTest(unittest.TestCase):
    def test_frame_scenes_box_each_whole_number_around_its_glyphs(self):
        gen = FrameSceneGenerator(160, 3)
        boxed = 0
        for i in range(30):
            s = gen.sample(i)
            self.assertEqual(s.number_box is not None, bool(s.number))
            if s.number_box is None:
                continue
            boxed += 1
            main = s.boxes[:s.text_glyphs]
            self.assertTrue((main[:, :2] >= s.number_box[:2] - 1e-4).all() and (main[:, 2:] <= s.number_box[2:] + 1e-4).all())
        self.assertGreater(boxed, 15)
        self.assertEqual(gen.sample(7).image.tobytes(), FrameSceneGenerator(160, 3).sample(7).image.tobytes())

    def test_the_mix_targets_numbers_of_two_or_more_glyphs_only(self):
        ds = MixedDataset(160, 2, 40, frame_ratio=1.0)
        with_number = 0
        for i in range(20):
            img, boxes, labels = ds.raw(i)
            n = int((labels == NUMBER_CLASS).sum())
            self.assertLessEqual(n, 1)
            with_number += n
            if n:
                self.assertGreaterEqual(int((labels < NUMBER_CLASS).sum()), 2)
        self.assertGreater(with_number, 5)
        _, cls, _ = ds[1]
        self.assertTrue(((cls <= NUMBER_CLASS + 1)).all())

    def test_real_digits_are_grouped_into_numbers_as_the_app_groups_them(self):
        boxes = np.array([[0, 0, 10, 20], [12, 0, 22, 20], [24, 1, 34, 21], [100, 0, 110, 20], [0, 60, 10, 80]], np.float32)
        labels = np.array([1, 2, 3, 4, 5])
        got = grouped_number_boxes(boxes, labels)
        self.assertEqual(len(got), 1)  # 123; the lone 4 and 5 are no number boxes
        np.testing.assert_allclose(got[0], [0, 0, 34, 21])

    def test_detect_keeps_glyphs_inside_a_number_box(self):
        anchors = np.array([[20, 10, 10, 20], [40, 10, 10, 20], [30, 10, 40, 20]], np.float32)
        logits = torch.full((3, NUM_LOGITS), -10.0)
        logits[0, 1 + 4] = 10  # a 4
        logits[1, 1 + 2] = 10  # a 2
        logits[2, NUM_LOGITS - 1] = 10  # the number 42 around them
        b, s, c = detect(logits, torch.zeros(3, 4), anchors)
        self.assertEqual(sorted(c.tolist()), [2, 4, NUMBER_CLASS])


if __name__ == "__main__":
    unittest.main()
