"""What the line reader can print, and CTC's greedy decoding (mirrored by src/reader/ctc.ts)."""

from __future__ import annotations

import numpy as np

# Digits, letters (suffixes such as 502B, prefixes such as A12) and one separator (12-14, 5/2).
CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"
BLANK = 0  # CTC blank; class k + 1 is CHARSET[k]
NUM_CLASSES = len(CHARSET) + 1


def normalise(text: str) -> str:
    """Upper case, '/' as the separator, anything else the reader cannot print dropped."""
    t = text.upper().replace("/", "-")
    return "".join(c for c in t if c in CHARSET)


def encode(text: str) -> list[int]:
    return [CHARSET.index(c) + 1 for c in normalise(text)]


def greedy_decode(logits: np.ndarray) -> str:
    """[T, C] scores -> text: best class per step, repeats merged, blanks dropped."""
    best = np.asarray(logits).argmax(-1)
    out, prev = [], BLANK
    for k in best.tolist():
        if k != prev and k != BLANK:
            out.append(CHARSET[k - 1])
        prev = k
    return "".join(out)


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
