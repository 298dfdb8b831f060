"""Train the digit SSD on synthetic scenes, real photos and user corrections, resumable.

    /usr/bin/python3 -m digitlens.train --run runs/v3 --steps 6000 --real ../../../shared/data/train-real-digits
Re-running the same command resumes from runs/v3/last.pt; a different recipe is refused
(start a new --run folder instead). Data: data.py; loss: loss.py; this file is the loop.
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
from torch.utils.data import DataLoader

from .data import MixedDataset
from .evaluate import dev_accuracy, number_recall, synthetic_map
from .loss import ssd_loss
from .model import DigitSSD
from .transfer import load_transfer, old_aspects_of

# Settings that change what is learned: resuming with any of them different is refused.
# (--steps may grow: extending a run is a resume, the schedule stretches to the new end.)
RECIPE_KEYS = ("width", "size", "batch", "seed", "lr", "init", "corrections", "real", "real_ratio", "freeze_bn",
               "frame_ratio")


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default="runs/v3", help="run folder: checkpoints and log")
    ap.add_argument("--steps", type=int, default=6000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--size", type=int, default=160)
    ap.add_argument("--width", type=float, default=0.5)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--val-images", type=int, default=300)
    ap.add_argument("--dev", help="real photos to report accuracy on at each eval (never trained on)")
    ap.add_argument("--init", help="start from these weights (fine-tuning), e.g. models/digits/v2/weights.pt")
    ap.add_argument("--corrections", nargs="*", default=[], help="correction zips exported by the app, mixed in at 30 %")
    ap.add_argument("--real", help="real photos with per-digit boxes (train-real-digits format)")
    ap.add_argument("--real-ratio", type=float, default=0.25)
    ap.add_argument("--frame-ratio", type=float, default=0.0,
                    help="share of whole-frame street scenes (frames.py: small numbers among facade clutter)")
    ap.add_argument("--freeze-bn", action="store_true",
                    help="keep BatchNorm statistics as loaded (fine-tuning on a few corrections: tiny batches "
                         "would overwrite statistics learned from hundreds of thousands of images)")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop (checkpointed) after this long")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.backends.cudnn.benchmark = True
    dev = torch.device(args.device)
    os.makedirs(args.run, exist_ok=True)
    ckpt_path = os.path.join(args.run, "last.pt")
    log_path = os.path.join(args.run, "log.jsonl")
    meta = {k: getattr(args, k) for k in RECIPE_KEYS} | {"steps": args.steps}

    model = DigitSSD(args.width).to(memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=4e-5)
    step, elapsed = 0, 0.0
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location="cpu")
        saved = {k: ck.get("meta", {}).get(k) for k in RECIPE_KEYS}
        diff = {k: (saved[k], meta[k]) for k in RECIPE_KEYS if saved[k] != meta[k]}
        if diff:
            sys.exit(f"refusing to resume {ckpt_path}: its recipe differs {diff}; use a new --run folder")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, elapsed = ck["step"], ck.get("elapsed", 0.0)
        print(f"resumed from {ckpt_path} at step {step}", flush=True)
    elif args.init:
        ck = torch.load(args.init, map_location="cpu")
        state = ck["model"] if "model" in ck else ck
        remapped = load_transfer(model, state, old_aspects_of(state))
        print(f"fine-tuning from {args.init}" + (f" (heads remapped to new anchors: {len(remapped)})" if remapped else ""),
              flush=True)
    model.to(dev)
    for s in opt.state.values():
        for k, v in s.items():
            if torch.is_tensor(v):
                s[k] = v.to(dev)

    extra: list = []
    if args.corrections:
        from .corrections import load_corrections
        for z in args.corrections:
            extra += load_corrections(z, args.size)
        print(f"corrections: {len(extra)} samples from {len(args.corrections)} zip(s)", flush=True)
    with open(os.path.join(args.run, "config.json"), "w") as f:
        json.dump(meta, f, indent=2)

    ds = MixedDataset(args.size, args.seed, args.steps * args.batch, extra, 0.3, args.real, args.real_ratio,
                      args.frame_ratio)
    sampler = range(step * args.batch, args.steps * args.batch)
    mp = {"persistent_workers": True, "prefetch_factor": 4} if args.workers > 0 else {}
    dl = DataLoader(ds, batch_size=args.batch, sampler=sampler, num_workers=args.workers,
                    pin_memory=dev.type == "cuda", **mp)
    warm = min(300, args.steps // 10)

    def train_mode() -> None:
        model.train()
        if args.freeze_bn:
            for m in model.modules():
                if isinstance(m, torch.nn.BatchNorm2d):
                    m.eval()

    train_mode()
    t0 = time.time()
    t_log = t0
    run_loss = None
    last_save = time.time()

    def save() -> None:
        tmp = ckpt_path + ".tmp"
        state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
        torch.save({"model": state, "opt": opt.state_dict(), "step": step,
                    "elapsed": elapsed + time.time() - t0, "meta": meta}, tmp)
        os.replace(tmp, ckpt_path)  # atomic: a killed session never leaves a half checkpoint

    def evaluate() -> None:
        cpu = DigitSSD(args.width)
        cpu.load_state_dict({k: v.detach().cpu() for k, v in model.state_dict().items()})
        m = synthetic_map(cpu, args.size, n=args.val_images)
        if args.frame_ratio:
            m |= number_recall(cpu, args.size, n=args.val_images)
        if args.dev:
            m["dev_number_acc"] = dev_accuracy(cpu, args.dev, args.size)
        rec = {"step": step, "loss": run_loss, "minutes": (elapsed + time.time() - t0) / 60, **m}
        print("eval", json.dumps(rec), flush=True)
        with open(log_path, "a") as f:
            f.write(json.dumps(rec) + "\n")

    for x, t_cls, t_box in dl:
        lr = args.lr * min(1.0, (step + 1) / max(1, warm)) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x = x.to(dev, non_blocking=True).contiguous(memory_format=torch.channels_last)
        t_cls, t_box = t_cls.to(dev, non_blocking=True), t_box.to(dev, non_blocking=True)
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
            evaluate()
            train_mode()
        if args.max_minutes and (time.time() - t0) / 60 > args.max_minutes:
            save()
            print(f"stopping after {args.max_minutes} min at step {step} (resume with the same command)")
            return
        if done:
            break
    save()


if __name__ == "__main__":
    main()
