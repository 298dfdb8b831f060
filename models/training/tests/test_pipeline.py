"""Pipeline tests on tiny data: generator, anchors, loss, one training step with resume, export spec.

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import json
import os
import tempfile
import unittest

import numpy as np
import torch

from digitlens import anchors as A
from digitlens.export import build_spec
from digitlens.model import DigitSSD
from digitlens.postprocess import drop_nested, read_number
from digitlens.preprocess import input_shape
from digitlens.synth import LETTER_CLASS, SceneGenerator


class GeneratorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.gen = SceneGenerator(96, seed=3)

    def test_deterministic_for_a_seed(self):
        a, b = self.gen.sample(5), SceneGenerator(96, seed=3, fonts=self.gen.fonts, photos=self.gen.photos).sample(5)
        np.testing.assert_array_equal(a.image, b.image)
        np.testing.assert_array_equal(a.boxes, b.boxes)
        self.assertFalse(np.array_equal(a.image, self.gen.sample(6).image))

    def test_boxes_inside_image_and_number_matches_digit_labels(self):
        for i in range(30):
            s = self.gen.sample(i)
            self.assertEqual(s.image.shape, (96, 96, 3))
            if len(s.boxes):
                self.assertTrue((s.boxes[:, :2] >= 0).all() and (s.boxes[:, 2:] <= 96).all())
                self.assertTrue((s.boxes[:, 2] > s.boxes[:, 0]).all() and (s.boxes[:, 3] > s.boxes[:, 1]).all())
            digits = "".join(str(l) for l in s.labels if l != LETTER_CLASS)
            self.assertEqual(sorted(digits), sorted(s.number))


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


class ReadTest(unittest.TestCase):
    def test_reads_vertical_stack_top_to_bottom(self):
        b = np.array([[100, 110, 122, 150], [102, 10, 124, 50], [99, 60, 121, 100]], np.float32)
        self.assertEqual(read_number(b, np.array([0.9, 0.9, 0.9]), np.array([8, 1, 0])), "108")

    def test_reads_only_the_aimed_number_like_the_app(self):
        # The same case as test/unit/read.test.ts (xyxy here): clutter below and another sign.
        def b(x, y, w, h):
            return [x, y, x + w, y + h]
        boxes = [b(90, 200, 22, 40), b(120, 200, 22, 40), b(150, 200, 22, 40), b(100, 100, 33, 60),
                 b(140, 100, 33, 60), b(180, 100, 33, 60), b(400, 90, 20, 55), b(430, 90, 30, 55)]
        scores = np.array([0.8] * 3 + [0.9] * 5)
        self.assertEqual(read_number(np.array(boxes, np.float32), scores, np.array([5, 6, 5, 4, 0, 7, 1, 2])), "407")

    def test_drops_nested_boxes_like_the_app(self):
        # The same cases as test/unit/nested.test.ts (xyxy here).
        whole, half = [0, 0, 20, 40], [2, 20, 18, 38]
        k = drop_nested(np.array([half, whole], np.float32), np.array([0.6, 0.9]), 0.5)
        self.assertEqual(k.tolist(), [1])
        line = np.array([[0, 0, 8, 40], [6, 0, 28, 40], [30, 0, 52, 40]], np.float32)
        self.assertEqual(sorted(drop_nested(line, np.array([0.8, 0.9, 0.85]), 0.5).tolist()), [0, 1, 2])

    def test_input_shape_rounds_to_stride(self):
        self.assertEqual(input_shape(720, 1280, 320), (192, 320))


class TrainExportTest(unittest.TestCase):
    def test_one_step_checkpoint_resume_and_export_spec(self):
        from digitlens.train import main as train

        with tempfile.TemporaryDirectory() as d:
            args = ["--run", d, "--batch", "4", "--size", "96", "--width", "0.35", "--val-images", "4",
                    "--workers", "0", "--eval-every", "1000"]
            train(args + ["--steps", "1"])
            ck = torch.load(os.path.join(d, "last.pt"))
            self.assertEqual(ck["step"], 1)
            train(args + ["--steps", "2"])  # resumes
            ck = torch.load(os.path.join(d, "last.pt"))
            self.assertEqual(ck["step"], 2)
            with open(os.path.join(d, "log.jsonl")) as f:
                rec = json.loads(f.readlines()[-1])
            self.assertIn("val_map50", rec)
            m = DigitSSD(0.35)
            m.load_state_dict(ck["model"])
            spec, blob = build_spec(m)
            n_params = sum(p.numel() for p in m.parameters())
            self.assertGreater(blob.size, 0)
            self.assertLessEqual(blob.size, n_params)  # BN folded away: fewer floats than parameters
            self.assertEqual(spec["outputs"], ["logits", "boxes"])


class CorrectionsTest(unittest.TestCase):
    def test_zip_round_trip_letterboxes_and_keeps_boxes(self):
        from digitlens.corrections import load_corrections, write_zip

        img = np.zeros((60, 120, 3), np.uint8)
        boxes = np.array([[10, 10, 20, 40]], np.float32)
        with tempfile.TemporaryDirectory() as d:
            z = os.path.join(d, "c.zip")
            write_zip([(img, boxes, np.array([7]), "7")], z)
            [(im, b, l)] = load_corrections(z, 96)
        self.assertEqual(im.shape, (96, 96, 3))
        self.assertEqual(l.tolist(), [7])
        # 120 px -> 96: scale 0.8, vertical offset (96 - 48) / 2 = 24
        np.testing.assert_allclose(b[0], [8, 32, 16, 56], atol=1e-4)

    def test_rejects_a_record_whose_file_escapes_images(self):
        import zipfile

        from digitlens.corrections import CorrectionsError, load_corrections

        with tempfile.TemporaryDirectory() as d:
            z = os.path.join(d, "bad.zip")
            with zipfile.ZipFile(z, "w") as zf:
                zf.writestr("../evil.jpg", b"x")
                zf.writestr("annotations.json", json.dumps([{"file": "../evil.jpg", "number": "1", "boxes": []}]))
            with self.assertRaises(CorrectionsError):
                load_corrections(z, 96)


if __name__ == "__main__":
    unittest.main()
