"""Reading: order, nested boxes, one number per group (twins of the TS unit tests).

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import unittest

import numpy as np

from digitlens.postprocess import drop_nested, read_number
from digitlens.preprocess import input_shape


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


if __name__ == "__main__":
    unittest.main()
