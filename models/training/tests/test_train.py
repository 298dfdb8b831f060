"""Training loop: one step, checkpoint, resume, refused recipe change, export spec.

Run: cd models/training && /usr/bin/python3 -m unittest discover -s tests
"""

import json
import os
import tempfile
import unittest

import torch

from digitlens.export import build_spec
from digitlens.model import DigitSSD


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
            with self.assertRaises(SystemExit) as refused:  # another recipe never resumes this run
                train(args + ["--steps", "3", "--lr", "1e-2"])
            self.assertIn("lr", str(refused.exception))
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


    def test_freeze_bn_keeps_the_loaded_statistics(self):
        from digitlens.train import main as train

        with tempfile.TemporaryDirectory() as d:
            init = os.path.join(d, "init.pt")
            torch.save({"model": DigitSSD(0.35).state_dict()}, init)
            common = ["--batch", "4", "--size", "96", "--width", "0.35", "--val-images", "4", "--workers", "0",
                      "--eval-every", "1000", "--steps", "1", "--init", init]
            train(common + ["--run", os.path.join(d, "frozen"), "--freeze-bn"])
            train(common + ["--run", os.path.join(d, "free")])
            before = torch.load(init)["model"]["features.0.1.running_mean"]
            frozen = torch.load(os.path.join(d, "frozen", "last.pt"))["model"]["features.0.1.running_mean"]
            free = torch.load(os.path.join(d, "free", "last.pt"))["model"]["features.0.1.running_mean"]
            torch.testing.assert_close(frozen, before)
            self.assertFalse(torch.equal(free, before))


if __name__ == "__main__":
    unittest.main()
