"""The line reader's pieces: charset and CTC decoding, preprocessing, real lines, synthetic crops."""

import unittest

import numpy as np
import torch

from digitlens.reader.charset import BLANK, CHARSET, NUM_CLASSES, encode, greedy_decode, normalise
from digitlens.reader.model import LineReader
from digitlens.reader.preprocess import HEIGHT, WIDTH, crop_input, region_input, target_width
from digitlens.reader.real_lines import lines_of
from digitlens.reader.synth_lines import LineSceneGenerator, number_crops


def one_hot(seq: list[int]) -> np.ndarray:
    out = np.zeros((len(seq), NUM_CLASSES), np.float32)
    out[np.arange(len(seq)), seq] = 1
    return out


class CharsetTest(unittest.TestCase):
    def test_normalise_and_encode(self):
        self.assertEqual(normalise("502b"), "502B")
        self.assertEqual(normalise("5/2"), "5-2")
        self.assertEqual(normalise("No. 12"), "NO12")
        self.assertEqual(encode("0A-"), [1, 11, len(CHARSET)])

    def test_greedy_decode_merges_runs_and_drops_blanks(self):
        one, zero = CHARSET.index("1") + 1, CHARSET.index("0") + 1
        # 1 1 _ 1 0 0 _ _ -> "110": a blank separates a repeated character.
        self.assertEqual(greedy_decode(one_hot([one, one, BLANK, one, zero, zero, BLANK, BLANK])), "110")
        self.assertEqual(greedy_decode(one_hot([BLANK] * 5)), "")


class PreprocessTest(unittest.TestCase):
    def test_shape_padding_and_range(self):
        region = np.full((20, 30, 3), 255, np.uint8)  # 1.5:1 -> 48 columns of content
        x = region_input(region)
        self.assertEqual(tuple(x.shape), (3, HEIGHT, WIDTH))
        tw = target_width(30, 20)
        self.assertEqual(tw, 48)
        self.assertTrue(torch.allclose(x[:, :, :tw], torch.ones(3, HEIGHT, tw)))
        self.assertTrue(torch.all(x[:, :, tw:] == 0), "padding is zero (mid grey)")

    def test_long_crops_are_squeezed_and_big_ones_pooled(self):
        self.assertEqual(target_width(1000, 40), WIDTH)
        self.assertEqual(target_width(2, 40), 8)
        big = np.random.default_rng(0).integers(0, 255, (320, 640, 3), dtype=np.uint8)
        x = crop_input(big, (10.5, 20.2, 300, 150))
        self.assertEqual(tuple(x.shape), (3, HEIGHT, WIDTH))
        self.assertLess(float(x.abs().max()), 1.0001)


class RealLinesTest(unittest.TestCase):
    def test_side_by_side_boxes_form_one_line_and_rows_split(self):
        row1 = [[10 + 22 * i, 10, 30 + 22 * i, 40] for i in range(3)]
        row2 = [[10 + 22 * i, 80, 30 + 22 * i, 110] for i in range(2)]
        far = [[300, 12, 320, 42]]  # same row, far to the right: another number
        lines = lines_of(np.array(row1 + row2 + far, np.float32))
        self.assertEqual(sorted(map(tuple, lines)), [(0, 1, 2), (3, 4), (5,)])


class SyntheticCropsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.gen = LineSceneGenerator(160, seed=3)

    def test_crops_are_labelled_with_printable_text(self):
        crops = [c for i in range(12) for c in number_crops(self.gen, i, 2)]
        self.assertGreater(len(crops), 8)
        for im, text in crops:
            self.assertGreaterEqual(min(im.shape[:2]), 4)
            self.assertTrue(text and all(c in CHARSET for c in text), text)

    def test_deterministic(self):
        a = number_crops(self.gen, 7, 2)
        b = number_crops(LineSceneGenerator(160, seed=3, fonts=self.gen.fonts, photos=self.gen.photos), 7, 2)
        self.assertEqual([t for _, t in a], [t for _, t in b])
        for (x, _), (y, _) in zip(a, b):
            np.testing.assert_array_equal(x, y)


class ModelTest(unittest.TestCase):
    def test_output_steps_and_classes(self):
        m = LineReader().eval()
        with torch.no_grad():
            y = m(torch.zeros(2, 3, HEIGHT, WIDTH))
        self.assertEqual(tuple(y.shape), (2, WIDTH // 4, NUM_CLASSES))


if __name__ == "__main__":
    unittest.main()
