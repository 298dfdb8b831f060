"""Anchors: encode/decode, matching of thin boxes, agreement with the network.

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import unittest

import numpy as np

import torch

from digitlens import anchors as A
from digitlens.model import DigitSSD


class AnchorTest(unittest.TestCase):
    def test_encode_decode_roundtrip(self):
        anchors = A.generate([(12, 12), (6, 6), (3, 3)])
        gt = np.array([[10, 12, 18, 40], [40, 30, 70, 90]], np.float32)
        idx = np.array([5, 700])
        enc = A.encode(gt, anchors[idx])
        np.testing.assert_allclose(A.decode(enc, anchors[idx]), gt, atol=1e-3)

    def test_every_ground_truth_gets_an_anchor_even_a_thin_one(self):
        anchors = A.generate([(12, 12), (6, 6), (3, 3)])
        gt = np.array([[30, 20, 33, 60]], np.float32)  # a thin "1"
        cls, _ = A.match(gt, np.array([1]), anchors)
        self.assertGreaterEqual((cls == 2).sum(), 1)

    def test_feature_sizes_match_the_network(self):
        m = DigitSSD(0.35).eval()
        with torch.no_grad():
            logits, boxes = m(torch.zeros(1, 3, 64, 96))
        from digitlens.model import feature_sizes

        self.assertEqual(feature_sizes(64, 96), [(8, 12), (4, 6), (2, 3)])
        self.assertEqual(feature_sizes(100, 100), [(13, 13), (7, 7), (4, 4)])
        n = len(A.generate(feature_sizes(64, 96)))
        self.assertEqual(logits.shape[1], n)
        self.assertEqual(boxes.shape[1], n)


if __name__ == "__main__":
    unittest.main()
