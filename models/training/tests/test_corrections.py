"""The app's corrections zip as training data.

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import json
import os
import tempfile
import unittest

import numpy as np




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

    def test_skips_captures_nobody_reviewed(self):
        import zipfile

        from digitlens.corrections import load_corrections, write_zip

        img = np.zeros((60, 120, 3), np.uint8)
        with tempfile.TemporaryDirectory() as d:
            z = os.path.join(d, "c.zip")
            write_zip([(img, np.array([[10, 10, 20, 40]], np.float32), np.array([7]), "7")], z)
            with zipfile.ZipFile(z) as zf:
                [record] = json.loads(zf.read("annotations.json"))
                image = zf.read(record["file"])
            # The app's backup: the same photo once reviewed, once not (the model's guess, a 1).
            guess = dict(record, id="guess", file="images/guess.jpg", number="1", reviewed=False,
                         boxes=[{"digit": 1, "x": 0, "y": 0, "w": 5, "h": 5}])
            with zipfile.ZipFile(z, "w") as zf:
                zf.writestr(record["file"], image)
                zf.writestr("images/guess.jpg", image)
                zf.writestr("annotations.json", json.dumps([dict(record, reviewed=True), guess]))
            samples = load_corrections(z, 96)
        self.assertEqual([l.tolist() for _, _, l in samples], [[7]])

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
