"""Train the digit SSD on synthetic scenes (plus user corrections), resumable.

    /usr/bin/python3 -m digitlens.train --run runs/v1 --steps 6000
Re-running the same command resumes from runs/v1/last.pt.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from . import anchors as A
from .evaluate import synthetic_map
from .model import DigitSSD, feature_sizes
from .synth import SceneGenerator, find_fonts, load_photos, usable_font


class SceneDataset(Dataset):
    """Index -> (image tensor, class targets, box targets). Infinite-ish: indices are fresh scenes."""

    def __init__(self, size: int, seed: int, length: int, extra: list | None = None, extra_ratio: float = 0.0):
        self.size, self.seed, self.length = size, seed, length
        self.gen: SceneGenerator | None = None
        self.extra = extra or []  # (image HxWx3, boxes, labels) from corrections, already at size
        self.extra_ratio = extra_ratio
        self.anchors = A.generate(feature_sizes(size, size))

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: int):
        if self.gen is None:  # built lazily in each loader worker
            self.gen = SceneGenerator(self.size, self.seed)
        rng = random.Random(self.seed * 7919 + i)
        if self.extra and rng.random() < self.extra_ratio:
            img, boxes, labels = self.extra[rng.randrange(len(self.extra))]
        else:
            s = self.gen.sample(i)
            img, boxes, labels = s.image, s.boxes, s.labels
        cls, deltas = A.match(boxes, labels, self.anchors)
        x = torch.from_numpy(np.ascontiguousarray(img)).permute(2, 0, 1).float() / 127.5 - 1.0
        return x, torch.from_numpy(cls), torch.from_numpy(deltas)


def ssd_loss(logits: torch.Tensor, deltas: torch.Tensor, t_cls: torch.Tensor, t_box: torch.Tensor,
             neg_ratio: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """Cross-entropy with 3:1 hard negative mining + smooth L1 on positives (classic SSD)."""
    pos = t_cls > 0
    n_pos = pos.sum().clamp(min=1).float()
    ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), t_cls.clamp(min=0).reshape(-1),
                         reduction="none").view_as(t_cls)
    neg_ce = ce.detach().clone()
    neg_ce[pos | (t_cls < 0)] = 0
    n_neg = (pos.sum(1, keepdim=True) * neg_ratio).clamp(min=8)
    rank = neg_ce.argsort(1, descending=True).argsort(1)
    neg = (rank < n_neg) & (t_cls == 0)
    cls_loss = (ce * (pos | neg).float()).sum() / n_pos
    box_loss = F.smooth_l1_loss(deltas[pos], t_box[pos], reduction="sum") / n_pos
    return cls_loss, box_loss


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default="runs/v1", help="run folder: checkpoints and log")
    ap.add_argument("--steps", type=int, default=6000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--width", type=float, default=0.5)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--val-images", type=int, default=300)
    ap.add_argument("--init", help="start from these weights (fine-tuning), e.g. models/digits/v1/weights.pt")
    ap.add_argument("--corrections", nargs="*", default=[], help="correction zips exported by the app, mixed in at 30 %")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop (checkpointed) after this long")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    os.makedirs(args.run, exist_ok=True)
    ckpt_path = os.path.join(args.run, "last.pt")
    log_path = os.path.join(args.run, "log.jsonl")

    model = DigitSSD(args.width).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=4e-5)
    step, elapsed = 0, 0.0
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location="cpu")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, elapsed = ck["step"], ck.get("elapsed", 0.0)
        print(f"resumed from {ckpt_path} at step {step}", flush=True)
    elif args.init:
        ck = torch.load(args.init, map_location="cpu")
        model.load_state_dict(ck["model"] if "model" in ck else ck)
        print(f"fine-tuning from {args.init}", flush=True)

    extra: list = []
    if args.corrections:
        from .corrections import load_corrections
        for z in args.corrections:
            extra += load_corrections(z, args.size)
        print(f"corrections: {len(extra)} samples from {len(args.corrections)} zip(s)", flush=True)

    meta = {"width": args.width, "size": args.size, "batch": args.batch, "seed": args.seed,
            "steps": args.steps, "lr": args.lr, "init": args.init, "corrections": args.corrections}
    with open(os.path.join(args.run, "config.json"), "w") as f:
        json.dump(meta, f, indent=2)

    # Indices continue from where we stopped: a resumed run sees new scenes, not repeats.
    ds = SceneDataset(args.size, args.seed, args.steps * args.batch, extra, 0.3 if extra else 0.0)
    sampler = range(step * args.batch, args.steps * args.batch)
    mp = {"persistent_workers": True, "prefetch_factor": 4} if args.workers > 0 else {}
    dl = DataLoader(ds, batch_size=args.batch, sampler=sampler, num_workers=args.workers, **mp)
    warm = min(300, args.steps // 10)
    model.train()
    t0 = time.time()
    t_log = t0
    run_loss = None
    last_save = time.time()

    def save() -> None:
        tmp = ckpt_path + ".tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                    "elapsed": elapsed + time.time() - t0, "meta": meta}, tmp)
        os.replace(tmp, ckpt_path)  # atomic: a killed session never leaves a half checkpoint

    for x, t_cls, t_box in dl:
        lr = args.lr * min(1.0, (step + 1) / max(1, warm)) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x = x.contiguous(memory_format=torch.channels_last)
        logits, deltas = model(x)
        cl, bl = ssd_loss(logits, deltas, t_cls, t_box)
        loss = cl + bl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        step += 1
        run_loss = loss.item() if run_loss is None else 0.98 * run_loss + 0.02 * loss.item()
        if step % 20 == 0 or step == args.steps:
            now = time.time()
            ips = 20 * args.batch / (now - t_log)
            t_log = now
            eta = (args.steps - step) * args.batch / max(ips, 1e-6) / 60
            print(f"step {step}/{args.steps} loss {run_loss:.3f} (cls {cl.item():.3f} box {bl.item():.3f}) "
                  f"lr {lr:.2e} {ips:.1f} img/s eta {eta:.0f} min", flush=True)
        if time.time() - last_save > 120:
            save()
            last_save = time.time()
        done = step >= args.steps
        if step % args.eval_every == 0 or done:
            save()
            m = synthetic_map(model, args.size, n=args.val_images)
            rec = {"step": step, "loss": run_loss, "minutes": (elapsed + time.time() - t0) / 60, **m}
            print("eval", json.dumps(rec), flush=True)
            with open(log_path, "a") as f:
                f.write(json.dumps(rec) + "\n")
            model.train()
        if args.max_minutes and (time.time() - t0) / 60 > args.max_minutes:
            save()
            print(f"stopping after {args.max_minutes} min at step {step} (resume with the same command)")
            sys.exit(0)
        if done:
            break
    save()


if __name__ == "__main__":
    main()
