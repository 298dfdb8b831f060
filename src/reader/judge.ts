import { digitsOf, type LineText } from './ctc.js';

/**
 * The line reader as the judge of a candidate nobody has read yet (a `number` box, a weak glyph
 * group): it is kept only when every character was read confidently. One or two digits need more
 * than a longer reading: in empty street frames a window bar or a vent reads as "1" or "11" far
 * more often than as "4021". The thresholds are chosen on synthetic empty frames, never on real
 * photos (`scripts/choose-judge.ts`, figures in the model card).
 */
export interface JudgeOptions {
  /** Least per-character confidence for a reading of three or more digits. */
  minConfidence: number;
  /** ...and for one or two digits. */
  minConfidenceShort: number;
  /** At most this many characters that are not digits ("502B", "A12" have one). */
  maxOther: number;
}

export const DEFAULT_JUDGE: JudgeOptions = { minConfidence: 0.7, minConfidenceShort: 0.9, maxOther: 1 };

/** The weakest character's confidence, 0 for an empty reading. */
export const weakest = (t: LineText): number => (t.confidences.length ? Math.min(...t.confidences) : 0);

export function judge(t: LineText, o: JudgeOptions = DEFAULT_JUDGE): boolean {
  const digits = digitsOf(t.text);
  if (!digits || t.text.length - digits.length > o.maxOther) return false;
  return weakest(t) >= (digits.length <= 2 ? o.minConfidenceShort : o.minConfidence);
}
