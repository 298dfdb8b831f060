"""SSD loss: softmax cross-entropy with hard negative mining + smooth L1 on positive anchors."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def ssd_loss(logits: torch.Tensor, deltas: torch.Tensor, t_cls: torch.Tensor, t_box: torch.Tensor,
             neg_ratio: int = 3) -> tuple[torch.Tensor, torch.Tensor]:
    """t_cls: 0 background, -1 ignore, k+1 class k. Returns (classification, box) losses."""
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
