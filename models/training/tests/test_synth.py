"""Synthetic scenes: determinism and exact boxes.

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import unittest

import numpy as np

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


if __name__ == "__main__":
    unittest.main()
