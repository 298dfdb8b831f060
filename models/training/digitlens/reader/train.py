"""Train the line reader (CRNN + CTC), resumable and time-boxed.

    /usr/bin/python3 -m digitlens.reader.train --run runs/reader-v1 --steps 8000 \
        --real ../../../shared/data/train-real-digits --max-minutes 90
Re-running the same command resumes from RUN/last.pt; a changed recipe is refused. A GPU is used
where one is lent (--device cuda), the 2-core CPU otherwise.
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

from .charset import greedy_decode
from .data import ReaderDataset, collate
from .model import LineReader

RECIPE_KEYS = ("batch", "k", "seed", "lr", "init", "corrections", "real", "real_ratio")


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default="runs/reader-v1")
    ap.add_argument("--steps", type=int, default=8000)
    ap.add_argument("--batch", type=int, default=16, help="scenes per step (each gives --k crops)")
    ap.add_argument("--k", type=int, default=4)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--val", type=int, default=400, help="synthetic validation crops")
    ap.add_argument("--init", help="start from these weights (fine-tuning on corrections)")
    ap.add_argument("--corrections", nargs="*", default=[], help="correction zips exported by the app (30 %% of items)")
    ap.add_argument("--real", help="train-real-digits folder")
    ap.add_argument("--real-ratio", type=float, default=0.2)
    ap.add_argument("--max-minutes", type=float, default=0, help="stop (checkpointed) after this long")
    return ap.parse_args(argv)


def validation_set(n: int = 400) -> list[tuple[torch.Tensor, str]]:
    """Fixed synthetic crops from a seed no training run uses."""
    ds = ReaderDataset(seed=999_331, length=n, k=1)
    out = []
    for i in range(n):
        for im, t in ds.crops(i):
            from .preprocess import region_input
            out.append((region_input(im), t))
    return out


def accuracy(model: LineReader, val: list[tuple[torch.Tensor, str]]) -> float:
    model.eval()
    with torch.no_grad():
        x = torch.stack([v[0] for v in val])
        logits = torch.cat([model(x[i:i + 128]) for i in range(0, len(x), 128)])
    ok = sum(greedy_decode(l.numpy()) == t for l, (_, t) in zip(logits, val))
    return ok / max(1, len(val))


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    dev = torch.device(args.device)
    os.makedirs(args.run, exist_ok=True)
    ckpt_path = os.path.join(args.run, "last.pt")
    log_path = os.path.join(args.run, "log.jsonl")
    meta = {k: getattr(args, k) for k in RECIPE_KEYS} | {"steps": args.steps}

    model = LineReader()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    step, elapsed = 0, 0.0
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location="cpu")
        diff = {k: (ck["meta"].get(k), meta[k]) for k in RECIPE_KEYS if ck["meta"].get(k) != meta[k]}
        if diff:
            sys.exit(f"refusing to resume {ckpt_path}: its recipe differs {diff}; use a new --run folder")
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, elapsed = ck["step"], ck.get("elapsed", 0.0)
        print(f"resumed from {ckpt_path} at step {step}", flush=True)
    elif args.init:
        ck = torch.load(args.init, map_location="cpu")
        model.load_state_dict(ck["model"] if "model" in ck else ck)
        print(f"fine-tuning from {args.init}", flush=True)
    model.to(dev).to(memory_format=torch.channels_last)

    extra: list = []
    if args.corrections:
        from .real_lines import correction_lines
        for z in args.corrections:
            extra += correction_lines(z)
        print(f"corrections: {len(extra)} crops from {len(args.corrections)} zip(s)", flush=True)
    with open(os.path.join(args.run, "config.json"), "w") as f:
        json.dump(meta, f, indent=2)

    ds = ReaderDataset(args.seed, args.steps * args.batch, args.k, args.real, args.real_ratio, extra, 0.3)
    mp = {"persistent_workers": True, "prefetch_factor": 4} if args.workers > 0 else {}
    dl = DataLoader(ds, batch_size=args.batch, sampler=range(step * args.batch, args.steps * args.batch),
                    num_workers=args.workers, collate_fn=collate, **mp)
    val = validation_set(args.val)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    warm = min(200, args.steps // 10)
    t0 = t_log = last_save = time.time()
    run_loss = None
    seen = 0

    def save() -> None:
        tmp = ckpt_path + ".tmp"
        state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
        torch.save({"model": state, "opt": opt.state_dict(), "step": step,
                    "elapsed": elapsed + time.time() - t0, "meta": meta}, tmp)
        os.replace(tmp, ckpt_path)  # atomic: a killed session never leaves half a checkpoint

    def evaluate() -> None:
        cpu = LineReader()
        cpu.load_state_dict({k: v.detach().cpu() for k, v in model.state_dict().items()})
        rec = {"step": step, "loss": run_loss, "minutes": (elapsed + time.time() - t0) / 60,
               "synthetic_text_acc": accuracy(cpu, val)}
        print("eval", json.dumps(rec), flush=True)
        with open(log_path, "a") as f:
            f.write(json.dumps(rec) + "\n")

    model.train()
    for x, targets, lengths in dl:
        lr = args.lr * min(1.0, (step + 1) / max(1, warm)) * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        x = x.to(dev).contiguous(memory_format=torch.channels_last)
        logp = model(x).log_softmax(-1).permute(1, 0, 2)  # [T, N, C] for CTCLoss
        steps_t = torch.full((x.shape[0],), logp.shape[0], dtype=torch.long)
        loss = ctc(logp.cpu() if dev.type != "cpu" else logp, targets, steps_t, lengths)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        step += 1
        seen += x.shape[0]
        run_loss = loss.item() if run_loss is None else 0.98 * run_loss + 0.02 * loss.item()
        if step % 50 == 0:
            now = time.time()
            ips = seen / (now - t_log)
            t_log, seen = now, 0
            eta = (args.steps - step) * args.batch * args.k / max(ips, 1e-6) / 60
            print(f"step {step}/{args.steps} loss {run_loss:.3f} lr {lr:.2e} {ips:.0f} crops/s eta {eta:.0f} min",
                  flush=True)
        if time.time() - last_save > 120:
            save()
            last_save = time.time()
        done = step >= args.steps
        if step % args.eval_every == 0 or done:
            save()
            evaluate()
            model.train()
        if args.max_minutes and (time.time() - t0) / 60 > args.max_minutes:
            save()
            print(f"stopping after {args.max_minutes} min at step {step} (resume with the same command)", flush=True)
            return
        if done:
            break
    save()


if __name__ == "__main__":
    main()
