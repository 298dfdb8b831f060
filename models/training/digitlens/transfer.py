"""Start a model from weights trained with other anchor shapes or classes.

v2 -> v3 added the thin 0.12 aspect; v3 -> v5 added the long `number` aspects and the `number`
class. Backbone and head towers copy as they are; the last 1x1 convs of the heads hold one group of
outputs per anchor shape, so each new shape takes the outputs of the old shape nearest to it, and
a class the old model lacked starts from the letter logit (text-like, the nearest thing it knew)
with a lower bias, so it begins rare instead of random.
"""

from __future__ import annotations

from .anchors import LEVELS
from .model import NUM_LOGITS, DigitSSD

LETTER_LOGIT = 11  # background 0, digits 1-10, letter 11


def _shapes(level_heights, aspects):
    return [(h, a) for h in level_heights for a in aspects]


def load_transfer(model: DigitSSD, state: dict, old_aspects: tuple[float, ...] | None) -> list[str]:
    """Copies `state` into `model`. Returns the names of head tensors that were remapped."""
    own = model.state_dict()
    remapped = []
    for name, t in state.items():
        if name not in own:
            continue
        if own[name].shape == t.shape:
            own[name] = t
            continue
        if old_aspects is None or not (name.startswith("cls_heads.") or name.startswith("box_heads.")):
            raise ValueError(f"{name}: shape {tuple(t.shape)} does not fit {tuple(own[name].shape)}")
        lvl = LEVELS[int(name.split(".")[1])]
        old = _shapes(lvl.heights, old_aspects)
        new = _shapes(lvl.heights, lvl.aspects)
        cls = name.startswith("cls_heads.")
        per_new = NUM_LOGITS if cls else 4
        per_old = t.shape[0] // len(old)
        src = t.view(len(old), per_old, *t.shape[1:])
        out = own[name].clone().view(len(new), per_new, *own[name].shape[1:])
        for k, (h, a) in enumerate(new):
            j = min(range(len(old)), key=lambda j: (old[j][0] != h, abs(old[j][1] - a)))
            n = min(per_old, per_new)
            out[k, :n] = src[j, :n]
            for extra in range(per_old, per_new):  # classes the old model did not have
                out[k, extra] = src[j, LETTER_LOGIT]
                if name.endswith(".bias"):
                    out[k, extra] -= 2.0
        own[name] = out.view_as(own[name])
        remapped.append(name)
    model.load_state_dict(own)
    return remapped


def old_aspects_of(state: dict) -> tuple[float, ...] | None:
    """The aspects a checkpoint was trained with, from the box head size (v1/v2: 3, v3: 4, v5: 7)."""
    n = state["box_heads.0.1.weight"].shape[0] // 4 // len(LEVELS[0].heights)
    return {3: (0.22, 0.5, 0.8), 4: (0.12, 0.22, 0.5, 0.8), 7: LEVELS[0].aspects}.get(n)


