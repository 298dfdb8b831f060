"""Contact sheet of synthetic training scenes with their boxes (green digits, red letters).

    npm run contact-sheet -- --out sheet.png --n 64 --seed 1 --size 160
"""

import argparse

from .synth import SceneGenerator, contact_sheet


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="contact-sheet.png")
    ap.add_argument("--n", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=160)
    a = ap.parse_args()
    contact_sheet(SceneGenerator(a.size, a.seed), a.n, a.out)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
