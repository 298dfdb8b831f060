/**
 * Which reviewed captures train the personal model and which measure it: one in four, by
 * capture (never glyphs of one photo on both sides), in a fixed order so a rerun splits alike.
 */
import { readingOf, relabel, type GlyphGuess } from './relabel.js';
import type { DigitBox } from '../detector/read.js';

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function splitCaptures<T extends { id: string }>(captures: T[]): { train: T[]; heldOut: T[] } {
  const ordered = [...captures].sort((a, b) => hash(a.id) - hash(b.id) || a.id.localeCompare(b.id));
  return { train: ordered.filter((_, i) => i % 4 !== 3), heldOut: ordered.filter((_, i) => i % 4 === 3) };
}

/** Thresholds tried; 1.01 means "never relabel", so the personal model can only match or beat the shipped one. */
export const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01];

export interface HeldOutCase {
  truth: string;
  /** The boxes the detector read the number from. */
  boxes: DigitBox[];
  guesses: GlyphGuess[];
}

/** Reading accuracy of the shipped model, and of shipped + personal at the best threshold (ties: the surer one). */
export function measure(cases: HeldOutCase[]): { shippedCorrect: number; personalCorrect: number; threshold: number } {
  const shippedCorrect = cases.filter((c) => readingOf(c.boxes) === c.truth).length;
  let best = { personalCorrect: -1, threshold: 1.01 };
  for (const t of THRESHOLDS) {
    const right = cases.filter((c) => readingOf(relabel(c.boxes, c.guesses, t)) === c.truth).length;
    if (right >= best.personalCorrect) best = { personalCorrect: right, threshold: t };
  }
  return { shippedCorrect, ...best };
}
