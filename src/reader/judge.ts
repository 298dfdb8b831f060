import type { NumberSource } from '../detector/whole-frame.js';
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
  /**
   * Least confidence for a one- or two-digit reading of a glyph group the detector found itself
   * (0 keeps them all, as model v4 does): a lone glyph box on a vent is read as "1" at low confidence.
   */
  minConfidenceGlyphShort?: number;
}

export const DEFAULT_JUDGE: JudgeOptions = { minConfidence: 0.7, minConfidenceShort: 0.9, maxOther: 1 };

export function isJudgeOptions(x: unknown): x is JudgeOptions {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  const unit = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  return (
    unit(m.minConfidence) &&
    unit(m.minConfidenceShort) &&
    typeof m.maxOther === 'number' &&
    (m.minConfidenceGlyphShort === undefined || unit(m.minConfidenceGlyphShort))
  );
}

/** The weakest character's confidence, 0 for an empty reading. */
export const weakest = (t: LineText): number => (t.confidences.length ? Math.min(...t.confidences) : 0);

/**
 * Whether a reading stands under thresholds `o`: a `number` box's reading needs the reader's
 * confidence (more for one or two digits); a reading of the detector's own glyph group needs it
 * only where it is one or two digits and `minConfidenceGlyphShort` asks (a reading without the
 * reader's confidence stands).
 */
export function stands(
  n: { reading: string; confidence?: number; source?: NumberSource },
  o: JudgeOptions = DEFAULT_JUDGE,
): boolean {
  const short = n.reading.length <= 2;
  if (n.source === 'number box') return (n.confidence ?? 0) >= (short ? o.minConfidenceShort : o.minConfidence);
  return !short || n.confidence === undefined || n.confidence >= (o.minConfidenceGlyphShort ?? 0);
}

/** The judge of a `number` box's reading: digits, at most `maxOther` other characters, confident enough. */
export function judge(t: LineText, o: JudgeOptions = DEFAULT_JUDGE): boolean {
  const digits = digitsOf(t.text);
  if (!digits || t.text.length - digits.length > o.maxOther) return false;
  return stands({ reading: digits, confidence: weakest(t), source: 'number box' }, o);
}
