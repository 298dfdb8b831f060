import { centreX as cx, centreY as cy } from './box-geometry.js';
import { groupNumbers, groupWeight } from './lines.js';

/** One detected digit, in image pixels. */
export interface DigitBox {
  digit: number;
  /** What the line reader read for this glyph ("D" of 502D), where it differs from a class number. */
  label?: string;
  score: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ReadOptions {
  /** A box at least this confident stands on its own. */
  minScore: number;
  /** Boxes shorter than this fraction of the tallest confident digit are dropped (small clutter). */
  minRelativeHeight: number;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { minScore: 0.5, minRelativeHeight: 0.55 };

const spread = (v: number[]): number => Math.max(...v) - Math.min(...v);

/**
 * Groups digit boxes into numbers (lines.ts), keeps the dominant one and reads it in order: left to right, or top to
 * bottom for a vertical stack. Weak boxes (score below minScore, above 0.6 x minScore) count only
 * next to a confident neighbour; isolated weak boxes are dropped.
 * Mirrors read_number in models/training/digitlens/postprocess.py.
 */
export function readNumber(
  boxes: DigitBox[],
  options: ReadOptions = DEFAULT_READ_OPTIONS,
): { reading: string; used: DigitBox[] } {
  const { minScore, minRelativeHeight } = options;
  let digits = boxes.filter((b) => b.score >= minScore * 0.6);
  const confident = digits.filter((b) => b.score >= minScore);
  if (confident.length === 0) return { reading: '', used: [] };
  const tallest = Math.max(...confident.map((b) => b.h));
  digits = digits.filter((b) => b.h >= minRelativeHeight * tallest);
  const kept = digits.filter(
    (b) =>
      b.score >= minScore ||
      digits.some(
        (o) => o !== b && o.score >= minScore && Math.abs(cx(o) - cx(b)) < 1.5 * b.h && Math.abs(cy(o) - cy(b)) < 1.5 * b.h,
      ),
  );
  if (kept.length === 0) return { reading: '', used: [] };
  // One number: the heaviest group of glyphs that sit together (clutter and words elsewhere go).
  const number = groupNumbers(kept).reduce((best, g) => (groupWeight(g) > groupWeight(best) ? g : best));
  return {
    reading: readGroup(number)
      .map((b) => String(b.digit))
      .join(''),
    used: number,
  };
}

/** Glyphs one above the other (a vertical stack), not side by side. */
export function isStack(kept: DigitBox[]): boolean {
  const xs = kept.map(cx);
  const ys = kept.map(cy);
  const meanH = kept.reduce((s, b) => s + b.h, 0) / kept.length;
  return kept.length > 1 && spread(ys) > 1.5 * spread(xs) && spread(ys) > 0.8 * meanH;
}

/** A group's glyphs in reading order: left to right, or top to bottom for a vertical stack. */
export function readGroup(kept: DigitBox[]): DigitBox[] {
  const vertical = isStack(kept);
  return [...kept].sort((a, b) => (vertical ? cy(a) - cy(b) : cx(a) - cx(b)));
}
