import { centreX as cx, centreY as cy } from './box-geometry.js';
import type { DigitBox } from './read.js';

/**
 * Two glyphs belong to the same number when they sit side by side on one line (centres within
 * half a digit height vertically, gap under 0.8 heights) or one above the other in a vertical
 * stack, and their heights are alike. A word under a number, or another sign's digits, fail this.
 */
export function sameNumber(a: DigitBox, b: DigitBox): boolean {
  const big = Math.max(a.h, b.h);
  if (Math.min(a.h, b.h) < 0.6 * big) return false;
  const gapX = Math.abs(cx(a) - cx(b)) - (a.w + b.w) / 2;
  const gapY = Math.abs(cy(a) - cy(b)) - (a.h + b.h) / 2;
  const sideBySide = Math.abs(cy(a) - cy(b)) < 0.45 * big && gapX < 0.8 * big;
  const stacked = Math.abs(cx(a) - cx(b)) < 0.35 * big && gapY < 0.5 * big;
  return sideBySide || stacked;
}

/** Connected groups of glyphs under `sameNumber`: each group is one number in view. */
export function groupNumbers<T extends DigitBox>(boxes: T[]): T[][] {
  const parent = boxes.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (sameNumber(boxes[i], boxes[j])) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, T[]>();
  boxes.forEach((b, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), b]);
  });
  return [...groups.values()];
}

/** Weight of a group as "the number being aimed at": confident, large glyphs, and more of them. */
export function groupWeight(group: DigitBox[]): number {
  return group.reduce((s, b) => s + b.score * b.h, 0);
}
